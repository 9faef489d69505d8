import { useQueryClient } from '@tanstack/react-query';
import type { Scope } from '../../src-preload/contract';
import { useCall, useConsoleEvent } from '../ipc/client';
import { scopeOf } from './scope';

/** The account+mode the window shows; kept current by main's `session.changed` event. */
export function useSession() {
  const queryClient = useQueryClient();
  useConsoleEvent('session.changed', (session) => queryClient.setQueryData(['session.get', {}], session));
  return useCall('session.get', {});
}

/** The current scope, or null before an account is chosen. Views key every query by it. */
export function useScope(): Scope | null {
  return scopeOf(useSession().data);
}
