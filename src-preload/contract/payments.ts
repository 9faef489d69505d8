/** Owned by the support feature (issue 6). */
export const paymentsCalls = {};
