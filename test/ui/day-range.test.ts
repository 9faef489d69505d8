import { afterEach, beforeEach, expect, it } from 'vitest';
import { fromDateInput, lastDayInput, toDateInput } from '../../src-renderer/ui/date-input';

// Node takes a new TZ at once; the suite's own zone comes back after each test.
let zone: string | undefined;
beforeEach(() => {
  zone = process.env.TZ;
  process.env.TZ = 'Europe/London';
});
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

it('a date filter’s day is the calendar day, 23 or 25 hours long across a daylight-saving change', () => {
  // London: clocks go forward on 29 March 2026 and back on 25 October 2026.
  for (const [day, hours] of [
    ['2026-03-29', 23],
    ['2026-10-25', 25],
    ['2026-06-01', 24],
  ] as const) {
    const start = fromDateInput(day, false)!;
    const end = fromDateInput(day, true)!;
    expect((end - start) / 3600).toBe(hours);
    expect(toDateInput(start)).toBe(day);
    expect(lastDayInput(end)).toBe(day);
  }
});

it('an emptied or unreadable date input is no bound', () => {
  expect(fromDateInput('', false)).toBeUndefined();
  expect(fromDateInput('2026-02-30x', true)).toBeUndefined();
  expect(lastDayInput(undefined)).toBe('');
});
