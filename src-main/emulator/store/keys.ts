import { createHmac } from 'node:crypto';
import { Prng } from '../generator/prng';
import { cryptoChars } from './ids';
import { readMeta, writeMeta, type Db } from './database';
import type { Mode } from './types';

export interface ApiKeyRecord {
  key: string;
  mode: Mode;
  /** null for secret keys (full access); the granted `rak_*` names for restricted keys. */
  permissions: string[] | null;
  revoked: boolean;
}

export interface AccountIdentity {
  accountId: string;
  webhookSecret: string;
  keys: { test: string; live: string; restrictedTest: string };
}

/** Read permissions on everything except subscriptions, plus refund writes (no dispute writes, no account). */
export const DEFAULT_RESTRICTED_PERMISSIONS = [
  'rak_customer_read',
  'rak_payment_method_read',
  'rak_payment_intent_read',
  'rak_charge_read',
  'rak_refund_write',
  'rak_dispute_read',
  'rak_file_read',
  'rak_invoice_read',
  'rak_product_read',
  'rak_price_read',
  'rak_balance_read',
  'rak_payout_read',
  'rak_review_read',
  'rak_radar_early_fraud_warning_read',
  'rak_event_read',
  'rak_webhook_read',
];

/** API keys, the account id and the default webhook secret, persisted so a restart keeps them. */
export class KeyRegistry {
  /** Keys derived from the caller's `keySecret`: answered from memory, never written to the store. */
  private readonly derived = new Map<string, ApiKeyRecord>();

  constructor(
    private readonly db: Db,
    private readonly keySecret: Buffer | null = null,
  ) {}

  /** Loads the identity from the data dir, creating it on first start (the account id follows the seed). */
  identity(seed: number): AccountIdentity {
    if (this.keySecret) return this.derivedIdentity(seed, this.keySecret);
    const saved = readMeta(this.db, 'identity');
    if (saved) return JSON.parse(saved) as AccountIdentity;
    const identity: AccountIdentity = {
      accountId: `acct_1${new Prng(seed ^ 0x5eed).string(15)}`,
      webhookSecret: `whsec_${cryptoChars(32)}`,
      keys: {
        test: this.create('sk', 'test', null),
        live: this.create('sk', 'live', null),
        restrictedTest: this.create('rk', 'test', DEFAULT_RESTRICTED_PERMISSIONS),
      },
    };
    writeMeta(this.db, 'identity', JSON.stringify(identity));
    return identity;
  }

  /** HMAC-derived keys held in memory; drops the plaintext keys a store written before may still hold. */
  private derivedIdentity(seed: number, secret: Buffer): AccountIdentity {
    const derive = (label: string, length: number) => {
      let out = '';
      for (let block = 0; out.length < length; block++) {
        const bytes = createHmac('sha256', secret).update(`${label}:${block}`).digest();
        for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
      }
      return out.slice(0, length);
    };
    const identity: AccountIdentity = {
      accountId: `acct_1${new Prng(seed ^ 0x5eed).string(15)}`,
      webhookSecret: `whsec_${derive('whsec', 32)}`,
      keys: {
        test: `sk_test_51${derive('sk_test', 96)}`,
        live: `sk_live_51${derive('sk_live', 96)}`,
        restrictedTest: `rk_test_51${derive('rk_test', 96)}`,
      },
    };
    const remember = (key: string, mode: Mode, permissions: string[] | null) =>
      this.derived.set(key, { key, mode, permissions, revoked: false });
    remember(identity.keys.test, 'test', null);
    remember(identity.keys.live, 'live', null);
    remember(identity.keys.restrictedTest, 'test', DEFAULT_RESTRICTED_PERMISSIONS);
    const saved = readMeta(this.db, 'identity');
    if (saved) {
      this.db.pragma('secure_delete = ON'); // overwrite them, don't just unlink the rows
      const old = JSON.parse(saved) as Partial<AccountIdentity>;
      for (const key of Object.values(old.keys ?? {})) this.db.prepare('DELETE FROM api_keys WHERE key = ?').run(key);
      this.db.prepare(`DELETE FROM meta WHERE key = 'identity'`).run();
    }
    return identity;
  }

  create(kind: 'sk' | 'rk', mode: Mode, permissions: string[] | null): string {
    const key = `${kind}_${mode}_51${cryptoChars(96)}`;
    this.db
      .prepare('INSERT INTO api_keys (key, mode, permissions) VALUES (?, ?, ?)')
      .run(key, mode, permissions ? JSON.stringify(permissions) : null);
    return key;
  }

  find(key: string): ApiKeyRecord | undefined {
    const derived = this.derived.get(key);
    if (derived) return derived;
    const row = this.db.prepare('SELECT key, mode, permissions, revoked FROM api_keys WHERE key = ?').get(key) as
      | { key: string; mode: Mode; permissions: string | null; revoked: number }
      | undefined;
    if (!row) return undefined;
    return {
      key: row.key,
      mode: row.mode,
      permissions: row.permissions ? (JSON.parse(row.permissions) as string[]) : null,
      revoked: row.revoked === 1,
    };
  }

  revoke(key: string): void {
    const derived = this.derived.get(key);
    if (derived) derived.revoked = true;
    this.db.prepare('UPDATE api_keys SET revoked = 1 WHERE key = ?').run(key);
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Stripe's redaction in error messages: prefix, stars, last four characters. */
export function redactKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}****${key.slice(-4)}`;
}
