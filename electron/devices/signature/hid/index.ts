/**
 * The generic USB HID pen digitizer side of the signature pad (issue 10):
 * report descriptor → pen layouts → decoded PenSamples, the per-USB-id
 * quirk table, the PadDescription of a HID pad and the hid-recorder text
 * format. The driver (H2) and `doctor signature` use only what is exported
 * here, so both decode with the same code.
 */
export {
  parseReportDescriptor,
  type ReportField,
  type ReportKind,
  type CollectionInfo,
  type ParsedDescriptor,
} from './report-descriptor';
export { findPens, isVendorOnlyDescriptor, type PenLayout, type PenField } from './pen-layout';
export { decodePenReport, compilePenDecoder, type PenDecoder } from './pen-decoder';
export { quirksFor, NO_QUIRKS, type PenQuirks } from './quirks';
export { padTargetText, usbIdText } from '../pad-hid-device';
export { padDescription, type PadIdentity } from './pad-description';
export { parseHidRecording, parseHidRecordings, type HidRecording, type HidRecordedEvent } from './hid-recorder';
export { parseHexBytes } from './hex-text';
