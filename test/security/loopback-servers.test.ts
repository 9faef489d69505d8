import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import type { TestHost } from '../host/test-host';
import { request } from './harness';

/**
 * DNS rebinding and cross-site pages against the browser test host (page + WebSocket) and the emulator: only
 * their own Host is served, and a foreign Origin is refused — over real HTTP on 127.0.0.1.
 */
let host: TestHost;
let hostPort: number;
let token: string;
let emulator: RunningEmulator;
const dirs: string[] = [];
const keychainService = `stripe-console-security-host-${randomUUID()}`;

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-loopback-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  // A stand-in renderer build, so this test needs no `npm run build` (the host only serves it).
  const out = tempDir();
  fs.mkdirSync(path.join(out, 'renderer'));
  fs.writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  process.env['SC_OUT_DIR'] = out;
  const { startTestHost } = await import('../host/test-host');
  host = await startTestHost({ dataDir: tempDir(), keychainService, demo: false });
  hostPort = Number(new URL(host.url).port);
  const page = await request(hostPort, { headers: { host: `127.0.0.1:${hostPort}` } });
  token = /name="sc-test-token" content="([0-9a-f]+)"/.exec(page.body)![1]!;
  emulator = await startEmulator({ customers: 3 });
}, 60_000);

afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
  for (const entry of await keytar.findCredentials(keychainService))
    await keytar.deletePassword(keychainService, entry.account);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the IPC socket with the given headers; resolves with whether it opened. */
function connect(headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${hostPort}/__ipc?token=${token}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(true);
    });
    ws.on('error', () => resolve(false));
  });
}

describe('browser test host', () => {
  it('serves its page (and token) only under its own Host', async () => {
    const rebound = await request(hostPort, { headers: { host: `rebind.attacker.example:${hostPort}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain(token);
    expect((await request(hostPort, { headers: { host: `localhost:${hostPort}` } })).status).toBe(200);
  });

  it('refuses a page from another origin, even one that knows the token', async () => {
    const crossSite = await request(hostPort, {
      headers: { host: `127.0.0.1:${hostPort}`, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('opens the IPC socket only for its own Host and Origin', async () => {
    const own = `http://127.0.0.1:${hostPort}`;
    expect(await connect({ origin: own })).toBe(true);
    expect(await connect({ origin: 'http://evil.example' })).toBe(false);
    expect(await connect({ origin: own, host: `rebind.attacker.example:${hostPort}` })).toBe(false);
    expect(await connect({ origin: `http://rebind.attacker.example:${hostPort}` })).toBe(false);
  });
});

describe('emulator', () => {
  const get = (headers: Record<string, string>) =>
    request(emulator.port, {
      path: '/v1/customers?limit=1',
      headers: { authorization: `Bearer ${emulator.keys.test}`, ...headers },
    });

  it('answers its own Host (as the SDK sends it) and refuses a rebound Host or a foreign Origin', async () => {
    expect((await get({ host: `127.0.0.1:${emulator.port}` })).status).toBe(200);
    const rebound = await get({ host: `rebind.attacker.example:${emulator.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('cus_');
    expect((await get({ host: `127.0.0.1:${emulator.port}`, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses a cross-site form post before it could write anything', async () => {
    const answer = await request(emulator.port, {
      method: 'POST',
      path: '/v1/customers',
      headers: {
        host: `127.0.0.1:${emulator.port}`,
        origin: 'null',
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${emulator.keys.test}`,
      },
      body: 'name=Planted',
    });
    expect(answer.status).toBe(403);
    const list = await get({ host: `127.0.0.1:${emulator.port}` });
    expect(list.body).not.toContain('Planted');
  });
});
