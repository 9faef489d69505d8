import { describe, expect, it } from 'vitest';
import type { RefundRow } from '../../src-preload/contract';
import { refundedLabel } from '../../src-renderer/payments/refunded-label';

const refund = (status: string | null, chargeId: string | null = 'ch_1'): RefundRow => ({
  id: `re_${status}`,
  created: 1,
  amount: 1000,
  currency: 'usd',
  status,
  reason: null,
  note: null,
  chargeId,
  paymentIntentId: 'pi_1',
  failureReason: null,
});

describe('refundedLabel: a charge with nothing left to refund', () => {
  const charge = { id: 'ch_1' };

  it('is "Fully refunded" once its refunds have succeeded', () => {
    expect(refundedLabel(charge, [refund('succeeded')])).toBe('Fully refunded');
  });

  it('is "Refund pending" while any refund of it has not reached the customer', () => {
    expect(refundedLabel(charge, [refund('succeeded'), refund('pending')])).toBe('Refund pending');
    expect(refundedLabel(charge, [refund('requires_action')])).toBe('Refund pending');
    expect(refundedLabel(charge, [refund('pending', null)])).toBe('Refund pending');
  });

  it('ignores another charge’s pending refund', () => {
    expect(refundedLabel(charge, [refund('succeeded'), refund('pending', 'ch_2')])).toBe('Fully refunded');
  });
});
