import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebPreferences } from './electron-types';

/**
 * The built renderer's URL. pathToFileURL escapes `#`, `?` and spaces in the install path: concatenated into
 * `file://…`, a `#` would cut the path short and the sender check would trust every page under that prefix.
 */
export function rendererFileUrl(mainDir: string): string {
  return pathToFileURL(path.join(mainDir, '../renderer/index.html')).href;
}

/** The renderer's sandbox: no Node, isolated context, only the preload bridge. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    experimentalFeatures: false,
    // Middle-click would otherwise open links in new windows, bypassing the navigation policy.
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * The renderer's Content-Security-Policy. Production: only the app's own files. Development adds the Vite dev
 * server origin (for its module graph and HMR socket) and inline styles (Vite injects each CSS module as a
 * `<style>` tag) — never `unsafe-eval`, never a remote origin, and none of it in production.
 */
export function contentSecurityPolicy(devServerOrigin: string | null = null): string {
  const self = devServerOrigin ? `'self' ${devServerOrigin}` : "'self'";
  const connect = devServerOrigin ? `${self} ${devServerOrigin.replace(/^http/, 'ws')}` : self;
  return [
    `default-src ${self}`,
    `script-src ${self}`,
    `style-src ${devServerOrigin ? `${self} 'unsafe-inline'` : self}`,
    `img-src ${self} data: blob:`,
    `font-src ${self}`,
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    `frame-src ${self} blob:`,
  ].join('; ');
}

/** Runs `harden` once per object: Electron reports the main window's contents to `web-contents-created` too. */
export function oncePerObject<T extends object>(harden: (target: T) => void): (target: T) => void {
  const done = new WeakSet<T>();
  return (target) => {
    if (done.has(target)) return;
    done.add(target);
    harden(target);
  };
}

/** `npm run dev`: index.html's meta policy becomes the development one (the page is the dev server's, not a build). */
export function withDevelopmentPolicy(html: string, devServerOrigin: string): string {
  return html.replace(
    /(<meta http-equiv="Content-Security-Policy" content=")[^"]*/,
    (_whole, start: string) => start + contentSecurityPolicy(devServerOrigin),
  );
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; openExternally: boolean };

/** In-window navigation is only ever to the app itself; allow-listed external links go to the system browser. */
export function navigationDecision(
  url: string,
  appOrigin: string,
  isAllowedExternal: (url: string) => boolean,
): NavigationDecision {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { action: 'deny', openExternally: false };
  }
  if (origin === appOrigin && appOrigin !== 'null') return { action: 'allow' };
  return { action: 'deny', openExternally: isAllowedExternal(url) };
}

export interface SenderFacts {
  /** URL of the frame that sent the IPC message (null when the frame is gone). */
  frameUrl: string | null;
  /** Whether that frame is the window's main frame. */
  isMainFrame: boolean;
  /** The webContents id the message came from. */
  webContentsId: number;
}

/**
 * Every IPC call must come from our own window's main frame showing our own page — not an iframe, not another
 * window, not a page that somehow navigated elsewhere.
 */
export function isTrustedSender(sender: SenderFacts, trusted: { webContentsId: number; appUrl: string }): boolean {
  if (!sender.isMainFrame || sender.webContentsId !== trusted.webContentsId || !sender.frameUrl) return false;
  try {
    const from = new URL(sender.frameUrl);
    const app = new URL(trusted.appUrl);
    if (app.protocol === 'file:') return from.protocol === 'file:' && from.pathname === app.pathname;
    return from.origin === app.origin;
  } catch {
    return false;
  }
}
