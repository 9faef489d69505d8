import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { cardError, invalidRequest } from '../http/errors';
import { buildCharge } from '../objects/charge';
import { buildPaymentIntent } from '../objects/payment-intent';
import { buildPaymentMethod } from '../objects/payment-method';
import { DECLINES, TEST_PAYMENT_METHODS } from '../objects/test-cards';
import { recordBalanceTransaction } from './shared/balance';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject } from './shared/objects';
import { searchObjects } from './shared/search';
import { jsonPath, type SearchField } from './shared/search-query';
import { cryptoChars } from '../store/ids';

const read = { resource: 'payment_intent', access: 'read' } as const;
const write = { resource: 'payment_intent', access: 'write' } as const;

const SEARCH_FIELDS: Record<string, SearchField> = {
  amount: { kind: 'number', sql: jsonPath('amount') },
  created: { kind: 'number', sql: 'created' },
  currency: { kind: 'string', sql: jsonPath('currency') },
  customer: { kind: 'string', sql: 'customer' },
  status: { kind: 'string', sql: 'status' },
};

const CANCELABLE: Stripe.PaymentIntent.Status[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

function unexpectedState(pi: Stripe.PaymentIntent, action: string, allowed: string[]): never {
  throw invalidRequest(
    `This PaymentIntent could not be ${action} because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be ${action}: ${allowed.join(', ')}.`,
    undefined,
    'payment_intent_unexpected_state',
  );
}

/** Resolves `pm_card_*` shortcuts into a stored PaymentMethod, or loads an existing one. */
function resolvePaymentMethod(ctx: RequestContext, id: string, customer: string | null): Stripe.PaymentMethod {
  const testCard = TEST_PAYMENT_METHODS[id];
  if (!testCard) return loadObject<Stripe.PaymentMethod>(ctx, 'payment_method', id, 'payment_method');
  const created = ctx.env.clock.nowSeconds();
  const pm = buildPaymentMethod({
    id: ctx.env.ids.make('pm', created),
    created,
    livemode: ctx.livemode,
    customer,
    card: {
      ...testCard,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      fingerprint: `tc${testCard.last4}${testCard.brand}`.slice(0, 16),
      cvc_check: 'pass',
    },
    billing: { name: null, email: null, phone: null, address: null },
  });
  saveObject(ctx, 'payment_method', pm);
  // Saved on the customer, as Stripe announces it: sync learns of the card from this event.
  if (customer) emitEvent(ctx, 'payment_method.attached', pm);
  return pm;
}

/** Attempts the payment (invoices pay through it too): a charge is made either way; a decline answers 402 after committing. */
export function confirm(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
): Stripe.PaymentIntent | ReturnType<typeof cardError> {
  const pmId =
    ctx.params.string('payment_method') ?? (typeof pi.payment_method === 'string' ? pi.payment_method : null);
  if (!pmId)
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method.",
      'payment_method',
      'payment_intent_unexpected_state',
    );
  const customer = typeof pi.customer === 'string' ? pi.customer : null;
  const pm = resolvePaymentMethod(ctx, pmId, customer);
  const card = pm.card;
  if (!card) throw invalidRequest('Only card payment methods are supported.', 'payment_method');
  const failure = DECLINES[card.last4];
  const created = ctx.env.clock.nowSeconds();
  const chargeId = ctx.env.ids.make('ch', created);
  const manual = pi.capture_method === 'manual';
  const txn =
    failure || manual
      ? null
      : recordBalanceTransaction(ctx, {
          amount: pi.amount,
          currency: pi.currency,
          source: chargeId,
          type: 'charge',
          description: pi.description,
        });
  const charge = buildCharge({
    id: chargeId,
    created,
    livemode: ctx.livemode,
    amount: pi.amount,
    currency: pi.currency,
    customer,
    paymentIntent: pi.id,
    paymentMethod: pm.id,
    card: {
      brand: card.brand,
      last4: card.last4,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      country: card.country ?? 'US',
      funding: card.funding,
      fingerprint: card.fingerprint ?? '',
      cvc_check: 'pass',
    },
    billing: {
      name: pm.billing_details.name,
      email: pm.billing_details.email,
      phone: pm.billing_details.phone,
      address: null,
    },
    description: pi.description,
    ...(failure ? { failure } : {}),
    captured: !manual,
    balanceTransaction: txn?.id ?? null,
    riskLevel: failure?.declineCode === 'fraudulent' ? 'highest' : 'normal',
    riskScore: failure?.declineCode === 'fraudulent' ? 91 : 12,
    receiptEmail: pi.receipt_email,
    metadata: {},
  });
  saveObject(ctx, 'charge', charge);
  const status: Stripe.PaymentIntent.Status = failure
    ? 'requires_payment_method'
    : manual
      ? 'requires_capture'
      : 'succeeded';
  const next: Stripe.PaymentIntent = {
    ...pi,
    payment_method: failure ? null : pm.id,
    latest_charge: charge.id,
    status,
    amount_received: status === 'succeeded' ? pi.amount : 0,
    amount_capturable: status === 'requires_capture' ? pi.amount : 0,
    last_payment_error: failure
      ? {
          charge: charge.id,
          code: failure.code,
          decline_code: failure.declineCode,
          doc_url: `https://stripe.com/docs/error-codes/${failure.code.replace(/_/g, '-')}`,
          message: failure.message,
          payment_method: pm,
          type: 'card_error',
        }
      : null,
  };
  saveObject(ctx, 'payment_intent', next);
  emitEvent(ctx, failure ? 'charge.failed' : 'charge.succeeded', charge);
  emitEvent(
    ctx,
    failure
      ? 'payment_intent.payment_failed'
      : status === 'requires_capture'
        ? 'payment_intent.amount_capturable_updated'
        : 'payment_intent.succeeded',
    next,
  );
  if (failure)
    return cardError(failure.message, failure.code, failure.declineCode, { charge: charge.id, payment_intent: next });
  return next;
}

