import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { strings } from '../../../shared/i18n';
import { pdfFilePageSize } from './pdf-page-size';
import type { PrinterInfo, SlipPrinter, SlipPrintOptions } from './printer';

const run = promisify(execFile);

/** `lpstat -p -d` output → printers. Pure, so it is tested on captured text. */
export function parseLpstat(output: string): PrinterInfo[] {
  const defaultName = /^system default destination: (\S+)/m.exec(output)?.[1] ?? /^系统默认目的地：(\S+)/m.exec(output)?.[1];
  const printers: PrinterInfo[] = [];
  for (const line of output.split('\n')) {
    const m = /^printer (\S+) (.*)$/.exec(line) ?? /^打印机 (\S+) ?(.*)$/.exec(line);
    if (!m) continue;
    const detail = m[2]!.trim();
    printers.push({ name: m[1]!, isDefault: m[1] === defaultName, ready: !/disabled|已禁用/.test(detail), detail });
  }
  return printers;
}

/**
 * The roll length of a receipt: as long as the archived slip's page (it is
 * cut to its content when drawn), so the printer feeds no blank paper. A PDF
 * whose size cannot be read falls back to one A4 length.
 */
export function receiptMedia(pdfFile: string): string {
  const size = pdfFilePageSize(pdfFile);
  return `Custom.80x${size ? Math.ceil(size.height) : 297}mm`;
}

/**
 * Printing through CUPS, as on UOS/Kylin counter PCs running the web shell.
 * The PDF goes to `lp` as is: CUPS rasterises it for the printer.
 */
export class CupsPrinter implements SlipPrinter {
  readonly name = 'CUPS';

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async list(): Promise<PrinterInfo[]> {
    try {
      const { stdout } = await run('lpstat', ['-p', '-d'], { env: { ...this.env, LC_ALL: 'C' }, timeout: 5000 });
      return parseLpstat(stdout);
    } catch (error) {
      // lpstat exits non-zero when no printer is installed: that is an empty list, not a fault.
      const stdout = (error as { stdout?: string }).stdout ?? '';
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(strings.printing.noCups, { cause: error });
      return parseLpstat(stdout);
    }
  }

  async print(pdfFile: string, options: SlipPrintOptions): Promise<void> {
    const media = options.paper === 'a4' ? 'A4' : receiptMedia(pdfFile);
    const args = ['-d', options.printer, '-n', String(options.copies), '-o', `media=${media}`, '-o', 'fit-to-page', '--', pdfFile];
    try {
      await run('lp', args, { env: { ...this.env, LC_ALL: 'C' }, timeout: 15000 });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') throw new Error(strings.printing.noCups, { cause: error });
      throw new Error(strings.printing.printFailed(options.printer, (e.stderr || e.message).trim()), { cause: error });
    }
  }
}
