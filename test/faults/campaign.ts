import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { RequestMatch } from '../../src-main/emulator';
import type { MutationRecord } from '../../src-main/mutations/mutation-ledger';
import { INTENT_METADATA } from '../../src-main/payments/refund-service';
import { allowsNewRequest } from '../../src-preload/contract/write-outcome';
import { until } from '../support/until';
import type { FaultRig, Settled } from './fault-rig';

/**
 * The randomized fault campaign (docs/reliability.md): each case is one agent confirming one money write while
 * the network, Stripe, SQLite, the process and the clock misbehave on a seeded schedule; the agent behaves as
 * the dialogs let them (a new request only after `allowsNewRequest`). Afterwards Stripe, the ledger and the
 * Activity log must agree.
 */

export type WriteKind = 'refund' | 'capture' | 'cancel';

export type Fault =
  | { kind: 'none' }
  | { kind: 'drop_after_commit'; n: number }
  | { kind: 'offline' }
  | { kind: 'fail_500'; n: number }
  | { kind: 'fail_during_execution'; n: number }
  | { kind: 'rate_limit'; n: number }
  | { kind: 'cache_busy' }
  | { kind: 'app_db_busy' }
  | { kind: 'crash_in_flight' };

export type Step = { click: number; fault: Fault } | { between: 'restart' | 'jump_past_24h' };

export interface Case {
  write: WriteKind;
  amount: number;
  currency: 'usd' | 'jpy' | 'kwd';
  partial: boolean;
  steps: Step[];
}

export interface CaseReport {
  doubleEffects: number;
  ledgerMismatches: number;
  activityMismatches: number;
  unknownLeft: number;
  problems: string[];
}

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Fault>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }).map<Fault>((n) => ({ kind: 'drop_after_commit', n })) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'offline' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map<Fault>((n) => ({ kind: 'fail_500', n })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }).map<Fault>((n) => ({ kind: 'fail_during_execution', n })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map<Fault>((n) => ({ kind: 'rate_limit', n })) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'cache_busy' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'app_db_busy' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'crash_in_flight' }) },
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ click: fc.integer({ min: 1, max: 3 }), fault: faultArb }) },
  { weight: 1, arbitrary: fc.constantFrom<Step>({ between: 'restart' }, { between: 'jump_past_24h' }) },
);

export const caseArb: fc.Arbitrary<Case> = fc.record({
  write: fc.constantFrom<WriteKind>('refund', 'refund', 'capture', 'cancel'),
  // Multiples of 10 minor units: three-decimal currencies (KWD) need them.
  amount: fc.integer({ min: 10, max: 5_000 }).map((n) => n * 10),
  currency: fc.constantFrom<Case['currency']>('usd', 'jpy', 'kwd'),
  partial: fc.boolean(),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 5 }),
});

const PATHS: Record<WriteKind, RegExp> = {
  refund: /^\/v1\/refunds$/,
  capture: /^\/v1\/payment_intents\/[^/]+\/capture$/,
  cancel: /^\/v1\/payment_intents\/[^/]+\/cancel$/,
};

