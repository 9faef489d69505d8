import type { DisputeTotal } from '../../src-preload/contract/disputes';
import { Money } from '../money/Money';
import { StatusBadge } from './labels';

const plural = (n: number) => (n === 1 ? '1 dispute' : `${n} disputes`);

/** Amount at stake per status, one figure per currency — currencies are never added together. */
export function DisputeTotals({ totals }: { totals: DisputeTotal[] }) {
  if (totals.length === 0) return null;
  const byStatus = new Map<string, DisputeTotal[]>();
  for (const t of totals) byStatus.set(t.status, [...(byStatus.get(t.status) ?? []), t]);
  return (
    <div className="dispute-totals" data-testid="dispute-totals" aria-label="Totals by status">
      {[...byStatus].map(([status, lines]) => (
        <div key={status} className="total-card">
          <StatusBadge status={lines[0]!.status} />
          <div className="total-count">{plural(lines.reduce((n, l) => n + l.count, 0))}</div>
          {lines.map((l) => (
            <div key={l.currency} className="total-amount">
              <Money amount={l.amount} currency={l.currency} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
