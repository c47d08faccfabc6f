import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findChromium } from '../platform/chromium';
import { ChromiumPdfRenderer } from '../slips/chromium-pdf-renderer';
import { tempDir } from '../../../test/support/temp-dir';
import { decideAccept, signOpenCase, slipKit, type SlipKit } from './test-kit';

const renderer = new ChromiumPdfRenderer(findChromium());
afterAll(() => renderer.close());
const kits: SlipKit[] = [];
afterEach(() => {
  for (const kit of kits.splice(0)) kit.close();
});

const fold = (t: string) => t.replace(/\s+/g, '');

/** A signed receipt issued on `paper` through headless Chromium; its archived PDF written to a file for poppler. */
async function signedPdf(paper: 'a4' | 'receipt80') {
  const dir = tempDir('counter-signedpdf-');
  const k = slipKit(dir, undefined, renderer);
  kits.push(k);
  decideAccept(k.cases);
  const saved = signOpenCase(k);
  const issued = await k.slips.issue(paper);
  if (!issued.ok) throw new Error(issued.message);
  const file = join(dir, `signed-${paper}.pdf`);
  writeFileSync(file, k.slips.pdf(issued.slip!.id)!);
  const text = fold(execFileSync('pdftotext', ['-raw', file, '-']).toString());
  const images = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').slice(2);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
  return { saved, text, images, pages };
}

describe('the archived slip PDF is the signed one', () => {
  for (const paper of ['a4', 'receipt80'] as const) {
    it(`${paper}: the signature image, the signing time and 签名校验码 in the signature line`, { timeout: 60_000 }, async () => {
      const { saved, text, images, pages } = await signedPdf(paper);
      expect(text).toContain(fold('申请人（代办人）签名'));
      expect(text).toContain(fold(`签名校验码 ${saved.verificationCode}`));
      expect(text).toContain('签名时间');
      // pdfimages -list: the signature (its ink as the soft mask of a black image); the QR code is vector SVG.
      expect(images.length).toBeGreaterThanOrEqual(1);
      const [, , type, width, height] = images[0]!.trim().split(/\s+/);
      expect(type).toMatch(/image|smask/);
      expect(Number(width)).toBeGreaterThan(300);
      expect(Number(height)).toBeGreaterThan(50);
      // A receipt roll is one page of any length (this case's A4 receipt takes two pages signed or not).
      if (paper === 'receipt80') expect(pages).toBe(1);
    });
  }
});
