import { PDFDocument } from 'pdf-lib';
import { ConsoleError } from '../../src-preload/contract';
import { checkEvidenceFile } from './evidence-files';

/** US Letter in PDF points: images are scaled down to fit, never up. */
const PAGE = { width: 612, height: 792, margin: 36 };

/**
 * Several documents for one evidence field, as the one PDF Stripe takes per field: PDFs keep their pages, each
 * JPEG or PNG becomes a page. Every part is checked like a single upload (type by content, readable); the
 * result goes through the same 5 MB check when uploaded.
 */
export async function combineEvidence(parts: { name: string; dataBase64: string }[]): Promise<Buffer> {
  const combined = await PDFDocument.create();
  for (const part of parts) {
    const { bytes, type } = checkEvidenceFile(part.dataBase64);
    try {
      if (type === 'application/pdf') {
        const source = await PDFDocument.load(bytes, { ignoreEncryption: false });
        for (const page of await combined.copyPages(source, source.getPageIndices())) combined.addPage(page);
        continue;
      }
      const image = type === 'image/png' ? await combined.embedPng(bytes) : await combined.embedJpg(bytes);
      const room = { width: PAGE.width - 2 * PAGE.margin, height: PAGE.height - 2 * PAGE.margin };
      const scale = Math.min(1, room.width / image.width, room.height / image.height);
      const { width, height } = image.scale(scale);
      const page = combined.addPage([PAGE.width, PAGE.height]);
      page.drawImage(image, { x: (PAGE.width - width) / 2, y: (PAGE.height - height) / 2, width, height });
    } catch (err) {
      throw new ConsoleError(
        'file_rejected',
        `“${part.name}” could not be read as a ${type.split('/')[1]?.toUpperCase()}: ${String((err as Error).message ?? err)}`,
        {
          details: { reason: 'unreadable', name: part.name },
        },
      );
    }
  }
  combined.setTitle(parts.map((p) => p.name).join(', '));
  combined.setProducer('Stripe Console');
  return Buffer.from(await combined.save());
}
