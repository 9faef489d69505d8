import fs from 'node:fs';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';
import { memoryKeychain } from '../support/keychain';
import { until } from '../support/until';
import { asRole } from './pg-harness';
import type { startTeamHarness } from './team-harness';

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

/** A TCP relay to PostgreSQL that the test can take down and bring back, as a network or a server outage would. */
export async function relayTo(port: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let listenPort = 0;
  const up = async () => {
    server = net.createServer((socket) => {
      const upstream = net.connect(port, '127.0.0.1');
      for (const s of [socket, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => server!.listen(listenPort, '127.0.0.1', resolve));
    listenPort = (server!.address() as net.AddressInfo).port;
  };
  const down = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  };
  await up();
  return { port: listenPort, up, down };
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
