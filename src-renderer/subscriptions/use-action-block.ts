import { create } from 'zustand';
import type { ConsoleError, Scope } from '../../src-preload/contract';
import { useCall } from '../ipc/client';
import { useOfflineReason } from '../app/live-data';

/** Write permissions Stripe refused per account+mode in this session (restricted keys aren't probed for writes). */
const useDenied = create<{ denied: Record<string, string>; deny(scopeKey: string, permission: string): void }>(
  (set) => ({
    denied: {},
    deny: (scopeKey, permission) => set((s) => ({ denied: { ...s.denied, [scopeKey]: permission } })),
  }),
);

const keyOf = (scope: Scope) => `${scope.accountId}:${scope.mode}`;

/** Remembers a refused permission so every subscription action says why it's disabled, not just the one tried. */
export function rememberDenied(scope: Scope, error: ConsoleError): void {
  if (error.code !== 'permission_denied') return;
  const permission =
    typeof error.details?.permission === 'string' ? error.details.permission : 'rak_subscription_write';
  useDenied.getState().deny(keyOf(scope), permission);
}

/** Why subscription actions can't run now (offline, or the key lacks a permission), or null. */
export function useActionBlock(scope: Scope): string | null {
  const offline = useOfflineReason();
  const accounts = useCall('accounts.list', {}).data;
  const denied = useDenied((s) => s.denied[keyOf(scope)]);
  if (offline) return offline;
  const unavailable = accounts
    ?.find((a) => a.id === scope.accountId)
    ?.keys.find((k) => k.mode === scope.mode)
    // Any subscription permission the key probe found missing (read today; write if the probe learns to check it).
    ?.unavailable.find((u) => u.permission.startsWith('rak_subscription_'));
  const permission = denied ?? unavailable?.permission;
  return permission
    ? `This restricted key lacks the '${permission}' permission, so subscription actions are disabled.`
    : null;
}
