import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a request to one of our 127.0.0.1 servers must be refused, or null to serve it. Any web page the user
 * visits can send requests there: DNS rebinding makes them arrive with the page's own `Host`, and a cross-site
 * fetch or form carries its `Origin` (or `Sec-Fetch-Site: cross-site`). Only our own host:port passes, and an
 * `Origin` only when `ownPages` says this server serves pages that talk back to it (the browser test host).
 */
export function loopbackRefusal(
  headers: IncomingHttpHeaders,
  port: number,
  options: { ownPages?: boolean } = {},
): string | null {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = headers.host?.toLowerCase();
  if (!host || !own.includes(host)) return 'foreign Host header';
  const origin = headers.origin;
  if (origin !== undefined) {
    const ownOrigin = options.ownPages === true && own.some((o) => origin.toLowerCase() === `http://${o}`);
    if (!ownOrigin) return 'foreign Origin header';
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  return null;
}