function create(ctx: RequestContext) {
  const p = ctx.params;
  const amount = p.integer('amount');
  if (amount === undefined) throw invalidRequest('Missing required param: amount.', 'amount');
  if (amount < 1) throw invalidRequest('This value must be greater than or equal to 1.', 'amount');
  const currency = p.string('currency');
  if (!currency) throw invalidRequest('Missing required param: currency.', 'currency');
  const customer = p.string('customer') ?? null;
  if (customer) loadObject(ctx, 'customer', customer, 'customer');
  const created = ctx.env.clock.nowSeconds();
  const pi = buildPaymentIntent({
    id: ctx.env.ids.make('pi', created),
    created,
    livemode: ctx.livemode,
    amount,
    currency: currency.toLowerCase(),
    customer,
    paymentMethod: null,
    status: p.string('payment_method') ? 'requires_confirmation' : 'requires_payment_method',
    captureMethod:
      p.oneOf('capture_method', ['automatic', 'automatic_async', 'manual'] as const) === 'manual'
        ? 'manual'
        : 'automatic',
    latestCharge: null,
    description: p.string('description') ?? null,
    canceledAt: null,
    cancellationReason: null,
    receiptEmail: p.string('receipt_email') ?? null,
    metadata: p.metadata({}) ?? {},
    clientSecretSuffix: cryptoChars(25),
  });
  saveObject(ctx, 'payment_intent', pi);
  emitEvent(ctx, 'payment_intent.created', pi);
  return p.boolean('confirm') ? confirm(ctx, pi) : pi;
}

