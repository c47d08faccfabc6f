import { describe, expect, it } from 'vitest';
import { BackgroundWork } from './background-work';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const readOnly = () => Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });

describe('BackgroundWork', () => {
  it('never throws or rejects: a thrown error and a rejected promise both become a log line and `false`', async () => {
    const logs: string[] = [];
    const work = new BackgroundWork('打印队列', (l) => logs.push(l));
    await expect(
      work.run(() => {
        throw busy();
      }),
    ).resolves.toBe(false);
    await expect(work.run(async () => Promise.reject(readOnly()))).resolves.toBe(false);
    await expect(work.run(() => 'done')).resolves.toBe(true);
    expect(logs).toEqual([
      '数据库被占用：打印队列 暂缓，稍后自动重试',
      expect.stringMatching(/^打印队列 出错：.+（原始信息：attempt to write a readonly database）$/),
      '打印队列 已恢复正常',
    ]);
    // The Chinese part is Chinese.
    expect(logs[1]!.split('（原始信息')[0]).not.toMatch(/readonly/);
  });

  it('logs a failure that repeats at every tick once, and again only after a success', async () => {
    const logs: string[] = [];
    const work = new BackgroundWork('好差评上报', (l) => logs.push(l));
    for (let tick = 0; tick < 5; tick++) await work.run(() => Promise.reject(busy()));
    expect(logs).toEqual(['数据库被占用：好差评上报 暂缓，稍后自动重试']);
    await work.run(() => undefined);
    await work.run(() => undefined);
    await work.run(() => Promise.reject(busy()));
    expect(logs).toEqual(['数据库被占用：好差评上报 暂缓，稍后自动重试', '好差评上报 已恢复正常', '数据库被占用：好差评上报 暂缓，稍后自动重试']);
  });

  it('a log that fails itself (a full disk) does not make the work throw', async () => {
    const work = new BackgroundWork('打印队列', () => {
      throw new Error('ENOSPC');
    });
    await expect(
      work.run(() => {
        throw busy();
      }),
    ).resolves.toBe(false);
    expect(() => work.failed(readOnly())).not.toThrow();
  });
});
