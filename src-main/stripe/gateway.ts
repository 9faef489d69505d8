import Stripe from 'stripe';
import type { Mode, Scope } from '../../src-preload/contract';
import type { Clock } from '../platform/clock';
import { RateBudget, type Lane } from './rate-budget';
import { budgetedHttpClient } from './budgeted-http-client';
import { ConnectivityMonitor } from './connectivity';

export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** Reads a key from the keychain (or session memory) when a client for that account+mode is built. */
export interface KeyProvider {
  keyFor(scope: Scope): Promise<string>;
}

export interface GatewayOptions {
  keys: KeyProvider;
  /** Where an account's API lives: the in-app demo emulator, or null for Stripe itself. */
  endpointFor(accountId: string): StripeEndpoint | null;
  /** Requests per second this app may spend per account+mode. */
  rateFor(mode: Mode): number;
  connectivity: ConnectivityMonitor;
  /** Whose time the rate budgets' waits and 429 pauses are measured in. */
  clock: Clock;
}

const CLIENT_DEFAULTS = {
  maxNetworkRetries: 2,
  timeout: 20_000,
  telemetry: false,
  appInfo: { name: 'Stripe Console', version: '0.1.0' },
} as const;

/** Validates a pasted key with Stripe before it is stored: not budgeted, never cached. */
export type KeyProbe = (apiKey: string, endpoint: StripeEndpoint | null) => Stripe;

export const probeClient: KeyProbe = (apiKey, endpoint) =>
  new Stripe(apiKey, { ...CLIENT_DEFAULTS, maxNetworkRetries: 1, ...endpointConfig(endpoint) });

/**
 * The only way the app reaches Stripe: one SDK client per account+mode, each behind that scope's rate budget.
 * Keys stay in this process; a client is replaced as soon as its account holds another key (or none).
 */
export class StripeGateway {
  /** Each scope's client with the key it was built with: a rotated or removed key never serves another request. */
  private readonly clients = new Map<string, { apiKey: string; client: Stripe }>();
  private readonly budgets = new Map<string, RateBudget>();

  constructor(private readonly options: GatewayOptions) {}

  /**
   * The scope's SDK client, for the key the account holds now (asked of the KeyProvider on every call). Its
   * requests wait in `lane`: a person's by default; the sync asks for 'background' so it never delays them.
   */
  async client(scope: Scope, lane: Lane = 'interactive'): Promise<Stripe> {
    const apiKey = await this.options.keys.keyFor(scope);
    const clientKey = `${ConnectivityMonitor.key(scope.accountId, scope.mode)}:${lane}`;
    const held = this.clients.get(clientKey);
    if (held?.apiKey === apiKey) return held.client;
    const client = this.build(scope, apiKey, lane);
    this.clients.set(clientKey, { apiKey, client });
    return client;
  }

  budget(scope: Scope): RateBudget {
    const key = ConnectivityMonitor.key(scope.accountId, scope.mode);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new RateBudget(this.options.rateFor(scope.mode), this.options.clock);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  /** Applies changed rate settings to live budgets. */
  updateRates(): void {
    for (const [key, budget] of this.budgets)
      budget.setRate(this.options.rateFor(key.endsWith(':live') ? 'live' : 'test'));
  }

  private build(scope: Scope, apiKey: string, lane: Lane): Stripe {
    const scopeKey = ConnectivityMonitor.key(scope.accountId, scope.mode);
    const connectivity = this.options.connectivity;
    const httpClient = budgetedHttpClient(this.budget(scope), lane, {
      reached: () => connectivity.reached(scopeKey),
      unreachable: (err) => connectivity.unreachable(scopeKey, err),
    });
    return new Stripe(apiKey, {
      ...CLIENT_DEFAULTS,
      httpClient,
      ...endpointConfig(this.options.endpointFor(scope.accountId)),
    });
  }
}

function endpointConfig(endpoint: StripeEndpoint | null) {
  return endpoint ? { host: endpoint.host, port: endpoint.port, protocol: endpoint.protocol } : {};
}
