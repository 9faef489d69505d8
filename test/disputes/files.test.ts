import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_FILE_MAX_BYTES } from '../../src-preload/contract/disputes';
import { startDisputesHarness, tinyPdf, type DisputesHarness } from './harness';

let h: DisputesHarness;

beforeAll(async () => {
  h = await startDisputesHarness({ customers: 120 });
}, 60_000);
afterAll(() => h?.stop());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const upload = (disputeId: string, data: Buffer | string, name = 'receipt.pdf', intentId = randomUUID()) => ({
  scope: h.scope,
  disputeId,
  field: 'receipt' as const,
  name,
  dataBase64: typeof data === 'string' ? data : data.toString('base64'),
  intentId,
});

describe('evidence files', () => {
  it('uploads a PDF with purpose dispute_evidence, keeps its id in the draft and a local copy for preview', async () => {
    const dispute = await h.openDispute();
    const intentId = randomUUID();
    const draft = await h.call('disputes.file.upload', upload(dispute.id, tinyPdf(), 'receipt.pdf', intentId));
    const ref = draft.files.receipt!;
    expect(ref).toMatchObject({
      state: 'uploaded',
      name: 'receipt.pdf',
      type: 'application/pdf',
      size: tinyPdf().length,
      intentId,
    });
    const fileId = ref.state === 'uploaded' ? ref.fileId : '';
    const file = await h.sdk.files.retrieve(fileId);
    expect(file).toMatchObject({ purpose: 'dispute_evidence', type: 'pdf', size: tinyPdf().length });
    expect(h.activity(dispute.id)).toEqual([
      { action: 'dispute.file_upload', outcome: 'succeeded', detail: 'uploaded', amount: null, currency: null },
    ]);

    const content = await h.call('disputes.file.content', { scope: h.scope, disputeId: dispute.id, field: 'receipt' });
    expect(Buffer.from(content.dataBase64, 'base64').equals(tinyPdf())).toBe(true);

    // Submitting attaches the uploaded file.
    await h.call('disputes.evidence.send', {
      scope: h.scope,
      disputeId: dispute.id,
      submit: true,
      intentId: randomUUID(),
    });
    expect((await h.sdk.disputes.retrieve(dispute.id)).evidence.receipt).toBe(fileId);
  });

  it('rejects, before uploading, a file too large, of the wrong type or unreadable — the draft unchanged', async () => {
    const dispute = await h.openDispute();
    const tooLarge = Buffer.concat([tinyPdf(), Buffer.alloc(EVIDENCE_FILE_MAX_BYTES)]);
    const cases: [Buffer | string, string][] = [
      [tooLarge, 'too_large'],
      [Buffer.from('GIF89a not accepted'), 'wrong_type'],
      [Buffer.from('just some text, named .pdf'), 'wrong_type'],
      ['%%%not base64%%%', 'unreadable'],
      ['', 'unreadable'],
    ];
    for (const [data, reason] of cases) {
      const intentId = randomUUID();
      const error = await h.fail('disputes.file.upload', upload(dispute.id, data, 'evidence.pdf', intentId));
      expect(error.code, reason).toBe('file_rejected');
      expect(error.details?.reason).toBe(reason);
      expect(h.core.ledger.find(intentId)).toBeNull();
    }
    expect((await h.fail('disputes.file.upload', upload(dispute.id, tooLarge))).message).toMatch(
      /5\.0 MB; Stripe accepts evidence files up to 5 MB/,
    );
    expect((await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.files).toEqual({});
    expect(await h.call('disputes.file.upload', upload(dispute.id, PNG, 'photo.png'))).toMatchObject({
      files: { receipt: { state: 'uploaded', type: 'image/png' } },
    });
  });

  it('records an upload that fails half-way as failed, and a retry completes it exactly once', async () => {
    const dispute = await h.openDispute();
    const filesBefore = h.emulator.admin.counts('file');
    // Stripe stores the file, but the answer never arrives — on each of the ledger's three attempts and the SDK's
    // one resend after each closed connection.
    h.emulator.faults.dropAfterCommit({ method: 'POST', path: /^\/v1\/files$/ }, 6);
    // …and the look-up for it (Stripe's file.created event of the request) fails too, so nothing can tell.
    h.emulator.faults.fail500(6, { method: 'GET', path: /^\/v1\/events$/ });
    const intentId = randomUUID();
    const error = await h.fail('disputes.file.upload', upload(dispute.id, tinyPdf(), 'receipt.pdf', intentId));
    expect(error.details?.outcome).toBe('unknown');
    const failed = (await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.files.receipt!;
    expect(failed).toMatchObject({ state: 'failed', intentId, name: 'receipt.pdf' });
    expect(failed.state === 'failed' && failed.error).toMatch(/may already have carried this out/);
    h.emulator.faults.clear();

    // Submitting with a failed file is refused, naming it.
    const blocked = await h.fail('disputes.evidence.send', {
      scope: h.scope,
      disputeId: dispute.id,
      submit: true,
      intentId: randomUUID(),
    });
    expect(blocked.code).toBe('conflict');
    expect(blocked.message).toMatch(/receipt\.pdf\) failed to upload/);

    const retried = await h.call('disputes.file.retry', { scope: h.scope, disputeId: dispute.id, field: 'receipt' });
    expect(retried.files.receipt).toMatchObject({ state: 'uploaded', intentId });
    expect(h.emulator.admin.counts('file')).toBe(filesBefore + 1);
  });

  it('refuses uploads for a closed dispute and with a key lacking file write permission', async () => {
    const closed = h.cache.disputes.queueAll({ statuses: ['won', 'lost', 'warning_closed', 'under_review'] }, 0)[0]!.id;
    expect((await h.fail('disputes.file.upload', upload(closed, tinyPdf()))).code).toBe('conflict');

    const dispute = await h.openDispute();
    await h.useKey(h.emulator.keys.restrictedTest);
    try {
      const error = await h.fail('disputes.file.upload', upload(dispute.id, tinyPdf()));
      expect(error.code).toBe('permission_denied');
      expect(error.details?.permission).toBe('rak_file_write');
      const ref = (await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.files.receipt!;
      expect(ref.state === 'failed' && ref.error).toContain("'rak_file_write'");
    } finally {
      await h.useKey(h.emulator.keys.test);
    }
  });

  it('settles an upload interrupted by quitting the app from the ledger after a restart', async () => {
    const dispute = await h.openDispute();
    const intentId = randomUUID();
    h.emulator.faults.delay(300, { method: 'POST', path: /^\/v1\/files$/ });
    const pending = h
      .call('disputes.file.upload', upload(dispute.id, tinyPdf(), 'receipt.pdf', intentId))
      .catch(() => null);
    await expect.poll(() => h.core.ledger.find(intentId)?.state).toBe('sending');
    h.restart();
    await pending;
    const ref = (await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.files.receipt!;
    expect(ref).toMatchObject({ state: 'failed', intentId });
    const retried = await h.call('disputes.file.retry', { scope: h.scope, disputeId: dispute.id, field: 'receipt' });
    expect(retried.files.receipt).toMatchObject({ state: 'uploaded' });
  });

  it('keeps a file removed while it uploads removed, and its local copy gone', async () => {
    const dispute = await h.openDispute();
    h.emulator.faults.delay(300, { method: 'POST', path: /^\/v1\/files$/ });
    const intentId = randomUUID();
    const uploading = h.call('disputes.file.upload', upload(dispute.id, tinyPdf(), 'receipt.pdf', intentId));
    await expect.poll(() => h.core.ledger.find(intentId)?.state).toBe('sending');
    expect(
      (await h.call('disputes.file.remove', { scope: h.scope, disputeId: dispute.id, field: 'receipt' })).files,
    ).toEqual({});
    expect((await uploading).files).toEqual({});
    expect(
      (await h.fail('disputes.file.content', { scope: h.scope, disputeId: dispute.id, field: 'receipt' })).code,
    ).toBe('not_found');
  });
});
