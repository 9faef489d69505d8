import { z } from 'zod';
import { call, event } from './define';
import { accountIdSchema, modeSchema, type Mode } from './common';

export type KeyKind = 'secret' | 'restricted';

export interface AccountKeySummary {
  mode: Mode;
  kind: KeyKind;
  /** e.g. `sk_live_…abcd` — the only form of a key that ever leaves main. */
  masked: string;
  addedAt: number;
  /** For restricted keys: features this key can't use, with the permission it lacks. */
  unavailable: { feature: string; permission: string }[];
}

export interface AccountSummary {
  id: string;
  name: string;
  country: string | null;
  defaultCurrency: string | null;
  demo: boolean;
  /** Added from STRIPE_API_KEY for this run only; never written anywhere. */
  sessionOnly: boolean;
  keys: AccountKeySummary[];
  lastMode: Mode;
}

/** Pasted keys are validated in main; the schema only bounds the size so garbage can't flood the boundary. */
const pastedKeySchema = z.string().trim().min(1, 'paste a key').max(512);

export const accountsCalls = {
  'accounts.list': call<AccountSummary[]>()(z.object({}).strict()),
  'accounts.add': call<AccountSummary>()(
    z.object({ key: pastedKeySchema, name: z.string().trim().min(1).max(80).optional() }).strict(),
  ),
  'accounts.rotateKey': call<AccountSummary>()(z.object({ accountId: accountIdSchema, key: pastedKeySchema }).strict()),
  'accounts.rename': call<AccountSummary>()(
    z.object({ accountId: accountIdSchema, name: z.string().trim().min(1).max(80) }).strict(),
  ),
  'accounts.removeKey': call<AccountSummary | null>()(
    z.object({ accountId: accountIdSchema, mode: modeSchema }).strict(),
  ),
  /** Removes the account, its keychain entries and its cached data. `confirm` must repeat the account id. */
  'accounts.remove': call<void>()(z.object({ accountId: accountIdSchema, confirm: accountIdSchema }).strict()),
};

export const accountsEvents = {
  'accounts.changed': event<AccountSummary[]>(),
};
