// Moved to cache/rows/ (the one conversion from stored JSON to rows); kept only until subscriptions/ imports it from there.
export { toRefundRow } from '../cache/rows/refund-rows';
