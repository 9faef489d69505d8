import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isTrustedSender,
  navigationDecision,
  secureWebPreferences,
} from '../../src-main/window/security';
import { isAllowedExternalUrl } from '../../src-main/window/external-links';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const prefs = secureWebPreferences('/app/preload.js');
    expect(prefs).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows only the app itself in production', () => {
    const csp = contentSecurityPolicy();
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:\/\//);
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('adds only the local dev server in development, still without eval', () => {
    const csp = contentSecurityPolicy('http://localhost:5173');
    expect(csp).not.toContain('unsafe-eval');
    expect(directives(csp).get('script-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(directives(csp).get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
  });
});

describe('navigationDecision', () => {
  const origin = 'http://localhost:5173';
  it('allows the app origin only', () => {
    expect(navigationDecision('http://localhost:5173/#/customers', origin, isAllowedExternalUrl)).toEqual({
      action: 'allow',
    });
    expect(navigationDecision('http://evil.example/', origin, isAllowedExternalUrl)).toEqual({
      action: 'deny',
      openExternally: false,
    });
    expect(navigationDecision('not a url', origin, isAllowedExternalUrl)).toEqual({
      action: 'deny',
      openExternally: false,
    });
  });
  it('sends allow-listed Stripe links to the system browser', () => {
    expect(
      navigationDecision('https://dashboard.stripe.com/test/customers/cus_1', origin, isAllowedExternalUrl),
    ).toEqual({
      action: 'deny',
      openExternally: true,
    });
  });
  it('never treats file:// pages as one origin', () => {
    expect(navigationDecision('file:///etc/passwd', 'null', isAllowedExternalUrl).action).toBe('deny');
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://dashboard.stripe.com/customers/cus_123', true],
    ['https://docs.stripe.com/disputes', true],
    ['http://dashboard.stripe.com/customers', false],
    ['https://dashboard.stripe.com.evil.example/', false],
    ['https://user:pw@dashboard.stripe.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
  ])('%s → %s', (url, allowed) => expect(isAllowedExternalUrl(url)).toBe(allowed));
});

describe('isTrustedSender', () => {
  const trusted = { webContentsId: 7, appUrl: 'file:///opt/app/out/renderer/index.html' };
  const ok = { frameUrl: 'file:///opt/app/out/renderer/index.html', isMainFrame: true, webContentsId: 7 };
  it('accepts our own main frame', () => expect(isTrustedSender(ok, trusted)).toBe(true));
  it('rejects subframes, other windows, other pages and vanished frames', () => {
    expect(isTrustedSender({ ...ok, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ok, webContentsId: 8 }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'file:///tmp/evil.html' }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null }, trusted)).toBe(false);
  });
  it('compares origins for the dev server', () => {
    const dev = { webContentsId: 1, appUrl: 'http://localhost:5173/' };
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/x', isMainFrame: true, webContentsId: 1 }, dev)).toBe(
      true,
    );
    expect(isTrustedSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true, webContentsId: 1 }, dev)).toBe(
      false,
    );
  });
});