/** Runs one case on the rig and reports every way Stripe, the ledger, the Activity log and the UI disagree. */
export async function runCase(rig: FaultRig, c: Case): Promise<CaseReport> {
  const report: CaseReport = {
    doubleEffects: 0,
    ledgerMismatches: 0,
    activityMismatches: 0,
    unknownLeft: 0,
    problems: [],
  };
  const problem = (field: 'doubleEffects' | 'ledgerMismatches' | 'activityMismatches', what: string) => {
    report[field]++;
    report.problems.push(what);
  };
  const payment = await rig.payment(c.amount, c.currency, c.write === 'refund' ? 'automatic' : 'manual');
  const amount = c.partial ? Math.max(10, Math.floor(c.amount / 30) * 10) : c.amount;
  const match: RequestMatch = { method: 'POST', path: PATHS[c.write] };
  const intents: string[] = [randomUUID()];
  let done = false;

  const click = (): Promise<unknown> => {
    const intentId = intents[intents.length - 1]!;
    const scope = rig.scope;
    if (c.write === 'refund')
      return rig.t.call('payments.refund', { scope, chargeId: payment.chargeId, amount, intentId });
    if (c.write === 'capture')
      return rig.t.call('payments.capture', {
        scope,
        paymentIntentId: payment.paymentIntentId,
        intentId,
        ...(c.partial ? { amount } : {}),
      });
    return rig.t.call('payments.cancel', { scope, paymentIntentId: payment.paymentIntentId, intentId });
  };

  /** What the dialog does with an answer: done after a success; a new intent only after a refusal. */
  const answered = async (results: Settled<unknown>[]) => {
    if (results.some((r) => r.ok)) {
      done = true;
      return;
    }
    const error = results.find((r) => !r.ok)?.error;
    if (!error || !allowsNewRequest(error)) return;
    const intentId = intents[intents.length - 1]!;
    if ((await effectsOf(rig, c, payment, intentId)) > 0)
      problem('ledgerMismatches', `the UI offered a new request while ${intentId} had an effect at Stripe`);
    intents.push(randomUUID());
  };

  for (const step of c.steps) {
    if (done) break;
    if ('between' in step) {
      if (step.between === 'restart') await rig.restart();
      else rig.jump(25 * 60 * 60 * 1000);
      continue;
    }
    await answered(await clickWith(rig, step.click, step.fault, match, click));
  }

  // Heal: the faults end, the app restarts when work was left open (reconciling), and the agent retries what the
  // UI still offers.
  rig.stripe.faults.clear();
  if (rig.ledger.unresolved().length > 0) await rig.restart();
  const last = rig.ledger.find(intents[intents.length - 1]!);
  if (!done && last && last.state !== 'succeeded') await answered([await rig.settle(click())]);

  await check(rig, c, payment, intents, amount, problem, report);
  return report;
}

async function clickWith(
  rig: FaultRig,
  clicks: number,
  fault: Fault,
  match: RequestMatch,
  click: () => Promise<unknown>,
): Promise<Settled<unknown>[]> {
  const faults = rig.stripe.faults;
  let release = () => {};
  switch (fault.kind) {
    case 'drop_after_commit':
      faults.dropAfterCommit(match, fault.n);
      break;
    case 'offline':
      faults.offline();
      break;
    case 'fail_500':
      faults.fail500(fault.n, match);
      break;
    case 'fail_during_execution':
      faults.failDuringExecution(fault.n, match);
      break;
    case 'rate_limit':
      faults.rateLimitBurst(fault.n, match, { retryAfter: 1 });
      break;
    case 'cache_busy':
      release = rig.lock('cache');
      break;
    case 'app_db_busy':
      release = rig.lock('app');
      break;
    case 'crash_in_flight':
      faults.delay(20, match);
      break;
  }
  const calls = Array.from({ length: clicks }, () => click());
  // Answers are read below; until then a rejection must not count as unhandled.
  for (const call of calls) call.catch(() => undefined);
  if (fault.kind === 'crash_in_flight') {
    // The process dies while the request is on the wire; the answers go nowhere. A call answered without sending
    // (the intent already settled) leaves nothing to wait for.
    let answered = false;
    const answers = Promise.allSettled(calls).then(() => (answered = true));
    await until(() => answered || rig.t.app.core.ledger.unresolved().some((r) => r.state === 'sending'), {
      what: 'a request on the wire',
      checks: 400,
      wake: answers,
    }).catch(() => undefined);
    rig.t.crash();
    await Promise.all(calls.map((call) => rig.settle(call)));
    await rig.restart('stop');
    return [];
  }
  const results = await Promise.all(calls.map((call) => rig.settle(call)));
  release();
  faults.online();
  return results;
}

/** This intent's effects at Stripe: refunds carrying its id; for a capture or cancel, whether the payment moved. */
async function effectsOf(
  rig: FaultRig,
  c: Case,
  payment: { chargeId: string; paymentIntentId: string },
  intentId: string,
): Promise<number> {
  if (c.write === 'refund')
    return (await rig.refundsAt(payment.chargeId)).filter((r) => r.metadata?.[INTENT_METADATA] === intentId).length;
  const intent = await rig.admin.paymentIntents.retrieve(payment.paymentIntentId);
  const moved = c.write === 'capture' ? intent.status === 'succeeded' : intent.status === 'canceled';
  // Only one intent of the case can have moved the payment: it is the latest one still open or succeeded.
  const record = rig.ledger.find(intentId);
  return moved && record?.state !== 'refused' ? 1 : 0;
}

