import keytar from 'keytar';
import { ConsoleError, type Mode, type Scope } from '../../src-preload/contract';
import { checkedAccountId } from './account-id';

/** The part of keytar the vault uses; tests inject a failing one to prove nothing falls back to plaintext. */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Stripe Console';

const UNAVAILABLE_HELP: Record<string, string> = {
  linux:
    'On Linux, install and unlock a Secret Service such as gnome-keyring or KWallet (e.g. `sudo apt install gnome-keyring`, then log in to a desktop session that unlocks it).',
  darwin: 'On macOS, unlock the login keychain in Keychain Access and allow Stripe Console to use it.',
  win32: 'On Windows, make sure Credential Manager is available for your user account.',
};

/**
 * Secrets (API keys, webhook signing secrets) live only in the OS keychain: one service for the app,
 * one entry per account+mode. If the keychain can't be used the operation fails — there is no plaintext fallback.
 */
export class KeyVault {
  constructor(
    private readonly service: string = DEFAULT_KEYCHAIN_SERVICE,
    private readonly keychain: Keychain = keytar,
    private readonly platform: string = process.platform,
  ) {}

  static apiKeyEntry(accountId: string, mode: Mode): string {
    return `${checkedAccountId(accountId)}:${mode}`;
  }

  static webhookEntry(name: string): string {
    return `webhook:${name}`;
  }

  get(entry: string): Promise<string | null> {
    return this.guard(() => this.keychain.getPassword(this.service, entry));
  }

  set(entry: string, secret: string): Promise<void> {
    return this.guard(() => this.keychain.setPassword(this.service, entry, secret));
  }

  async delete(entry: string): Promise<void> {
    await this.guard(() => this.keychain.deletePassword(this.service, entry));
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      // keytar's errors ("Could not connect…", "Cannot create an item in a locked collection") carry no secret.
      const reason = err instanceof Error ? err.message : String(err);
      const help = UNAVAILABLE_HELP[this.platform] ?? 'Make sure the system keychain is available and unlocked.';
      throw new ConsoleError(
        'keychain_unavailable',
        `The system keychain can’t be used (${reason}). Stripe Console keeps keys only in the keychain and never on disk. ${help}`,
        { retryable: true },
      );
    }
  }
}

/** A webhook signing secret and the account+mode whose endpoint it signs for. */
export interface ScopedSecret {
  scope: Scope;
  secret: string;
}

/** The webhook receiver's whsec_ signing secrets: one per account and mode, in the keychain only. */
export interface WebhookSecretStore {
  get(scope: Scope): Promise<string | null>;
  set(scope: Scope, secret: string): Promise<void>;
  clear(scope: Scope): Promise<void>;
  /** Every stored secret of the given scopes: a delivery is routed by the one that verifies it. */
  all(scopes: Scope[]): Promise<ScopedSecret[]>;
}

/** Keychain-backed, with what was read held in main-process memory (a delivery must not wait on D-Bus). */
export function keychainWebhookSecretStore(vault: KeyVault): WebhookSecretStore {
  const held = new Map<string, string | null>();
  const entry = (scope: Scope) => KeyVault.webhookEntry(`${checkedAccountId(scope.accountId)}:${scope.mode}`);
  const get = async (scope: Scope) => {
    const name = entry(scope);
    if (!held.has(name)) held.set(name, await vault.get(name));
    return held.get(name) ?? null;
  };
  return {
    get,
    async set(scope, secret) {
      await vault.set(entry(scope), secret);
      held.set(entry(scope), secret);
    },
    async clear(scope) {
      await vault.delete(entry(scope));
      held.set(entry(scope), null);
    },
    async all(scopes) {
      const found: ScopedSecret[] = [];
      for (const scope of scopes) {
        const secret = await get(scope);
        if (secret) found.push({ scope, secret });
      }
      return found;
    },
  };
}
