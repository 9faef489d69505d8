import { ConsoleError, type AccountSummary, type Mode, type Session } from '../../src-preload/contract';
import type { EventBus } from '../platform/event-bus';
import type { AccountService } from './account-service';
import type { SettingsStore } from '../settings/settings-store';

/**
 * The account and mode the window shows. One global switch: every view, client and cache follows it.
 * The last mode is remembered per account, the last account across restarts.
 */
export class SessionService {
  private current: Session = { accountId: null, mode: 'test' };

  constructor(
    private readonly accounts: AccountService,
    private readonly remembered: Pick<SettingsStore, 'lastAccountId' | 'rememberLastAccount'>,
    private readonly events: EventBus,
  ) {}

  get(): Session {
    return { ...this.current };
  }

  /** Start-up: the last used account if it is still connected, else Demo, else any account. */
  restore(): Session {
    const all = this.accounts.list();
    const last = all.find((a) => a.id === this.remembered.lastAccountId());
    const account = last ?? all.find((a) => a.demo) ?? all[0];
    this.apply(
      account ? { accountId: account.id, mode: modeFor(account, undefined) } : { accountId: null, mode: 'test' },
    );
    return this.get();
  }

  select(input: { accountId: string; mode?: Mode }): Session {
    const account = this.accounts.get(input.accountId);
    if (input.mode && !account.keys.some((k) => k.mode === input.mode)) {
      throw new ConsoleError(
        'not_found',
        `${account.name} has no ${input.mode} key, so it can’t be shown in ${input.mode} mode. Add a ${input.mode} key in Settings → Accounts.`,
      );
    }
    const mode = modeFor(account, input.mode);
    this.accounts.setLastMode(account.id, mode);
    // A session-only account is written nowhere, not even as the last one shown.
    if (!account.sessionOnly) this.remembered.rememberLastAccount(account.id);
    this.apply({ accountId: account.id, mode });
    return this.get();
  }

  /** The accounts changed: if the session's account or mode went away, fall back (to test mode, never silently to live). */
  reconcile(accounts: AccountSummary[]): void {
    const account = accounts.find((a) => a.id === this.current.accountId);
    if (account?.keys.some((k) => k.mode === this.current.mode)) return;
    if (account) {
      this.apply({ accountId: account.id, mode: modeFor(account, undefined) });
      return;
    }
    const fallback = accounts.find((a) => a.demo) ?? accounts[0];
    this.apply(
      fallback ? { accountId: fallback.id, mode: modeFor(fallback, 'test') } : { accountId: null, mode: 'test' },
    );
  }

  private apply(next: Session): void {
    if (next.accountId === this.current.accountId && next.mode === this.current.mode) return;
    this.current = next;
    this.events.emit('session.changed', this.get());
  }
}

/** The wanted mode if the account has a key for it, else the remembered one, else whichever it has. */
function modeFor(account: AccountSummary, wanted: Mode | undefined): Mode {
  const has = (mode: Mode) => account.keys.some((k) => k.mode === mode);
  if (wanted && has(wanted)) return wanted;
  if (has(account.lastMode)) return account.lastMode;
  return has('test') ? 'test' : 'live';
}
