import { useUi } from './ui-store';
import { useScope } from './session';
import { NoAccount } from './states';
import { CustomersView } from '../customers/CustomersView';
import { PaymentsView } from '../payments/PaymentsView';
import { SubscriptionsView } from '../subscriptions/SubscriptionsView';
import { DisputesView } from '../disputes/DisputesView';
import { EventsView } from '../events/EventsView';
import { ActivityView } from '../activity/ActivityView';
import { SettingsView } from '../settings/SettingsView';

/** The open view. Data views get the scope as a key, so switching account or mode remounts them with nothing stale. */
export function ViewOutlet() {
  const view = useUi((s) => s.view);
  const scope = useScope();
  if (view === 'settings') return <SettingsView />;
  if (!scope) return <NoAccount />;
  const key = `${scope.accountId}:${scope.mode}`;
  switch (view) {
    case 'customers':
      return <CustomersView key={key} scope={scope} />;
    case 'payments':
      return <PaymentsView key={key} scope={scope} />;
    case 'subscriptions':
      return <SubscriptionsView key={key} scope={scope} />;
    case 'disputes':
      return <DisputesView key={key} scope={scope} />;
    case 'events':
      return <EventsView key={key} scope={scope} />;
    case 'activity':
      return <ActivityView key={key} scope={scope} />;
  }
}
