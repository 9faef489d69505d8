import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { combineEvidence } from '../../src-main/disputes/evidence-combine';

async function pdf(pages: number): Promise<string> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([300, 200]);
  return Buffer.from(await doc.save()).toString('base64');
}

/** A 1×1 PNG, made here. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('combining several documents into the one PDF Stripe takes per field', () => {
  it('keeps every PDF page and makes each image a page, in the order chosen', async () => {
    const combined = await combineEvidence([
      { name: 'receipt.pdf', dataBase64: await pdf(2) },
      { name: 'photo.png', dataBase64: PNG },
      { name: 'letter.pdf', dataBase64: await pdf(1) },
    ]);
    expect(combined.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(combined);
    expect(doc.getPageCount()).toBe(4);
    expect(doc.getPage(2).getSize()).toEqual({ width: 612, height: 792 });
    expect(doc.getTitle()).toBe('receipt.pdf, photo.png, letter.pdf');
  });

  it('refuses a part that is not a PDF, JPEG or PNG, naming the problem', async () => {
    const text = Buffer.from('just some text').toString('base64');
    await expect(combineEvidence([{ name: 'notes.txt', dataBase64: text }])).rejects.toMatchObject({
      code: 'file_rejected',
      details: { reason: 'wrong_type' },
    });
  });

  it('refuses a damaged PDF with its name, instead of sending half a document', async () => {
    const broken = Buffer.from('%PDF-1.4 this is not really a pdf').toString('base64');
    await expect(combineEvidence([{ name: 'broken.pdf', dataBase64: broken }])).rejects.toMatchObject({
      code: 'file_rejected',
      message: expect.stringContaining('broken.pdf'),
    });
  });
});
