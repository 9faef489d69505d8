import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type InlineConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import {
  contentSecurityPolicy,
  isTrustedSender,
  oncePerObject,
  rendererFileUrl,
  withDevelopmentPolicy,
} from '../../src-main/window/security';

const ROOT = path.resolve(__dirname, '../..');

describe('Electron entry points', () => {
  it('hardens a webContents once, however many times it is reported', () => {
    const hardened: object[] = [];
    const harden = oncePerObject((contents: object) => void hardened.push(contents));
    const main = {};
    const popup = {};
    harden(main); // createWindow
    harden(main); // web-contents-created for the same contents
    harden(popup);
    expect(hardened).toEqual([main, popup]);
  });

  it('trusts only the app page when the install path has #, ? or spaces in it', () => {
    const mainDir = '/opt/Stripe Console #2?/resources/app.asar/out/main';
    const appUrl = rendererFileUrl(mainDir);
    const sender = (file: string) => ({ frameUrl: file, isMainFrame: true, webContentsId: 1 });
    const trusted = { webContentsId: 1, appUrl };
    expect(isTrustedSender(sender(appUrl), trusted)).toBe(true);
    // What a concatenated `file://` URL would have trusted: anything under "/opt/Stripe Console ".
    const elsewhere = rendererFileUrl('/opt/Stripe Console /other/main');
    expect(isTrustedSender(sender(elsewhere), trusted)).toBe(false);
    expect(isTrustedSender(sender(`file://${path.join(mainDir, '../renderer/index.html')}`), trusted)).toBe(false);
  });

  it('gives `npm run dev` inline styles under the CSP, and production never', () => {
    const html = fs.readFileSync(path.join(ROOT, 'src-renderer/index.html'), 'utf8');
    const policy = (page: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
    const dev = policy(withDevelopmentPolicy(html, 'http://localhost:5173'));
    expect(/style-src ([^;]*)/.exec(dev)![1]).toBe("'self' http://localhost:5173 'unsafe-inline'");
    expect(/script-src ([^;]*)/.exec(dev)![1]).toBe("'self' http://localhost:5173");
    expect(dev).not.toContain('unsafe-eval');
    expect(policy(html)).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy()).not.toContain('unsafe-inline');
  });

  it('serves that development policy from the Vite dev server (`npm run dev`)', async () => {
    const renderer = (config as unknown as { renderer: InlineConfig }).renderer;
    const server = await createServer({ ...renderer, configFile: false, logLevel: 'silent', server: { port: 0 } });
    try {
      await server.listen();
      const page = await (await fetch(server.resolvedUrls!.local[0]!, { headers: { accept: 'text/html' } })).text();
      const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
      expect(/style-src ([^;]*)/.exec(policy)![1]).toMatch(/^'self' http:\/\/localhost:\d+ 'unsafe-inline'$/);
      expect(policy).not.toContain('unsafe-eval');
    } finally {
      await server.close();
    }
  });

  it('finds the project root from build/native-abi.mjs in a path with spaces and #', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc native abi #1 '));
    try {
      fs.mkdirSync(path.join(dir, 'build'));
      fs.copyFileSync(path.join(ROOT, 'build/native-abi.mjs'), path.join(dir, 'build/native-abi.mjs'));
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const run = spawnSync(process.execPath, [path.join(dir, 'build/native-abi.mjs'), 'node'], { encoding: 'utf8' });
      // better-sqlite3 loads from that root as it is: nothing to rebuild, nothing thrown.
      expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
