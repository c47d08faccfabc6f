/**
 * The FFI path of the photo decoder, against a stand-in library compiled
 * here with gcc. It is not a WLT decoder (none is open): it only has the
 * vendor libraries' calling conventions, so the loading, argument passing,
 * success codes and BMP normalisation are tested for real.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bgrToBmp, BMP_FILE_LENGTH, isPhotoBmp, PHOTO_HEIGHT, PHOTO_WIDTH, RAW_BGR_LENGTH } from './bmp';
import { loadWltDecoder } from './wlt-decoder';
import { tempDir } from '../../../../test/support/temp-dir';

const hasGcc = !spawnSync('gcc', ['--version'], { stdio: 'ignore' }).error;

const SOURCE = `
#include <stdio.h>
#include <string.h>
/* buffer convention: bare bottom-up BGR, each byte from the input */
int unpack(const unsigned char *wlt, unsigned char *out, int flag) {
  if (flag != 1) return -2;
  for (int i = 0; i < ${RAW_BGR_LENGTH}; i++) out[i] = wlt[i % 1024] ^ (unsigned char)(i / 1024);
  return 1;
}
int unpack_fails(const unsigned char *wlt, unsigned char *out, int flag) { return -1; }
/* file convention: reads <dir>/zp.wlt, writes <dir>/zp.bmp, a whole BMP file */
int GetBmp(const char *path, int intf) {
  unsigned char wlt[1024];
  FILE *f = fopen(path, "rb");
  if (!f) return -3;
  if (fread(wlt, 1, 1024, f) != 1024) { fclose(f); return -4; }
  fclose(f);
  char bmp[4096];
  strncpy(bmp, path, sizeof bmp - 1);
  bmp[sizeof bmp - 1] = 0;
  strcpy(strrchr(bmp, '.'), ".bmp");
  FILE *o = fopen(bmp, "wb");
  if (!o) return -5;
  fputc('B', o); fputc('M', o);
  for (int i = 2; i < ${BMP_FILE_LENGTH}; i++) fputc(wlt[i % 1024] + intf, o);
  fclose(o);
  return 1;
}
`;

let library = '';

beforeAll(() => {
  if (!hasGcc) return;
  const dir = tempDir('wlt-test-');
  writeFileSync(join(dir, 'fake.c'), SOURCE);
  library = join(dir, 'libfakewlt.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-o', library, join(dir, 'fake.c')]);
});

const wlt = Uint8Array.from({ length: 1024 }, (_, i) => (i * 31) & 0xff);

describe('BMP of the decoded photo', () => {
  it('wraps 102 × 126 bottom-up BGR into a 38 862-byte BMP with padded rows', () => {
    const raw = Uint8Array.from({ length: RAW_BGR_LENGTH }, (_, i) => i & 0xff);
    const bmp = Buffer.from(bgrToBmp(raw));
    expect(bmp.length).toBe(38_862);
    expect(bmp.toString('latin1', 0, 2)).toBe('BM');
    expect(bmp.readInt32LE(18)).toBe(PHOTO_WIDTH);
    expect(bmp.readInt32LE(22)).toBe(PHOTO_HEIGHT);
    expect(bmp.readUInt16LE(28)).toBe(24);
    // Row 1 starts 308 bytes after row 0 (306 bytes of pixels + 2 of padding).
    expect(bmp[54 + 308]).toBe(raw[306]);
    expect(isPhotoBmp(bmp)).toBe(true);
    expect(() => bgrToBmp(raw.subarray(1))).toThrow(RangeError);
  });
});

describe.skipIf(!hasGcc)('vendor decoder through koffi', () => {
  it('buffer convention: passes the WLT bytes and turns bare pixels into a BMP', async () => {
    const decoder = await loadWltDecoder({ library });
    const bmp = decoder.decode(wlt);
    expect(bmp.length).toBe(BMP_FILE_LENGTH);
    expect(isPhotoBmp(bmp)).toBe(true);
    expect(bmp[54]).toBe(wlt[0]);
    expect(bmp[54 + 308 + 1]).toBe(wlt[306 + 1]);
  });

  it('file convention: writes zp.wlt, calls the library, reads zp.bmp', async () => {
    const decoder = await loadWltDecoder({ library, convention: 'file', flag: 2 });
    const bmp = decoder.decode(wlt);
    expect(bmp.length).toBe(BMP_FILE_LENGTH);
    expect(bmp[2]).toBe((wlt[2]! + 2) & 0xff);
  });

  it('a failure code becomes a Chinese error', async () => {
    const decoder = await loadWltDecoder({ library, symbol: 'unpack_fails' });
    expect(() => decoder.decode(wlt)).toThrow('照片解码失败：返回值 -1');
  });
});

describe('vendor decoder that cannot be loaded', () => {
  it('says which path failed, in Chinese', async () => {
    await expect(loadWltDecoder({ library: '/nonexistent/libwlt.so' })).rejects.toThrow('无法加载照片解码库 /nonexistent/libwlt.so');
  });
});
