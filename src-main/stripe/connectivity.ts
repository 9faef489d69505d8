import type { Mode } from '../../src-preload/contract';

export interface ConnectivityState {
  online: boolean;
  /** Unix seconds of the last answer from Stripe. */
  lastContactAt: number | null;
  reason: string | null;
}

type Listener = (scopeKey: string, state: ConnectivityState) => void;

/** Learns whether Stripe is reachable from the traffic itself: any answer means online, no answer means offline. */
export class ConnectivityMonitor {
  private readonly states = new Map<string, ConnectivityState>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly now: () => number = Date.now) {}

  static key(accountId: string, mode: Mode): string {
    return `${accountId}:${mode}`;
  }

  get(scopeKey: string): ConnectivityState {
    return this.states.get(scopeKey) ?? { online: true, lastContactAt: null, reason: null };
  }

  reached(scopeKey: string): void {
    this.set(scopeKey, { online: true, lastContactAt: Math.floor(this.now() / 1000), reason: null });
  }

  unreachable(scopeKey: string, error: unknown): void {
    const code = (error as { code?: string } | null)?.code;
    this.set(scopeKey, {
      online: false,
      lastContactAt: this.get(scopeKey).lastContactAt,
      reason: code ? `Stripe can’t be reached (${code})` : 'Stripe can’t be reached',
    });
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(scopeKey: string, next: ConnectivityState): void {
    const previous = this.states.get(scopeKey);
    this.states.set(scopeKey, next);
    if (!previous || previous.online !== next.online) for (const l of this.listeners) l(scopeKey, next);
  }
}
