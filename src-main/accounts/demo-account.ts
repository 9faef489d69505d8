import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmulator } from '../emulator';
import type { Logger } from '../platform/logger';
import type { AccountService } from './account-service';
import type { KeyProbe, StripeEndpoint } from '../stripe/gateway';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Not the emulator's default seed: an emulator started with defaults elsewhere (a test's stand-in for Stripe) gets another account id. */
const DEMO_SEED = 2024;
export type DemoEmulatorOptions = Omit<Parameters<typeof startEmulator>[0] & {}, 'dataDir' | 'port'>;

/**
 * The built-in Demo account: the in-app emulator on 127.0.0.1, its state under `<dataDir>/demo` so it survives
 * restarts, its keys held in memory only. Works with no key and no network. Stoppable (tests simulate offline).
 * Its keys and webhook secret are derived (HMAC) from a random secret drawn at start-up and held in memory:
 * they are never written to the demo store, and they change each run (nothing outside this process needs them).
 */
export class DemoAccount {
  private emulator: Emulator | null = null;
  /** Kept across stop/start so the account's endpoint stays the same. */
  private port: number | undefined;
  private readonly keySecret = randomBytes(32);

  constructor(
    private readonly accounts: AccountService,
    private readonly probe: KeyProbe,
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly emulatorOptions: DemoEmulatorOptions = {},
  ) {}

  get accountId(): string | null {
    return this.emulator?.accountId ?? null;
  }

  /** The running emulator (its admin API, faults and keys), for tests and the test host. */
  get handle(): Emulator | null {
    return this.emulator;
  }

  async start(): Promise<void> {
    if (this.emulator) return;
    const emulator = await startEmulator({
      seed: DEMO_SEED,
      ...this.emulatorOptions,
      port: this.port,
      dataDir: path.join(this.dataDir, 'demo'),
      keySecret: this.keySecret,
    });
    this.emulator = emulator;
    this.port = emulator.port;
    const endpoint: StripeEndpoint = { host: '127.0.0.1', port: emulator.port, protocol: 'http' };
    const profile = await this.profile(emulator.keys.test, endpoint);
    this.accounts.registerDemo({
      id: emulator.accountId,
      ...profile,
      keys: { test: emulator.keys.test, live: emulator.keys.live },
      endpoint,
    });
    this.logger.info('demo account started', { accountId: emulator.accountId, port: emulator.port });
  }

  async stop(): Promise<void> {
    const emulator = this.emulator;
    this.emulator = null;
    await emulator?.stop();
  }

  private async profile(key: string, endpoint: StripeEndpoint) {
    const account = await this.probe(key, endpoint).accounts.retrieveCurrent();
    return { country: account.country ?? null, defaultCurrency: account.default_currency ?? null };
  }
}
