/** Owned by the finance feature (issue 7). */
export const disputesCalls = {};
export const disputesEvents = {};
