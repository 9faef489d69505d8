import type Stripe from 'stripe';
import { ConsoleError } from '../../src-preload/contract';
import { toConsoleError } from '../stripe/errors';
import type { KeyForm } from './key-form';
import type { Unavailable } from './account-store';
import { probeFeatureAccess } from './feature-access';

/** What Stripe tells us about the account a pasted key belongs to. */
export interface ProbedAccount {
  id: string;
  /** Display name from Stripe, when the key may read it. */
  name: string | null;
  country: string | null;
  defaultCurrency: string | null;
  unavailable: Unavailable[];
}

/**
 * Asks Stripe who a key belongs to: GET /v1/account, or — for a restricted key that may not read the account —
 * the account id Stripe names in its permission error and the currency of the balance.
 */
export async function probeKey(stripe: Stripe, form: KeyForm): Promise<ProbedAccount> {
  try {
    const account = await stripe.accounts.retrieveCurrent();
    return {
      id: account.id,
      name: account.business_profile?.name || account.settings?.dashboard?.display_name || account.email || null,
      country: account.country ?? null,
      defaultCurrency: account.default_currency ?? null,
      unavailable: form.kind === 'restricted' ? await probeFeatureAccess(stripe) : [],
    };
  } catch (err) {
    const error = probeError(err);
    if (error.code !== 'permission_denied') throw error;
    return probeWithoutAccountRead(stripe, err, error);
  }
}

async function probeWithoutAccountRead(
  stripe: Stripe,
  accountError: unknown,
  denied: ConsoleError,
): Promise<ProbedAccount> {
  const id = accountIdIn(accountError);
  if (!id) {
    throw new ConsoleError(
      'permission_denied',
      'This restricted key can’t tell which Stripe account it belongs to. Give it read access to the account (or use a secret key).',
      denied.details ? { details: denied.details } : {},
    );
  }
  const [defaultCurrency, unavailable] = await Promise.all([balanceCurrency(stripe), probeFeatureAccess(stripe)]);
  const accountPermission =
    typeof denied.details?.permission === 'string' ? denied.details.permission : 'rak_account_read';
  return {
    id,
    name: null,
    country: null,
    defaultCurrency,
    unavailable: [{ feature: 'Account details', permission: accountPermission }, ...unavailable],
  };
}

/** Stripe's 403 says "… on account 'acct_…'": the one place a restricted key without account access learns its account. */
function accountIdIn(err: unknown): string | null {
  const message = err instanceof Error ? err.message : '';
  return /\b(acct_[A-Za-z0-9]+)\b/.exec(message)?.[1] ?? null;
}

async function balanceCurrency(stripe: Stripe): Promise<string | null> {
  try {
    const balance = await stripe.balance.retrieve();
    return balance.available[0]?.currency ?? null;
  } catch {
    return null; // the currency is a nicety; a key without balance access is still a good key
  }
}

/** Probe failures in the words an operator pasting a key needs. */
function probeError(err: unknown): ConsoleError {
  const error = toConsoleError(err);
  if (error.code === 'unauthorized') {
    return new ConsoleError(
      'unauthorized',
      'Stripe says this key is invalid or was revoked. Copy a current key from the Stripe Dashboard (Developers → API keys).',
      error.details ? { details: error.details } : {},
    );
  }
  if (error.code === 'offline') {
    return new ConsoleError(
      'offline',
      'Stripe can’t be reached, so the key can’t be checked. Nothing was saved; try again when online.',
      {
        retryable: true,
      },
    );
  }
  return error;
}
