/** @deprecated Moved to stripe/stripe-json.ts; this re-export goes once no feature imports it. */
export * from '../stripe/stripe-json';
