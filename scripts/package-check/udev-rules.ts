/**
 * The udev rules the deb installs (resources/udev/*.rules): each line a
 * well-formed udev rule (the same reading as
 * electron/devices/signature/udev-rules.test.ts, widened to the keys these
 * files use), access the way IT expects (uaccess; dialout for serial ports,
 * plugdev for HID and raw USB; 0660), and every device the terminal knows by
 * USB id covered: the USB-serial chips and the ID card readers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_READERS, type UsbId } from '../../electron/devices/idcard/transports/detect';
import { fail, rowFor, type Row } from './report';

const AREA = 'udev 规则 rules';

export interface Pair {
  key: string;
  op: string;
  value: string;
}

const MATCH_KEYS = new Set(['ACTION', 'SUBSYSTEM', 'SUBSYSTEMS', 'KERNEL', 'KERNELS', 'DRIVERS', 'ATTR', 'ATTRS']);
const ASSIGN_KEYS = new Set(['TAG', 'MODE', 'GROUP', 'OWNER', 'SYMLINK', 'RUN']);
/** ENV{…} is matched or assigned, by operator. */
const EITHER_KEYS = new Set(['ENV']);

/** The USB-serial chips serial ID readers and evaluators sit behind (brief of issue 12). */
export const USB_SERIAL_CHIPS: ReadonlyArray<UsbId & { chip: string }> = [
  { vendorId: 0x1a86, productId: 0x7523, chip: 'CH340' },
  { vendorId: 0x10c4, productId: 0xea60, chip: 'CP210x' },
  { vendorId: 0x067b, productId: 0x2303, chip: 'PL2303' },
  { vendorId: 0x0403, productId: 0x6001, chip: 'FTDI' },
];

/** One rule line as key-operator-"value" pairs separated by commas; throws, with the line number, on anything else. */
export function parseUdevRule(line: string, number: number): Pair[] {
  const pairs: Pair[] = [];
  const pattern = /\s*([A-Z]+)(\{[A-Za-z_]+\})?(==|!=|\+=|-=|:=|=)"([^"]*)"\s*(,|$)/y;
  let at = 0;
  while (at < line.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(line);
    if (!m) throw new Error(`第 ${number} 行：不是 key=="value" 形式：${line.slice(at, at + 40)}`);
    const [, key, attr, op, value, comma] = m;
    const match = op === '==' || op === '!=';
    if (MATCH_KEYS.has(key!) ? !match : ASSIGN_KEYS.has(key!) ? match : !EITHER_KEYS.has(key!))
      throw new Error(`第 ${number} 行：${key}${attr ?? ''} 不能用 ${op}`);
    pairs.push({ key: `${key}${attr ?? ''}`, op: op!, value: value! });
    at = pattern.lastIndex;
    if (comma === '' && at < line.length) throw new Error(`第 ${number} 行：最后一对之后还有内容`);
  }
  return pairs;
}

export function parseUdevFile(text: string): Pair[][] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, number }) => parseUdevRule(line, number));
}

/** udev's shell-style glob (*, ?, [a-z]) as a regular expression. */
function globMatches(glob: string, value: string): boolean {
  const source = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}
const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const valueOf = (rule: Pair[], key: string) => rule.find((p) => p.key === key && p.op === '==')?.value;

export function covers(rule: Pair[], subsystem: string, id: UsbId): boolean {
  const vendor = valueOf(rule, 'ATTRS{idVendor}');
  const product = valueOf(rule, 'ATTRS{idProduct}');
  return (
    valueOf(rule, 'SUBSYSTEM') === subsystem &&
    vendor !== undefined &&
    globMatches(vendor, hex4(id.vendorId)) &&
    (product === undefined || globMatches(product, hex4(id.productId)))
  );
}

/** What every rule must give: uaccess, 0660, and the group that fits the node. */
function accessProblems(rule: Pair[]): string[] {
  const subsystem = valueOf(rule, 'SUBSYSTEM');
  const group = subsystem === 'tty' ? 'dialout' : 'plugdev';
  const problems: string[] = [];
  if (!subsystem || !['tty', 'hidraw', 'usb'].includes(subsystem)) problems.push(`SUBSYSTEM 应为 tty、hidraw 或 usb，实为 ${subsystem ?? '（无）'}`);
  if (!rule.some((p) => p.key === 'TAG' && p.op === '+=' && p.value === 'uaccess')) problems.push('缺少 TAG+="uaccess"');
  if (!rule.some((p) => p.key === 'MODE' && p.op === '=' && p.value === '0660')) problems.push('缺少 MODE="0660"');
  if (!rule.some((p) => p.key === 'GROUP' && p.op === '=' && p.value === group)) problems.push(`缺少 GROUP="${group}"`);
  if (!/^[0-9a-f]{4}$/.test(valueOf(rule, 'ATTRS{idVendor}') ?? '')) problems.push('ATTRS{idVendor} 应为四位小写十六进制');
  return problems;
}

/** Checks every rules file under `dir`; the deb installs them by the name pattern 70-counter-terminal-*.rules. */
export function checkUdevRules(dir: string): Row[] {
  const rows: Row[] = [];
  const names = readdirSync(dir).filter((f) => f.endsWith('.rules'));
  const all: Pair[][] = [];
  for (const name of names) {
    const problems: string[] = [];
    // Installed and removed by this pattern; below 73 so uaccess is tagged before 73-seat-late.rules applies it.
    if (!/^70-counter-terminal-[\w-]+\.rules$/.test(name)) problems.push('文件名应为 70-counter-terminal-*.rules（安装脚本按此名安装与删除）');
    let rules: Pair[][] = [];
    try {
      rules = parseUdevFile(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (!rules.length && !problems.length) problems.push('没有规则');
    rules.forEach((rule, index) => {
      for (const p of accessProblems(rule)) problems.push(`第 ${index + 1} 条规则：${p}`);
    });
    all.push(...rules);
    rows.push(rowFor(AREA, name, problems, `${rules.length} 条规则 rules`));
  }
  if (!names.length) return [fail(AREA, dir, '没有 .rules 文件')];

  const uncovered: string[] = [];
  for (const chip of USB_SERIAL_CHIPS)
    if (!all.some((r) => covers(r, 'tty', chip))) uncovered.push(`${chip.chip} ${hex4(chip.vendorId)}:${hex4(chip.productId)} (tty)`);
  for (const reader of KNOWN_READERS)
    for (const subsystem of ['tty', 'hidraw', 'usb'])
      if (!all.some((r) => covers(r, subsystem, reader))) uncovered.push(`${reader.maker} ${hex4(reader.vendorId)}:${hex4(reader.productId)} (${subsystem})`);
  rows.push(
    rowFor(
      AREA,
      '覆盖 coverage',
      uncovered.length ? [`没有规则：${uncovered.join('、')}`] : [],
      `USB 串口芯片 ${USB_SERIAL_CHIPS.map((c) => c.chip).join('/')}，身份证阅读器 ${KNOWN_READERS.length} 种 ID readers`,
    ),
  );
  return rows;
}
