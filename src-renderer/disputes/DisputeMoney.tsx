import type { DisputeDetail } from '../../src-preload/contract';
import { Money } from '../money/Money';
import './dispute-money.css';

const day = (seconds: number) => new Date(seconds * 1000).toLocaleDateString();

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
        <table className="dispute-money-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Amount</th>
              <th scope="col">Dispute fee</th>
              <th scope="col">Net</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((m) => (
              <tr key={m.id} data-testid={`dispute-${m.kind}`}>
                <td>{day(m.created)}</td>
                <td>{m.kind === 'debit' ? 'Withdrawn (chargeback)' : 'Returned (dispute won)'}</td>
                <td>
                  <Money amount={m.amount} currency={m.currency} />
                </td>
                <td>
                  <Money amount={-m.fee} currency={m.currency} />
                </td>
                <td>
                  <Money amount={m.net} currency={m.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
