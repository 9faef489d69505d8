import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AccountsSettings } from '../accounts/AccountsSettings';
import { DeadlineNotificationSettings } from '../disputes/DeadlineNotificationSettings';
import { TeamModeSettings } from './TeamModeSettings';
import { useCall, useConsoleEvent, useMutationCall } from '../ipc/client';
import { ErrorState, Loading } from '../app/states';
import type { Settings } from '../../src-preload/contract';
import { useSession } from '../app/session';

export function SettingsView() {
  const queryClient = useQueryClient();
  useConsoleEvent('settings.changed', (s) => queryClient.setQueryData(['settings.get', {}], s));
  const settings = useCall('settings.get', {});
  return (
    <div className="view settings-view">
      <h1>Settings</h1>
      <section>
        <h2>Accounts</h2>
        <AccountsSettings />
      </section>
      {settings.isPending ? <Loading /> : null}
      <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      {settings.data ? <PreferencesForm settings={settings.data} /> : null}
      <DeadlineNotificationSettings />
      <TeamModeSettings />
    </div>
  );
}

function PreferencesForm({ settings }: { settings: Settings }) {
  const update = useMutationCall('settings.update', ['settings.get']);
  // A signing secret belongs to one account and mode: the one the window shows.
  const session = useSession().data;
  const secretScope = session?.accountId ? { accountId: session.accountId, mode: session.mode } : null;
  const hasScopeSecret = settings.webhookReceiver.secretScopes.some(
    (s) => s.accountId === secretScope?.accountId && s.mode === secretScope?.mode,
  );
  const [agentName, setAgentName] = useState(settings.agentName);
  const [webhookEnabled, setWebhookEnabled] = useState(settings.webhookReceiver.enabled);
  const [webhookPort, setWebhookPort] = useState(String(settings.webhookReceiver.port));
  const [webhookSecret, setWebhookSecret] = useState('');
  const [rateTest, setRateTest] = useState(String(settings.rateBudget.test));
  const [rateLive, setRateLive] = useState(String(settings.rateBudget.live));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      {
        agentName,
        webhookReceiver: {
          enabled: webhookEnabled,
          port: Number(webhookPort),
          ...(webhookSecret && secretScope ? { secret: { scope: secretScope, value: webhookSecret } } : {}),
        },
        rateBudget: { test: Number(rateTest), live: Number(rateLive) },
      },
      { onSuccess: () => setWebhookSecret('') },
    );
  };

  return (
    <form className="settings-form" onSubmit={submit}>
      <section>
        <h2>You</h2>
        <label>
          Agent name (recorded in the Activity log)
          <input value={agentName} onChange={(e) => setAgentName(e.target.value)} maxLength={80} required />
        </label>
      </section>
      <section>
        <h2>Webhook receiver</h2>
        <p className="hint">
          Optional. Forward events with <code>stripe listen --forward-to 127.0.0.1:{webhookPort}/webhooks</code>; the
          receiver only listens on this computer.
        </p>
        <label className="inline">
          <input type="checkbox" checked={webhookEnabled} onChange={(e) => setWebhookEnabled(e.target.checked)} />{' '}
          Enabled
        </label>
        <label>
          Port
          <input
            type="number"
            min={1024}
            max={65535}
            value={webhookPort}
            onChange={(e) => setWebhookPort(e.target.value)}
          />
        </label>
        <label>
          Signing secret for this account in {secretScope?.mode ?? 'test'} mode{' '}
          {hasScopeSecret ? '(stored in the OS keychain — paste to replace)' : ''}
          <input
            type="password"
            autoComplete="off"
            placeholder="whsec_…"
            value={webhookSecret}
            onChange={(e) => setWebhookSecret(e.target.value)}
          />
        </label>
      </section>
      <section>
        <h2>Rate budget</h2>
        <p className="hint">
          Requests per second the console may use per account and mode. Stripe allows about 25/s in test and 100/s in
          live, shared with your production traffic.
        </p>
        <label>
          Test mode (max 25)
          <input type="number" min={1} max={25} value={rateTest} onChange={(e) => setRateTest(e.target.value)} />
        </label>
        <label>
          Live mode (max 100)
          <input type="number" min={1} max={100} value={rateLive} onChange={(e) => setRateLive(e.target.value)} />
        </label>
      </section>
      <ErrorState error={update.error} />
      <button type="submit" className="primary" disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save settings'}
      </button>
      {update.isSuccess ? <span className="saved">Saved</span> : null}
    </form>
  );
}
