import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

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
          paths: [
            { name: 'electron', message: 'Only src-main/index.ts imports Electron; services run under plain Node.' },
          ],
        },
      ],
    },
  },
);
