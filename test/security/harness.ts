import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { createConsoleApp, type ConsoleApp, type ConsoleAppOptions } from '../../src-main/app/composition';
import { ConsoleError, type CallName, type Scope } from '../../src-preload/contract';
import { startEmulatedStripe } from '../accounts/emulated-stripe';

export type EmulatedStripe = Awaited<ReturnType<typeof startEmulatedStripe>>;
export { startEmulatedStripe };

export interface SecurityApp {
  app: ConsoleApp;
  dataDir: string;
  keychainService: string;
  /** Every event the renderer would have been sent. */
  sent: { name: string; payload: unknown }[];
  call<T = unknown>(name: CallName, input: unknown): Promise<T>;
  /** A call that must fail: its typed error (never `internal`). */
  fail(name: CallName, input: unknown): Promise<{ code: string; message: string }>;
  stop(): Promise<void>;
  /** stop(), then the data dir and this run's keychain entries go. */
  destroy(): Promise<void>;
}

/** The whole app as composition.ts builds it, on a temp data dir and the real OS keychain (a per-run service). */
export async function startSecurityApp(
  options: Partial<ConsoleAppOptions> & { keys?: string[] } = {},
): Promise<SecurityApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sc-security-'));
  const keychainService = options.keychainService ?? `stripe-console-security-${randomUUID()}`;
  const { keys = [], ...appOptions } = options;
  const app = createConsoleApp({
    demo: false,
    sync: { autoStart: false },
    ...appOptions,
    dataDir,
    keychainService,
  });
  const sent: SecurityApp['sent'] = [];
  app.events.subscribe((name, payload) => sent.push({ name, payload }));
  await app.start();
  const dispatch = async (name: CallName, input: unknown) =>
    (await app.router.dispatch(name, input)) as
      | { ok: true; value: unknown }
      | { ok: false; error: { code: string; message: string } };
  const harness: SecurityApp = {
    app,
    dataDir,
    keychainService,
    sent,
    async call<T>(name: CallName, input: unknown) {
      const result = await dispatch(name, input);
      if (!result.ok) throw new ConsoleError(result.error.code as never, result.error.message);
      return result.value as T;
    },
    async fail(name, input) {
      const result = await dispatch(name, input);
      if (result.ok) throw new Error(`${name} succeeded but had to fail`);
      return result.error;
    },
    stop: () => app.stop(),
    async destroy() {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      for (const entry of await keytar.findCredentials(keychainService))
        await keytar.deletePassword(keychainService, entry.account);
    },
  };
  for (const key of keys) await harness.call('accounts.add', { key });
  return harness;
}

/** A port nothing listens on right now (the receiver's setting must name one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RawAnswer {
  status: number;
  body: string;
}

/** A raw HTTP request, so the test controls every header (Host and Origin included), as a hostile page's would. */
export function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Every file under a directory, with its bytes. */
export function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .map((file) => ({ file, bytes: fs.readFileSync(file) }));
}

export const scopeKey = (scope: Scope) => `${scope.accountId}:${scope.mode}`;
