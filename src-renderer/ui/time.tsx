/**
 * The one date/time format: the OS locale, no seconds; recent (and soon) moments relative ("5 minutes ago",
 * "in 3 days"), older ones absolute; the absolute time with its time zone on hover.
 */

const RECENT_SECONDS = 6 * 24 * 3600;

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const withZone = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** Unix seconds as the absolute local date and time (no seconds): for tables, exports and older moments. */
export function formatDateTime(seconds: number | null | undefined): string {
  return seconds ? absolute.format(seconds * 1000) : '—';
}

/** Unix seconds as a local date. */
export function formatDay(seconds: number | null | undefined): string {
  return seconds ? day.format(seconds * 1000) : '—';
}

/** The hover text: absolute, with the time zone. */
export function formatFull(seconds: number): string {
  return withZone.format(seconds * 1000);
}

/** "5 minutes ago", "in 2 days", or the absolute date and time when further than six days away. */
export function formatWhen(seconds: number | null | undefined, nowMs: number = Date.now()): string {
  if (!seconds) return '—';
  const diff = seconds - nowMs / 1000;
  if (Math.abs(diff) > RECENT_SECONDS) return formatDateTime(seconds);
  if (Math.abs(diff) < 60) return diff <= 0 ? 'just now' : 'in under a minute';
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relative.format(Math.trunc(diff / size), unit);
  }
  return formatDateTime(seconds);
}

/** A moment in time, in the one format, with the exact time and zone on hover. */
export function When({ seconds, dayOnly = false }: { seconds: number | null | undefined; dayOnly?: boolean }) {
  if (!seconds) return <span className="hint">—</span>;
  return (
    <time dateTime={new Date(seconds * 1000).toISOString()} title={formatFull(seconds)}>
      {dayOnly ? formatDay(seconds) : formatWhen(seconds)}
    </time>
  );
}

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
