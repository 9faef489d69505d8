import { useState } from 'react';
import { Bell } from 'lucide-react';
import type { DeadlineNotification } from '../../src-preload/contract';
import { CloseButton } from '../app/CloseButton';
import { useUi } from '../app/ui-store';
import { invoke, useConsoleEvent } from '../ipc/client';
import './deadline-notifications.css';

const SHOWN = 3;

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
  if (items.length === 0) return null;
  return (
    <aside className="deadline-toasts" aria-label="Deadline notifications" aria-live="polite">
      {items.slice(0, SHOWN).map((n) => (
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
      {items.length > SHOWN ? (
        <button type="button" className="link" onClick={() => setItems([])}>
          {items.length - SHOWN} more — dismiss all
        </button>
      ) : null}
    </aside>
  );
}
