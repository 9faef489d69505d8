// A date input's value (local yyyy-mm-dd) and the unix seconds filters take; no JSX, so Node's tests import it.

/** Unix seconds ↔ a date input's local yyyy-mm-dd: the local day the moment falls on. */
export const toDateInput = (seconds: number | undefined) =>
  seconds === undefined ? '' : new Date(seconds * 1000).toLocaleDateString('sv-SE');

/**
 * A date input's value as unix seconds at that day's local midnight, or with `endOfDay` at the next local midnight
 * (an exclusive end). Days are calendar days: across a daylight-saving change one is 23 or 25 hours long.
 */
export function fromDateInput(text: string, endOfDay: boolean): number | undefined {
  if (!text) return undefined;
  const day = new Date(`${text}T00:00:00`);
  if (!Number.isFinite(day.getTime())) return undefined;
  if (endOfDay) day.setDate(day.getDate() + 1);
  return day.getTime() / 1000;
}

/** The last day a range with this exclusive end takes in, as a date input shows it. */
export const lastDayInput = (end: number | undefined) => toDateInput(end === undefined ? undefined : end - 1);
