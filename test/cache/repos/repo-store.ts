import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CacheRegistry, type CacheStore } from '../../../src-main/cache';

export const SCOPE = { accountId: 'acct_repotest', mode: 'test' } as const;

/** A real cache file in a temporary directory, for repository tests; `close` removes it. */
export function openTestStore(): { store: CacheStore; caches: CacheRegistry; dir: string; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-repo-'));
  const caches = new CacheRegistry(dir);
  return {
    store: caches.open(SCOPE),
    caches,
    dir,
    close() {
      caches.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A snapshot window for writes in tests that don't exercise freshness. */
export const AT = { lo: 1000, hi: 1100 };
