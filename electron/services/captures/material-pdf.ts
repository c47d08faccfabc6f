import { PageSizes, PDFDocument } from 'pdf-lib';
import type { CapturePageKind } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';

/** One page of a material's PDF: the JPEG as kept, and what the page said of itself. */
export interface PdfPageSource {
  jpeg: Uint8Array;
  kind: CapturePageKind;
  /** The page's true size when its format was known (a receipt, an A5); null: it fills its A4 page. */
  sizeMm: { width: number; height: number } | null;
}

export interface MaterialPdfMeta {
  /** The case number, e.g. 08-20260925-0001: not personal data. */
  caseId: string;
  /** The catalogue's material name, e.g. 营业执照: not personal data. */
  materialName: string;
  at: Date;
}

const [A4_WIDTH, A4_HEIGHT] = PageSizes.A4;
const POINTS_PER_MM = 72 / 25.4;
const A4_MM = { width: 210, height: 297 };

/**
 * A material's pages as one PDF: one A4 page per captured page, the JPEG
 * embedded as it is (DCTDecode: no second compression, so the page keeps the
 * resolution and the few hundred KB it was captured with). A page of a
 * smaller known format (a receipt, an A5, an ID card on its own) sits on its
 * A4 page at its true size, centred, so a print of the PDF measures like the
 * paper; any other page, and an ID-card sheet (already A4), fills its page,
 * keeping its proportions (landscape A4 for a landscape page). The metadata
 * names the case number and the material only: no applicant's data.
 */
export async function buildMaterialPdf(pages: readonly PdfPageSource[], meta: MaterialPdfMeta): Promise<Uint8Array> {
  if (pages.length === 0) throw new Error('no pages');
  const doc = await PDFDocument.create();
  const t = strings.camera.captures.pdf;
  doc.setTitle(t.title(meta.caseId, meta.materialName));
  doc.setSubject(t.subject);
  doc.setCreator(t.creator);
  doc.setProducer(t.creator);
  doc.setKeywords([meta.caseId]);
  doc.setCreationDate(meta.at);
  doc.setModificationDate(meta.at);
  for (const source of pages) {
    const image = await doc.embedJpg(source.jpeg);
    const trueSize = source.kind === 'page' ? smallerThanA4(source.sizeMm) : null;
    const landscape = !trueSize && image.width > image.height;
    const [pageWidth, pageHeight] = landscape ? [A4_HEIGHT, A4_WIDTH] : [A4_WIDTH, A4_HEIGHT];
    const box = trueSize ? { width: trueSize.width * POINTS_PER_MM, height: trueSize.height * POINTS_PER_MM } : { width: pageWidth, height: pageHeight };
    // The image's own proportions are kept: it is fitted into its box, never stretched.
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const page = doc.addPage([pageWidth, pageHeight]);
    page.drawImage(image, { x: (pageWidth - width) / 2, y: (pageHeight - height) / 2, width, height });
  }
  return doc.save();
}

/** A known size that fits an A4 page (either way round) and is clearly smaller: placed at true size. */
function smallerThanA4(size: { width: number; height: number } | null): { width: number; height: number } | null {
  if (!size) return null;
  const fits = size.width <= A4_MM.width && size.height <= A4_MM.height;
  // An A4 page measured a little off is still A4: it fills its page.
  const clearlySmaller = size.width * size.height < 0.9 * A4_MM.width * A4_MM.height;
  return fits && clearlySmaller ? size : null;
}
