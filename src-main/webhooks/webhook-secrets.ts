import { ConsoleError, type AccountSummary, type Scope } from '../../src-preload/contract';
import type { WebhookSecretStore } from '../platform/keychain';

/** Every mode each connected account has a key for: the only scopes a webhook may be signed for. */
export function connectedScopes(accounts: readonly AccountSummary[]): Scope[] {
  return accounts.flatMap((account) => account.keys.map((key) => ({ accountId: account.id, mode: key.mode })));
}

/**
 * The signing secrets as Settings sees them: which account+modes have one (known synchronously, for
 * `settings.get`), set only for a connected account, forgotten with the account.
 */
export class WebhookSecrets {
  private stored: Scope[] = [];

  constructor(
    private readonly store: WebhookSecretStore,
    private readonly connected: () => Scope[],
  ) {}

  storedScopes(): Scope[] {
    const connected = this.connected();
    return this.stored.filter((s) => connected.some((c) => c.accountId === s.accountId && c.mode === s.mode));
  }

  async refresh(): Promise<void> {
    this.stored = (await this.store.all(this.connected()).catch(() => [])).map((s) => s.scope);
  }

  async set(scope: Scope, secret: string): Promise<void> {
    if (!this.connected().some((s) => s.accountId === scope.accountId && s.mode === scope.mode))
      throw new ConsoleError('not_found', `No connected account has a ${scope.mode} key for ${scope.accountId}.`);
    await this.store.set(scope, secret);
    await this.refresh();
  }

  /** Removes an account's secrets (one mode, or both) from the keychain. */
  async forget(accountId: string, mode?: Scope['mode']): Promise<void> {
    for (const m of mode ? [mode] : (['test', 'live'] as const)) await this.store.clear({ accountId, mode: m });
    await this.refresh();
  }
}
