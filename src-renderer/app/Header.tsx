import { AccountSwitcher } from '../accounts/AccountSwitcher';
import { ModeSwitch } from '../accounts/ModeSwitch';
import { useUi } from './ui-store';
import { DisputeDeadlineAlert } from '../disputes/DisputeDeadlineAlert';

export function Header() {
  const focusSearch = useUi((s) => s.focusSearch);
  return (
    <header className="app-header">
      <div className="brand">Stripe Console</div>
      <AccountSwitcher />
      <ModeSwitch />
      <DisputeDeadlineAlert />
      <button type="button" className="search-launcher" onClick={focusSearch} title="Search customers (Ctrl+K)">
        Search customers… <kbd>Ctrl K</kbd>
      </button>
    </header>
  );
}
