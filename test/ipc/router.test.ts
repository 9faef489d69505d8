import { describe, expect, it } from 'vitest';
import { callNames, type CallName } from '../../src-preload/contract';
import { CallRouter, type Handlers } from '../../src-main/ipc/router';
import type { Logger } from '../../src-main/platform/logger';

const silent: Logger = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Handlers that record being reached: a garbage payload must never get that far. */
function recordingHandlers(reached: CallName[]): Handlers {
  return new Proxy({} as Handlers, {
    get: (_target, name) => () => {
      reached.push(name as CallName);
      return null;
    },
  });
}

const GARBAGE: unknown[] = [null, undefined, 42, 'text', [1, 2, 3], { unexpected: true }, { scope: 'not an object' }];

describe('CallRouter', () => {
  it.each(callNames)('rejects garbage on %s with a typed validation error', async (name) => {
    const reached: CallName[] = [];
    const router = new CallRouter(recordingHandlers(reached), silent);
    for (const payload of GARBAGE) {
      const result = await router.dispatch(name, payload);
      expect(result.ok, `${name} accepted ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.retryable).toBe(false);
        expect(JSON.parse(JSON.stringify(result.error))).toEqual(result.error);
      }
    }
    expect(reached).toEqual([]);
  });

  it('rejects an unknown channel', async () => {
    const router = new CallRouter(recordingHandlers([]), silent);
    const result = await router.dispatch('fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Unknown call.', retryable: false } });
  });

  it('turns an unexpected exception into an internal error without its message or stack', async () => {
    const handlers = new Proxy({} as Handlers, {
      get: () => () => {
        throw new Error('secret internals at /home/me/file.ts:12');
      },
    });
    const result = await new CallRouter(handlers, silent).dispatch('app.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(JSON.stringify(result.error)).not.toContain('secret internals');
    }
  });

  it('passes a valid payload to the handler and wraps its value', async () => {
    const reached: CallName[] = [];
    const result = await new CallRouter(recordingHandlers(reached), silent).dispatch('app.info', {});
    expect(result).toEqual({ ok: true, value: null });
    expect(reached).toEqual(['app.info']);
  });
});
