import { z } from 'zod';
import { call, event } from './define';
import { scopeSchema } from './common';

/** Owned by team mode (issue 17). */
export type TeamModeState =
  /** This console syncs its accounts itself. */
  | 'off'
  /** Team mode is on; the first copy from the team database has not finished yet. */
  | 'connecting'
  /** Copying from the team database. */
  | 'connected'
  /** PostgreSQL can't be reached: the copy on this computer stays readable. */
  | 'unreachable'
  /** PostgreSQL refused the role or its password. */
  | 'refused';

export interface TeamModeStatus {
  state: TeamModeState;
  /** The team database without its password (the password lives in the OS keychain only), or null when off. */
  database: string | null;
  /** Whether the role may also act (shared ledger, Activity); a reader-only role sees the data but can't write. */
  canAct: boolean;
  /** Unix ms of the last copy into this computer's cache, for the account+mode shown. */
  lastCopyAt: number | null;
  /** Unix ms the team's sync service last knew Stripe's state, as of that copy. */
  dataAsOf: number | null;
  /** Plain words on what went wrong, or null. */
  message: string | null;
}

const databaseUrlSchema = z.string().trim().min(1, 'Enter the team database’s address').max(2_000);

export const teamCalls = {
  'team.status': call<TeamModeStatus>()(z.object({ scope: scopeSchema.nullable() }).strict()),
  /** Tries the connection first; only a database that answers (and lets the role read) is kept. */
  'team.connect': call<TeamModeStatus>()(
    z.object({ databaseUrl: databaseUrlSchema, password: z.string().max(1_000) }).strict(),
  ),
  /** Back to syncing this console's accounts itself; the cached copy stays. */
  'team.disconnect': call<TeamModeStatus>()(z.object({}).strict()),
};

export const teamEvents = {
  'team.changed': event<TeamModeStatus>(),
};
