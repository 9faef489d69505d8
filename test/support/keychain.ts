import type { Keychain } from '../../src-main/platform/keychain';

/**
 * A keychain in memory, for suites that test something other than key storage (the accounts and secrets suites
 * use the real OS keychain). Pass the same one to a restarted app: it keeps its entries like the OS would.
 */
export function memoryKeychain(): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const at = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    entries,
    getPassword: async (service, account) => entries.get(at(service, account)) ?? null,
    setPassword: async (service, account, password) => void entries.set(at(service, account), password),
    deletePassword: async (service, account) => entries.delete(at(service, account)),
  };
}
