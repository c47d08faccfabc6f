import { rectQuad, type Size } from '../geometry';
import { createRgba, resizeRgba, warpPerspective, type RgbaImage } from '../image';
import { ID_CARD_MM } from './page-size';
import { rotateQuarterTurns } from './rotate';
import { mmToPixels } from './straighten';

/** A rectangle in pixels of the sheet. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const A4_MM = { width: 210, height: 297 } as const;
/** Between the front and the back: enough to cut them apart, small enough to read as one document. */
const GAP_MM = 12;

/**
 * Where the ID card's front and back go on the A4 sheet (portrait) at `dpi`:
 * each exactly 85.6 × 54 mm (to the pixel), centred across, the pair centred
 * down the page with the front above the back, the way a counter copies a card.
 */
export function idCardSheetLayout(dpi: number): { page: Size; front: Rect; back: Rect } {
  const page = { width: mmToPixels(A4_MM.width, dpi), height: mmToPixels(A4_MM.height, dpi) };
  const width = mmToPixels(ID_CARD_MM.width, dpi);
  const height = mmToPixels(ID_CARD_MM.height, dpi);
  const gap = mmToPixels(GAP_MM, dpi);
  const x = Math.round((page.width - width) / 2);
  const top = Math.round((page.height - (2 * height + gap)) / 2);
  return { page, front: { x, y: top, width, height }, back: { x, y: top + height + gap, width, height } };
}

/** The card image at exactly width × height: area-averaged when shrinking, bilinear when enlarging; a card held upright is laid flat (a quarter turn clockwise). */
function fitCard(card: RgbaImage, width: number, height: number): RgbaImage {
  const flat = card.height > card.width ? rotateQuarterTurns(card, 1) : card;
  if (flat.width === width && flat.height === height) return flat;
  if (flat.width >= width && flat.height >= height) return resizeRgba(flat, width, height);
  return warpPerspective(flat, rectQuad(flat.width, flat.height), width, height);
}

/** The 身份证正反面 sheet: front and back (straightened card images, any size) on a white A4 page at true size. */
export function composeIdCardSheet(front: RgbaImage, back: RgbaImage, dpi: number): RgbaImage {
  const layout = idCardSheetLayout(dpi);
  const sheet = createRgba(layout.page.width, layout.page.height);
  sheet.data.fill(255);
  for (const [card, rect] of [
    [front, layout.front],
    [back, layout.back],
  ] as const) {
    const fitted = fitCard(card, rect.width, rect.height);
    for (let y = 0; y < rect.height; y++) {
      const from = y * rect.width * 4;
      sheet.data.set(fitted.data.subarray(from, from + rect.width * 4), ((rect.y + y) * sheet.width + rect.x) * 4);
    }
  }
  return sheet;
}
