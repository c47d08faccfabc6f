import { describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import {
  SECRET_MASK,
  applyLocks,
  deepMerge,
  isAtOrUnder,
  isConfigPath,
  lockedIssues,
  maskSecrets,
  mergeLayers,
  parseCentreJson,
  provenanceOf,
  valueAt,
  type CentreLayer,
  type ProvenancedValue,
} from './config-layers';

const f = strings.fleetConfig;
const CENTRE = '/etc/counter-terminal/centre.json';
const HASH = 'scrypt$131072$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

const at = (provenance: ProvenancedValue[], path: string) => {
  const found = provenance.find((p) => p.path === path);
  if (!found) throw new Error(`no value at ${path}`);
  return found;
};
const centre = (values: Record<string, unknown>, locked: string[] = []): CentreLayer => ({ values, locked });

describe('deepMerge', () => {
  it('merges plain objects key by key; a list, a value or null replaces; neither input changes', () => {
    const base = { a: { b: 1, c: [1, 2], d: { e: 'x' } }, f: 'keep' };
    const over = { a: { c: [3], d: { g: true } }, h: null };
    const before = JSON.stringify([base, over]);
    expect(deepMerge(base, over)).toEqual({ a: { b: 1, c: [3], d: { e: 'x', g: true } }, f: 'keep', h: null });
    expect(JSON.stringify([base, over])).toBe(before);
  });

  it('an object over a value, or a value over an object, replaces it whole', () => {
    expect(deepMerge({ a: 1 }, { a: { b: 2 } })).toEqual({ a: { b: 2 } });
    expect(deepMerge({ a: { b: 2 } }, { a: 'x' })).toEqual({ a: 'x' });
    expect(deepMerge({ a: { b: 2 } }, { a: [1] })).toEqual({ a: [1] });
  });
});

describe('paths', () => {
  it('isAtOrUnder: the path itself and what lies below, never a sibling that shares a prefix', () => {
    expect(isAtOrUnder('retention', 'retention')).toBe(true);
    expect(isAtOrUnder('retention.cardDays', 'retention')).toBe(true);
    expect(isAtOrUnder('retentionX', 'retention')).toBe(false);
    expect(isAtOrUnder('retention', 'retention.cardDays')).toBe(false);
  });

  it('valueAt walks plain objects only', () => {
    expect(valueAt({ a: { b: { c: 0 } } }, 'a.b.c')).toBe(0);
    expect(valueAt({ a: { b: null } }, 'a.b')).toBeNull();
    expect(valueAt({ a: [{ b: 1 }] }, 'a.0.b')).toBeUndefined();
    expect(valueAt({ a: 1 }, 'a.b')).toBeUndefined();
    expect(valueAt({}, 'toString')).toBeUndefined();
  });

  it('isConfigPath knows the schema: sections, leaves, optional fields never set, not list items or made-up names', () => {
    for (const path of ['retention', 'retention.cardDays', 'evaluation.upload.url', 'evaluation.upload', 'devices.printer.port', 'devices.idcard.timeouts.sam', 'serviceDay.openingTime', 'lead.accounts', 'clerk', 'version']) {
      expect(isConfigPath(path), path).toBe(true);
    }
    for (const path of ['', 'retention.', '.retention', 'retension', 'evaluation.upload.URL', 'lead.accounts.0', 'lead.accounts.0.pinHash', 'counter.windowNumber.x', 'toString', 'devices.printer.port.x']) {
      expect(isConfigPath(path), path).toBe(false);
    }
  });
});

describe('applyLocks', () => {
  it('drops what config.json holds at or under each locked path and names those paths, leaving the rest', () => {
    const counter = { evaluation: { upload: { url: 'https://evil.example/x', token: 't' }, autoRequest: false }, retention: { cardDays: 30 }, counter: { windowNumber: '12' } };
    const { values, refused } = applyLocks(counter, ['evaluation.upload.url', 'retention', 'privacy']);
    expect(refused).toEqual(['evaluation.upload.url', 'retention']);
    expect(values).toEqual({ evaluation: { upload: { token: 't' }, autoRequest: false }, counter: { windowNumber: '12' } });
    // The input is left as it was.
    expect(counter.evaluation.upload.url).toBe('https://evil.example/x');
  });

  it('an empty section sets nothing and is not reported', () => {
    expect(applyLocks({ retention: {} }, ['retention'])).toEqual({ values: { retention: {} }, refused: [] });
  });

  it('a locked section whose value config.json sets to a list or null is dropped all the same', () => {
    expect(applyLocks({ retention: null, lead: { accounts: [] } }, ['retention', 'lead.accounts'])).toEqual({ values: { lead: {} }, refused: ['retention', 'lead.accounts'] });
  });
});

describe('parseCentreJson', () => {
  it('takes a partial configuration and its locked paths', () => {
    const parsed = parseCentreJson({ locked: ['evaluation.upload.url', 'retention', 'retention'], evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } }, CENTRE);
    expect(parsed).toEqual({ ok: true, layer: { values: { evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } }, locked: ['evaluation.upload.url', 'retention'] } });
  });

  it('an empty centre file is valid and locks nothing', () => {
    expect(parseCentreJson({}, CENTRE)).toEqual({ ok: true, layer: { values: {}, locked: [] } });
  });

  it('refuses what is not an object, naming the file', () => {
    for (const json of [null, [], 'x', 3]) {
      expect(parseCentreJson(json, CENTRE)).toEqual({ ok: false, issues: [{ field: '', message: f.centreIssue(CENTRE, f.notObject) }] });
    }
  });

  it('refuses a lock list that is not a list of field paths, and a misspelt path (a lock that silently locks nothing)', () => {
    expect(parseCentreJson({ locked: 'retention' }, CENTRE)).toEqual({ ok: false, issues: [{ field: 'locked', message: f.centreIssue(CENTRE, f.badLockList) }] });
    expect(parseCentreJson({ locked: ['retention', 3] }, CENTRE)).toEqual({ ok: false, issues: [{ field: 'locked', message: f.centreIssue(CENTRE, f.badLockList) }] });
    expect(parseCentreJson({ locked: ['evaluation.upload.URL', 'retension'] }, CENTRE)).toEqual({
      ok: false,
      issues: [
        { field: 'locked', message: f.centreIssue(CENTRE, f.unknownLockPath('evaluation.upload.URL')) },
        { field: 'locked', message: f.centreIssue(CENTRE, f.unknownLockPath('retension')) },
      ],
    });
  });

  it('validates the values with the counter schema, field by field, naming the file; an http upload URL is refused', () => {
    const parsed = parseCentreJson({ retention: { cardDays: -1 }, evaluation: { upload: { url: 'http://pj.example.gov.cn/api' } }, colour: 'red' }, CENTRE);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.field).sort()).toEqual(['', 'evaluation.upload.url', 'retention.cardDays']);
    for (const issue of parsed.issues) expect(issue.message.startsWith(`中心配置文件 ${CENTRE}：`)).toBe(true);
    expect(parsed.issues.find((i) => i.field === '')!.message).toContain('colour');
  });
});

