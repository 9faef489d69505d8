import type Stripe from 'stripe';
import { buildBalanceTransaction } from '../objects/balance-transaction';
import { buildPayout } from '../objects/payout';
import type { ObjectStore } from '../store/object-store';
import type { Mode } from '../store/types';
import { DAY, type GeneratorContext } from './context';

const EVERY = 3 * DAY;
const HISTORY = 30 * DAY;

/**
 * Automatic payouts for one mode, every three days over the last month per currency, each paying out what became
 * available since the previous one (charges, refunds, dispute debits and reversals, fees). A window that nets
 * to zero or less waits for the next. One payout per mode failed (the second of the first currency to make two;
 * its money came back to the balance) and the latest are still on their way.
 */
export function generatePayouts(ctx: GeneratorContext, store: ObjectStore, mode: Mode): void {
  // One read of what may be paid out, kept sorted per currency: windows are then summed in memory.
  const rows = store.db
    .prepare(
      `SELECT json_extract(json, '$.currency') AS currency, json_extract(json, '$.available_on') AS availableOn,
              json_extract(json, '$.net') AS net
       FROM objects WHERE mode = ? AND type = 'balance_transaction' AND status != 'payout'`,
    )
    .all(mode === 'live' ? 1 : 0) as Settleable[];
  const byCurrency = new Map<string, Settleable[]>();
  for (const row of rows) {
    const list = byCurrency.get(row.currency);
    if (list) list.push(row);
    else byCurrency.set(row.currency, [row]);
  }
  const destination = `ba_${ctx.prng.string(24)}`;
  let failedOne = false;
  for (const [currency, pending] of [...byCurrency].sort(([a], [b]) => a.localeCompare(b))) {
    let made = 0;
    let previous = 0;
    for (let cutoff = ctx.now - HISTORY; cutoff <= ctx.now - DAY / 2; cutoff += EVERY) {
      // The same window settlementConditions() answers `balance_transactions?payout=` with.
      const net = pending
        .filter((t) => t.availableOn > previous && t.availableOn <= cutoff)
        .reduce((s, t) => s + t.net, 0);
      if (net <= 0) continue;
      const failed: boolean = !failedOne && made === 1;
      failedOne ||= failed;
      const returned = generatePayout(ctx, { currency, cutoff, amount: net, failed, destination });
      if (returned) pending.push({ currency, availableOn: returned.available_on, net: returned.net });
      previous = cutoff;
      made++;
    }
  }
}

interface Settleable {
  currency: string;
  availableOn: number;
  net: number;
}

function generatePayout(
  ctx: GeneratorContext,
  p: { currency: string; cutoff: number; amount: number; failed: boolean; destination: string },
): Stripe.BalanceTransaction | null {
  const { currency, cutoff, amount } = p;
  const id = ctx.ids.make('po', cutoff);
  const debit = buildBalanceTransaction({
    id: ctx.ids.make('txn', cutoff),
    created: cutoff,
    amount: -amount,
    currency,
    source: id,
    type: 'payout',
    description: 'STRIPE PAYOUT',
    available: true,
  });
  // Money is handed to the bank at once, not two days later like card funds.
  debit.available_on = cutoff;
  ctx.put('balance_transaction', debit);
  const arrival = cutoff + 2 * DAY;
  const returned = p.failed
    ? buildBalanceTransaction({
        id: ctx.ids.make('txn', cutoff + DAY),
        created: cutoff + DAY,
        amount,
        currency,
        source: id,
        type: 'payout_failure',
        description: 'Payout failure',
        available: cutoff + DAY < ctx.now - 2 * DAY,
      })
    : null;
  if (returned) ctx.put('balance_transaction', returned);
  const payout = buildPayout({
    id,
    created: cutoff,
    livemode: ctx.livemode,
    amount,
    currency,
    arrivalDate: arrival,
    status: p.failed ? 'failed' : arrival <= ctx.now ? 'paid' : cutoff > ctx.now - DAY ? 'pending' : 'in_transit',
    balanceTransaction: debit.id,
    failure: returned
      ? { code: 'account_closed', message: 'The bank account has been closed.', balanceTransaction: returned.id }
      : null,
    destination: p.destination,
  });
  ctx.put('payout', payout);
  ctx.event('payout.created', payout, cutoff);
  if (payout.status === 'paid') ctx.event('payout.paid', payout, arrival);
  if (returned) ctx.event('payout.failed', payout, cutoff + DAY);
  return returned;
}
