import { useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CallName } from '../../src-preload/contract';
import { useCall, useConsoleEvent } from '../ipc/client';
import { plainWords } from '../ui/labels';

const REFRESH_INTERVAL_MS = 2000;

/** Re-reads the given calls from the cache when sync reports progress (new events applied), at most every 2 s. */
export function useRefreshOnSync(calls: CallName[]): void {
  const queryClient = useQueryClient();
  const last = useRef(0);
  useConsoleEvent('sync.progress', () => {
    const now = Date.now();
    if (now - last.current < REFRESH_INTERVAL_MS) return;
    last.current = now;
    for (const name of calls) void queryClient.invalidateQueries({ queryKey: [name] });
  });
}

/** Whether Stripe is reachable for the shown account+mode, kept current by main's `connectivity.changed`. */
export function useConnectivity() {
  const queryClient = useQueryClient();
  useConsoleEvent('connectivity.changed', (c) => queryClient.setQueryData(['connectivity.get', {}], c));
  return useCall('connectivity.get', {}).data;
}

/** Why Stripe can't be reached right now, or null when online: mutating buttons are disabled with this reason. */
export function useOfflineReason(): string | null {
  const connectivity = useConnectivity();
  if (!connectivity || connectivity.online) return null;
  return `Offline — ${plainWords(connectivity.reason ?? 'Stripe can’t be reached')}. Cached data stays available; actions need a connection.`;
}
