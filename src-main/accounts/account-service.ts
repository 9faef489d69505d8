import {
  ConsoleError,
  type AccountKeySummary,
  type AccountSummary,
  type Mode,
  type Scope,
} from '../../src-preload/contract';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/logger';
import { maskKey } from '../platform/redact';
import type { KeyProbe, KeyProvider, StripeEndpoint } from '../stripe/gateway';
import { checkKeyForm, type KeyForm } from './key-form';
import { KeyVault } from '../platform/keychain';
import { AccountStore, type StoredAccount, type Unavailable } from './account-store';
import { probeKey, type ProbedAccount } from './key-probe';
import { uniqueName } from './account-names';

export interface AccountServiceOptions {
  store: AccountStore;
  vault: KeyVault;
  events: EventBus;
  logger: Logger;
  now: () => number;
  /** Where pasted keys' accounts live: null for Stripe itself (a test host points it at an emulator). */
  apiEndpoint: StripeEndpoint | null;
  /** Asks Stripe about a pasted key before it is stored. (The gateway asks this service for keys, never the reverse.) */
  probe: KeyProbe;
  /** Drops an account's cached Stripe data (one mode, or all of it). */
  removeCachedData(accountId: string, mode?: Mode): Promise<void> | void;
}

/** Accounts held only in memory: the demo account and the STRIPE_API_KEY account of this run. */
interface MemoryAccount {
  summary: AccountSummary;
  keys: Map<Mode, string>;
  endpoint: StripeEndpoint | null;
}

export interface DemoRegistration {
  id: string;
  country: string | null;
  defaultCurrency: string | null;
  keys: Record<Mode, string>;
  endpoint: StripeEndpoint;
}

export const DEMO_NAME = 'Demo';

/**
 * The connected Stripe accounts. Keys are validated with Stripe before anything is stored, stored only in the
 * keychain, read from it on first use and then held only in this process. Implements the gateway's KeyProvider.
 */
export class AccountService implements KeyProvider {
  private readonly memory = new Map<string, MemoryAccount>();
  /** Keys read from the keychain, by `accountId:mode`. */
  private readonly held = new Map<string, string>();
  /** Adds, rotations and removals run one at a time: two pastes of one account can't both create it. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AccountServiceOptions) {}

  list(): AccountSummary[] {
    const inMemory = [...this.memory.values()].map((m) => m.summary);
    return [...inMemory, ...this.options.store.list().map(toSummary)];
  }

  find(accountId: string): AccountSummary | null {
    const memory = this.memory.get(accountId);
    if (memory) return memory.summary;
    const stored = this.options.store.get(accountId);
    return stored ? toSummary(stored) : null;
  }

  get(accountId: string): AccountSummary {
    const account = this.find(accountId);
    if (!account) throw new ConsoleError('not_found', 'That account is not connected to Stripe Console.');
    return account;
  }

  async keyFor(scope: Scope): Promise<string> {
    const account = this.get(scope.accountId);
    if (!account.keys.some((k) => k.mode === scope.mode)) {
      throw new ConsoleError('not_found', `${account.name} has no ${scope.mode} key. Add one in Settings → Accounts.`);
    }
    const memoryKey = this.memory.get(scope.accountId)?.keys.get(scope.mode);
    if (memoryKey) return memoryKey;
    const entry = KeyVault.apiKeyEntry(scope.accountId, scope.mode);
    const held = this.held.get(entry);
    if (held) return held;
    const key = await this.options.vault.get(entry);
    if (!key) {
      throw new ConsoleError(
        'not_found',
        `The ${scope.mode} key for ${account.name} is missing from the system keychain. Rotate the key to add it again.`,
      );
    }
    this.held.set(entry, key);
    return key;
  }

  endpointFor(accountId: string): StripeEndpoint | null {
    const memory = this.memory.get(accountId);
    return memory ? memory.endpoint : this.options.apiEndpoint;
  }

  /** Validates a pasted key with Stripe, then stores it: a new account, or the other mode of a connected one. */
  add(input: { key: string; name?: string }): Promise<AccountSummary> {
    return this.exclusive(async () => {
      const form = checkKeyForm(input.key);
      const probed = await this.probe(form, this.options.apiEndpoint);
      this.refuseMemoryAccount(probed.id);
      const existing = this.options.store.get(probed.id);
      if (existing) return this.joinAccount(existing, form, probed);

      const name = this.resolveName(input.name, probed);
      const entry = KeyVault.apiKeyEntry(probed.id, form.mode);
      await this.options.vault.set(entry, form.key);
      try {
        this.options.store.transaction(() => {
          this.options.store.insertAccount({
            id: probed.id,
            name,
            country: probed.country,
            defaultCurrency: probed.defaultCurrency,
            lastMode: form.mode,
            addedAt: this.options.now(),
          });
          this.options.store.putKey(probed.id, this.keySummary(form, probed.unavailable));
        });
      } catch (err) {
        await this.options.vault.delete(entry); // the row never landed: leave no orphaned secret behind
        throw err;
      }
      this.held.set(entry, form.key);
      this.options.logger.info('account added', { accountId: probed.id, mode: form.mode, kind: form.kind });
      return this.changed(probed.id);
    });
  }

