/** Reading fields out of cached Stripe JSON without trusting its shape. */
export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
export const bool = (v: unknown): boolean => v === true;
/** Expandable fields are either an id or the expanded object. */
export const idOf = (v: unknown): string | null => str(v) ?? str(obj(v).id);
export const parse = (data: string): Json => JSON.parse(data) as Json;