describe('mergeLayers', () => {
  it('without a centre file: config.json over the defaults, as before', () => {
    const merged = mergeLayers(null, { counter: { windowNumber: '12' } });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.config).toEqual(CounterConfigSchema.parse({ counter: { windowNumber: '12' } }));
    expect(at(merged.provenance, 'counter.windowNumber')).toEqual({ path: 'counter.windowNumber', value: '12', source: 'counter', locked: false });
    expect(at(merged.provenance, 'counter.centreName')).toMatchObject({ source: 'default', locked: false });
    expect(merged.refused).toEqual([]);
  });

  it('counter file over centre file over defaults, leaf by leaf, with where each value came from', () => {
    const merged = mergeLayers(centre({ counter: { centreName: '某某市政务服务中心', windowNumber: '99' }, retention: { cardDays: 2 } }), { counter: { windowNumber: '12' } });
    if (!merged.ok) throw new Error('expected a valid merge');
    expect(merged.config.counter).toEqual({ centreName: '某某市政务服务中心', windowNumber: '12', clerkName: '示例工作人员', clerkStaffNumber: '0001' });
    expect(merged.config.retention.cardDays).toBe(2);
    expect(at(merged.provenance, 'counter.centreName').source).toBe('centre');
    expect(at(merged.provenance, 'counter.windowNumber').source).toBe('counter');
    expect(at(merged.provenance, 'counter.clerkName').source).toBe('default');
    expect(at(merged.provenance, 'retention.cardDays').source).toBe('centre');
    expect(at(merged.provenance, 'retention.openCardDays').source).toBe('default');
  });

  it('provenance covers every leaf of the configuration exactly once, lists as one value', () => {
    const merged = mergeLayers(centre({ serviceDay: { requiredDevices: ['idcard'] } }), {});
    if (!merged.ok) throw new Error('expected a valid merge');
    const paths = merged.provenance.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    const leaves: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
        for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      } else leaves.push(path);
    };
    walk(merged.config, '');
    expect(paths.sort()).toEqual(leaves.sort());
    expect(at(merged.provenance, 'serviceDay.requiredDevices')).toEqual({ path: 'serviceDay.requiredDevices', value: ['idcard'], source: 'centre', locked: false });
    for (const p of merged.provenance) expect(valueAt(merged.config, p.path)).toEqual(p.value);
  });

  it('a list in config.json replaces the centre list whole (accounts are not merged item by item)', () => {
    const account = (staffNo: string) => ({ staffNo, name: '王组长', pinHash: HASH });
    const merged = mergeLayers(centre({ lead: { accounts: [account('0101'), account('0102')] } }), { lead: { accounts: [account('0201')] } });
    if (!merged.ok) throw new Error('expected a valid merge');
    expect(merged.config.lead.accounts.map((a) => a.staffNo)).toEqual(['0201']);
    expect(at(merged.provenance, 'lead.accounts').source).toBe('counter');
  });

  it('a locked field keeps the centre value whatever config.json says, is marked locked and reported', () => {
    const merged = mergeLayers(centre({ evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } }, ['evaluation.upload.url']), {
      evaluation: { upload: { url: 'https://evil.example/api', token: 'counter-token' } },
    });
    if (!merged.ok) throw new Error('expected a valid merge');
    expect(merged.config.evaluation.upload.url).toBe('https://pj.example.gov.cn/api');
    expect(merged.config.evaluation.upload.token).toBe('counter-token');
    expect(merged.refused).toEqual(['evaluation.upload.url']);
    expect(at(merged.provenance, 'evaluation.upload.url')).toMatchObject({ source: 'centre', locked: true });
    expect(at(merged.provenance, 'evaluation.upload.token')).toMatchObject({ source: 'counter', locked: false });
  });

  it('a locked section the centre does not set keeps the defaults: 中心锁定 over 默认值', () => {
    const merged = mergeLayers(centre({}, ['retention']), { retention: { cardDays: 30, slipPdfDays: 9999 }, counter: { windowNumber: '12' } });
    if (!merged.ok) throw new Error('expected a valid merge');
    expect(merged.config.retention).toEqual(CounterConfigSchema.parse({}).retention);
    expect(merged.refused).toEqual(['retention']);
    for (const p of merged.provenance.filter((v) => v.path.startsWith('retention.'))) expect(p).toMatchObject({ source: 'default', locked: true });
    expect(at(merged.provenance, 'counter.windowNumber')).toMatchObject({ source: 'counter', locked: false });
  });

  it('a locked field config.json does not touch is marked locked and nothing is reported', () => {
    const merged = mergeLayers(centre({ retention: { cardDays: 2 } }, ['retention.cardDays']), { counter: { windowNumber: '12' } });
    if (!merged.ok) throw new Error('expected a valid merge');
    expect(merged.refused).toEqual([]);
    expect(at(merged.provenance, 'retention.cardDays')).toMatchObject({ value: 2, source: 'centre', locked: true });
    expect(at(merged.provenance, 'retention.openCardDays')).toMatchObject({ source: 'default', locked: false });
  });

  it('an invalid config.json value is reported by field; a value valid only with the centre layer passes (checked merged)', () => {
    const bad = mergeLayers(centre({}), { counter: { windowNumber: '' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues).toEqual([{ field: 'counter.windowNumber', message: strings.config.tooShort(1) }]);
    // 18:00 opening is after the default 17:00 closing, but the centre's closing is 21:00.
    const late = mergeLayers(centre({ serviceDay: { closingTime: '21:00' } }), { serviceDay: { openingTime: '18:00' } });
    expect(late.ok).toBe(true);
    const alone = mergeLayers(null, { serviceDay: { openingTime: '18:00' } });
    expect(alone.ok).toBe(false);
  });

  it('an invalid value under a locked path in config.json is ignored with the rest of it (the centre decides there)', () => {
    const merged = mergeLayers(centre({}, ['retention']), { retention: { cardDays: 'never' } });
    expect(merged.ok).toBe(true);
    if (merged.ok) expect(merged.refused).toEqual(['retention']);
  });

  it('the last good copy as the upper layer: its values are last-good, the centre locks still apply', () => {
    const lastGood = CounterConfigSchema.parse({ counter: { windowNumber: '07' }, evaluation: { upload: { url: 'https://old.example/api' } } });
    const merged = mergeLayers(centre({ evaluation: { upload: { url: 'https://pj.example.gov.cn/api' } } }, ['evaluation.upload.url']), lastGood, 'last-good');
    if (!merged.ok) throw new Error('expected a valid merge');
    expect(merged.config.counter.windowNumber).toBe('07');
    expect(merged.config.evaluation.upload.url).toBe('https://pj.example.gov.cn/api');
    expect(at(merged.provenance, 'counter.windowNumber').source).toBe('last-good');
    expect(at(merged.provenance, 'evaluation.upload.url')).toMatchObject({ source: 'centre', locked: true });
  });
});

