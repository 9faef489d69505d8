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
 * feature: main features build on platform/, cache/, stripe/, mutations/, webhooks/ (and app/feature.ts,
 * ipc/router.ts for their types; the Activity log and settings are core services); renderer features on the shell
 * (app/), the IPC client (ipc/), ui/ and money/. A shared layer imports no feature. The composition roots
 * (src-main/app/, src-renderer/app/) wire features together.
 */
const MAIN_SHARED = ['platform', 'cache', 'stripe', 'mutations', 'webhooks'];
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
 * Where one feature is built from another by design; every other feature-to-feature import fails the lint.
 * Each entry says why the dependency is the design, not debt (docs/architecture.md, "Layers").
 */
const DESIGNED_COUPLINGS = {
  main: {
    accounts: {
      emulator: 'the Demo account is an emulator the app runs on 127.0.0.1; accounts/ starts and stops it',
    },
    team: {
      sync: 'team mode is the sync engine (ScopeSync, the SyncStore interface) over a shared PostgreSQL store',
    },
  },
  renderer: {
    customers: {
      payments:
        "the customer page refunds and invoices with the payments feature's own refund list and send-invoice dialog",
      subscriptions: "the customer page shows the customer's subscriptions with the subscriptions feature's panel",
    },
    settings: {
      accounts: 'the settings page is the accounts and notification sections, each owned by its feature',
      disputes: 'the settings page is the accounts and notification sections, each owned by its feature',
    },
  },
};
const KNOWN_COUPLINGS = Object.fromEntries(
  Object.entries(DESIGNED_COUPLINGS).map(([root, features]) => [
    root,
    Object.fromEntries(Object.entries(features).map(([feature, uses]) => [feature, Object.keys(uses)])),
  ]),
);
const electronInMain = {
  name: 'electron',
  message: 'Only src-main/index.ts imports Electron; services run under plain Node.',
};
/** What no renderer file (nor the contract it shares) may import: Electron, Node, or main-process code. */
const rendererRestricted = {
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

/** A shared layer builds on the other shared layers and the contract only: it never imports a feature or a root. */
const sharedLayerBoundaries = (root, shared, extra) =>
  shared
    .filter((layer) => folders(`./${root}/`).includes(layer))
    .map((layer) => ({
      files: [`${root}/${layer}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: extra.paths,
            patterns: [
              ...extra.patterns,
              {
                group: [
                  ...folders(`./${root}/`)
                    .filter((f) => !shared.includes(f))
                    .map((f) => `../${f}/*`),
                  ...(extra.allow ?? []),
                ],
                message: `A shared layer (${root}/${layer}) never imports a feature: features build on it, not the other way round.`,
              },
            ],
          },
        ],
      },
    }));

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
    files: ['src-renderer/**/*.{ts,tsx}', 'src-preload/contract/**/*.ts', 'test/host/browser-bridge*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', rendererRestricted],
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
    ...rendererRestricted,
    roots: ['app'],
    allow: ['!../app/*'],
  }),
  ...sharedLayerBoundaries('src-main', MAIN_SHARED, {
    paths: [electronInMain],
    patterns: [],
    allow: MAIN_CORE_SERVICES,
  }),
  ...sharedLayerBoundaries(
    'src-renderer',
    RENDERER_SHARED.filter((layer) => layer !== 'app'),
    {
      ...rendererRestricted,
    },
  ),
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
    // `x as unknown as T` tells the compiler nothing about x: type the seam instead (the cache takes AnyStripeObject,
    // Stripe objects read as JSON through toJson/fieldsOf). The few left say why on the line above.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSAsExpression.expression[typeAnnotation.type="TSUnknownKeyword"]',
          message: 'No `as unknown as` in product code: type the seam, or disable this line with the reason.',
        },
      ],
    },
  },
  {
    // A promise handed where nothing awaits it (an event handler, a callback typed to return void) loses its error.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts'],
    rules: { '@typescript-eslint/no-misused-promises': 'error' },
  },
);
