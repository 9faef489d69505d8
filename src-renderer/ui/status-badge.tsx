import { humanLabel } from './labels';

export type Tone = 'green' | 'red' | 'orange' | 'blue' | 'grey';

/** A Stripe value as a badge sized to its words; the raw value on hover. */
export function Badge({ value, tone = 'grey', label }: { value: string; tone?: Tone | string; label?: string }) {
  return (
    <span className={`badge ${tone}`} title={value} data-raw={value}>
      {label ?? humanLabel(value)}
    </span>
  );
}
