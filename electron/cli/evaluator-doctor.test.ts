import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEvaluatorKeys } from './evaluator-doctor';
import { tempDir } from '../../test/support/temp-dir';

function run(argv: string[], config?: unknown) {
  const dir = tempDir('doctor-eval-');
  if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const out: string[] = [];
  const err: string[] = [];
  const code = runEvaluatorKeys(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, dir);
  return { code, out, err };
}

describe('doctor evaluator-keys', () => {
  it('prints the four-key mapping with both code directions and the level such a keypad cannot give', () => {
    const { code, out } = run(['--layout', 'four']);
    expect(code).toBe(0);
    expect(out).toContain('3\t一般\t基本满意\t3\t3');
    expect(out.at(-1)).toBe('此评价器无法给出：非常不满意');
  });

  it('uses the key map of the counter’s configuration, and HID keypads in hex', () => {
    const { out } = run(['--json'], { evaluation: { device: { profile: 'hid', keyMap: { '0x3A': 'verySatisfied', '0x3B': 'dissatisfied' } } } });
    const mapping = JSON.parse(out.join('\n'));
    expect(mapping).toMatchObject({ profile: 'hid', source: '按键映射：配置文件 evaluation.device.keyMap' });
    expect(mapping.rows.map((r: { keyText: string; level: string }) => [r.keyText, r.level])).toEqual([
      ['0x3A', 'verySatisfied'],
      ['0x3B', 'dissatisfied'],
    ]);
    expect(mapping.unreachable).toEqual(['satisfied', 'basicallySatisfied', 'veryDissatisfied']);
    const hid = run(['--hid']);
    expect(hid.out).toContain('0x1E\t非常满意\t非常满意\t1\t5');
  });

  it('refuses flags it does not know', () => {
    expect(run(['--layout', 'six']).code).toBe(1);
    expect(run(['--port']).err[0]).toBe('无法识别的参数：--port');
  });
});
