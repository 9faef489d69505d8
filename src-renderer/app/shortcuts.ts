import { useEffect } from 'react';
import { useUi, VIEWS } from './ui-store';

/** Every global shortcut, as the shortcut sheet (`?`) lists them. */
export const SHORTCUTS: { keys: string[]; does: string }[] = [
  { keys: ['/'], does: 'Search customers, payments, invoices, subscriptions and disputes' },
  { keys: ['Ctrl', 'K'], does: 'Search customers' },
  { keys: ['↑', '↓'], does: 'Move through a list (also J and K)' },
  { keys: ['Enter'], does: 'Open the highlighted row' },
  { keys: ['Esc'], does: 'Close the innermost pane, popover or dialog; back to the customer after a drill-down' },
  { keys: ['Alt', '1–7'], does: 'Customers, Payments, Subscriptions, Disputes, Events, Activity, Settings' },
  { keys: ['Ctrl', 'Shift', 'M'], does: 'Switch between test and live mode' },
  { keys: ['?'], does: 'Show this sheet' },
];

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)
  );
}

/** A modal (dialog, confirmation) is open: it owns Escape and the keyboard. */
function modalOpen(): boolean {
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

/** Ctrl/Cmd+K customer search, "/" search everything, "?" shortcut sheet, Alt+1…7 views, Escape closes panes. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useUi.getState();
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        ui.focusSearch();
      } else if (e.key === '/' && !isTyping(e.target) && !modalOpen()) {
        e.preventDefault();
        ui.setOverlay('search');
      } else if (e.key === '?' && !isTyping(e.target) && !modalOpen()) {
        e.preventDefault();
        ui.setOverlay('shortcuts');
      } else if (e.altKey && /^[1-9]$/.test(e.key) && VIEWS[Number(e.key) - 1]) {
        e.preventDefault();
        ui.navigate(VIEWS[Number(e.key) - 1]!);
      } else if (e.key === 'Escape' && !e.defaultPrevented && !modalOpen() && !ui.overlay && ui.selectedId) {
        e.preventDefault();
        ui.closePane();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
