/**
 * The length of an 80 mm receipt. A roll has no fixed page length, so the
 * slip is measured at the roll's printable width with print styles applied,
 * and the page is cut to that: no blank paper after the last line. Both PDF
 * renderers (headless Chromium, Electron) and so every printer use this.
 */

/** Printable width of the roll: 80 mm less the 3 mm side margins of the slip's @page rule, in CSS px (96 per inch). */
export const RECEIPT_CONTENT_WIDTH_PX = Math.floor((74 / 25.4) * 96);

/** Width of the roll in inches (what printToPDF wants). */
export const RECEIPT_WIDTH_IN = 80 / 25.4;

/**
 * Page length for content this tall (CSS px): the @page top and bottom
 * margins (4 mm each, 30 px) plus a little slack, because a line measured on
 * screen may round differently in print, and a line spilling onto a second
 * page costs more paper than the slack.
 */
export function receiptPageHeightPx(contentPx: number): number {
  return Math.ceil(contentPx) + 64;
}
