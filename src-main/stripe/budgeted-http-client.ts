import Stripe from 'stripe';
import type { Lane, RateBudget } from './rate-budget';

type HttpClient = ReturnType<typeof Stripe.createNodeHttpClient>;
type Response = Awaited<ReturnType<HttpClient['makeRequest']>>;

export interface TrafficObserver {
  /** Stripe answered (any status): it is reachable. */
  reached(): void;
  /** The request never got an answer (DNS, refused, reset, timeout). */
  unreachable(error: unknown): void;
}

/**
 * Wraps the SDK's own Node HTTP client so every request, including the SDK's internal retries,
 * first takes a token from the account+mode's budget in its lane, and a 429 slows down every caller at once.
 */
export function budgetedHttpClient(budget: RateBudget, lane: Lane, observer: TrafficObserver): HttpClient {
  const inner = Stripe.createNodeHttpClient();
  const client = Object.create(inner) as HttpClient;
  client.makeRequest = async (...args: Parameters<HttpClient['makeRequest']>): Promise<Response> => {
    await budget.acquire(lane);
    let response: Response;
    try {
      response = await inner.makeRequest(...args);
    } catch (err) {
      observer.unreachable(err);
      throw err;
    }
    observer.reached();
    if (response.getStatusCode() === 429) budget.pause(retryAfterSeconds(response.getHeaders()));
    return response;
  };
  return client;
}

function retryAfterSeconds(headers: Record<string, unknown>): number {
  const value = Number(headers['retry-after']);
  // Without Retry-After, back off a jittered half second to a second.
  return Number.isFinite(value) && value > 0 ? value : 0.5 + Math.random() * 0.5;
}