function capture(ctx: RequestContext): Stripe.PaymentIntent {
  const pi = loadObject<Stripe.PaymentIntent>(ctx, 'payment_intent', ctx.pathParams.id as string);
  if (pi.status !== 'requires_capture') unexpectedState(pi, 'captured', ['requires_capture']);
  const amount = ctx.params.integer('amount_to_capture') ?? pi.amount_capturable;
  if (amount < 1 || amount > pi.amount_capturable) {
    throw invalidRequest(
      `The amount_to_capture must be at most the amount_capturable (${pi.amount_capturable}) and greater than 0.`,
      'amount_to_capture',
    );
  }
  const chargeId = pi.latest_charge as string;
  const charge = loadObject<Stripe.Charge>(ctx, 'charge', chargeId);
  const txn = recordBalanceTransaction(ctx, {
    amount,
    currency: pi.currency,
    source: chargeId,
    type: 'charge',
    description: pi.description,
  });
  // Capturing less than authorised releases the rest, which Stripe shows as refunded.
  const released = charge.amount - amount;
  const capturedCharge: Stripe.Charge = {
    ...charge,
    captured: true,
    amount_captured: amount,
    amount_refunded: released,
    refunded: false,
    balance_transaction: txn.id,
  };
  saveObject(ctx, 'charge', capturedCharge);
  emitEvent(ctx, 'charge.captured', capturedCharge, charge);
  const next: Stripe.PaymentIntent = { ...pi, status: 'succeeded', amount_received: amount, amount_capturable: 0 };
  saveObject(ctx, 'payment_intent', next);
  emitEvent(ctx, 'payment_intent.succeeded', next);
  return next;
}

function cancel(ctx: RequestContext): Stripe.PaymentIntent {
  const pi = loadObject<Stripe.PaymentIntent>(ctx, 'payment_intent', ctx.pathParams.id as string);
  if (!CANCELABLE.includes(pi.status)) unexpectedState(pi, 'canceled', CANCELABLE);
  const reason = ctx.params.oneOf('cancellation_reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ] as const);
  if (pi.status === 'requires_capture' && typeof pi.latest_charge === 'string') {
    // Canceling an authorisation releases the funds: the charge shows as fully refunded.
    const charge = loadObject<Stripe.Charge>(ctx, 'charge', pi.latest_charge);
    const released: Stripe.Charge = { ...charge, amount_refunded: charge.amount, refunded: true };
    saveObject(ctx, 'charge', released);
    emitEvent(ctx, 'charge.refunded', released, charge);
  }
  const next: Stripe.PaymentIntent = {
    ...pi,
    status: 'canceled',
    canceled_at: ctx.env.clock.nowSeconds(),
    cancellation_reason: reason ?? 'requested_by_customer',
    amount_capturable: 0,
  };
  saveObject(ctx, 'payment_intent', next);
  emitEvent(ctx, 'payment_intent.canceled', next);
  return next;
}

export const paymentIntentRoutes = [
  route(
    'GET',
    '/v1/payment_intents/search',
    read,
    (ctx) => searchObjects(ctx, 'payment_intent', 'payment_intents', SEARCH_FIELDS),
    'search',
  ),
  route('GET', '/v1/payment_intents', read, (ctx) =>
    listObjects(ctx, 'payment_intent', '/v1/payment_intents', {
      filters: columnFilters(ctx.params, { customer: 'customer' }),
    }),
  ),
  route('POST', '/v1/payment_intents', write, create),
  route('GET', '/v1/payment_intents/:id', read, (ctx) =>
    loadObject(ctx, 'payment_intent', ctx.pathParams.id as string),
  ),
  route('POST', '/v1/payment_intents/:id/confirm', write, (ctx) => {
    const pi = loadObject<Stripe.PaymentIntent>(ctx, 'payment_intent', ctx.pathParams.id as string);
    if (pi.status !== 'requires_payment_method' && pi.status !== 'requires_confirmation') {
      unexpectedState(pi, 'confirmed', ['requires_payment_method', 'requires_confirmation']);
    }
    return confirm(ctx, pi);
  }),
  route('POST', '/v1/payment_intents/:id/capture', write, capture, { accepts: ['amount_to_capture'] }),
  route('POST', '/v1/payment_intents/:id/cancel', write, cancel, { accepts: ['cancellation_reason'] }),
];
