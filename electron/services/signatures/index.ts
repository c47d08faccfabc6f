/**
 * Signatures as evidence (issue 10): what a signature signs, the stored
 * record and its hashes, the printed image. The signing session
 * (electron/services/signing) uses signableSlip and the store; the slip
 * service binds records to slips and verifies them at reprint.
 */
export { signableSlip, signedContentSha256, signatureRequired, canonicalJson, type SignableContext, type SignableSlip } from './signable-slip';
export { recordSha256, verificationCode, canonicalRecord, inkedSamples, type SignatureRecord } from './signature-record';
export { renderSignaturePng, pngDataUrl, strokesOf, EmptySignatureError, SIGNATURE_BOX_MM, PRINT_DPI } from './signature-image';
export {
  SignatureStore,
  SignatureError,
  SIGNATURE_STATE_OF_SLIP_SQL,
  type SignatureCapture,
  type SignatureWaiver,
  type SavedSignature,
  type StoredSignature,
  type SignatureCheck,
  type SignatureStoreOptions,
} from './signature-store';
