import type { Scope, Session } from '../../src-preload/contract';

/** The account+mode a session shows, or null before an account is chosen. */
export function scopeOf(session: Session | undefined): Scope | null {
  return session?.accountId ? { accountId: session.accountId, mode: session.mode } : null;
}
