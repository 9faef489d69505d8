import { ACCOUNT_ID_PATTERN, ConsoleError } from '../../src-preload/contract';

export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID_PATTERN.test(value);
}

/** Every account id that reaches a file path, a keychain entry or a query passes here first: `../` never does. */
export function checkedAccountId(value: unknown): string {
  if (!isAccountId(value)) throw new ConsoleError('invalid_input', 'That is not a Stripe account id (acct_…).');
  return value;
}
