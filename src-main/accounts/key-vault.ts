import keytar from 'keytar';
import { ConsoleError, type Mode } from '../../src-preload/contract';

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
    return `${accountId}:${mode}`;
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

/** Where the webhook receiver keeps its whsec_ signing secret. */
export interface WebhookSecretStore {
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  clear(): Promise<void>;
}

export function keychainWebhookSecretStore(vault: KeyVault, name = 'default'): WebhookSecretStore {
  const entry = KeyVault.webhookEntry(name);
  return {
    get: () => vault.get(entry),
    set: (secret) => vault.set(entry, secret),
    clear: () => vault.delete(entry),
  };
}
