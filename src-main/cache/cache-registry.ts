import fs from 'node:fs';
import path from 'node:path';
import { ConsoleError, type Mode, type Scope } from '../../src-preload/contract';
import { checkedAccountId } from '../platform/account-id';
import { openDatabase } from '../platform/sqlite';
import { CacheStore } from './cache-store';
import { CACHE_MIGRATIONS, ensureIndexes } from './schema';

/** One cache file per account+mode: test and live never share a file, let alone a table. */
export function cacheFile(dataDir: string, scope: Scope): string {
  return path.join(dataDir, 'cache', `${checkedAccountId(scope.accountId)}-${scope.mode}.db`);
}

/** Opens each account+mode's cache once and hands the same store to every feature. */
export class CacheRegistry {
  private readonly stores = new Map<string, CacheStore>();

  /** `isConnected`: a read for an account+mode that isn't connected is refused, not given a new empty file. */
  constructor(
    private readonly dataDir: string,
    private readonly isConnected: (scope: Scope) => boolean = () => true,
  ) {}

  open(scope: Scope): CacheStore {
    const key = `${scope.accountId}:${scope.mode}`;
    let store = this.stores.get(key);
    if (!store) {
      if (!this.isConnected({ accountId: checkedAccountId(scope.accountId), mode: scope.mode }))
        throw new ConsoleError('not_found', 'That account is not connected to Stripe Console.');
      const db = openDatabase(cacheFile(this.dataDir, scope), CACHE_MIGRATIONS);
      ensureIndexes(db);
      store = new CacheStore({ accountId: scope.accountId, mode: scope.mode }, db);
      this.stores.set(key, store);
    }
    return store;
  }

  /** Forgets one mode's cache (its key was removed), or both when the account goes: closes and deletes the files. */
  remove(accountId: string, only?: Mode): void {
    for (const mode of only ? [only] : (['test', 'live'] as const)) {
      const key = `${accountId}:${mode}`;
      this.stores.get(key)?.close();
      this.stores.delete(key);
      const file = cacheFile(this.dataDir, { accountId, mode });
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  }

  close(): void {
    for (const store of this.stores.values()) store.close();
    this.stores.clear();
  }
}
