import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';
import { memoryKeychain } from '../support/keychain';
import { until } from '../support/until';
import { asRole } from './pg-harness';
import type { startTeamHarness } from './team-harness';

export { relayTo } from './pg-relay';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
/** Undone after each test, last first. */
export type Cleanups = (() => unknown)[];

/** A login role in one of the team's roles, as an operator creates one for a colleague. */
export async function teamRole(h: Harness, cleanups: Cleanups, role: 'stripe_console_agent' | 'stripe_console_reader') {
  const login = `sc_${role === 'stripe_console_agent' ? 'agent' : 'reader'}_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  await h.db.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE ${role}`);
  cleanups.push(() => h.db.query(`DROP OWNED BY ${login}`).then(() => h.db.query(`DROP ROLE IF EXISTS ${login}`)));
  return { role: login, password };
}

/** A login role in the team's agent role (reader, plus shared ledger and Activity). */
export const agentRole = (h: Harness, cleanups: Cleanups) => teamRole(h, cleanups, 'stripe_console_agent');

/** The address an operator types into Settings: role, host, port, database — no password. */
export function addressOf(h: Harness, role: string, port?: number): string {
  const tcp = new URL(asRole(h.url, role, 'unused'));
  tcp.password = '';
  if (port) tcp.port = String(port);
  return tcp.toString();
}

function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= work());
}

export type ConsoleApp = TestApp & { keychain: ReturnType<typeof memoryKeychain> };

/**
 * A console as the app builds itself (`createConsoleApp` through `startTestApp`), on the harness's emulator and
 * clock, syncing on its own as the app does until Settings switches it to team mode. Stopped after the test.
 */
export async function consoleApp(
  h: Harness,
  cleanups: Cleanups,
  agentName: string,
  sync: TestAppOptions['sync'] = { autoStart: true },
): Promise<ConsoleApp> {
  const keychain = memoryKeychain();
  const t = await startTestApp({ stripe: h.emulator, clock: h.clock, keychain, agentName, sync });
  // Stopped once, whether by the test (a restart) or afterwards.
  const stopApp = t.stop;
  const stop = once(() => stopApp());
  cleanups.push(async () => {
    await stop();
    fs.rmSync(t.dataDir, { recursive: true, force: true });
  });
  return Object.assign(t, { keychain, stop });
}

export const teamStatus = (t: TestApp) => t.call('team.status', { scope: t.scope });

/**
 * Waits for what a console's copy of the team database brings. Each copy is real PostgreSQL work and takes only rows
 * below the cluster's oldest open transaction, so on a loaded, shared cluster it gets more checks than a local wait.
 */
export const untilCopied = (h: Harness, condition: () => boolean | Promise<boolean>, what: string) =>
  until(condition, { clock: h.clock, what, checks: 20_000 });

/**
 * A console switched to team mode from Settings (`team.connect`), once its first copy is in. It starts without
 * syncing on its own: what it would fetch from Stripe before the switch, the team copy brings anyway.
 */
export async function teamConsole(
  h: Harness,
  cleanups: Cleanups,
  agentName: string,
  login: { role: string; password: string },
  /** A relay's port to reach PostgreSQL through, so the test can take the connection down. */
  port?: number,
): Promise<ConsoleApp> {
  const t = await consoleApp(h, cleanups, agentName, { autoStart: false });
  await t.call('team.connect', { databaseUrl: addressOf(h, login.role, port), password: login.password });
  await untilCopied(h, async () => (await teamStatus(t)).state === 'connected', `${agentName}'s first copy`);
  return t;
}
