import { describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { until } from '../../../test/support/until';
import { diskLevel, measureDiskSpace, watchDiskSpace, type FsStats } from './disk-space';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** A disk of `total` bytes with `free` available, in 4 KiB blocks, as statfs reports it. */
const disk = (free: number, total: number): FsStats => ({ bsize: 4096, blocks: Math.floor(total / 4096), bavail: Math.floor(free / 4096) });

describe('diskLevel', () => {
  it('warns below 1 GiB or 5 %, and is critical below 200 MiB', () => {
    expect(diskLevel(50 * GiB, 500 * GiB)).toBe('ok');
    expect(diskLevel(20 * GiB, 500 * GiB)).toBe('warning'); // 4 %
    expect(diskLevel(900 * MiB, 10 * GiB)).toBe('warning'); // under 1 GiB
    expect(diskLevel(150 * MiB, 500 * GiB)).toBe('critical');
  });
});

describe('measureDiskSpace', () => {
  it('reads the available blocks of the data directory’s disk and words a warning in Chinese', () => {
    const seen: string[] = [];
    const space = measureDiskSpace('/data/counter', (path) => {
      seen.push(path);
      return disk(800 * MiB, 64 * GiB);
    });
    expect(seen).toEqual(['/data/counter']);
    expect(space).toMatchObject({ level: 'warning', freeBytes: 800 * MiB, totalBytes: 64 * GiB });
    expect(space.message).toBe(strings.storageHealth.disk.warning(800 * MiB, 64 * GiB));
    expect(space.message).toContain('800 MB');
  });

  it('measures the nearest existing folder of a data directory not created yet', () => {
    const seen: string[] = [];
    const space = measureDiskSpace('/data/new/counter', (path) => {
      seen.push(path);
      if (path !== '/data') throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return disk(100 * GiB, 200 * GiB);
    });
    expect(seen).toEqual(['/data/new/counter', '/data/new', '/data']);
    expect(space.level).toBe('ok');
  });

  it('reads the real data directory with the real statfs', () => {
    const space = measureDiskSpace(process.cwd());
    expect(space.totalBytes).toBeGreaterThan(0);
    expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes);
  });
});

describe('watchDiskSpace', () => {
  it('tells the screen and the log when the level changes, and again when space comes back', async () => {
    let free = 40 * GiB;
    const changes: string[] = [];
    const logs: string[] = [];
    const watch = watchDiskSpace({
      dir: '/data/counter',
      statfs: () => disk(free, 100 * GiB),
      intervalMs: 5,
      onChange: (space) => changes.push(space.level),
      log: (line) => logs.push(line),
    });
    try {
      // Checked at once on start.
      expect(watch.current()?.level).toBe('ok');
      expect(changes).toEqual(['ok']);
      expect(logs).toEqual([]);

      free = 700 * MiB;
      await until(() => changes.includes('warning'), { label: 'the warning' });
      expect(logs.at(-1)).toBe(strings.storageHealth.log.disk(strings.storageHealth.disk.warning(700 * MiB, 100 * GiB)));

      free = 100 * MiB;
      await until(() => changes.includes('critical'), { label: 'critical' });
      expect(watch.current()?.message).toContain('请立即通知 IT');

      free = 30 * GiB;
      await until(() => changes.at(-1) === 'ok', { label: 'back to ok' });
      expect(logs.at(-1)).toBe(strings.storageHealth.log.diskOk(30 * GiB, 100 * GiB));
    } finally {
      watch.stop();
    }
  });

  it('logs once when the disk cannot be measured, and keeps going', () => {
    const logs: string[] = [];
    const watch = watchDiskSpace({
      dir: '/data/counter',
      statfs: () => {
        throw Object.assign(new Error('EIO: i/o error, statfs'), { code: 'EIO' });
      },
      intervalMs: 60_000,
      log: (line) => logs.push(line),
    });
    try {
      expect(watch.current()).toBeNull();
      expect(watch.check()).toBeNull();
      expect(logs).toHaveLength(1);
      expect(logs[0]).toContain('无法读取');
    } finally {
      watch.stop();
    }
  });
});
