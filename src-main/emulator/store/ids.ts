import { randomBytes } from 'node:crypto';
import { BASE62, type Prng } from '../generator/prng';

/** Source of random characters: a seeded PRNG for generated data, crypto for runtime objects. */
export type RandomChars = (length: number) => string;

export const cryptoChars: RandomChars = (length) => {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE62[b % 62];
  return out;
};

export const prngChars =
  (prng: Prng): RandomChars =>
  (length) =>
    prng.string(length);

function base62(value: number, width: number): string {
  let out = '';
  let v = Math.max(0, Math.floor(value));
  for (let i = 0; i < width; i++) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out;
}

/**
 * Builds Stripe-looking ids (`ch_1Pga…`, 24 chars after the prefix). Like Stripe's, the leading
 * characters encode the creation time, so ids made later sort later; the account tag is constant.
 */
export class IdFactory {
  private sequence = 0;

  constructor(
    private readonly accountTag: string,
    private readonly chars: RandomChars,
  ) {}

  make(prefix: string, createdSeconds: number): string {
    this.sequence = (this.sequence + 1) % 3844;
    return `${prefix}_1${base62(createdSeconds, 6)}${this.accountTag}${base62(this.sequence, 2)}${this.chars(7)}`;
  }

  /** Customers and a few others use Stripe's shorter 14-character ids. */
  makeShort(prefix: string, createdSeconds: number): string {
    this.sequence = (this.sequence + 1) % 3844;
    return `${prefix}_${base62(createdSeconds, 6)}${base62(this.sequence, 2)}${this.chars(6)}`;
  }
}
