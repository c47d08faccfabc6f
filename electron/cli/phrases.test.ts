import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';

const root = join(__dirname, '..', '..');

/** Runs the command exactly as documented: `npm run --silent phrases -- …`. */
function phrases(args: string[], input = '', env: Record<string, string> = {}) {
  const run = spawnSync('npm', ['run', '--silent', 'phrases', '--', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface CheckLine {
  text: string;
  flagged: boolean;
  matches: string[];
  suggestion: string | null;
  triggers: string[];
  norms: string[];
}

describe('npm run --silent phrases -- check', { timeout: 30_000 }, () => {
  it('prints one JSON object per sentence read from stdin', () => {
    const input = ['\uFEFF不知道是否需要原件', '这个不归我们管\r', '', '   ', '你去投诉吧', '请您到3号窗口办理此项业务', '急啥', '快点，我要下班了！有意见，找领导去。'].join('\n');
    const run = phrases(['check'], input);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    const out = lines.map((line) => JSON.parse(line) as CheckLine);

    expect(out[0]).toEqual({ text: '不知道是否需要原件', flagged: false, matches: [], suggestion: null, triggers: [], norms: [] });
    expect(out[1]).toEqual({
      text: '这个不归我们管',
      flagged: true,
      matches: ['不归我管,问别人去。'],
      suggestion: '请您到……窗口办理此项业务！',
      triggers: ['不归我们管'],
      norms: ['驻马店 第60条'],
    });
    expect(out[2]).toMatchObject({ text: '你去投诉吧', flagged: true, matches: ['你去投诉好了.'], norms: ['官渡区 3.8'] });
    expect(out[2]?.suggestion).toBe('谢谢您的意见。有不妥的地方，请批评指正。');
    expect(out[3]).toMatchObject({ text: '请您到3号窗口办理此项业务', flagged: false });
    expect(out[4]).toMatchObject({ text: '急啥', flagged: true, triggers: ['急啥'] });
    expect(out[4]?.matches[0]).toMatch(/^急什么/);
    expect(out[5]).toMatchObject({ flagged: true, matches: ['快点,我要下班了', '有意见,找领导去。'] });
  });

  it('prints nothing for empty input', () => {
    const run = phrases(['check'], '');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('npm run --silent phrases -- validate / list', { timeout: 30_000 }, () => {
  it('says the catalogue is valid when the centre has no file', () => {
    const dir = tempDir('counter-phrases-cli-');
    const run = phrases(['validate', '--data-dir', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^服务用语有效：共 \d+ 条生效/);
  });

  it('lists each problem of a centre file and exits with 1', () => {
    const dir = tempDir('counter-phrases-cli-');
    writeFileSync(
      join(dir, 'phrases.json'),
      JSON.stringify({ version: 1, phrases: [{ id: 'centre.x', stage: '问候', text: '不知道' }, { id: 'gd.farewell.bye', colour: 1 }] }),
    );
    const run = phrases(['validate'], '', { COUNTER_DATA_DIR: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('发现 2 处问题');
    expect(run.stdout).toContain('服务用语 phrases.json centre.x 的 text：含服务忌语“不知道”');
    expect(run.stdout).toContain('服务用语 phrases.json gd.farewell.bye：无法识别的字段：colour');
  });

  it('lists the phrases of a stage with their gaps marked', () => {
    const dir = tempDir('counter-phrases-cli-');
    const run = phrases(['list', '电话', '--data-dir', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('电话\tgd.phone.greet\t您好，这里是【中心名称】【本窗口号】窗口，请讲。\n');
  });

  it('refuses an unknown command or stage with the usage', () => {
    const bogus = phrases(['bogus']);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('未知的命令：bogus');
    expect(bogus.stderr).toContain('用法：');
    expect(phrases(['list', '寒暄']).status).toBe(2);
  });
});
