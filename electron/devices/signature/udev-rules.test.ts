/**
 * resources/udev/70-counter-terminal-signature.rules: every rule is a
 * well-formed udev line (known keys, match keys compared, assignment keys
 * assigned, quoted values), gives hidraw access the way IT expects
 * (uaccess, 0660, plugdev), and every pad the product knows by USB id —
 * the quirk table's vendors and each Wacom STU model — is covered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUIRK_TABLE } from './hid/quirks';
import { SIMULATED_PAD_ID } from './simulator/simulated-pen-descriptor';
import { STU_MODELS, WACOM_VENDOR_ID } from './wacom-stu/models';

const RULES_FILE = join(__dirname, '..', '..', '..', 'resources', 'udev', '70-counter-terminal-signature.rules');

const MATCH_KEYS = new Set(['SUBSYSTEM', 'SUBSYSTEMS', 'KERNEL', 'ATTRS{idVendor}', 'ATTRS{idProduct}', 'ACTION']);
const ASSIGN_KEYS = new Set(['TAG', 'MODE', 'GROUP']);

interface Pair {
  key: string;
  op: string;
  value: string;
}

/** One rule line as key-operator-"value" pairs separated by commas; throws on anything else. */
function parseRule(line: string, number: number): Pair[] {
  const pairs: Pair[] = [];
  const pattern = /\s*([A-Z]+(?:\{[A-Za-z_]+\})?)(==|!=|\+=|:=|=)"([^"]*)"\s*(,|$)/y;
  let at = 0;
  while (at < line.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(line);
    if (!m) throw new Error(`line ${number}: not a key=="value" pair at "${line.slice(at)}"`);
    const [, key, op, value, comma] = m;
    pairs.push({ key: key!, op: op!, value: value! });
    at = pattern.lastIndex;
    if (comma === '' && at < line.length) throw new Error(`line ${number}: text after the last pair`);
  }
  return pairs;
}

/** udev's shell-style glob (*, ?, [a-z]) as a regular expression. */
function globMatches(glob: string, value: string): boolean {
  const source = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function rules(): Pair[][] {
  return readFileSync(RULES_FILE, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, number }) => parseRule(line, number));
}

function covers(rule: Pair[], vendorId: number, productId: number): boolean {
  const value = (key: string) => rule.find((p) => p.key === key && p.op === '==')?.value;
  const vendor = value('ATTRS{idVendor}');
  const product = value('ATTRS{idProduct}');
  return vendor !== undefined && globMatches(vendor, hex4(vendorId)) && (product === undefined || globMatches(product, hex4(productId)));
}

describe('the signature pad udev rules', () => {
  it('are well-formed udev lines with known keys and the right operators', () => {
    const all = rules();
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const rule of all) {
      for (const { key, op } of rule) {
        if (MATCH_KEYS.has(key)) expect(['==', '!='], `${key}${op}`).toContain(op);
        else if (ASSIGN_KEYS.has(key)) expect(['=', '+=', ':='], `${key}${op}`).toContain(op);
        else throw new Error(`unknown udev key ${key}`);
      }
    }
  });

  it('give hidraw access to the user at the seat and to plugdev', () => {
    for (const rule of rules()) {
      expect(rule).toContainEqual({ key: 'SUBSYSTEM', op: '==', value: 'hidraw' });
      expect(rule).toContainEqual({ key: 'TAG', op: '+=', value: 'uaccess' });
      expect(rule).toContainEqual({ key: 'MODE', op: '=', value: '0660' });
      expect(rule).toContainEqual({ key: 'GROUP', op: '=', value: 'plugdev' });
      expect(rule.find((p) => p.key === 'ATTRS{idVendor}')?.value).toMatch(/^[0-9a-f]{4}$/);
    }
  });

  it('cover every Wacom STU model, every vendor of the quirk table, Hanvon and XP-Pen', () => {
    const all = rules();
    const wanted = [
      ...STU_MODELS.map((m) => ({ vendorId: WACOM_VENDOR_ID, productId: m.productId })),
      ...QUIRK_TABLE.map((q) => ({ vendorId: q.vendorId, productId: q.productId ?? 0x1234 })),
      { vendorId: 0x0b57, productId: 0x8502 },
      { vendorId: 0x28bd, productId: 0x0094 },
    ];
    for (const { vendorId, productId } of wanted) {
      expect(all.some((rule) => covers(rule, vendorId, productId)), `${hex4(vendorId)}:${hex4(productId)}`).toBe(true);
    }
  });

  it('do not open other Wacom devices (tablets the kernel drives) or the simulator’s test id', () => {
    const all = rules();
    expect(all.some((rule) => covers(rule, WACOM_VENDOR_ID, 0x0374))).toBe(false); // an Intuos
    expect(all.some((rule) => covers(rule, WACOM_VENDOR_ID, 0x00aa))).toBe(false);
    expect(all.some((rule) => covers(rule, SIMULATED_PAD_ID.vendorId, SIMULATED_PAD_ID.productId))).toBe(false);
  });

  it('the line parser refuses what udev would not take', () => {
    expect(() => parseRule('SUBSYSTEM=="hidraw" TAG+="uaccess"', 1)).toThrow();
    expect(() => parseRule('SUBSYSTEM==hidraw, TAG+="uaccess"', 1)).toThrow();
    expect(parseRule('SUBSYSTEM=="hidraw", TAG+="uaccess"', 1)).toHaveLength(2);
  });
});
