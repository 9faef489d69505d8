import { useEffect } from 'react';
import { useSession } from './session';
import { useUi } from './ui-store';
import { Sidebar } from './Sidebar';
import { Header } from './Header';
import { StatusBar } from './StatusBar';
import { ViewOutlet } from './ViewOutlet';
import { useGlobalShortcuts } from './shortcuts';
import { useAccountName } from './account-name';

export function App() {
  const session = useSession().data;
  const live = session?.mode === 'live';
  const accountName = useAccountName(session?.accountId ?? null);
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
          LIVE MODE — actions move real money
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
    </div>
  );
}
