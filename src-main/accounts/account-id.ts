// cache/cache-registry.ts still imports the check from here; its owner repoints it to platform/, then this line goes.
export { checkedAccountId } from '../platform/account-id';
