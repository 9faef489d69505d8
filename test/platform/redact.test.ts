import { describe, expect, it } from 'vitest';
import { maskKey, redactSecrets } from '../../src-main/platform/redact';

describe('secret redaction', () => {
  it('masks keys to prefix and last four', () => {
    expect(maskKey('sk_live_51FakeKeyForTestsOnlyUvWxYz1234abcd')).toBe('sk_live_…abcd');
    expect(maskKey('rk_test_51AbCdEfGh9876')).toBe('rk_test_…9876');
  });
  it('redacts every secret inside text', () => {
    const text =
      'Invalid API Key provided: sk_test_51Abc0000000000wxyz; secret whsec_abcdefghijklmnop, rk_live_99999999zzzz';
    const redacted = redactSecrets(text);
    expect(redacted).not.toMatch(/sk_test_51Abc|whsec_abcdefgh|rk_live_9999/);
    expect(redacted).toContain('sk_test_…wxyz');
  });
});
