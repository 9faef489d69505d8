import { describe, expect, it } from 'vitest';
import { calls, events } from '../../src-preload/contract';
import { CALL_NAMES, EVENT_NAMES, isCallName, isEventName } from '../../src-preload/contract/names';

// The preload forwards by the names-only module; the contract's index is the one source of truth it must match.
describe('contract names', () => {
  it('lists exactly the contract’s calls and events, each once', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(calls).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it('knows a call or event by its exact name only', () => {
    for (const name of Object.keys(calls)) expect(isCallName(name)).toBe(true);
    for (const name of Object.keys(events)) expect(isEventName(name)).toBe(true);
    for (const other of ['', 'customers', 'customers.search ', 'toString', '__proto__', 'constructor', 42, null])
      expect([isCallName(other), isEventName(other)]).toEqual([false, false]);
    expect(isCallName('session.changed')).toBe(false);
    expect(isEventName('session.get')).toBe(false);
  });

  it('keeps the schemas out of the module the bridge loads', async () => {
    const source = await import('node:fs').then((fs) =>
      fs.readFileSync(new URL('../../src-preload/contract/names.ts', import.meta.url), 'utf8'),
    );
    const runtimeImports = source.match(/^import (?!type )[^;]*;/gm) ?? [];
    expect(runtimeImports).toEqual([]);
  });
});
