import type Stripe from 'stripe';
import type { ObjectStore } from '../store/object-store';
import type { Mode } from '../store/types';
import { endpointsFor, type EndpointSecrets } from './endpoints';
import { signatureHeader } from './signature';

export interface DispatcherOptions {
  /** First retry delay; doubles per attempt. */
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

const DEFAULTS: DispatcherOptions = { retryBaseMs: 250, maxAttempts: 6, timeoutMs: 5000 };

/**
 * Posts events to registered endpoints, signed like Stripe, retrying failures with exponential
 * backoff (compressed from Stripe's 3 days to seconds). stop() abandons everything in flight.
 */
export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private stopped = false;
  private readonly options: DispatcherOptions;

  constructor(
    private readonly store: ObjectStore,
    private readonly secrets: EndpointSecrets,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  deliver(mode: Mode, event: Stripe.EventBase): void {
    const payload = JSON.stringify(event, null, 2);
    for (const endpoint of endpointsFor(this.store, mode, event.type)) {
      const secret = this.secrets.get(endpoint.id);
      if (secret) void this.attempt(endpoint.url, secret, payload, 1, () => this.acknowledge(mode, event.id));
    }
  }

  /** Stripe counts down `pending_webhooks` as endpoints acknowledge the event. */
  private acknowledge(mode: Mode, eventId: string): void {
    // eslint-disable-next-line no-restricted-syntax -- the store holds events as JSON; the row under type 'event' is one
    const stored = this.store.get(mode, 'event', eventId) as unknown as Stripe.EventBase | undefined;
    if (!stored || stored.pending_webhooks <= 0) return;
    // Events aren't searchable, so the search-lag timestamp means nothing for them.
    this.store.put(mode, 'event', { ...stored, pending_webhooks: stored.pending_webhooks - 1 } as never, 0);
  }

  private async attempt(
    url: string,
    secret: string,
    payload: string,
    attempt: number,
    onDelivered: () => void,
  ): Promise<void> {
    if (this.stopped) return;
    const abort = new AbortController();
    this.aborts.add(abort);
    const timeout = setTimeout(() => abort.abort(), this.options.timeoutMs);
    let delivered = false;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          // Signed with wall-clock time: receivers check it against their own clock.
          'Stripe-Signature': signatureHeader(payload, secret, Math.floor(Date.now() / 1000)),
        },
        body: payload,
        signal: abort.signal,
      });
      await response.arrayBuffer();
      delivered = response.ok;
    } catch {
      delivered = false;
    } finally {
      clearTimeout(timeout);
      this.aborts.delete(abort);
    }
    if (delivered && !this.stopped) onDelivered();
    if (delivered || this.stopped || attempt >= this.options.maxAttempts) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.attempt(url, secret, payload, attempt + 1, onDelivered);
      },
      this.options.retryBaseMs * 2 ** (attempt - 1),
    );
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const abort of this.aborts) abort.abort();
    this.timers.clear();
    this.aborts.clear();
  }
}
