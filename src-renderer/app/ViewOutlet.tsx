import { lazy, Suspense } from 'react';
import { useUi } from './ui-store';
import { useScope } from './session';
import { Loading, NoAccount } from './states';
// The first view (the window opens on Customers) comes with the app's code: a lazy view's first render suspends
// even when its code is in, so the first rows would need a render of the fallback and another of the view.
import { CustomersView } from '../customers/CustomersView';

// One chunk per other view, loaded when first opened.
const PaymentsView = lazy(() => import('../payments/PaymentsView').then((m) => ({ default: m.PaymentsView })));
const SubscriptionsView = lazy(() =>
  import('../subscriptions/SubscriptionsView').then((m) => ({ default: m.SubscriptionsView })),
);
const InvoicesView = lazy(() => import('../invoices/InvoicesView').then((m) => ({ default: m.InvoicesView })));
const DisputesView = lazy(() => import('../disputes/DisputesView').then((m) => ({ default: m.DisputesView })));
const RadarView = lazy(() => import('../radar/RadarView').then((m) => ({ default: m.RadarView })));
const BalanceView = lazy(() => import('../balance/BalanceView').then((m) => ({ default: m.BalanceView })));
const EventsView = lazy(() => import('../events/EventsView').then((m) => ({ default: m.EventsView })));
const ActivityView = lazy(() => import('../activity/ActivityView').then((m) => ({ default: m.ActivityView })));
const SettingsView = lazy(() => import('../settings/SettingsView').then((m) => ({ default: m.SettingsView })));

/** The open view. Data views get the scope as a key, so switching account or mode remounts them with nothing stale. */
export function ViewOutlet() {
  return (
    <Suspense fallback={<Loading label="Opening…" />}>
      <OpenView />
    </Suspense>
  );
}

function OpenView() {
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
    case 'invoices':
      return <InvoicesView key={key} scope={scope} />;
    case 'disputes':
      return <DisputesView key={key} scope={scope} />;
    case 'radar':
      return <RadarView key={key} scope={scope} />;
    case 'balance':
      return <BalanceView key={key} scope={scope} />;
    case 'events':
      return <EventsView key={key} scope={scope} />;
    case 'activity':
      return <ActivityView key={key} scope={scope} />;
  }
}
