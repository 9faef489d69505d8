/**
 * `npm run host`: the browser test host by hand — the real main-process services on a temporary data dir with
 * the Demo account, the built renderer served on 127.0.0.1. Open the printed URL in a browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestHost } from './test-host';

async function main(): Promise<void> {
  const dataDir = process.env['SC_DATA_DIR'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sc-host-'));
  const host = await startTestHost({ dataDir, keychainService: `stripe-console-host-${path.basename(dataDir)}` });
  console.log(JSON.stringify({ url: host.url, dataDir }));
  const stop = () => void host.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
