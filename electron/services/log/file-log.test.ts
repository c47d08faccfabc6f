import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import { until } from '../../../test/support/until';
import { createFileLog, isFileLog } from './file-log';
import { addDays, logDay, logFileName, parseLogFileName, type LogPolicy } from './log-files';

const root = join(__dirname, '..', '..', '..');
const at = (hour: number, minute = 0, second = 0) => new Date(2026, 10, 23, hour, minute, second);
const TODAY = '2026-11-23';
const policy = (over: Partial<LogPolicy> = {}): LogPolicy => ({ maxFileBytes: 1024 ** 2, keepDays: 30, maxTotalBytes: 1024 ** 3, ...over });

/** Our log files, oldest first (day, then part), with their text. */
function logFiles(dataDir: string): Array<{ name: string; text: string; size: number }> {
  const dir = join(dataDir, 'logs');
  return readdirSync(dir)
    .map((name) => ({ name, parsed: parseLogFileName(name) }))
    .filter((f) => f.parsed !== null)
    .sort((a, b) => (a.parsed!.day === b.parsed!.day ? a.parsed!.part - b.parsed!.part : a.parsed!.day < b.parsed!.day ? -1 : 1))
    .map(({ name }) => ({ name, text: readFileSync(join(dir, name), 'utf8'), size: statSync(join(dir, name)).size }));
}

/** The messages of every line of the log, in file order, the time stamp taken off. */
function messages(dataDir: string): string[] {
  return logFiles(dataDir).flatMap((f) =>
    f.text
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(line.indexOf(' ') + 1)),
  );
}

describe('createFileLog', () => {
  it('appends stamped single-line entries to a file per local day and echoes them', () => {
    const dir = tempDir('counter-log-');
    const echoed: string[] = [];
    const log = createFileLog(dir, (l) => echoed.push(l));
    log('配置：counter.windowNumber 类型错误', at(0, 0, 1));
    log('两行\n消息\r\n第三段', at(23, 59, 59));
    log('次日', new Date(2026, 10, 24, 0, 0, 0));
    expect(readFileSync(join(dir, 'logs', 'counter-2026-11-23.log'), 'utf8')).toBe(
      `${at(0, 0, 1).toISOString()} 配置：counter.windowNumber 类型错误\n${at(23, 59, 59).toISOString()} 两行 消息 第三段\n`,
    );
    expect(readFileSync(join(dir, 'logs', 'counter-2026-11-24.log'), 'utf8')).toContain('次日');
    expect(echoed).toHaveLength(3);
    expect(isFileLog(log)).toBe(true);
    expect(isFileLog(() => {})).toBe(false);
  });

  it('starts a new part when the next line would pass the size, never splitting a line', () => {
    const dir = tempDir('counter-log-');
    const log = createFileLog(dir, () => {}, { policy: policy({ maxFileBytes: 1000 }) });
    const stamp = at(9).toISOString();
    // Each line: stamp (24 bytes), space, 74 bytes of message, newline = 100 bytes.
    const body = (i: number) => `行${String(i).padStart(3, '0')}${'-'.repeat(68)}`;
    const lineBytes = Buffer.byteLength(`${stamp} ${body(0)}\n`);
    expect(lineBytes).toBe(100);
    for (let i = 0; i < 25; i++) log(body(i), at(9));
    const files = logFiles(dir);
    expect(files.map((f) => [f.name, f.size])).toEqual([
      ['counter-2026-11-23.log', 1000],
      ['counter-2026-11-23.1.log', 1000],
      ['counter-2026-11-23.2.log', 500],
    ]);
    expect(messages(dir)).toEqual(Array.from({ length: 25 }, (_, i) => body(i)));
  });

  it('loses no line across rotations in a burst of 10,000 lines', () => {
    const dir = tempDir('counter-log-');
    const log = createFileLog(dir, () => {}, { policy: policy({ maxFileBytes: 16 * 1024 }) });
    const sent = Array.from({ length: 10_000 }, (_, i) => `突发 ${i} ${'y'.repeat(i % 61)}`);
    for (const line of sent) log(line);
    const files = logFiles(dir);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(f.size).toBeLessThanOrEqual(16 * 1024);
    expect(messages(dir)).toEqual(sent);
  });

  it('a line longer than a whole file is written whole, in a part of its own', () => {
    const dir = tempDir('counter-log-');
    const log = createFileLog(dir, () => {}, { policy: policy({ maxFileBytes: 200 }) });
    log('短', at(9));
    const long = '长'.repeat(500);
    log(long, at(9));
    log('又短', at(9));
    expect(logFiles(dir).map((f) => f.name)).toEqual(['counter-2026-11-23.log', 'counter-2026-11-23.1.log', 'counter-2026-11-23.2.log']);
    expect(messages(dir)).toEqual(['短', long, '又短']);
  });

  it('picks up the parts an earlier run (or another process) left, and continues the newest', () => {
    const dir = tempDir('counter-log-');
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'counter-2026-11-23.log'), 'x'.repeat(1000));
    writeFileSync(join(dir, 'logs', 'counter-2026-11-23.1.log'), 'x'.repeat(10));
    const log = createFileLog(dir, () => {}, { policy: policy({ maxFileBytes: 1000 }) });
    log('续写', at(10));
    expect(readFileSync(join(dir, 'logs', 'counter-2026-11-23.1.log'), 'utf8')).toMatch(/^x{10}.* 续写\n$/);
  });

  it('masks a full ID number in the file and the echo, in every part', () => {
    const dir = tempDir('counter-log-');
    const echoed: string[] = [];
    const log = createFileLog(dir, (l) => echoed.push(l), { policy: policy({ maxFileBytes: 300 }) });
    const full = SAMPLE_RESIDENT_CARD.idNumber;
    for (let i = 0; i < 10; i++) log(`设备返回：${full} 第 ${i} 次`, at(9));
    const files = logFiles(dir);
    expect(files.length).toBeGreaterThan(1);
    for (const text of [...files.map((f) => f.text), echoed.join('\n')]) {
      expect(text).not.toContain(full);
      expect(text).toContain(`${full.slice(0, 6)}********${full.slice(-4)}`);
    }
  });
});