async function check(
  rig: FaultRig,
  c: Case,
  payment: { chargeId: string; paymentIntentId: string },
  intents: string[],
  amount: number,
  problem: (field: 'doubleEffects' | 'ledgerMismatches' | 'activityMismatches', what: string) => void,
  report: CaseReport,
): Promise<void> {
  const records = intents.map((id) => rig.ledger.find(id));
  if (c.write === 'refund') {
    const refunds = await rig.refundsAt(payment.chargeId);
    if (refunds.some((r) => !r.metadata?.[INTENT_METADATA])) problem('doubleEffects', 'a refund without an intent id');
    for (const [i, intentId] of intents.entries()) {
      const mine = refunds.filter((r) => r.metadata?.[INTENT_METADATA] === intentId);
      if (mine.length > 1) problem('doubleEffects', `${mine.length} refunds for ${intentId}`);
      agree(records[i] ?? null, mine.length > 0, mine[0]?.id ?? null, problem);
    }
  } else {
    const intent = await rig.admin.paymentIntents.retrieve(payment.paymentIntentId, { expand: ['latest_charge'] });
    const moved = c.write === 'capture' ? intent.status === 'succeeded' : intent.status === 'canceled';
    const claimed = records.filter((r) => r?.state === 'succeeded');
    if (claimed.length > 1) problem('doubleEffects', `${claimed.length} intents claim one ${c.write}`);
    if (c.write === 'capture' && moved && intent.amount_received !== (c.partial ? amount : c.amount))
      problem('doubleEffects', `captured ${intent.amount_received}, asked ${c.partial ? amount : c.amount}`);
    const open = records.some((r) => r && (r.state === 'unknown' || r.state === 'sending'));
    if (moved && claimed.length === 0 && !open) problem('ledgerMismatches', `${c.write} happened, no intent says so`);
    if (!moved && claimed.length > 0) problem('ledgerMismatches', `${c.write} claimed, Stripe shows ${intent.status}`);
  }
  for (const [i, intentId] of intents.entries()) {
    const record = records[i];
    if (record?.state === 'unknown' || record?.state === 'sending') report.unknownLeft++;
    const terminal = rig.activityFor(intentId).filter((e) => e.outcome === 'succeeded' || e.outcome === 'failed');
    const expected =
      record?.state === 'succeeded' ? ['succeeded'] : record?.state === 'refused' ? ['failed'] : ([] as string[]);
    if (terminal.map((e) => e.outcome).join() !== expected.join())
      problem(
        'activityMismatches',
        `${intentId} is ${record?.state}, Activity says ${terminal.map((e) => e.outcome).join() || 'nothing'}`,
      );
    const wrong = terminal.find((e) => e.currency !== c.currency || e.amount !== expectedAmount(c, amount));
    if (wrong) problem('activityMismatches', `${intentId} logged ${wrong.amount} ${wrong.currency}`);
  }
}

function expectedAmount(c: Case, amount: number): number {
  return c.write === 'capture' ? (c.partial ? amount : c.amount) : c.write === 'cancel' ? c.amount : amount;
}

/** A refund intent agrees with Stripe when succeeded ⇔ its refund exists (and is the one recorded). */
function agree(
  record: MutationRecord | null,
  exists: boolean,
  refundId: string | null,
  problem: (field: 'ledgerMismatches', what: string) => void,
): void {
  const state = record?.state ?? 'absent';
  if (state === 'succeeded' && (!exists || record!.resultId !== refundId))
    problem('ledgerMismatches', `ledger says succeeded (${record!.resultId}), Stripe holds ${refundId ?? 'nothing'}`);
  if ((state === 'refused' || state === 'prepared' || state === 'absent') && exists)
    problem('ledgerMismatches', `ledger says ${state}, Stripe holds ${refundId}`);
}
