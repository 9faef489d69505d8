import { create } from 'zustand';
import type { ConsoleError, Scope } from '../../src-preload/contract';
import { useCall } from '../ipc/client';
import { useOfflineReason } from './live-data';

/** Write permissions Stripe refused per account+mode in this session (restricted keys aren't probed for writes). */
const useDenied = create<{ denied: Record<string, string[]>; deny(scopeKey: string, permission: string): void }>(
  (set) => ({
    denied: {},
    deny: (scopeKey, permission) =>
      set((s) => ({ denied: { ...s.denied, [scopeKey]: [...(s.denied[scopeKey] ?? []), permission] } })),
  }),
);

const keyOf = (scope: Scope) => `${scope.accountId}:${scope.mode}`;

/** Remembers a permission Stripe refused, so every action needing it says why it's disabled, not just the one tried. */
export function rememberDeniedWrite(scope: Scope, error: ConsoleError, fallback: string): void {
  if (error.code !== 'permission_denied') return;
  const permission = typeof error.details?.permission === 'string' ? error.details.permission : fallback;
  useDenied.getState().deny(keyOf(scope), permission);
}

/**
 * Why writes to a Stripe resource (e.g. 'customer' → rak_customer_*) can't run now: offline, or the key lacks the
 * permission (found missing by the key probe, or refused by Stripe earlier this session). Null when they can.
 */
export function useWriteBlock(scope: Scope, resource: string, what: string): string | null {
  const offline = useOfflineReason();
  const accounts = useCall('accounts.list', {}).data;
  const prefix = `rak_${resource}_`;
  const denied = useDenied((s) => s.denied[keyOf(scope)]?.find((p) => p.startsWith(prefix)));
  if (offline) return offline;
  const unavailable = accounts
    ?.find((a) => a.id === scope.accountId)
    ?.keys.find((k) => k.mode === scope.mode)
    ?.unavailable.find((u) => u.permission.startsWith(prefix));
  const permission = denied ?? unavailable?.permission;
  return permission ? `This restricted key lacks the '${permission}' permission, so ${what} are disabled.` : null;
}
