/**
 * Decoding the WLT photo through a vendor library that IT installs and
 * configures (specs/idcard-sam.md, "Photo (WLT)"): no open decoder exists,
 * so without one the product shows 未安装照片解码库 — never a made-up photo.
 * The library is loaded with koffi (a maintained FFI package). Two calling
 * conventions cover the libraries seen in the field:
 *
 *   buffer: int fn(const uint8_t *wlt, uint8_t *out, int flag)   e.g. libwlt `unpack(src, dst, 1)`
 *   file:   int fn(const char *wltFile, int intf)                 e.g. WltRS.dll `GetBmp("…/zp.wlt", 2)` → zp.bmp
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strings } from '../../../../shared/i18n';
import { bgrToBmp, BMP_FILE_LENGTH, isPhotoBmp, RAW_BGR_LENGTH } from './bmp';

export interface WltDecoderConfig {
  /** Absolute path of the vendor library (.so / .dll). */
  library: string;
  /** Exported function name; default `unpack` (buffer) or `GetBmp` (file). */
  symbol?: string;
  convention?: 'buffer' | 'file';
  /** The value the function returns on success; default 1. */
  successCode?: number;
  /** Third argument (buffer) or second argument (file); default 1 (buffer: "write BMP") / 2 (file: USB). */
  flag?: number;
}

export interface WltDecoder {
  /** WLT bytes → a BMP file. Throws with a Chinese message on failure. */
  decode(wlt: Uint8Array): Uint8Array;
}

/** Loads the configured library; throws with a Chinese message naming the path when it cannot. */
export async function loadWltDecoder(config: WltDecoderConfig): Promise<WltDecoder> {
  const convention = config.convention ?? 'buffer';
  const successCode = config.successCode ?? 1;
  let fn: (...args: unknown[]) => unknown;
  try {
    const koffi = (await import('koffi')).default;
    const lib = koffi.load(config.library);
    fn =
      convention === 'buffer'
        ? lib.func(`int ${config.symbol ?? 'unpack'}(const uint8_t *wlt, uint8_t *out, int flag)`)
        : lib.func(`int ${config.symbol ?? 'GetBmp'}(const char *wltFile, int intf)`);
  } catch (error) {
    throw new Error(strings.idcard.photoLibraryFailed(config.library, (error as Error).message), { cause: error });
  }
  if (convention === 'buffer') {
    const flag = config.flag ?? 1;
    return {
      decode(wlt) {
        // Room for a whole BMP even when the library writes bare pixels.
        const out = Buffer.alloc(BMP_FILE_LENGTH + 1024);
        const code = fn(Buffer.from(wlt), out, flag);
        if (code !== successCode) throw new Error(strings.idcard.photoDecodeFailed(`返回值 ${String(code)}`));
        return normalise(out);
      },
    };
  }
  const flag = config.flag ?? 2;
  return {
    decode(wlt) {
      const dir = mkdtempSync(join(tmpdir(), 'counter-wlt-'));
      try {
        const wltPath = join(dir, 'zp.wlt');
        writeFileSync(wltPath, wlt);
        const code = fn(wltPath, flag);
        if (code !== successCode) throw new Error(strings.idcard.photoDecodeFailed(`返回值 ${String(code)}`));
        return normalise(readFileSync(join(dir, 'zp.bmp')));
      } finally {
        // The photo is personal data: nothing stays on disk.
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function normalise(bytes: Uint8Array): Uint8Array {
  if (isPhotoBmp(bytes)) return Uint8Array.from(bytes.subarray(0, BMP_FILE_LENGTH));
  if (bytes.length >= RAW_BGR_LENGTH) return bgrToBmp(bytes.subarray(0, RAW_BGR_LENGTH));
  throw new Error(strings.idcard.photoDecodeFailed(`输出 ${bytes.length} 字节`));
}
