import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { withDevelopmentPolicy } from './src-main/window/security';

// SC_OUT_DIR lets parallel builds (several developers' test runs on one machine) keep out of each other's way.
const outDir = resolve(__dirname, process.env['SC_OUT_DIR'] ?? 'out');

// electron-vite's auto-discovery expects src/main etc.; this project names its three roots explicitly.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(outDir, 'main'),
      // Native modules and the SDK load from node_modules at run time.
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(outDir, 'preload'),
      // A sandboxed preload can't require packages: bundle everything (zod, the contract) into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [
      react(),
      // Dev server only: Vite injects CSS as <style> tags, which the production policy (rightly) blocks.
      {
        name: 'development-content-security-policy',
        apply: 'serve',
        transformIndexHtml: (html, ctx) => {
          const local = ctx.server?.resolvedUrls?.local[0];
          return local ? withDevelopmentPolicy(html, new URL(local).origin) : html;
        },
      },
    ],
    build: {
      outDir: resolve(outDir, 'renderer'),
      // Minified: the first view's chunk is what stands between opening the window and the first row.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
