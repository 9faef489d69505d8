import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCall, useConsoleEvent, useMutationCall } from '../ipc/client';
import { ErrorState, Loading } from '../app/states';
import { useScope } from '../app/session';
import { When } from '../ui/time';
import type { TeamModeStatus } from '../../src-preload/contract';
import './team-mode.css';

const STATE_WORDS: Record<TeamModeStatus['state'], string> = {
  off: 'Off — this console syncs its accounts with Stripe itself.',
  connecting: 'Connecting to the team database…',
  connected: 'Connected — data comes from the team’s sync service.',
  unreachable: 'The team database can’t be reached. The copy on this computer stays readable.',
  refused: 'The team database refused this console.',
};

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

/**
 * Settings → Team: point this console at the team's sync (PostgreSQL). The address is kept in Settings and the
 * role's password in the OS keychain only; the console then copies the team's data instead of asking Stripe.
 */
export function TeamModeSettings() {
  const scope = useScope();
  const queryClient = useQueryClient();
  const input = { scope };
  const status = useCall('team.status', input);
  useConsoleEvent('team.changed', (s) => queryClient.setQueryData(['team.status', input], s));
  const connect = useMutationCall('team.connect', ['team.status', 'sync.status']);
  const disconnect = useMutationCall('team.disconnect', ['team.status', 'sync.status']);
  const [databaseUrl, setDatabaseUrl] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // On an error both fields keep what was typed; only a connection that worked clears the password.
    connect.mutate({ databaseUrl, password }, { onSuccess: () => setPassword('') });
  };

  const current = status.data;
  return (
    <section className="team-mode-settings" aria-labelledby="team-mode-heading">
      <h2 id="team-mode-heading">Team sync</h2>
      <p className="hint">
        With a team sync, one service syncs Stripe for everyone and this console reads from it: Stripe sees one sync
        whatever the size of the team, and two agents can’t refund the same payment twice.
      </p>
      {status.isPending ? <Loading /> : null}
      <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      {current ? (
        <div className={`team-status team-${current.state}`} role="status" data-state={current.state}>
          <strong>{STATE_WORDS[current.state]}</strong>
          {current.database ? (
            <div>
              Team database: <code>{current.database}</code>
            </div>
          ) : null}
          {current.message && current.state !== 'connected' ? <div>{current.message}</div> : null}
          {current.state !== 'off' ? (
            <div>
              Last copy: {current.lastCopyAt ? <When seconds={seconds(current.lastCopyAt)} /> : 'not yet'}
              {current.dataAsOf ? (
                <>
                  {' '}
                  · Stripe data as of <When seconds={seconds(current.dataAsOf)} />
                </>
              ) : null}
            </div>
          ) : null}
          {current.state !== 'off' && !current.canAct ? (
            <div>This role can read but not act: refunds and other writes are refused until it may.</div>
          ) : null}
        </div>
      ) : null}
      <form className="settings-form" onSubmit={submit} aria-label="Connect to a team sync">
        <label>
          Team database address
          <input
            name="databaseUrl"
            value={databaseUrl}
            onChange={(e) => setDatabaseUrl(e.target.value)}
            placeholder="postgresql://role@host:5432/stripe_team"
            autoComplete="off"
            spellCheck={false}
            required
          />
        </label>
        <label>
          Role password (kept in the OS keychain)
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="off"
          />
        </label>
        <ErrorState
          error={connect.error}
          title={connect.error?.code === 'offline' ? 'Team database out of reach' : undefined}
        />
        <button type="submit" className="primary" disabled={connect.isPending}>
          {connect.isPending ? 'Connecting…' : current?.state === 'off' ? 'Connect' : 'Connect to this one instead'}
        </button>
      </form>
      {current && current.state !== 'off' ? (
        <>
          <ErrorState error={disconnect.error} />
          <button type="button" onClick={() => disconnect.mutate({})} disabled={disconnect.isPending}>
            Stop using the team sync
          </button>
        </>
      ) : null}
    </section>
  );
}
