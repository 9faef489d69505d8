import { createIndexes, writeMeta } from '../store/database';
import type { ObjectStore } from '../store/object-store';
import { MODES, type Mode } from '../store/types';
import { DatasetGenerator, type GeneratedCounts } from './generate';

export interface DatasetOptions {
  seed: number;
  customers: Record<Mode, number>;
  nowSeconds: number;
  accountId: string;
}

/** Live data differs from test data: it comes from a different seed. */
const LIVE_SEED_OFFSET = 1_000_003;

/** Generates both modes in one transaction, then builds the indexes and marks the data dir as seeded. */
export function generateDatasets(store: ObjectStore, options: DatasetOptions): Record<Mode, GeneratedCounts> {
  const counts = {} as Record<Mode, GeneratedCounts>;
  store.db.transaction(() => {
    for (const mode of MODES) {
      counts[mode] = new DatasetGenerator(store, {
        mode,
        seed: mode === 'test' ? options.seed : options.seed + LIVE_SEED_OFFSET,
        customers: options.customers[mode],
        nowSeconds: options.nowSeconds,
        accountTag: options.accountId.slice(6, 14),
      }).run();
    }
  })();
  createIndexes(store.db);
  writeMeta(store.db, 'account_created', String(options.nowSeconds - 800 * 86400));
  writeMeta(store.db, 'generated', JSON.stringify({ seed: options.seed, counts }));
  return counts;
}