describe('two processes logging into the same folder', () => {
  const children = new Set<ChildProcess>();
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL');
    children.clear();
  });

  it('keeps every line of both, whole, across rotations', async () => {
    const dir = tempDir('counter-log-');
    const maxFileBytes = 32 * 1024;
    const outputs = new Map<string, string>();
    const exits: Array<Promise<number | null>> = [];
    for (const name of ['甲', '乙']) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/log-writer-child.ts'), dir, name, '5000', String(maxFileBytes)], {
        cwd: root,
        env: { ...process.env, TMPDIR: tempDir('counter-log-child-tmp-') },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      children.add(child);
      outputs.set(name, '');
      child.stdout!.on('data', (d: Buffer) => outputs.set(name, outputs.get(name)! + d.toString()));
      exits.push(new Promise((resolve) => child.once('exit', (code) => resolve(code))));
    }
    await until(() => [...outputs.values()].every((out) => out.includes('ready')), { timeoutMs: 30_000, label: 'both writers ready' });
    for (const child of children) child.stdin!.end('go\n');
    expect(await Promise.all(exits)).toEqual([0, 0]);

    const files = logFiles(dir);
    expect(files.length).toBeGreaterThan(2);
    // A writer may append one line after the other filled the part: never more than a line per writer past the limit.
    for (const f of files) expect(f.size).toBeLessThanOrEqual(maxFileBytes + 2 * 300);
    const lines = messages(dir);
    expect(lines).toHaveLength(10_000);
    for (const name of ['甲', '乙']) {
      const own = lines.filter((l) => l.startsWith(`${name} `));
      expect(own).toEqual(Array.from({ length: 5000 }, (_, i) => `${name} 第 ${i} 行 ${'x'.repeat(i % 97)}`));
    }
  }, 60_000);
});

