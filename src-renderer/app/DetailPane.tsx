import { useEffect, useRef, type ReactNode } from 'react';
import { ArrowLeft } from 'lucide-react';
import { useUi } from './ui-store';

/**
 * The pane an opened object shows in. Focus moves into it when it opens (so Tab reaches its actions first) and
 * back to the list when it closes; after a drill-down it offers the way back.
 */
export function DetailPane({ label, children }: { label: string; children: ReactNode }) {
  const pane = useRef<HTMLDivElement>(null);
  const returnTo = useUi((s) => s.returnTo);
  const closePane = useUi((s) => s.closePane);
  useEffect(() => {
    const node = pane.current;
    node?.focus({ preventScroll: true });
    const list = node?.parentElement?.querySelector<HTMLElement>('[role="grid"]');
    return () => list?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={pane} className="detail-pane" role="region" aria-label={label} tabIndex={-1}>
      {returnTo ? (
        <button type="button" className="link back-link" onClick={closePane}>
          <ArrowLeft size={14} aria-hidden="true" /> Back to{' '}
          {returnTo.view === 'customers' ? 'customer' : returnTo.view}
        </button>
      ) : null}
      {children}
    </div>
  );
}
