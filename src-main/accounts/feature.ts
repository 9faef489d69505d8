import type { Mode } from '../../src-preload/contract';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/logger';
import type { KeyProbe, StripeEndpoint } from '../stripe/gateway';
import type { Feature } from '../app/feature';
import { AccountService } from './account-service';
import type { AccountStore } from './account-store';
import { DEFAULT_KEYCHAIN_SERVICE, KeyVault, keychainWebhookSecretStore, type Keychain } from '../platform/keychain';
import { SessionService } from './session-service';
import { SessionOnlyTraces } from './session-only-traces';
import { DemoAccount, type DemoEmulatorOptions } from './demo-account';
import { toConsoleError } from '../stripe/errors';
import { purgeAccountData, type AccountRows } from './account-purge';
import type { SettingsStore } from '../settings/settings-store';

export type AccountsCall =
  | 'accounts.list'
  | 'accounts.add'
  | 'accounts.rotateKey'
  | 'accounts.rename'
  | 'accounts.removeKey'
  | 'accounts.remove'
  | 'session.get'
  | 'session.select';

export interface AccountServicesDeps {
  dataDir: string;
  /** The accounts list, the settings the session remembers, and every app.db row kept per account. */
  stores: { accounts: AccountStore; settings: SettingsStore; accountRows: AccountRows };
  events: EventBus;
  logger: Logger;
  now: () => number;
  /** Asks Stripe about a pasted key (stripe/gateway's probeClient). */
  probe: KeyProbe;
  /** The cache's per-account removal (sync's CacheRegistry.remove). */
  removeCachedData(accountId: string, mode?: Mode): Promise<void> | void;
  /** What else an account leaves outside app.db (webhook inbox, keychain secrets): erased with it. */
  purgeOther?: ((accountId: string, mode?: Mode) => Promise<void> | void)[];
  /** null (default) = api.stripe.com. The browser test host points it at an emulator. */
  apiEndpoint?: StripeEndpoint | null;
  /** The keychain service name; tests use a unique one per run. */
  keychainService?: string;
  /** The keychain module (keytar by default); tests inject a failing one. */
  keychain?: Keychain;
  /** STRIPE_API_KEY from the environment: a session-only account for this run. */
  sessionApiKey?: string;
  /** Emulator options for the in-app demo account; `false` runs without it. */
  demo?: DemoEmulatorOptions | false;
}

/**
 * Accounts, keychain, demo account and session. Built before the gateway, which takes `accounts` as its
 * KeyProvider and endpoint map; pasted keys are probed with a client of their own, so nothing here needs the gateway.
 */
export function createAccountServices(deps: AccountServicesDeps) {
  const { stores } = deps;
  const purgeDeps = {
    dataDir: deps.dataDir,
    rows: stores.accountRows,
    others: [deps.removeCachedData, ...(deps.purgeOther ?? [])],
  };
  const purge = (accountId: string, mode?: Mode) => purgeAccountData(purgeDeps, accountId, mode);
  const vault = new KeyVault(deps.keychainService ?? DEFAULT_KEYCHAIN_SERVICE, deps.keychain);
  const accounts = new AccountService({
    store: stores.accounts,
    vault,
    events: deps.events,
    logger: deps.logger,
    now: deps.now,
    apiEndpoint: deps.apiEndpoint ?? null,
    probe: deps.probe,
    removeCachedData: purge,
  });
  const session = new SessionService(accounts, stores.settings, deps.events);
  deps.events.subscribe((name) => {
    if (name === 'accounts.changed') session.reconcile(accounts.list());
  });
  const demo = deps.demo === false ? null : new DemoAccount(accounts, deps.probe, deps.dataDir, deps.logger, deps.demo);
  const webhookSecrets = keychainWebhookSecretStore(vault);
  const sessionOnly = new SessionOnlyTraces(
    stores.settings,
    purge,
    (accountId) => accounts.find(accountId)?.sessionOnly === false,
    deps.logger,
  );

  const feature: Feature<AccountsCall> = {
    handlers: {
      'accounts.list': () => accounts.list(),
      'accounts.add': (input) => accounts.add(input),
      'accounts.rotateKey': (input) => accounts.rotateKey(input),
      'accounts.rename': (input) => accounts.rename(input),
      'accounts.removeKey': (input) => accounts.removeKey(input),
      'accounts.remove': (input) => accounts.remove(input),
      'session.get': () => session.get(),
      'session.select': (input) => session.select(input),
    },
    async start() {
      if (demo) await startLogged(() => demo.start(), 'demo account did not start', deps.logger);
      await sessionOnly.eraseAll(); // what a killed run left behind
      if (deps.sessionApiKey) {
        await startLogged(
          async () => {
            const account = await accounts.registerSessionKey(deps.sessionApiKey!);
            if (account.sessionOnly) sessionOnly.remember(account.id);
          },
          'STRIPE_API_KEY was not usable',
          deps.logger,
        );
      }
      session.restore();
    },
    async stop() {
      await demo?.stop();
    },
  };
  /** A session-only account leaves nothing behind: called before the services stop. */
  const forgetSessionAccounts = () => sessionOnly.eraseAll();
  return { accounts, session, demo, vault, webhookSecrets, feature, forgetSessionAccounts };
}

export type AccountServices = ReturnType<typeof createAccountServices>;

/** Start-up continues without the demo or the env account; the reason is logged (redacted) and the app still opens. */
async function startLogged(work: () => Promise<unknown>, message: string, logger: Logger): Promise<void> {
  try {
    await work();
  } catch (err) {
    const error = toConsoleError(err);
    logger.warn(message, {
      code: error.code,
      reason: error.code === 'internal' && err instanceof Error ? err.message : error.message,
    });
  }
}
