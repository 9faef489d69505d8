import { test, expect, _electron as electron } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const electronDist = path.join(root, 'node_modules/electron/dist');

// Detect the binary without require('electron'), which would try to download it.
test.skip(
  !fs.existsSync(electronDist),
  'Electron binary not installed (node_modules/electron/dist is missing: its download is blocked on this machine); the browser-host project covers the same renderer and services',
);

test.describe('the real Electron app', () => {
  test.beforeAll(() => execFileSync('node', ['build/native-abi.mjs', 'electron'], { cwd: root, stdio: 'inherit' }));
  test.afterAll(() => execFileSync('node', ['build/native-abi.mjs', 'node'], { cwd: root, stdio: 'inherit' }));

  test('opens a sandboxed window on the Demo account', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-electron-'));
    const app = await electron.launch({ args: [root, `--user-data-dir=${userData}`], cwd: root });
    try {
      const window = await app.firstWindow();
      await expect(window.locator('.app-frame')).toBeVisible();
      // The page has the bridge and nothing from Node.
      expect(await window.evaluate(() => typeof (window as unknown as { stripeConsole?: unknown }).stripeConsole)).toBe(
        'object',
      );
      expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await window.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe(
        'undefined',
      );
      await expect(window.getByText('Demo').first()).toBeVisible();
    } finally {
      await app.close();
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });
});
