/** @deprecated Moved to cache/cache-access.ts as CacheAccess; this alias goes once no feature imports it. */
export type { CacheAccess as SupportDeps } from '../cache/cache-access';
