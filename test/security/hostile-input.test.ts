import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../src-main/platform/logger';
import { redactSecrets, redactValue } from '../../src-main/platform/redact';
import { startSecurityApp, type SecurityApp } from './harness';

/** Search boxes fed what a hostile (or careless) user types, and secrets in every position a log can see. */
let h: SecurityApp;
let scope: { accountId: string; mode: 'test' };

beforeAll(async () => {
  h = await startSecurityApp({ demo: { customers: 20 } });
  scope = { accountId: h.app.services.accounts.list().find((a) => a.demo)!.id, mode: 'test' };
  const customer = {
    id: 'cus_Hostile1',
    object: 'customer',
    created: 1,
    name: 'Jane Nulldoe',
    email: 'jane.nulldoe@example.com',
    metadata: {},
  };
  h.app.services.sync.applyObject(scope, customer);
}, 60_000);
afterAll(async () => {
  await h?.destroy();
});

const HOSTILE_QUERIES = [
  '\u0000',
  'jane\u0000doe',
  '\u0001\u0002\u001b[2J\u007f',
  'a\tb\nc\rd',
  '\ud800broken',
  '"',
  '""""',
  'unterminated "quote',
  `' OR 1=1 --`,
  'NEAR(a b, 3)',
  'a OR b AND NOT c',
  '*',
  '^start',
  'name: jane',
  '{email} : x',
  '-(x)',
  '\u200b\u200e\ufeff',
  '%_\\',
];

describe('search input', () => {
  it('never turns into an internal error, on every search box', async () => {
    for (const query of HOSTILE_QUERIES) {
      for (const [call, input] of [
        ['customers.search', { scope, query }],
        ['payments.list', { scope, query }],
        ['search.everything', { scope, query }],
      ] as const) {
        const result = (await h.app.router.dispatch(call, input)) as { ok: boolean; error?: { code: string } };
        // Named, so a failure says which box and which input.
        expect({ call, query, code: result.ok ? 'ok' : result.error!.code }).toEqual({
          call,
          query,
          code: result.ok ? 'ok' : expect.not.stringMatching(/^internal$/),
        });
      }
    }
  });

  it('still finds what the words around a control character name', async () => {
    for (const query of ['jane\u0000nulldoe', '\u0007Nulldoe\u0000', 'jane.null\u001f']) {
      const found = await h.call<{ items: { id: string }[] }>('customers.search', { scope, query });
      expect([query, found.items.map((c) => c.id)]).toEqual([query, ['cus_Hostile1']]);
    }
  });
});

describe('log redaction', () => {
  const KEY = 'sk_live_51FakeRedactionKey0000000000abcd';
  const RESTRICTED = 'rk_test_51FakeRestricted000000000wxyz';
  const WHSEC = 'whsec_FakeSigningSecret000000000mnop';

  it('masks a key wherever it starts: after \\n, \\t, _, a letter, quotes, or inside JSON text', () => {
    for (const text of [
      `line1\n${KEY}`,
      `col\t${KEY}`,
      `prefix_${KEY}`,
      `x${KEY}`,
      `"${KEY}"`,
      JSON.stringify({ header: `Bearer ${KEY}` }),
      JSON.stringify(`a\n${RESTRICTED}`),
      `secret=${WHSEC};`,
    ]) {
      const redacted = redactSecrets(text);
      expect(redacted).not.toMatch(/FakeRedactionKey|FakeRestricted|FakeSigningSecret/);
    }
    expect(redactSecrets(`a\n${KEY}`)).toBe('a\nsk_live_…abcd');
  });

  it('redacts values before serialisation: nested objects, arrays, keys, Errors and their causes', () => {
    const cause = new Error(`upstream said ${RESTRICTED}`);
    const value = redactValue({
      nested: { deeper: [{ key: KEY }, `\t${WHSEC}`] },
      [KEY]: 'a key used as a key',
      error: new Error(`Invalid API Key provided: ${KEY}`, { cause }),
      count: 3,
      missing: null,
    });
    const text = JSON.stringify(value);
    expect(text).not.toMatch(/FakeRedactionKey|FakeRestricted|FakeSigningSecret/);
    expect(value).toMatchObject({ count: 3, missing: null, error: { name: 'Error' } });
    const circular: Record<string, unknown> = { key: KEY };
    circular['self'] = circular;
    expect(JSON.stringify(redactValue(circular))).toBe('{"key":"sk_live_…abcd","self":"[circular]"}');
  });

  it('writes no key to the log file in any position, and the file is the user’s alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-log-'));
    try {
      const logger = createFileLogger(dir);
      logger.error(`failed\n${KEY}`, {
        reason: `\t${RESTRICTED}`,
        request: { headers: { authorization: `Bearer_${KEY}` } },
        error: new Error(`signing with ${WHSEC}`),
        list: [`_${WHSEC}`],
      });
      const written = fs.readFileSync(path.join(dir, 'main.log'), 'utf8');
      expect(written).not.toMatch(/FakeRedactionKey|FakeRestricted|FakeSigningSecret/);
      expect(written).toContain('sk_live_…abcd');
      expect(fs.statSync(path.join(dir, 'main.log')).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