describe('provenanceOf', () => {
  it('the topmost layer holding a path wins; a value in no layer is a default', () => {
    const config = CounterConfigSchema.parse({ counter: { windowNumber: '12', clerkName: '李四' } });
    const provenance = provenanceOf(config, [
      { source: 'counter', values: { counter: { windowNumber: '12' } } },
      { source: 'centre', values: { counter: { windowNumber: '99', clerkName: '李四' } } },
    ], ['counter.clerkName']);
    expect(at(provenance, 'counter.windowNumber')).toMatchObject({ source: 'counter', locked: false });
    expect(at(provenance, 'counter.clerkName')).toMatchObject({ source: 'centre', locked: true });
    expect(at(provenance, 'version')).toMatchObject({ value: 1, source: 'default' });
  });
});

describe('maskSecrets', () => {
  it('hides the upload token and every PIN hash, keeps everything else', () => {
    expect(maskSecrets('evaluation.upload.token', 'sekrit')).toBe(SECRET_MASK);
    expect(maskSecrets('evaluation.upload.token', '')).toBe('');
    expect(maskSecrets('evaluation.upload.url', 'https://pj.example.gov.cn/api')).toBe('https://pj.example.gov.cn/api');
    expect(maskSecrets('lead.accounts', [{ staffNo: '0101', name: '王组长', pinHash: HASH }])).toEqual([{ staffNo: '0101', name: '王组长', pinHash: SECRET_MASK }]);
    const config = CounterConfigSchema.parse({ evaluation: { upload: { url: 'https://pj.example.gov.cn/api', token: 'sekrit' } }, clerk: { accounts: [{ staffNo: '0342', name: '李四', pinHash: HASH }] } });
    const masked = JSON.stringify(maskSecrets('', config));
    expect(masked).not.toContain('sekrit');
    expect(masked).not.toContain(HASH);
    expect(masked).toContain('李四');
    expect(masked).toContain('https://pj.example.gov.cn/api');
  });
});

describe('lockedIssues', () => {
  it('names the field and the centre file, never the refused value', () => {
    expect(lockedIssues(['evaluation.upload.url', 'retention'], CENTRE)).toEqual([
      { field: 'evaluation.upload.url', message: f.lockedIgnored(CENTRE) },
      { field: 'retention', message: f.lockedIgnored(CENTRE) },
    ]);
    expect(f.lockedIgnored(CENTRE)).toContain(CENTRE);
  });
});
