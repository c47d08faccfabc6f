/**
 * The steps of the protocol's read flow (specs/idcard-sam.md, "Read flow"),
 * each one command and its expected SW3, shared by the driver and the
 * doctor: SAM check, find, select + read (+ optionally the newest appended
 * address). Transmission errors are retried with back-off; card and SAM
 * errors are not — they are the caller's decision.
 */
import { IdCardSchema, type IdCard } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { commands, toHex } from './codec/frames';
import { parseReadPayload, PayloadError } from './codec/read-payload';
import type { ResponseFrame } from './codec/response-parser';
import { SamStatusError, SW3 } from './codec/status-codes';
import { decodeTextBlock, TEXT_BLOCK_LENGTH } from './codec/text-block';
import { CommandTimeoutError, type SamSession } from './session';

export interface CommandTimeouts {
  /** SAM reset, status and id. */
  sam: number;
  find: number;
  select: number;
  /** 30 01 / 30 10: the card sends ~1.3–2.3 KiB over RF, then the reader over the wire. */
  read: number;
}

export const DEFAULT_TIMEOUTS: CommandTimeouts = { sam: 1000, find: 500, select: 500, read: 3000 };

export interface RetryPolicy {
  /** Attempts in all, first included. */
  attempts: number;
  /** Delay before the 2nd attempt; doubled for each further one. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 40 };

/** A frame lost or damaged on the wire, or garbled on the way in: sending again may help. */
export function isTransmissionError(error: unknown): boolean {
  return (
    error instanceof CommandTimeoutError ||
    (error instanceof SamStatusError && (error.sw3 === SW3.hostChecksumError || error.sw3 === SW3.hostLengthError))
  );
}

export async function withRetries<T>(policy: RetryPolicy, step: () => Promise<T>, sleep = delay): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransmissionError(error)) throw error;
      await sleep(policy.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The SAM id is 16 bytes; an answer of another length is not a SAM's. */
const SAM_ID_LENGTH = 16;

/**
 * What an answer to each command can look like, to drop a late answer to an
 * earlier command: 9F answers only find; a 90 to SAM status has no data, a
 * 90 to select has 8 bytes, a 90 to a read at least its length fields.
 */
const shape = {
  find: (f: ResponseFrame) => f.sw3 !== SW3.success,
  samStatus: (f: ResponseFrame) => f.sw3 !== SW3.findSuccess && (f.sw3 !== SW3.success || f.data.length === 0),
  samId: (f: ResponseFrame) => f.sw3 !== SW3.findSuccess && (f.sw3 !== SW3.success || f.data.length === SAM_ID_LENGTH),
  select: (f: ResponseFrame) => f.sw3 !== SW3.findSuccess && (f.sw3 !== SW3.success || f.data.length === 8),
  read: (f: ResponseFrame) => f.sw3 !== SW3.findSuccess && (f.sw3 !== SW3.success || f.data.length >= 4),
  other: (f: ResponseFrame) => f.sw3 !== SW3.findSuccess,
};

/** The response must carry one of `accepted`, else its SW3 becomes the error. */
function expect(frame: ResponseFrame, ...accepted: number[]): ResponseFrame {
  if (!accepted.includes(frame.sw3)) throw new SamStatusError(frame.sw3);
  return frame;
}

export interface SamInfo {
  /** The SAM id (16 bytes) as hex: the vendors' dotted format is not in the spec. */
  samId: string;
}

/** SAM status (must be 90), then the SAM id. */
export async function checkSam(session: SamSession, t: CommandTimeouts, retry = DEFAULT_RETRY): Promise<SamInfo> {
  await withRetries(retry, async () => expect(await session.exchange(commands.samStatus(), t.sam, shape.samStatus), SW3.success));
  return readSamId(session, t, retry);
}

/** The SAM id alone (12 FF): 90 with exactly 16 bytes. The driver asks again while polling to know the SAM is still there. */
export async function readSamId(session: SamSession, t: CommandTimeouts, retry = DEFAULT_RETRY): Promise<SamInfo> {
  const id = await withRetries(retry, async () => expect(await session.exchange(commands.readSamId(), t.sam, shape.samId), SW3.success));
  return { samId: toHex(id.data).replace(/ /g, '') };
}

/** Resets the SAM (10 FF): tried once before giving up on a SAM that failed its self-test. */
export async function resetSam(session: SamSession, t: CommandTimeouts): Promise<void> {
  expect(await session.exchange(commands.resetSam(), t.sam, shape.samStatus), SW3.success);
}

/** True for 9F (a card is in the field), false for 80; anything else is an error. */
export async function findCard(session: SamSession, t: CommandTimeouts): Promise<boolean> {
  const frame = expect(await session.exchange(commands.findCard(), t.find, shape.find), SW3.findSuccess, SW3.noCard);
  return frame.sw3 === SW3.findSuccess;
}

export interface CardRead {
  card: IdCard;
  /** Raw WLT photo bytes, kept with the case (specs: "Photo (WLT)"). */
  photoWlt: Uint8Array;
  fingerprint?: Uint8Array;
  /** Newest appended address (30 03), when asked for and present. */
  appendedAddress?: string;
}

export interface ReadOptions {
  fingerprint?: boolean;
  appendedAddress?: boolean;
  retry?: RetryPolicy;
}

/** A read whose bytes arrived fine but do not make a card. */
export class UnreadableCardError extends Error {
  override name = 'UnreadableCardError';
}

/** select → read (30 01 or 30 10) → optionally 30 03; decodes and validates the card. */
export async function selectAndRead(session: SamSession, t: CommandTimeouts, options: ReadOptions = {}): Promise<CardRead> {
  const retry = options.retry ?? DEFAULT_RETRY;
  await withRetries(retry, async () => expect(await session.exchange(commands.selectCard(), t.select, shape.select), SW3.success));
  const command = options.fingerprint ? commands.readCardWithFingerprint() : commands.readCard();
  const frame = await withRetries(retry, async () => expect(await session.exchange(command, t.read, shape.read), SW3.success));
  let payload;
  try {
    payload = parseReadPayload(frame.data, Boolean(options.fingerprint));
  } catch (error) {
    if (error instanceof PayloadError) throw new UnreadableCardError(strings.idcard.unexpectedResponse);
    throw error;
  }
  if (payload.text.length !== TEXT_BLOCK_LENGTH) throw new UnreadableCardError(strings.idcard.unexpectedResponse);
  const decoded = IdCardSchema.safeParse(decodeTextBlock(payload.text));
  if (!decoded.success) {
    // Name the fields, never their values: they are personal data.
    const fields = [...new Set(decoded.error.issues.map((i) => i.path.join('.')))].join('、');
    throw new UnreadableCardError(strings.idcard.unreadableCard(fields));
  }
  const result: CardRead = { card: decoded.data, photoWlt: Uint8Array.from(payload.photo) };
  if (payload.fingerprint) result.fingerprint = Uint8Array.from(payload.fingerprint);
  if (options.appendedAddress) {
    const extra = await withRetries(retry, async () =>
      expect(await session.exchange(commands.readAppendedAddress(), t.read, shape.other), SW3.success, SW3.noContent),
    );
    const text = decodeUcs2(extra.data);
    if (extra.sw3 === SW3.success && text) result.appendedAddress = text;
  }
  return result;
}

/** The appended-address response is UCS-2 LE text like the text block (unverified: no public layout beyond that). */
function decodeUcs2(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return out.replace(/[\s\u3000]+$/u, '').replace(/^[\s\u3000]+/u, '');
}
