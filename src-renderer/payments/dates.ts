/** Unix seconds as a short local date and time. */
export function formatDate(seconds: number | null): string {
  if (!seconds) return '—';
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Unix seconds as a local date. */
export function formatDay(seconds: number | null): string {
  if (!seconds) return '—';
  return new Date(seconds * 1000).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
