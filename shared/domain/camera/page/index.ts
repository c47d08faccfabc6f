/**
 * Page operations of the document camera (issue 11), pure: the page's true
 * size from its outline, the straightened page at archive resolution, the
 * colour / grey / black-and-white looks, quarter turns, and the ID card's
 * front and back on one A4 sheet at true size. Used by the capture panel and
 * the `camera` command alike.
 */
export { ID_CARD_MM, pageSizeFor, perspectiveAspect, type PageSize, type PageSizeOptions } from './page-size';
export { ARCHIVE_DPI, mmToPixels, straightenPage, straightenedSize, type StraightenOptions } from './straighten';
export { applyCaptureMode, binarize, stretchContrast } from './capture-mode';
export { rotateQuarterTurns } from './rotate';
export { composeIdCardSheet, idCardSheetLayout, type Rect } from './id-card-sheet';
