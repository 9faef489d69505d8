import { useEffect } from 'react';
import { useUi, VIEWS } from './ui-store';

/** Ctrl/Cmd+K or "/" jumps to customer search from anywhere; Alt+1…7 switch views. */
export function useGlobalShortcuts(): void {
  const focusSearch = useUi((s) => s.focusSearch);
  const navigate = useUi((s) => s.navigate);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        focusSearch();
      } else if (e.key === '/' && !typing) {
        e.preventDefault();
        focusSearch();
      } else if (e.altKey && /^[1-7]$/.test(e.key)) {
        e.preventDefault();
        navigate(VIEWS[Number(e.key) - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusSearch, navigate]);
}
