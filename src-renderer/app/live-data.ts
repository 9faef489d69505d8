import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CallName } from '../../src-preload/contract';
import { useCall, useConsoleEvent } from '../ipc/client';
import { plainWords } from '../ui/labels';

const REFRESH_INTERVAL_MS = 2000;

/**
 * Re-reads the given calls from the cache when sync reports progress (new events applied), at most every 2 s. A
 * report inside the 2 s is not dropped: it re-reads when they are up, since main reports only what changed.
 */
export function useRefreshOnSync(calls: CallName[]): void {
  const queryClient = useQueryClient();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    pending.current = null;
    last.current = Date.now();
    for (const name of calls) void queryClient.invalidateQueries({ queryKey: [name] });
  };
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  useConsoleEvent('sync.progress', () => {
    if (pending.current) return;
    const wait = last.current + REFRESH_INTERVAL_MS - Date.now();
    if (wait <= 0) refresh();
    else pending.current = setTimeout(refresh, wait);
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
