/**
 * The DATA of a successful read response (specs/idcard-sam.md, "Read
 * response payload"), split by its own length fields, never by fixed
 * offsets: readers return shorter fingerprint blocks when a card holds fewer.
 *
 *   30 01: text length (2, BE) | photo length (2, BE) | text | photo
 *   30 10: text length | photo length | fingerprint length | text | photo | fingerprint
 */

export interface ReadPayload {
  text: Uint8Array;
  /** Raw WLT bytes (1024 on every known card). */
  photo: Uint8Array;
  /** Present only for 30 10 and only when the card holds fingerprints. */
  fingerprint?: Uint8Array;
}

export class PayloadError extends Error {
  override name = 'PayloadError';
}

export function parseReadPayload(data: Uint8Array, withFingerprint: boolean): ReadPayload {
  const lengths = withFingerprint ? 3 : 2;
  const head = lengths * 2;
  if (data.length < head) throw new PayloadError(`payload of ${data.length} bytes has no length fields`);
  const at = (i: number) => (data[i * 2]! << 8) | data[i * 2 + 1]!;
  const textLength = at(0);
  const photoLength = at(1);
  const fingerprintLength = withFingerprint ? at(2) : 0;
  const expected = head + textLength + photoLength + fingerprintLength;
  if (expected !== data.length) {
    throw new PayloadError(`length fields say ${expected} bytes, payload has ${data.length}`);
  }
  let offset = head;
  const take = (n: number) => data.subarray(offset, (offset += n));
  const text = take(textLength);
  const photo = take(photoLength);
  const payload: ReadPayload = { text, photo };
  if (withFingerprint && fingerprintLength > 0) payload.fingerprint = take(fingerprintLength);
  return payload;
}
