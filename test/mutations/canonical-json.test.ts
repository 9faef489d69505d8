import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-main/mutations/canonical-json';

describe('canonicalJson: equal parameters, equal text', () => {
  it('sorts keys at every level, keeps array order, and keeps null and primitives as JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([2, 1])).toBe('[2,1]');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});
