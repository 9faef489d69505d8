import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { build } from 'vite';
import { createConsoleApp, type ConsoleApp, type ConsoleAppOptions } from '../../src-main/app/composition';
import { contentSecurityPolicy } from '../../src-main/window/security';
import { loopbackRefusal } from '../../src-main/platform/loopback-guard';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER_DIR = path.join(path.resolve(ROOT, process.env['SC_OUT_DIR'] ?? 'out'), 'renderer');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface TestHost {
  url: string;
  app: ConsoleApp;
  /** URLs the app asked to open in the system browser. */
  openedExternally: string[];
  /** Cuts the pages off (no answers, no events): what they show stays as it was, whatever main does next. */
  detachPages(): void;
  stop(): Promise<void>;
}

let bridgeScript: Promise<string> | null = null;

/** Builds the browser bridge from the same contract the preload uses (once per process). */
function browserBridge(): Promise<string> {
  bridgeScript ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      // Parsing the unminified contract held the page up for a third of a second before the renderer's first fetch.
      minify: true,
      lib: {
        entry: path.join(__dirname, 'browser-bridge.ts'),
        formats: ['iife'],
        name: 'stripeConsoleTestBridge',
        fileName: 'bridge',
      },
    },
  }).then((output) => {
    const result = Array.isArray(output) ? output[0] : output;
    const chunk = (result as { output: { type: string; code?: string }[] }).output.find((o) => o.type === 'chunk');
    if (!chunk?.code) throw new Error('bridge build produced no code');
    return chunk.code;
  });
  return bridgeScript;
}

/**
 * Boots the real main-process services under Node, serves the built renderer on 127.0.0.1:<random port> and
 * carries the IPC contract over a loopback WebSocket guarded by a per-run random token.
 */
export async function startTestHost(options: Omit<ConsoleAppOptions, 'openExternal'>): Promise<TestHost> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const token = randomBytes(24).toString('hex');
  const openedExternally: string[] = [];
  const app = await createConsoleApp({
    ...options,
    openExternal: async (url) => {
      openedExternally.push(url);
    },
  });
  const bridge = await browserBridge();

  // DNS rebinding or a cross-site page must not get the page (it carries the token) nor the socket.
  const refusal = (req: http.IncomingMessage) =>
    loopbackRefusal(req.headers, (server.address() as { port: number }).port, { ownPages: true });
  const server = http.createServer((req, res) => {
    const refused = refusal(req);
    if (refused) return send(res, 403, 'text/plain', refused);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__bridge.js') return send(res, 200, CONTENT_TYPES['.js']!, bridge);
    const file = url.pathname === '/' ? 'index.html' : path.normalize(url.pathname).replace(/^([/\\])+/, '');
    const full = path.join(RENDERER_DIR, file);
    if (!full.startsWith(RENDERER_DIR) || !fs.existsSync(full) || fs.statSync(full).isDirectory())
      return send(res, 404, 'text/plain', 'not found');
    if (file === 'index.html')
      return send(res, 200, CONTENT_TYPES['.html']!, withBridge(fs.readFileSync(full, 'utf8'), token), csp(server));
    return send(res, 200, CONTENT_TYPES[path.extname(full)] ?? 'application/octet-stream', fs.readFileSync(full));
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (refusal(req)) {
      socket.destroy();
      return;
    }
    const given = Buffer.from(new URL(req.url ?? '', 'http://127.0.0.1').searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (raw) => void answer(app, ws, raw.toString()));
    });
  });
  const unsubscribe = app.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets) ws.send(message);
  });

  const detachPages = () => {
    unsubscribe();
    for (const ws of sockets) ws.terminate();
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await app.start();
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    app,
    openedExternally,
    detachPages,
    async stop() {
      detachPages();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stop();
    },
  };
}

async function answer(app: ConsoleApp, ws: WebSocket, raw: string): Promise<void> {
  let message: { id?: unknown; call?: unknown; input?: unknown };
  try {
    message = JSON.parse(raw) as typeof message;
  } catch {
    return;
  }
  if (typeof message.id !== 'number') return;
  const result = await app.router.dispatch(message.call, message.input);
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result }));
}

function withBridge(html: string, token: string): string {
  // The bridge must run before the renderer's module script, exactly as a preload does: a deferred classic script
  // runs before the module scripts after it (both wait for the parser, in document order) without blocking
  // the page's other fetches while it loads.
  return html.replace(
    '<head>',
    `<head>\n    <meta name="sc-test-token" content="${token}" />\n    <script defer src="/__bridge.js"></script>`,
  );
}

function csp(server: http.Server): Record<string, string> {
  const { port } = server.address() as { port: number };
  // The app's production policy, plus the loopback socket this host uses instead of IPC.
  return {
    'Content-Security-Policy': contentSecurityPolicy().replace(
      "connect-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${port}`,
    ),
  };
}

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}
