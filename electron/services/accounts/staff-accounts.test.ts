import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeAccounts, withAccounts } from './staff-accounts';
import { tempDir } from '../../../test/support/temp-dir';

const HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

describe('staff accounts in config.json', () => {
  it('adds an account and keeps everything else as IT wrote it', () => {
    const json = { counter: { windowNumber: '12' }, lead: { idleMinutes: 3 } };
    const changed = withAccounts(json, 'lead', (list) => [...list, { staffNo: '0101', name: '王组长', pinHash: HASH }]);
    expect(changed).toMatchObject({ ok: true, json: { counter: { windowNumber: '12' }, lead: { idleMinutes: 3, accounts: [{ staffNo: '0101' }] } } });
    // Not the defaults-expanded configuration.
    expect(Object.keys((changed as { json: object }).json)).toEqual(['counter', 'lead']);
  });

  it('refuses to change a file that does not validate, naming the field', () => {
    const changed = withAccounts({ counter: { windowNumber: 12 } }, 'lead', (list) => list);
    expect(changed.ok).toBe(false);
    expect((changed as { issues: Array<{ field: string }> }).issues[0]!.field).toBe('counter.windowNumber');
  });

  it('refuses a change that makes the file invalid (a duplicate staff number)', () => {
    const json = { lead: { accounts: [{ staffNo: '0101', name: '王组长', pinHash: HASH }] } };
    const changed = withAccounts(json, 'lead', (list) => [...list, ...list]);
    expect(changed).toMatchObject({ ok: false, issues: [{ message: '组长工号重复：0101' }] });
  });

  it('writes the file atomically and leaves it alone when the change is refused', () => {
    const dir = tempDir('lead-accounts-');
    writeFileSync(join(dir, 'config.json'), '\uFEFF{"counter":{"clerkName":"李四"}}');
    expect(changeAccounts(dir, 'lead', (list) => [...list, { staffNo: 'A1', name: '组长', pinHash: HASH }])).toMatchObject({ ok: true });
    const written = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(JSON.parse(written)).toEqual({ counter: { clerkName: '李四' }, lead: { accounts: [{ staffNo: 'A1', name: '组长', pinHash: HASH }] } });
    expect(changeAccounts(dir, 'lead', () => '不改')).toEqual({ ok: false, message: '不改', issues: [] });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(written);
  });

  it('keeps clerk accounts in their own section, with their own wording', () => {
    const json = { lead: { accounts: [{ staffNo: '0101', name: '王组长', pinHash: HASH }] } };
    const changed = withAccounts(json, 'clerk', (list) => [...list, { staffNo: '0342', name: '李四', pinHash: HASH }]);
    expect(changed).toMatchObject({ ok: true, json: { lead: json.lead, clerk: { accounts: [{ staffNo: '0342', name: '李四' }] } } });
    const twice = withAccounts(json, 'clerk', () => [{ staffNo: '0342', name: '李四', pinHash: HASH }, { staffNo: '0342', name: '李四', pinHash: HASH }]);
    expect(twice).toMatchObject({ ok: false, issues: [{ message: '工作人员工号重复：0342' }] });
  });
});
