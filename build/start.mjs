#!/usr/bin/env node
/**
 * `npm start`: the desktop app when Electron's binary is there (or can be fetched); otherwise one line saying why
 * and how to fix it, and the same console in the system browser over the hardened loopback host, so the work
 * can go on. Never a stack trace for a missing binary.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules/electron');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;

/** The binary is there, or fetching it now worked (quietly: its failure is reported by us, in one line). */
function electronBinaryReady() {
  const installed = () =>
    fs.existsSync(path.join(electronDir, 'path.txt')) && fs.existsSync(path.join(electronDir, 'dist'));
  if (installed()) return true;
  if (!fs.existsSync(path.join(electronDir, 'install.js'))) return false;
  const fetch = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: root,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return fetch.status === 0 && installed();
}

function openInBrowser(url) {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // no opener (a server): the printed URL is enough
  child.unref();
}

async function browserConsole() {
  // The host runs the main-process services under Node: better-sqlite3 must be built for Node's ABI.
  execFileSync(process.execPath, [path.join(root, 'build/native-abi.mjs'), 'node'], { cwd: root, stdio: 'inherit' });
  if (!run(npx, ['electron-vite', 'build', '--logLevel', 'warn'])) process.exit(1);
  const dataDir = process.env['SC_DATA_DIR'] ?? path.join(os.homedir(), '.stripe-console-browser');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const host = spawn(npx, ['tsx', 'test/host/main.ts'], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
    env: { ...process.env, SC_DATA_DIR: dataDir },
  });
  const stop = () => host.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  host.on('exit', (code) => process.exit(code ?? 0));
  for await (const line of readline.createInterface({ input: host.stdout })) {
    const url = (() => {
      try {
        return JSON.parse(line).url;
      } catch {
        return null;
      }
    })();
    if (!url) continue;
    console.log(`Stripe Console is open in your browser at ${url} (loopback only; Ctrl+C stops it).`);
    openInBrowser(url);
  }
}

if (electronBinaryReady()) {
  execFileSync(process.execPath, [path.join(root, 'build/native-abi.mjs'), 'electron'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(run(npx, ['electron-vite', 'preview']) ? 0 : 1);
} else {
  console.log(
    "Electron's binary isn't installed and couldn't be downloaded (offline or a blocked mirror) — fix: with network access run `node node_modules/electron/install.js` (or set ELECTRON_MIRROR), then `npm start`; meanwhile the console opens in your browser.",
  );
  await browserConsole();
}
