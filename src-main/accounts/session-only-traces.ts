import type { Logger } from '../platform/logger';
import type { SettingsStore } from '../settings/settings-store';

/**
 * A session-only account (STRIPE_API_KEY) leaves nothing on disk after the app exits: its cache, ledger and
 * activity rows live while it runs and are erased at stop. Its id alone is noted meanwhile, so a run that was
 * killed before stop is cleaned up at the next start.
 */
export class SessionOnlyTraces {
  constructor(
    private readonly noted: Pick<SettingsStore, 'sessionOnlyAccounts' | 'noteSessionOnlyAccounts'>,
    private readonly erase: (accountId: string) => Promise<void>,
    private readonly isStored: (accountId: string) => boolean,
    private readonly logger: Logger,
  ) {}

  remember(accountId: string): void {
    this.noted.noteSessionOnlyAccounts([...new Set([...this.noted.sessionOnlyAccounts(), accountId])]);
  }

  /** Erases every noted account's traces (unless it has since been added for good), then the note itself. */
  async eraseAll(): Promise<void> {
    const left: string[] = [];
    for (const accountId of this.noted.sessionOnlyAccounts()) {
      if (this.isStored(accountId)) continue;
      try {
        await this.erase(accountId);
      } catch (err) {
        left.push(accountId);
        this.logger.warn('erasing a session-only account failed', { accountId, error: String(err) });
      }
    }
    this.noted.noteSessionOnlyAccounts(left);
  }
}
