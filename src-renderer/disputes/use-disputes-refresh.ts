import { useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Scope } from '../../src-preload/contract';
import { useConsoleEvent } from '../ipc/client';

const isDisputeQuery = (key: readonly unknown[]) => typeof key[0] === 'string' && key[0].startsWith('disputes.');

/**
 * Re-reads every dispute query when main says a dispute changed (sent, accepted, reviewed), and when sync has
 * brought more disputes into this scope's cache (not on every progress tick).
 */
export function useDisputesRefresh(scope: Scope): () => Promise<void> {
  const queryClient = useQueryClient();
  const seen = useRef<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => isDisputeQuery(q.queryKey) });
  useConsoleEvent('disputes.changed', () => void refresh());
  useConsoleEvent('sync.progress', (progress) => {
    if (progress.accountId !== scope.accountId || progress.mode !== scope.mode) return;
    const disputes = progress.resources.find((r) => r.resource === 'disputes');
    const mark = `${progress.phase}:${disputes?.done ?? 0}:${disputes?.complete ?? false}`;
    if (seen.current !== null && seen.current !== mark) void refresh();
    seen.current = mark;
  });
  return refresh;
}
