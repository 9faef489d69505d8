import { lazy, Suspense, useEffect } from 'react';
import { ShieldAlert } from 'lucide-react';
import { useSession } from './session';
import { useUi } from './ui-store';
import { Sidebar } from './Sidebar';
import { Header } from './Header';
import { StatusBar } from './StatusBar';
import { DeadlineNotifications } from '../disputes/DeadlineNotifications';
import { ViewOutlet } from './ViewOutlet';
import { useGlobalShortcuts } from './shortcuts';
import { useAccountName } from './account-name';

const ShortcutSheet = lazy(() => import('./ShortcutSheet').then((m) => ({ default: m.ShortcutSheet })));
const GlobalSearch = lazy(() => import('../search/GlobalSearch').then((m) => ({ default: m.GlobalSearch })));

export function App() {
  const session = useSession().data;
  const live = session?.mode === 'live';
  const accountName = useAccountName(session?.accountId ?? null);
  const overlay = useUi((s) => s.overlay);
  const setOverlay = useUi((s) => s.setOverlay);
  useGlobalShortcuts();

  // The window title says the mode first, so live is unmistakable even in the task switcher.
  useEffect(() => {
    const mode = live ? 'LIVE' : 'Test mode';
    document.title = accountName ? `${mode} — ${accountName} — Stripe Console` : 'Stripe Console';
  }, [live, accountName]);

  return (
    <div className={`app-frame ${live ? 'mode-live' : 'mode-test'}`} data-mode={session?.mode ?? 'test'}>
      {live ? (
        <div className="live-banner" role="alert" data-testid="live-banner">
          <ShieldAlert size={16} aria-hidden="true" /> LIVE MODE — actions move real money
        </div>
      ) : null}
      <Header />
      <div className="app-body">
        <Sidebar />
        <main className="app-content" data-view={useUi((s) => s.view)}>
          <ViewOutlet />
        </main>
      </div>
      <StatusBar />
      <DeadlineNotifications />
      <Suspense fallback={null}>
        {overlay === 'shortcuts' ? <ShortcutSheet onClose={() => setOverlay(null)} /> : null}
        {overlay === 'search' && session?.accountId ? (
          <GlobalSearch scope={{ accountId: session.accountId, mode: session.mode }} onClose={() => setOverlay(null)} />
        ) : null}
      </Suspense>
    </div>
  );
}
