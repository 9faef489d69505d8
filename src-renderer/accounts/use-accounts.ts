import { useQueryClient } from '@tanstack/react-query';
import type { AccountSummary, Mode } from '../../src-preload/contract';
import { useCall, useConsoleEvent } from '../ipc/client';
import { formatDay } from '../ui/time';

/** The connected accounts, kept current by main's `accounts.changed` event. */
export function useAccounts() {
  const queryClient = useQueryClient();
  useConsoleEvent('accounts.changed', (accounts) => queryClient.setQueryData(['accounts.list', {}], accounts));
  return useCall('accounts.list', {});
}

export function hasMode(account: AccountSummary | undefined, mode: Mode): boolean {
  return account?.keys.some((k) => k.mode === mode) ?? false;
}

export const MODES: readonly Mode[] = ['test', 'live'];

export const MODE_LABEL: Record<Mode, string> = { test: 'Test', live: 'Live' };

export function formatDate(ms: number): string {
  return formatDay(ms / 1000);
}
