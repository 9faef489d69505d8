#!/usr/bin/env node
/**
 * better-sqlite3 is a native module built for one ABI at a time: Node's for tests, Electron's for the app.
 * `node build/native-abi.mjs node|electron` rebuilds it for the wanted runtime only when the current build
 * doesn't load there, so `npm start` and `npm test` never break each other. keytar is N-API: one build serves both.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not URL.pathname: a Windows drive letter or a space in the path must survive.
const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.argv[2];
const probe = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";

function loads(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  return result.status === 0;
}

function rebuild(env) {
  console.log(`[native-abi] rebuilding better-sqlite3 for ${target}…`);
  execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

if (target === 'node') {
  if (!loads(process.execPath, ['-e', probe])) rebuild({});
  if (!loads(process.execPath, ['-e', probe]))
    throw new Error('better-sqlite3 does not load under Node after a rebuild');
} else if (target === 'electron') {
  const electronDir = path.join(root, 'node_modules/electron');
  if (!fs.existsSync(path.join(electronDir, 'dist'))) {
    // `npm ci` may have skipped the binary (ELECTRON_SKIP_BINARY_DOWNLOAD): fetch it now, on first start.
    console.log('[native-abi] downloading the Electron binary…');
    execFileSync(process.execPath, [path.join(electronDir, 'install.js')], {
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    });
  }
  const require = createRequire(import.meta.url);
  const electronBinary = require(electronDir); // the package's main only resolves the binary path
  const version = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const asElectron = ['-e', probe];
  if (!loads(electronBinary, asElectron, { ELECTRON_RUN_AS_NODE: '1' })) {
    rebuild({
      npm_config_runtime: 'electron',
      npm_config_target: version,
      npm_config_disturl: 'https://electronjs.org/headers',
      npm_config_nodedir: '',
    });
  }
} else {
  console.error('usage: node build/native-abi.mjs node|electron');
  process.exit(2);
}
