import { z } from 'zod';
import { call, event } from './define';
import { scopeSchema, type Mode } from './common';

/** Owned by the sync feature (issue 5); extend here. */
export interface SyncProgress {
  accountId: string;
  mode: Mode;
  phase: 'idle' | 'backfill' | 'incremental' | 'rate_limited' | 'offline' | 'error';
  resources: { resource: string; done: number; ratePerSecond: number; etaSeconds: number | null; complete: boolean }[];
  message: string | null;
}

export const syncCalls = {
  'sync.status': call<SyncProgress>()(z.object({ scope: scopeSchema }).strict()),
  'sync.start': call<SyncProgress>()(z.object({ scope: scopeSchema }).strict()),
};

export const syncEvents = {
  'sync.progress': event<SyncProgress>(),
};
