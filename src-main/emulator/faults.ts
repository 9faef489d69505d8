import { internalError, rateLimitError, type ApiError } from './http/errors';
import type { ParamReader } from './http/params';

export interface RequestMatch {
  method?: string;
  path?: RegExp;
}

interface Rule {
  match: RequestMatch | undefined;
  remaining: number;
}

function matches(match: RequestMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  return !match.path || match.path.test(path);
}

/** Takes one use of the first rule that matches, dropping exhausted rules. */
function take<T extends Rule>(rules: T[], method: string, path: string): T | undefined {
  const rule = rules.find((r) => r.remaining > 0 && matches(r.match, method, path));
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining === 0) rules.splice(rules.indexOf(rule), 1);
  return rule;
}

/** A request the emulator holds before executing it until the test releases it. */
export interface HeldRequest {
  /** Resolves when a matching request has arrived and is waiting. */
  arrived: Promise<void>;
  release(): void;
}

interface HoldRule {
  match: RequestMatch | undefined;
  accepts: ((params: ParamReader) => boolean) | undefined;
  arrive: () => void;
  released: Promise<void>;
}

/** Lets tests make the emulator misbehave the ways Stripe (or the network) does. */
export class FaultInjector {
  private readonly failures: (Rule & { error: () => ApiError })[] = [];
  private readonly drops: Rule[] = [];
  private readonly crashes: Rule[] = [];
  private readonly delays: (Rule & { ms: number })[] = [];
  private readonly holds: HoldRule[] = [];
  private offlineNow = false;
  /** Called when going offline so the server can cut existing connections. */
  onOffline: () => void = () => {};

  /** The next n matching requests answer 500 api_error without executing. */
  fail500(n: number, match?: RequestMatch): void {
    this.failures.push({ match, remaining: n, error: internalError });
  }

  /** The next n matching requests answer 429 (`rate_limit` or `lock_timeout`). */
  rateLimitBurst(
    n: number,
    match?: RequestMatch,
    options: { code?: 'rate_limit' | 'lock_timeout'; retryAfter?: number } = {},
  ): void {
    this.failures.push({
      match,
      remaining: n,
      error: () => rateLimitError(options.code ?? 'rate_limit', options.retryAfter),
    });
  }

  /** The next n matching requests execute and commit, then the socket is destroyed without an answer. */
  dropAfterCommit(match?: RequestMatch, n = 1): void {
    this.drops.push({ match, remaining: n });
  }

  /**
   * The next n matching requests fail with a 500 while executing: their writes roll back, and with an
   * Idempotency-Key the 500 is saved and replayed, as Stripe does once execution has started.
   */
  failDuringExecution(n: number, match?: RequestMatch): void {
    this.crashes.push({ match, remaining: n });
  }

  /** Holds the next n matching requests for ms before executing (e.g. to overlap idempotent requests). */
  delay(ms: number, match?: RequestMatch, n = 1): void {
    this.delays.push({ match, remaining: n, ms });
  }

  /**
   * Holds the next matching request (whose parameters `accepts`, if given) before it executes, until released:
   * the test decides when Stripe answers it.
   */
  hold(match?: RequestMatch, accepts?: (params: ParamReader) => boolean): HeldRequest {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ match, accepts, arrive, released });
    return { arrived, release };
  }

  /** Refuse service: every connection is closed immediately until online(). */
  offline(): void {
    this.offlineNow = true;
    this.onOffline();
  }

  online(): void {
    this.offlineNow = false;
  }

  get isOffline(): boolean {
    return this.offlineNow;
  }

  clear(): void {
    this.failures.length = 0;
    this.drops.length = 0;
    this.crashes.length = 0;
    this.delays.length = 0;
    this.holds.length = 0;
    this.offlineNow = false;
  }

  takeFailure(method: string, path: string): ApiError | undefined {
    return take(this.failures, method, path)?.error();
  }

  takeDrop(method: string, path: string): boolean {
    return take(this.drops, method, path) !== undefined;
  }

  takeCrash(method: string, path: string): boolean {
    return take(this.crashes, method, path) !== undefined;
  }

  takeDelay(method: string, path: string): number {
    return take(this.delays, method, path)?.ms ?? 0;
  }

  /** When a hold takes the request: resolves once it may execute. Otherwise undefined (no wait at all). */
  heldUntil(method: string, path: string, params: ParamReader): Promise<void> | undefined {
    const rule = this.holds.find((r) => matches(r.match, method, path) && (!r.accepts || r.accepts(params)));
    if (!rule) return undefined;
    this.holds.splice(this.holds.indexOf(rule), 1);
    rule.arrive();
    return rule.released;
  }
}
