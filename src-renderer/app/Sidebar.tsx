import {
  Activity,
  AlertTriangle,
  Circle,
  CreditCard,
  FileText,
  History,
  Repeat,
  Settings,
  ShieldAlert,
  Users,
  Wallet,
  type LucideIcon,
} from 'lucide-react';
import { useUi, VIEWS, type View } from './ui-store';

const LABELS: Record<View, string> = {
  customers: 'Customers',
  payments: 'Payments',
  subscriptions: 'Subscriptions',
  invoices: 'Invoices',
  disputes: 'Disputes',
  radar: 'Fraud & reviews',
  balance: 'Balance & payouts',
  events: 'Events',
  activity: 'Activity',
  settings: 'Settings',
};

/** A view without an icon of its own gets a plain dot rather than breaking the build. */
const ICONS: Partial<Record<View, LucideIcon>> = {
  customers: Users,
  payments: CreditCard,
  subscriptions: Repeat,
  invoices: FileText,
  disputes: AlertTriangle,
  radar: ShieldAlert,
  balance: Wallet,
  events: History,
  activity: Activity,
  settings: Settings,
};

export function Sidebar() {
  const view = useUi((s) => s.view);
  const navigate = useUi((s) => s.navigate);
  return (
    <nav className="sidebar" aria-label="Main">
      <ul>
        {VIEWS.map((v, index) => {
          const Icon = ICONS[v] ?? Circle;
          const shortcut = index < 9 ? ` (Alt+${index + 1})` : '';
          return (
            <li key={v}>
              <button
                type="button"
                className={v === view ? 'active' : ''}
                aria-current={v === view ? 'page' : undefined}
                onClick={() => navigate(v)}
                title={`${LABELS[v]}${shortcut}`}
              >
                <Icon size={18} aria-hidden="true" className="icon" />
                <span className="nav-label">{LABELS[v]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
