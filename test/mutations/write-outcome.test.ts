import { describe, expect, it } from 'vitest';
import { allowsNewRequest, mayHaveExecuted, writeOutcomeOf } from '../../src-preload/contract/write-outcome';

describe('write outcomes as the renderer reads them', () => {
  it('reads the three outcomes and nothing else', () => {
    expect(writeOutcomeOf({ details: { outcome: 'refused' } })).toBe('refused');
    expect(writeOutcomeOf({ details: { outcome: 'not_sent' } })).toBe('not_sent');
    expect(writeOutcomeOf({ details: { outcome: 'unknown' } })).toBe('unknown');
    expect(writeOutcomeOf({ details: { outcome: 'succeeded' } })).toBeNull();
    expect(writeOutcomeOf({ details: {} })).toBeNull();
    expect(writeOutcomeOf({})).toBeNull();
  });

  it('only a refusal allows a new request; only an unknown outcome may have executed', () => {
    const of = (outcome?: string) => (outcome ? { details: { outcome } } : {});
    expect(['refused', 'not_sent', 'unknown', undefined].map((o) => allowsNewRequest(of(o)))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(['refused', 'not_sent', 'unknown', undefined].map((o) => mayHaveExecuted(of(o)))).toEqual([
      false,
      false,
      true,
      false,
    ]);
  });
});
