import type { DisputeDetail } from '../../src-preload/contract';
import { Money } from '../money/Money';
import { When } from '../ui/time';
import './dispute-money.css';

/** What the dispute moved on the balance: the debit (amount and dispute fee) and, if won, the reversal. */
export function DisputeMoney({ detail }: { detail: DisputeDetail }) {
  const moves = detail.moneyMovements;
  return (
    <section className="panel" aria-label="Money moved" data-testid="dispute-money">
      <h2>Money moved</h2>
      {moves.length === 0 ? (
        <p className="hint">
          Nothing taken from the balance yet
          {detail.row.status.startsWith('warning_') ? ' (an inquiry takes no funds)' : ''}.
        </p>
      ) : (
        // One block per movement, not a five-column table: in the pane's 340 px column the table cut its last amounts
        // and broke "-CA$285.03" after the minus.
        <ul className="dispute-money-list">
          {moves.map((m) => (
            <li key={m.id} data-testid={`dispute-${m.kind}`}>
              <div>
                <strong>{m.kind === 'debit' ? 'Withdrawn (chargeback)' : 'Returned (dispute won)'}</strong>{' '}
                <span className="hint">
                  <When seconds={m.created} dayOnly />
                </span>
              </div>
              <dl className="dispute-money-amounts">
                <div>
                  <dt>Amount</dt>
                  <dd>
                    <Money amount={m.amount} currency={m.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Dispute fee</dt>
                  <dd>
                    <Money amount={-m.fee} currency={m.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Net</dt>
                  <dd>
                    <Money amount={m.net} currency={m.currency} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