  /** Replaces a key in place, validated the same way; the key must belong to the same Stripe account. */
  rotateKey(input: { accountId: string; key: string }): Promise<AccountSummary> {
    return this.exclusive(async () => {
      const account = this.get(input.accountId);
      this.refuseDemo(account, 'rotate its keys');
      const form = checkKeyForm(input.key);
      const probed = await this.probe(form, this.endpointFor(account.id));
      if (probed.id !== account.id) {
        throw new ConsoleError(
          'account_mismatch',
          `This key belongs to another Stripe account (${probed.id}), not ${account.name} (${account.id}). Nothing was changed.`,
          { details: { expected: account.id, actual: probed.id } },
        );
      }
      const memory = this.memory.get(account.id);
      if (memory) {
        memory.keys.set(form.mode, form.key);
        memory.summary = {
          ...memory.summary,
          keys: upsertKey(memory.summary.keys, this.keySummary(form, probed.unavailable)),
        };
      } else {
        const entry = KeyVault.apiKeyEntry(account.id, form.mode);
        await this.options.vault.set(entry, form.key);
        this.options.store.putKey(account.id, this.keySummary(form, probed.unavailable));
        this.held.set(entry, form.key);
      }
      this.options.logger.info('account key rotated', { accountId: account.id, mode: form.mode, kind: form.kind });
      return this.changed(account.id);
    });
  }

  rename(input: { accountId: string; name: string }): AccountSummary {
    const account = this.get(input.accountId);
    this.refuseDemo(account, 'be renamed');
    const name = input.name.trim();
    if (this.nameTaken(name, account.id)) {
      throw new ConsoleError('duplicate', `Another account is already called “${name}”. Choose a different name.`);
    }
    const memory = this.memory.get(account.id);
    if (memory) memory.summary = { ...memory.summary, name };
    else this.options.store.rename(account.id, name);
    return this.changed(account.id);
  }

  /** Removes one mode's key. The last key can't go this way: that is removing the account, which needs confirmation. */
  removeKey(input: { accountId: string; mode: Mode }): Promise<AccountSummary> {
    return this.exclusive(async () => {
      const account = this.get(input.accountId);
      this.refuseDemo(account, 'lose its keys');
      if (!account.keys.some((k) => k.mode === input.mode)) {
        throw new ConsoleError('not_found', `${account.name} has no ${input.mode} key.`);
      }
      if (account.keys.length === 1) {
        throw new ConsoleError('conflict', `This is ${account.name}’s only key. Remove the account instead.`);
      }
      const memory = this.memory.get(account.id);
      if (memory) {
        memory.keys.delete(input.mode);
        memory.summary = { ...memory.summary, keys: memory.summary.keys.filter((k) => k.mode !== input.mode) };
      } else {
        const entry = KeyVault.apiKeyEntry(account.id, input.mode);
        await this.options.vault.delete(entry);
        this.options.store.deleteKey(account.id, input.mode);
        this.held.delete(entry);
      }
      await this.options.removeCachedData(account.id, input.mode);
      return this.changed(account.id);
    });
  }

