import { useUi, VIEWS, type View } from './ui-store';

const LABELS: Record<View, string> = {
  customers: 'Customers',
  payments: 'Payments',
  subscriptions: 'Subscriptions',
  disputes: 'Disputes',
  events: 'Events',
  activity: 'Activity',
  settings: 'Settings',
};

export function Sidebar() {
  const view = useUi((s) => s.view);
  const navigate = useUi((s) => s.navigate);
  return (
    <nav className="sidebar" aria-label="Main">
      <ul>
        {VIEWS.map((v, index) => (
          <li key={v}>
            <button
              type="button"
              className={v === view ? 'active' : ''}
              aria-current={v === view ? 'page' : undefined}
              onClick={() => navigate(v)}
              title={`${LABELS[v]} (Alt+${index + 1})`}
            >
              {LABELS[v]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
