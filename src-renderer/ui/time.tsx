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
