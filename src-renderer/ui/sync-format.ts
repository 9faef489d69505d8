import { formatDateTime } from './time';
import { humanLabel } from './labels';

/** "2 min", "45 s", "1 h 5 min"; "—" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** Unix seconds in the one date/time format; "never" when unknown. */
export function formatTime(unixSeconds: number | null): string {
  return unixSeconds ? formatDateTime(unixSeconds) : 'never';
}

/** Unix milliseconds in the one date/time format. */
export function formatTimeMs(unixMs: number | null): string {
  return unixMs ? formatDateTime(Math.floor(unixMs / 1000)) : '—';
}

export function resourceLabel(resource: string): string {
  return humanLabel(resource);
}
