/**
 * The hid-recorder text format (hid-tools), as far as the simulator writes
 * and replays it: `R: <length> <descriptor bytes>`, `N: <name>`,
 * `I: <bus> <vid> <pid>`, `E: <seconds> <length> <report bytes>` (hex).
 * The simulator's own small reader, so that its replay does not lean on the
 * driver's code (the driver decodes what this sends).
 */

export interface RecordedReport {
  /** Seconds since the recording began. */
  time: number;
  bytes: Buffer;
}

export interface PadRecording {
  name: string;
  vendorId: number;
  productId: number;
  descriptor: Uint8Array;
  reports: RecordedReport[];
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function formatRecording(recording: PadRecording, comments: string[] = []): string {
  const lines = comments.map((c) => `# ${c}`);
  lines.push(`R: ${recording.descriptor.length} ${[...recording.descriptor].map(hex2).join(' ')}`);
  lines.push(`N: ${recording.name}`);
  lines.push(`I: 3 ${hex4(recording.vendorId)} ${hex4(recording.productId)}`);
  for (const { time, bytes } of recording.reports) {
    const micros = Math.round(time * 1e6);
    const stamp = `${String(Math.floor(micros / 1e6)).padStart(6, '0')}.${String(micros % 1e6).padStart(6, '0')}`;
    lines.push(`E: ${stamp} ${bytes.length} ${[...bytes].map(hex2).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Reads one device's recording; throws on a line it cannot read. */
export function readRecording(text: string): PadRecording {
  const recording: PadRecording = { name: '', vendorId: 0, productId: 0, descriptor: new Uint8Array(), reports: [] };
  const bytesOf = (words: string[], length: number, line: number) => {
    const bytes = words.map((w) => parseInt(w, 16));
    if (bytes.length !== length || bytes.some((b) => !(b >= 0 && b <= 0xff))) throw new Error(`recording line ${line}: bad bytes`);
    return bytes;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const [tag, ...words] = line.split(/\s+/);
    if (tag === 'R:') recording.descriptor = Uint8Array.from(bytesOf(words.slice(1), Number(words[0]), index + 1));
    else if (tag === 'N:') recording.name = line.slice(2).trim();
    else if (tag === 'I:') {
      recording.vendorId = parseInt(words[1] ?? '', 16);
      recording.productId = parseInt(words[2] ?? '', 16);
    } else if (tag === 'E:') {
      const time = Number(words[0]);
      if (!Number.isFinite(time)) throw new Error(`recording line ${index + 1}: bad time`);
      recording.reports.push({ time, bytes: Buffer.from(bytesOf(words.slice(2), Number(words[1]), index + 1)) });
    }
  });
  if (recording.descriptor.length === 0) throw new Error('recording has no R: descriptor line');
  return recording;
}