  /** Removes the account, its keychain entries and its cached data. `confirm` must repeat the account id. */
  remove(input: { accountId: string; confirm: string }): Promise<void> {
    return this.exclusive(async () => {
      if (input.confirm !== input.accountId) {
        throw new ConsoleError('invalid_input', 'To remove an account, type its id (acct_…) exactly to confirm.');
      }
      const account = this.get(input.accountId);
      this.refuseDemo(account, 'be removed');
      if (!this.memory.delete(account.id)) {
        // Keychain first: if it is unavailable, the account stays listed rather than leaving secrets behind unlisted.
        for (const key of account.keys) await this.options.vault.delete(KeyVault.apiKeyEntry(account.id, key.mode));
        this.options.store.delete(account.id);
        for (const key of account.keys) this.held.delete(KeyVault.apiKeyEntry(account.id, key.mode));
      }
      await this.options.removeCachedData(account.id);
      this.options.logger.info('account removed', { accountId: account.id });
      this.emitChanged();
    });
  }

  /** A feature learned at run time that a restricted key lacks a permission: show the feature as unavailable. */
  recordUnavailable(scope: Scope, unavailable: Unavailable): void {
    const account = this.find(scope.accountId);
    const key = account?.keys.find((k) => k.mode === scope.mode);
    if (!account || !key || key.unavailable.some((u) => u.feature === unavailable.feature)) return;
    const next = [...key.unavailable, unavailable];
    const memory = this.memory.get(account.id);
    if (memory)
      memory.summary = { ...memory.summary, keys: upsertKey(memory.summary.keys, { ...key, unavailable: next }) };
    else this.options.store.setUnavailable(account.id, scope.mode, next);
    this.emitChanged();
  }

  setLastMode(accountId: string, mode: Mode): void {
    const memory = this.memory.get(accountId);
    if (memory) memory.summary = { ...memory.summary, lastMode: mode };
    else this.options.store.setLastMode(accountId, mode);
  }

  /** The in-app demo account: both keys in memory, served by the local emulator. */
  registerDemo(demo: DemoRegistration): AccountSummary {
    const previous = this.memory.get(demo.id);
    const addedAt = previous?.summary.keys[0]?.addedAt ?? this.options.now();
    const keys = (['test', 'live'] as const).map((mode) =>
      this.keySummary({ key: demo.keys[mode], kind: 'secret', mode }, [], addedAt),
    );
    this.memory.set(demo.id, {
      summary: {
        id: demo.id,
        name: DEMO_NAME,
        country: demo.country,
        defaultCurrency: demo.defaultCurrency,
        demo: true,
        sessionOnly: false,
        keys,
        lastMode: previous?.summary.lastMode ?? 'test',
      },
      keys: new Map(Object.entries(demo.keys) as [Mode, string][]),
      endpoint: demo.endpoint,
    });
    return this.changed(demo.id);
  }

  /** STRIPE_API_KEY at start-up: an account for this run only, validated like any other and written nowhere. */
  registerSessionKey(pastedKey: string): Promise<AccountSummary> {
    return this.exclusive(async () => {
      const form = checkKeyForm(pastedKey);
      const probed = await this.probe(form, this.options.apiEndpoint);
      const known = this.find(probed.id);
      if (known) return known; // already connected: its own keys serve it
      this.memory.set(probed.id, {
        summary: {
          id: probed.id,
          name: uniqueName(probed.name ?? probed.id, (n) => this.nameTaken(n)),
          country: probed.country,
          defaultCurrency: probed.defaultCurrency,
          demo: false,
          sessionOnly: true,
          keys: [this.keySummary(form, probed.unavailable)],
          lastMode: form.mode,
        },
        keys: new Map([[form.mode, form.key]]),
        endpoint: this.options.apiEndpoint,
      });
      return this.changed(probed.id);
    });
  }

