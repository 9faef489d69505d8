import { useState, useSyncExternalStore } from 'react';
import { Bell } from 'lucide-react';
import type { DeadlineNotification } from '../../src-preload/contract';
import { CloseButton } from '../app/CloseButton';
import { useUi } from '../app/ui-store';
import { invoke, useConsoleEvent } from '../ipc/client';
import './deadline-notifications.css';

/** How many toasts show at once: one in a short window, where three covered half the pane and its actions. */
const SHORT_WINDOW = '(max-height: 760px)';
const shortWindow = () => matchMedia(SHORT_WINDOW).matches;
const onWindowHeight = (changed: () => void) => {
  const query = matchMedia(SHORT_WINDOW);
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
};

/**
 * In-window copies of the deadline notifications main raises for every account and mode (the OS shows them too,
 * where there is one). A click switches to the dispute's account and mode and opens it.
 */
export function DeadlineNotifications() {
  const [items, setItems] = useState<DeadlineNotification[]>([]);
  const navigate = useUi((s) => s.navigate);
  useConsoleEvent('notifications.deadline', (n) => setItems((list) => [n, ...list.filter((x) => x.id !== n.id)]));
  useConsoleEvent('notifications.open-dispute', ({ disputeId }) => navigate('disputes', disputeId));
  const dismiss = (id: string) => setItems((list) => list.filter((x) => x.id !== id));
  const shown = useSyncExternalStore(onWindowHeight, shortWindow) ? 1 : 3;
  if (items.length === 0) return null;
  return (
    <aside className="deadline-toasts" aria-label="Deadline notifications" aria-live="polite">
      {items.slice(0, shown).map((n) => (
        <div
          key={n.id}
          className={`deadline-toast ${n.mode}`}
          data-testid="deadline-notification"
          data-dispute={n.disputeId}
        >
          <button
            type="button"
            className="toast-open"
            onClick={() => {
              dismiss(n.id);
              void invoke('notifications.open', { accountId: n.accountId, mode: n.mode, disputeId: n.disputeId });
            }}
          >
            <Bell size={14} aria-hidden="true" /> <strong>{n.title}</strong>
            <span>{n.body}</span>
          </button>
          <CloseButton label="Dismiss" onClick={() => dismiss(n.id)} />
        </div>
      ))}
      {items.length > shown ? (
        <button type="button" className="link" onClick={() => setItems([])}>
          {items.length - shown} more — dismiss all
        </button>
      ) : null}
    </aside>
  );
}
