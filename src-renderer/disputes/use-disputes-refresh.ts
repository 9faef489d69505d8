import { useQueryClient } from '@tanstack/react-query';
import { useConsoleEvent } from '../ipc/client';

const isDisputeQuery = (key: readonly unknown[]) => typeof key[0] === 'string' && key[0].startsWith('disputes.');

/** Re-reads every dispute query when main says a dispute changed (sent, accepted, reviewed, drafted). */
export function useDisputesRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => isDisputeQuery(q.queryKey) });
  useConsoleEvent('disputes.changed', () => void refresh());
  return refresh;
}
