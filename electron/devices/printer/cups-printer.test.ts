import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CupsPrinter, parseLpstat } from './cups-printer';

const LPSTAT = `printer Front_Laser is idle.  enabled since Mon 23 Nov 2026 08:00:01 AM CST
printer Receipt80 disabled since Mon 23 Nov 2026 08:10:00 AM CST -
	Paused
system default destination: Front_Laser
`;

/** A directory with fake lp/lpstat scripts, put first on PATH: the real commands' contract, no CUPS needed. */
function fakeCups(lpExit = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'counter-cups-'));
  const log = join(dir, 'lp.log');
  writeFileSync(join(dir, 'lpstat'), `#!/bin/sh\ncat <<'EOF'\n${LPSTAT}EOF\n`);
  writeFileSync(
    join(dir, 'lp'),
    `#!/bin/sh\necho "$@" >> ${log}\n${lpExit ? `echo "lp: The printer or class does not exist." >&2\nexit ${lpExit}` : 'echo "request id is Front_Laser-7 (1 file(s))"'}\n`,
  );
  chmodSync(join(dir, 'lpstat'), 0o755);
  chmodSync(join(dir, 'lp'), 0o755);
  return { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, log };
}

describe('parseLpstat', () => {
  it('reads printers, the default and disabled ones', () => {
    expect(parseLpstat(LPSTAT)).toEqual([
      { name: 'Front_Laser', isDefault: true, ready: true, detail: expect.stringContaining('idle') },
      { name: 'Receipt80', isDefault: false, ready: false, detail: expect.stringContaining('disabled') },
    ]);
  });
  it('reads nothing from an empty system', () => {
    expect(parseLpstat('lpstat: No destinations added.\n')).toEqual([]);
  });
});

describe('CupsPrinter', () => {
  it('lists printers through lpstat', async () => {
    const { env } = fakeCups();
    expect((await new CupsPrinter(env).list()).map((p) => p.name)).toEqual(['Front_Laser', 'Receipt80']);
  });

  it('sends the PDF to lp with the printer, copies and paper', async () => {
    const { env, log } = fakeCups();
    await new CupsPrinter(env).print('/archive/2026/11/x/receipt.pdf', { printer: 'Front_Laser', paper: 'a4', copies: 2 });
    expect(readFileSync(log, 'utf8').trim()).toBe('-d Front_Laser -n 2 -o media=A4 -o fit-to-page -- /archive/2026/11/x/receipt.pdf');
  });

  it('feeds a receipt roll only as far as the archived slip is long', async () => {
    const { env, log } = fakeCups();
    const pdf = join(mkdtempSync(join(tmpdir(), 'counter-cups-pdf-')), 'receipt.pdf');
    // 227.04 × 990 pt: an 80 × 349.25 mm receipt as the renderer cut it.
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Page /MediaBox [0 0 227.04 990] >> endobj\n');
    await new CupsPrinter(env).print(pdf, { printer: 'Receipt80', paper: 'receipt80', copies: 1 });
    expect(readFileSync(log, 'utf8')).toContain('-o media=Custom.80x350mm');
  });

  it('turns an lp failure into a Chinese message naming the printer', async () => {
    const { env } = fakeCups(1);
    await expect(new CupsPrinter(env).print('/x.pdf', { printer: 'Gone', paper: 'receipt80', copies: 1 })).rejects.toThrow(
      '打印机“Gone”打印失败：lp: The printer or class does not exist.',
    );
  });

  it('says plainly when CUPS is not installed', async () => {
    await expect(new CupsPrinter({ PATH: '/nonexistent' }).list()).rejects.toThrow(/本机未安装 CUPS 打印服务/);
  });
});
