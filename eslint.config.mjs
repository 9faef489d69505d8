import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import fs from 'node:fs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const folders = (dir) =>
  fs
    .readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

/*
 * Layers (docs/architecture.md). A feature folder may import the shared layers and the contract, never another
 * feature: main features build on platform/, cache/, stripe/, mutations/ (and app/feature.ts, ipc/router.ts for
 * their types; the Activity log and settings are core services); renderer features on the shell (app/), the IPC
 * client (ipc/), ui/ and money/. The composition roots (src-main/app/, src-renderer/app/) wire features together.
 */
const MAIN_SHARED = ['platform', 'cache', 'stripe', 'mutations'];
/** Roots and shells no feature reaches into, bar the types a feature is written against. */
const MAIN_ROOTS = ['app', 'ipc', 'window', 'emulator'];
const MAIN_CORE_SERVICES = [
  '!../app/feature',
  '!../ipc/router',
  '!../activity/activity-log',
  '!../settings/settings-store',
];
const RENDERER_SHARED = ['app', 'ipc', 'ui', 'money'];
/**
 * Couplings that predate the rule, each to be folded away; new ones fail the lint. Left: subscriptions refunding
 * through payments' refund kind; sync's and team's use of the webhook inbox; the Demo account (accounts/) running
 * the emulator.
 */
const KNOWN_COUPLINGS = {
  main: {
    accounts: ['emulator'],
    sync: ['webhooks'],
    team: ['sync', 'webhooks'],
    subscriptions: ['payments'],
  },
  renderer: {
    customers: ['payments', 'subscriptions'],
    invoices: ['payments'],
    settings: ['accounts', 'disputes'],
    events: ['sync'],
  },
};
const electronInMain = {
  name: 'electron',
  message: 'Only src-main/index.ts imports Electron; services run under plain Node.',
};
const featureBoundaries = (root, shared, known, extra) =>
  folders(`./${root}/`)
    .filter((feature) => !shared.includes(feature) && !(extra.roots ?? []).includes(feature))
    .map((feature) => {
      const others = folders(`./${root}/`).filter(
        (f) => f !== feature && !shared.includes(f) && !(known[feature] ?? []).includes(f),
      );
      return {
        files: [`${root}/${feature}/**/*.{ts,tsx}`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              paths: extra.paths,
              patterns: [
                ...extra.patterns,
                {
                  group: [...others.map((f) => `../${f}/*`), ...(extra.allow ?? [])],
                  message: `A feature imports only the shared layers and the contract, never another feature (${root}/${feature}). Move what both need to a shared folder.`,
                },
              ],
            },
          ],
        },
      };
    });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tmp/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Raw ipcRenderer stays inside the preload bridge.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer'],
              message: 'Only src-preload/index.ts may use ipcRenderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The renderer is a sandboxed web page: no Electron, no Node.
    files: ['src-renderer/**/*.{ts,tsx}', 'src-preload/contract/**/*.ts', 'test/host/browser-bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches main only through window.stripeConsole.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in the renderer or the contract.' })),
          ],
          patterns: [
            {
              group: ['**/src-main/**', '../src-main/*', '../../src-main/*'],
              message: 'The renderer never imports main-process code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Main-process services must run under plain Node: only the Electron entry may import electron.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronInMain],
        },
      ],
    },
  },
  ...featureBoundaries('src-main', MAIN_SHARED, KNOWN_COUPLINGS.main, {
    paths: [electronInMain],
    patterns: [],
    roots: MAIN_ROOTS,
    allow: MAIN_CORE_SERVICES,
  }),
  ...featureBoundaries('src-renderer', RENDERER_SHARED, KNOWN_COUPLINGS.renderer, {
    paths: [
      { name: 'electron', message: 'The renderer reaches main only through window.stripeConsole.' },
      ...nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in the renderer or the contract.' })),
    ],
    patterns: [
      {
        group: ['**/src-main/**', '../src-main/*', '../../src-main/*'],
        message: 'The renderer never imports main-process code.',
      },
    ],
    roots: ['app'],
    allow: ['!../app/*'],
  }),
  {
    // Type-aware: a promise nobody awaits loses its error (and, in main, may outlive a stop()).
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // A promise handed where nothing awaits it (an event handler, a callback typed to return void) loses its error.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts'],
    rules: { '@typescript-eslint/no-misused-promises': 'error' },
  },
);
