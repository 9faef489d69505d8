import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { withDevelopmentPolicy } from './src-main/window/security';

// SC_OUT_DIR lets parallel builds (several developers' test runs on one machine) keep out of each other's way.
const outDir = resolve(__dirname, process.env['SC_OUT_DIR'] ?? 'out');

/**
 * The renderer's entry (main.tsx) is small, so that it runs at once and asks main for the first view's data; it
 * loads the app with import(). Linking the app's chunks (modulepreload) and styles from the HTML lets them download
 * while the page parses, not after the entry has run (Vite links only what the entry imports statically).
 */
const preloadEntryImports: Plugin = {
  name: 'preload-entry-dynamic-imports',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, { bundle, chunk }) {
      if (!bundle || !chunk) return [];
      const scripts = new Set<string>();
      const styles = new Set<string>();
      const add = (file: string) => {
        const imported = bundle[file];
        if (scripts.has(file) || file === chunk.fileName || chunk.imports.includes(file) || imported?.type !== 'chunk')
          return;
        scripts.add(file);
        imported.viteMetadata?.importedCss.forEach((css) => styles.add(css));
        imported.imports.forEach(add);
      };
      chunk.dynamicImports.forEach(add);
      const link = (rel: string) => (file: string) => ({
        tag: 'link',
        attrs: { rel, crossorigin: true, href: `./${file}` },
        injectTo: 'head' as const,
      });
      return [...[...scripts].map(link('modulepreload')), ...[...styles].map(link('stylesheet'))];
    },
  },
};

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
      preloadEntryImports,
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
