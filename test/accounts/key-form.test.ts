import { describe, expect, it } from 'vitest';
import { checkKeyForm } from '../../src-main/accounts/key-form';
import { ConsoleError } from '../../src-preload/contract';

const BODY = '51Habc123DEF456ghi789JKL';

function rejection(pasted: string): ConsoleError {
  try {
    checkKeyForm(pasted);
  } catch (err) {
    if (err instanceof ConsoleError) return err;
    throw err;
  }
  throw new Error(`expected ${pasted} to be rejected`);
}

describe('checkKeyForm', () => {
  it.each([
    [`sk_test_${BODY}`, 'secret', 'test'],
    [`sk_live_${BODY}`, 'secret', 'live'],
    [`rk_test_${BODY}`, 'restricted', 'test'],
    [`rk_live_${BODY}`, 'restricted', 'live'],
  ])('accepts %s', (key, kind, mode) => {
    expect(checkKeyForm(key)).toEqual({ key, kind, mode });
  });

  it('trims the whitespace a copy-paste brings along', () => {
    expect(checkKeyForm(`  sk_test_${BODY}\n`).key).toBe(`sk_test_${BODY}`);
  });

  it('explains that a publishable key is the wrong kind', () => {
    const error = rejection(`pk_live_${BODY}`);
    expect(error.code).toBe('invalid_key');
    expect(error.message).toBe('This is a publishable key. Paste a secret (sk_) or restricted (rk_) key.');
  });

  it('recognises a webhook secret pasted by mistake', () => {
    expect(rejection(`whsec_${BODY}`).message).toMatch(/webhook signing secret/);
  });

  it.each(['hello', `sk_prod_${BODY}`, 'sk_test_short', `sk_test_${BODY}!`, `xk_test_${BODY}`])(
    'rejects malformed %s',
    (key) => {
      const error = rejection(key);
      expect(error.code).toBe('invalid_key');
      expect(error.message).toMatch(/doesn’t look like a Stripe API key/);
    },
  );

  it('rejects a key broken across lines', () => {
    expect(rejection(`sk_test_51Habc\n123DEF456ghi789JKL`).message).toMatch(/spaces or line breaks/);
  });

  it('never repeats the pasted key in its message', () => {
    const secret = `sk_test_${BODY}!!`;
    expect(rejection(secret).message).not.toContain(BODY);
  });
});
