/**
 * The hid-recorder text format (hid-tools; the format of
 * linuxwacom/wacom-hid-descriptors): `R: <length> <bytes>` the report
 * descriptor, `N:` name, `P:` physical path, `I: <bus> <vid> <pid>` in hex,
 * `D: <n>` which device the following lines belong to (one file may record
 * several hidraw nodes), `E: <seconds> <length> <bytes>` one report as
 * read from hidraw (report ID first when the device numbers its reports).
 * `#` lines are comments (the human decoding). Throws with the line number
 * on a line that does not parse.
 */
export interface HidRecordedEvent {
  seconds: number;
  bytes: Uint8Array;
}

export interface HidRecording {
  name: string | null;
  bus: number | null;
  vendorId: number | null;
  productId: number | null;
  descriptor: Uint8Array;
  events: HidRecordedEvent[];
}

function bytesOf(tokens: string[], lineNo: number): Uint8Array {
  return Uint8Array.from(
    tokens.map((t) => {
      if (!/^[0-9a-f]{1,2}$/i.test(t)) throw new Error(`line ${lineNo}: "${t}" is not a hex byte`);
      return parseInt(t, 16);
    }),
  );
}

/** Every device of a recording, in `D:` order (one device when the file has no `D:` lines). */
export function parseHidRecordings(text: string): HidRecording[] {
  const devices = new Map<number, HidRecording>();
  const device = (n: number) => {
    let d = devices.get(n);
    if (!d) devices.set(n, (d = { name: null, bus: null, vendorId: null, productId: null, descriptor: new Uint8Array(0), events: [] }));
    return d;
  };
  let current = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([A-Z]):\s?(.*)$/.exec(line);
    if (!match) throw new Error(`line ${lineNo}: not a hid-recorder line`);
    const [, tag, rest] = match as unknown as [string, string, string];
    const tokens = rest.trim().split(/\s+/).filter(Boolean);
    switch (tag) {
      case 'D':
        current = Number.parseInt(tokens[0] ?? '', 10);
        if (!Number.isInteger(current)) throw new Error(`line ${lineNo}: bad device number`);
        device(current);
        break;
      case 'R': {
        const length = Number.parseInt(tokens[0] ?? '', 10);
        const bytes = bytesOf(tokens.slice(1), lineNo);
        if (length !== bytes.length) throw new Error(`line ${lineNo}: descriptor says ${length} bytes, has ${bytes.length}`);
        device(current).descriptor = bytes;
        break;
      }
      case 'N':
        device(current).name = rest.trim();
        break;
      case 'I': {
        const [bus, vid, pid] = tokens.map((t) => Number.parseInt(t, 16));
        if (bus === undefined || vid === undefined || pid === undefined || [bus, vid, pid].some(Number.isNaN)) {
          throw new Error(`line ${lineNo}: I: needs bus, vendor and product in hex`);
        }
        Object.assign(device(current), { bus, vendorId: vid, productId: pid });
        break;
      }
      case 'E': {
        const seconds = Number.parseFloat(tokens[0] ?? '');
        const length = Number.parseInt(tokens[1] ?? '', 10);
        const bytes = bytesOf(tokens.slice(2), lineNo);
        if (!Number.isFinite(seconds) || length !== bytes.length) throw new Error(`line ${lineNo}: bad event`);
        device(current).events.push({ seconds, bytes });
        break;
      }
      default:
        // P: (physical path) and tags from newer hid-recorder versions carry nothing we use.
        break;
    }
  });
  return [...devices.keys()].sort((a, b) => a - b).map((k) => devices.get(k)!);
}

/** The first device of a recording that has a descriptor; throws when there is none. */
export function parseHidRecording(text: string): HidRecording {
  const found = parseHidRecordings(text).find((d) => d.descriptor.length > 0);
  if (!found) throw new Error('no R: report descriptor in the recording');
  return found;
}
