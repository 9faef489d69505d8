import { lazy, Suspense } from 'react';
import { Search, Zap } from 'lucide-react';
import { AccountSwitcher } from '../accounts/AccountSwitcher';
import { ModeSwitch } from '../accounts/ModeSwitch';
import { useUi } from './ui-store';
import { useAfterFirstView } from './first-view';

// Its own chunk, loaded once the first view is shown: the disputes contract it reads brings zod with it.
const DisputeDeadlineAlert = lazy(() =>
  import('../disputes/DisputeDeadlineAlert').then((m) => ({ default: m.DisputeDeadlineAlert })),
);

export function Header() {
  const setOverlay = useUi((s) => s.setOverlay);
  const afterFirstView = useAfterFirstView();
  return (
    <header className="app-header">
      <div className="brand">
        <Zap size={18} aria-hidden="true" className="icon" />
        <span className="brand-name">Stripe Console</span>
      </div>
      <ModeSwitch />
      <AccountSwitcher />
      {afterFirstView ? (
        <Suspense fallback={null}>
          <DisputeDeadlineAlert />
        </Suspense>
      ) : null}
      <button
        type="button"
        className="search-launcher"
        onClick={() => setOverlay('search')}
        title="Search customers, payments, invoices, subscriptions and disputes (/)"
        aria-label="Search everything"
      >
        <Search size={16} aria-hidden="true" className="icon" />
        <span className="launcher-text">Search everything…</span> <kbd>/</kbd>
      </button>
    </header>
  );
}
