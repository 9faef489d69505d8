/**
 * The Electron entry: creates the hardened window and connects the contract to ipcMain. Everything else is
 * built by the composition root, which knows nothing of Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { callChannel, callNames, EVENT_CHANNEL, type DeadlineNotification } from '../src-preload/contract';
import { createConsoleApp, type ConsoleApp } from './app/composition';
import { AppLifecycle } from './lifecycle/app-lifecycle';
import {
  contentSecurityPolicy,
  isTrustedSender,
  navigationDecision,
  oncePerObject,
  rendererFileUrl,
  secureWebPreferences,
} from './window/security';
import { isAllowedExternalUrl } from './window/external-links';

const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
const appUrl = devServerUrl ?? rendererFileUrl(__dirname);
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : 'null';

function createWindow(): BrowserWindow {
  // secureWebPreferences() sets contextIsolation and sandbox and disables Auxclick; test/window/security.test.ts asserts it.
  const webPreferences = secureWebPreferences(path.join(__dirname, '../preload/index.js'));
  const size = { width: 1360, height: 860, minWidth: 960, minHeight: 600 };
  // oxfmt-ignore
  const win = new BrowserWindow({ ...size, show: false, title: 'Stripe Console', webPreferences }); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  win.once('ready-to-show', () => win.show());
  hardenContents(win.webContents); // a no-op when web-contents-created has already hardened it
  void (devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(path.join(__dirname, '../renderer/index.html')));
  return win;
}

const hardenContents = oncePerObject((contents: WebContents): void => {
  contents.on('will-navigate', (event, url) => {
    if (url === appUrl) return;
    const decision = navigationDecision(url, appOrigin, isAllowedExternalUrl);
    if (decision.action === 'deny') {
      event.preventDefault();
      if (decision.openExternally) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — only allow-listed https Stripe URLs (isAllowedExternalUrl)
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (navigationDecision(url, appOrigin, isAllowedExternalUrl).action === 'deny') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — allow-listed https Stripe URLs only
    return { action: 'deny' };
  });
});

function connectContract(running: ConsoleApp): void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), (event, payload: unknown) => {
      const frame = event.senderFrame;
      const mainWindow = lifecycle.currentWindow;
      const trusted =
        mainWindow !== null &&
        isTrustedSender(
          {
            frameUrl: frame?.url ?? null,
            isMainFrame: frame !== null && frame === event.sender.mainFrame,
            webContentsId: event.sender.id,
          },
          { webContentsId: mainWindow.webContents.id, appUrl },
        );
      if (!trusted)
        return { ok: false, error: { code: 'invalid_input', message: 'Untrusted sender.', retryable: false } };
      return running.router.dispatch(name, payload);
    });
  }
  // Events go to the window only while it exists: after 'closed' the reference is dropped.
  running.events.subscribe((name, payload) =>
    lifecycle.currentWindow?.webContents.send(EVENT_CHANNEL, { name, payload }),
  );
}

/** An evidence deadline in the OS notification centre; a click brings the window up on that dispute. */
function showDeadlineNotification(n: DeadlineNotification, running: () => ConsoleApp): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: n.title, body: n.body });
  notification.on('click', () => {
    lifecycle.currentWindow?.show();
    lifecycle.currentWindow?.focus();
    const target = { accountId: n.accountId, mode: n.mode, disputeId: n.disputeId };
    void running().router.dispatch('notifications.open', target);
  });
  notification.show();
}

app.enableSandbox();

const lifecycle = new AppLifecycle<BrowserWindow>({
  host: app,
  whenReady: () => app.whenReady(),
  async build() {
    const csp = contentSecurityPolicy(devServerUrl ? new URL(devServerUrl).origin : null);
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    // The policy is built by contentSecurityPolicy() and asserted in test/window/security.test.ts.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }); // eng-disable CSP_GLOBAL_CHECK
    });
    const consoleApp: ConsoleApp = await createConsoleApp({
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      envApiKey: process.env['STRIPE_API_KEY'] ?? null,
      openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK — the app feature checks isAllowedExternalUrl first
      notificationSinks: [{ show: (n) => showDeadlineNotification(n, () => consoleApp) }],
    });
    connectContract(consoleApp);
    return consoleApp;
  },
  createWindow,
  showError: (title, message) => dialog.showErrorBox(title, message),
  log: (message, fields) => console.error(message, fields ?? {}),
});

app.on('web-contents-created', (_event, contents) => hardenContents(contents));
// A second launch quits here before touching app.db; the first instance focuses its window.
lifecycle.launch();