  private async joinAccount(existing: StoredAccount, form: KeyForm, probed: ProbedAccount): Promise<AccountSummary> {
    const present = existing.keys.find((k) => k.mode === form.mode);
    if (present) {
      throw new ConsoleError(
        'duplicate',
        `${existing.name} already has a ${form.mode} key (${present.masked}). Use “Rotate key” to replace it.`,
      );
    }
    const entry = KeyVault.apiKeyEntry(existing.id, form.mode);
    await this.options.vault.set(entry, form.key);
    this.options.store.putKey(existing.id, this.keySummary(form, probed.unavailable));
    this.held.set(entry, form.key);
    this.options.logger.info('account key added', { accountId: existing.id, mode: form.mode, kind: form.kind });
    return this.changed(existing.id);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.pending.then(work, work);
    this.pending = result.catch(() => undefined);
    return result;
  }

  private probe(form: KeyForm, endpoint: StripeEndpoint | null): Promise<ProbedAccount> {
    return probeKey(this.options.probe(form.key, endpoint), form);
  }

  /** A name the operator typed must be free; a name Stripe suggested gets a “(2)” suffix instead. */
  private resolveName(typed: string | undefined, probed: ProbedAccount): string {
    const name = typed?.trim();
    if (name) {
      if (this.nameTaken(name)) {
        throw new ConsoleError('duplicate', `Another account is already called “${name}”. Choose a different name.`);
      }
      return name;
    }
    return uniqueName(probed.name ?? probed.id, (n) => this.nameTaken(n));
  }

  private nameTaken(name: string, exceptId?: string): boolean {
    const lower = name.toLowerCase();
    const inMemory = [...this.memory.values()].some(
      (m) => m.summary.id !== exceptId && m.summary.name.toLowerCase() === lower,
    );
    return inMemory || this.options.store.nameTaken(name, exceptId);
  }

  private refuseMemoryAccount(accountId: string): void {
    const memory = this.memory.get(accountId);
    if (!memory) return;
    throw new ConsoleError(
      'duplicate',
      memory.summary.demo
        ? 'This key belongs to the Demo account, which is already connected.'
        : `This key’s account (${memory.summary.name}) is already connected for this session from STRIPE_API_KEY.`,
    );
  }

  private refuseDemo(account: AccountSummary, action: string): void {
    if (account.demo) throw new ConsoleError('conflict', `The Demo account is built in and can’t ${action}.`);
  }

  private keySummary(form: KeyForm, unavailable: Unavailable[], addedAt = this.options.now()): AccountKeySummary {
    return { mode: form.mode, kind: form.kind, masked: maskKey(form.key), addedAt, unavailable };
  }

  private changed(accountId: string): AccountSummary {
    this.emitChanged();
    return this.get(accountId);
  }

  private emitChanged(): void {
    this.options.events.emit('accounts.changed', this.list());
  }
}

function toSummary(stored: StoredAccount): AccountSummary {
  return {
    id: stored.id,
    name: stored.name,
    country: stored.country,
    defaultCurrency: stored.defaultCurrency,
    demo: false,
    sessionOnly: false,
    keys: stored.keys,
    lastMode: stored.lastMode,
  };
}

function upsertKey(keys: AccountKeySummary[], key: AccountKeySummary): AccountKeySummary[] {
  return [...keys.filter((k) => k.mode !== key.mode), key].sort((a, b) => b.mode.localeCompare(a.mode)); // test, then live
}
