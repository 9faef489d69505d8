import { useEffect, useState } from 'react';
import { RESPONDABLE_STATUSES, type DisputeStatus, type Urgency } from '../../src-preload/contract/disputes';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** How pressing a dispute's deadline is. Only disputes still waiting for a response have one that matters. */
export function urgencyOf(status: DisputeStatus, dueBy: number | null, nowSeconds: number): Urgency {
  if (!dueBy || !RESPONDABLE_STATUSES.includes(status)) return 'none';
  const left = dueBy - nowSeconds;
  if (left < 0) return 'overdue';
  if (left < 48 * HOUR) return 'within_48h';
  if (left < 7 * DAY) return 'within_7d';
  return 'later';
}

export const URGENCY_LABEL: Record<Urgency, string> = {
  overdue: 'Overdue',
  within_48h: '< 48 h',
  within_7d: '< 7 days',
  later: 'Later',
  none: '',
};

export const URGENCY_BADGE: Record<Urgency, string> = {
  overdue: 'red',
  within_48h: 'red',
  within_7d: 'orange',
  later: 'grey',
  none: 'grey',
};

/** "2d 4h 10m", "3h 05m 12s", "overdue by 1d 2h"; without seconds for a clock that ticks slowly. */
export function countdown(dueBy: number, nowSeconds: number, withSeconds = true): string {
  const left = dueBy - nowSeconds;
  const abs = Math.abs(left);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / 60);
  const s = withSeconds ? ` ${String(abs % 60).padStart(2, '0')}s` : '';
  const text = d > 0 ? `${d}d ${h}h ${m}m` : h > 0 ? `${h}h ${String(m).padStart(2, '0')}m${s}` : `${m}m${s}`;
  return left < 0 ? `overdue by ${text}` : text;
}

/** The current time in unix seconds, ticking every `intervalMs` (live countdowns). */
export function useNowSeconds(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
