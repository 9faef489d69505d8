import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator();
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 32), Buffer.from('\n%%EOF')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200)]);

async function freshDispute(
  options: { dueBy?: number; status?: 'needs_response' | 'warning_needs_response' } = {},
): Promise<Stripe.Dispute> {
  const pi = await stripe.paymentIntents.create({
    amount: 4200,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  return emulator.admin.createDispute(pi.latest_charge as string, options);
}

describe('files', () => {
  it('uploads PDF and PNG evidence through the SDK', async () => {
    const pdf = await stripe.files.create({
      purpose: 'dispute_evidence',
      file: { data: PDF, name: 'receipt.pdf', type: 'application/pdf' },
    });
    expect(pdf).toMatchObject({
      object: 'file',
      purpose: 'dispute_evidence',
      type: 'pdf',
      size: PDF.length,
      filename: 'receipt.pdf',
    });
    const png = await stripe.files.create({
      purpose: 'dispute_evidence',
      file: { data: PNG, name: 'shot.png', type: 'image/png' },
    });
    expect(png.type).toBe('png');
    const jpeg = await stripe.files.create({
      purpose: 'dispute_evidence',
      file: {
        data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]),
        name: 'x.jpg',
        type: 'image/jpeg',
      },
    });
    expect(jpeg.type).toBe('jpg');
    expect((await stripe.files.retrieve(pdf.id)).id).toBe(pdf.id);
    const contents = await fetch(pdf.url as string, { headers: { Authorization: `Bearer ${emulator.keys.test}` } });
    expect(Buffer.from(await contents.arrayBuffer()).equals(PDF)).toBe(true);
    const events = await stripe.events.list({ type: 'file.created', limit: 5 });
    expect(events.data.map((e) => (e.data.object as Stripe.File).id)).toContain(png.id);
  });

  it('refuses unsupported types and files over 5 MB', async () => {
    const text = await errorOf(
      stripe.files.create({
        purpose: 'dispute_evidence',
        file: { data: Buffer.from('hello'), name: 'a.pdf', type: 'application/pdf' },
      }),
    );
    expect(text.param).toBe('file');
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await errorOf(
      stripe.files.create({
        purpose: 'dispute_evidence',
        file: { data: big, name: 'big.pdf', type: 'application/pdf' },
      }),
    );
    expect(tooLarge.message).toMatch(/too large/);
  });
});

describe('disputes', () => {
  it('stages evidence, then submits it once', async () => {
    const dispute = await freshDispute();
    const file = await stripe.files.create({
      purpose: 'dispute_evidence',
      file: { data: PDF, name: 'r.pdf', type: 'application/pdf' },
    });
    const staged = await stripe.disputes.update(dispute.id, {
      evidence: { customer_name: 'Jane Doe', receipt: file.id },
      submit: false,
    });
    expect(staged.status).toBe('needs_response');
    expect(staged.evidence_details.has_evidence).toBe(true);
    expect(staged.evidence.receipt).toBe(file.id);
    const submitted = await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'Delivered on time.' },
    });
    expect(submitted.status).toBe('under_review');
    expect(submitted.evidence_details.submission_count).toBe(1);
    expect(submitted.evidence.customer_name).toBe('Jane Doe');
    expect((await errorOf(stripe.disputes.update(dispute.id, { evidence: { customer_name: 'x' } }))).statusCode).toBe(
      400,
    );
    expect((await errorOf(stripe.disputes.close(dispute.id))).statusCode).toBe(400);
    const inquiry = await freshDispute({ status: 'warning_needs_response' });
    expect((await stripe.disputes.update(inquiry.id, { evidence: { customer_name: 'Jo' } })).status).toBe(
      'warning_under_review',
    );
  });

  it('refuses late evidence, unknown files and oversized text', async () => {
    const late = await freshDispute({ dueBy: Math.floor(emulator.admin.now() / 1000) - 60 });
    expect((await errorOf(stripe.disputes.update(late.id, { evidence: { customer_name: 'x' } }))).message).toMatch(
      /deadline/,
    );
    const metadataOnly = await stripe.disputes.update(late.id, { metadata: { note: 'too late' } });
    expect(metadataOnly.metadata).toEqual({ note: 'too late' });
    const open = await freshDispute();
    expect((await errorOf(stripe.disputes.update(open.id, { evidence: { receipt: 'file_missing' } }))).param).toBe(
      'evidence[receipt]',
    );
    const huge = 'a'.repeat(100_000);
    const tooLong = await errorOf(
      stripe.disputes.update(open.id, {
        evidence: { uncategorized_text: huge, product_description: huge },
        submit: false,
      }),
    );
    expect(tooLong.message).toMatch(/150,000/);
    expect((await stripe.disputes.retrieve(open.id)).evidence.uncategorized_text).toBeNull();
  });

  it('closes irreversibly', async () => {
    const dispute = await freshDispute();
    const closed = await stripe.disputes.close(dispute.id);
    expect(closed.status).toBe('lost');
    expect((await errorOf(stripe.disputes.close(dispute.id))).message).toMatch(/already closed/);
    expect((await errorOf(stripe.disputes.update(dispute.id, { evidence: { customer_name: 'x' } }))).statusCode).toBe(
      400,
    );
    const types = (await stripe.events.list({ limit: 20 })).data
      .filter((e) => (e.data.object as { id: string }).id === dispute.id)
      .map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['charge.dispute.closed', 'charge.dispute.created']));
  });

  it('seeds open disputes due within 48 hours and overdue ones', async () => {
    const now = Math.floor(emulator.admin.now() / 1000);
    const open = (await stripe.disputes.list({ limit: 100 }).autoPagingToArray({ limit: 1000 })).filter(
      (d) => d.status === 'needs_response' || d.status === 'warning_needs_response',
    );
    expect(
      open.some((d) => (d.evidence_details.due_by ?? 0) > now && (d.evidence_details.due_by ?? 0) < now + 48 * 3600),
    ).toBe(true);
    expect(open.some((d) => d.evidence_details.past_due)).toBe(true);
  });
});
