import { useCall } from '../ipc/client';

export function useAccountName(accountId: string | null): string | null {
  const accounts = useCall('accounts.list', {}).data;
  return accounts?.find((a) => a.id === accountId)?.name ?? null;
}