describe('pruning', () => {
  function seed(dataDir: string, files: Record<string, number>): void {
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    for (const [name, size] of Object.entries(files)) writeFileSync(join(dataDir, 'logs', name), 'z'.repeat(size));
  }
  const present = (dataDir: string) => readdirSync(join(dataDir, 'logs')).sort();

  it('deletes days past keepDays, legacy files included, and leaves other files alone', () => {
    const dir = tempDir('counter-log-');
    const today = logDay(new Date());
    seed(dir, {
      [logFileName(addDays(today, -40), 0)]: 10,
      [logFileName(addDays(today, -40), 1)]: 10,
      [`counter-${addDays(today, -31).replaceAll('-', '')}.log`]: 10,
      [logFileName(addDays(today, -2), 0)]: 10,
      'notes.txt': 10,
    });
    const log = createFileLog(dir, () => {}, { policy: policy({ keepDays: 30 }) });
    log('启动');
    expect(present(dir)).toEqual([logFileName(addDays(today, -2), 0), logFileName(today, 0), 'notes.txt'].sort());
  });

  it('deletes the oldest while all files together pass the total, never the file in use', () => {
    const dir = tempDir('counter-log-');
    const today = logDay(new Date());
    seed(dir, {
      [logFileName(addDays(today, -3), 0)]: 400,
      [logFileName(addDays(today, -2), 0)]: 400,
      [logFileName(addDays(today, -1), 0)]: 400,
      [logFileName(today, 0)]: 990,
    });
    const log = createFileLog(dir, () => {}, { policy: policy({ maxFileBytes: 1000, maxTotalBytes: 1000 }) });
    log('写满当前文件后换下一个');
    // The line started today's part 1 (part 0 was full); 2,190 bytes over a 1,000 cap: the three earlier days went, oldest first.
    expect(present(dir)).toEqual([logFileName(today, 0), logFileName(today, 1)].sort());
  });

  it('deletes nothing by the defaults before the centre limits are known, then prunes at once by them', () => {
    const dir = tempDir('counter-log-');
    const today = logDay(new Date());
    const old = logFileName(addDays(today, -60), 0);
    const older = logFileName(addDays(today, -200), 0);
    seed(dir, { [old]: 10, [older]: 10 });
    const log = createFileLog(dir, () => {});
    log('读取配置之前');
    expect(present(dir)).toEqual([older, old, logFileName(today, 0)].sort());
    log.configure(policy({ keepDays: 90 }));
    expect(present(dir)).toEqual([old, logFileName(today, 0)].sort());
  });
});

describe('a log that cannot be written', () => {
  it('keeps going, says so once, and says when it writes again', () => {
    // A file where the logs folder should be: mkdir fails even for root (CI runs as root).
    const dir = tempDir('counter-log-');
    writeFileSync(join(dir, 'logs'), '');
    const echoed: string[] = [];
    const log = createFileLog(dir, (l) => echoed.push(l));
    const told: Array<string | null> = [];
    log.onProblem((message) => told.push(message));
    expect(() => {
      log('仍然继续');
      log('再一行');
    }).not.toThrow();
    const problem = log.problem();
    expect(problem).toContain(join(dir, 'logs'));
    expect(problem).toContain('终端照常运行');
    expect(echoed).toEqual(['仍然继续', problem, '再一行']);
    expect(told).toEqual([problem]);

    rmSync(join(dir, 'logs'));
    log('恢复之后', at(9));
    expect(log.problem()).toBeNull();
    expect(told).toEqual([problem, null]);
    expect(echoed.at(-1)).toBe(strings.logs.recovered(join(dir, 'logs')));
    expect(messages(dir)).toEqual(['恢复之后', strings.logs.recovered(join(dir, 'logs'))]);
  });

  it.runIf(existsSync('/dev/full'))('keeps going on a full disk (a log file that is /dev/full)', () => {
    const dir = tempDir('counter-log-');
    mkdirSync(join(dir, 'logs'));
    symlinkSync('/dev/full', join(dir, 'logs', logFileName(TODAY, 0)));
    const echoed: string[] = [];
    const log = createFileLog(dir, (l) => echoed.push(l));
    expect(() => {
      for (let i = 0; i < 5; i++) log(`满盘 ${i}`, at(9));
    }).not.toThrow();
    expect(log.problem()).toContain('终端照常运行');
    expect(echoed.filter((l) => l === log.problem())).toHaveLength(1);
    expect(echoed.filter((l) => l.startsWith('满盘'))).toHaveLength(5);
  });
});
