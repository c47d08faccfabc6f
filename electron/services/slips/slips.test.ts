import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSlipHtml } from '../../../shared/domain/slips/slip-html';
import { SAMPLE_SLIPS } from '../../../test/fixtures/slips/sample-slips';
import { findChromium } from '../platform/chromium';
import { ChromiumPdfRenderer } from './chromium-pdf-renderer';
import { qrSvg } from './qr';
import { SlipArchive } from './slip-archive';
import { pdfPageSize } from '../../devices/printer/pdf-page-size';
import { tempDir } from '../../../test/support/temp-dir';

const renderer = new ChromiumPdfRenderer(findChromium());
afterAll(() => renderer.close());

const out = tempDir('counter-slips-');

async function pdfText(kind: string, paper: 'a4' | 'receipt80' = 'a4') {
  const slip = SAMPLE_SLIPS[kind]!;
  const pdf = await renderer.render(renderSlipHtml(slip, await qrSvg(slip.lookupCode), paper), paper);
  const file = join(out, `${kind}-${paper}.pdf`);
  writeFileSync(file, pdf);
  // -raw keeps content-stream order, so a table cell that wraps stays in one piece; whitespace is folded for matching.
  const text = execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/\s+/g, '');
  const fonts = execFileSync('pdffonts', [file]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
  return { pdf, file, text, fonts, pages };
}

const fold = (t: string) => t.replace(/\s+/g, '');

describe('slips rendered to PDF in headless Chromium', () => {
  it('the receipt carries every field the rules require', async () => {
    const { text, fonts, pages, pdf } = await pdfText('receipt');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages).toBe(1);
    for (const field of [
      '受理通知书',
      '示例政务〔2026〕受字第000123号',
      '示例市政务服务中心',
      '08号窗口',
      '王晓红',
      '0107',
      '张晓明',
      '110101********3511',
      '个体工商户设立登记',
      '11440100MB2C7A1234',
      '个体工商户登记（备案）申请书',
      '经营场所使用证明',
      '承诺于2026年11月26日前办结（承诺3个工作日）',
      '窗口领取，办结后短信通知',
      '12345',
      'QX8F-2K7M',
      '申请人（代办人）签名',
      '（受理专用章）',
      '2026年11月23日09:30',
    ])
      expect(text, field).toContain(fold(field));
    // A CJK font is embedded: without one Chinese prints as boxes even when text extracts.
    expect(fonts).toMatch(/(WenQuanYi|Noto|Source Han|SimSun|FangSong).*yes/i);
    expect(text).not.toContain('110101199003073511');
  });

  it('the one-time notice lists every material with its problem, the deadline and the rule', async () => {
    const { text } = await pdfText('oneTimeNotice');
    for (const field of [
      '一次性告知书',
      '（补正材料通知书）',
      '一次性告知如下',
      '缺少：请提供租赁合同或产权证明复印件',
      '未签字：经营者须在第2页亲笔签名',
      '请于2026年11月30日前将上述材料补正齐全后送至示例市政务服务中心08号窗口',
      '补正的材料齐全、符合法定形式的，予以受理',
    ])
      expect(text, field).toContain(fold(field));
  });

  it('the tolerated-acceptance notice has the commitment, the consequence and the agent', async () => {
    const { text } = await pdfText('toleratedAcceptance');
    for (const field of ['容缺受理通知书', '申请人承诺', '本人承诺于期限内补齐上述材料', '逾期未补齐材料的', '代办人', '李四', '440106********2218'])
      expect(text, field).toContain(fold(field));
  });

  it('the rejection gives reasons, basis, where to apply and the reconsideration and litigation rights', async () => {
    const { text } = await pdfText('rejection');
    for (const field of [
      '不予受理通知书',
      '申请事项不属于本机关职权范围',
      '依据：《中华人民共和国行政许可法》第三十二条第一款第（二）项',
      '请向示例市某某区市场监督管理局（某某区政务服务中心3楼12号窗口）提出申请',
      '六十日内依法申请行政复议',
      '六个月内依法向人民法院提起行政诉讼',
      '绿色通道',
    ])
      expect(text, field).toContain(fold(field));
    expect(text).not.toContain('需补正的材料');
  });

  it('lays the receipt out on an 80 mm roll as one page', async () => {
    const { file, text, pages } = await pdfText('receipt', 'receipt80');
    expect(pages).toBe(1);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file]).toString());
    expect(Number(size?.[1])).toBeCloseTo((80 / 25.4) * 72, 0);
    expect(text).toContain(fold('示例政务〔2026〕受字第000123号'));
  });

  it('cuts an 80 mm receipt to its content: a longer slip gets a longer page, A4 stays A4', async () => {
    const pageSize = (file: string) => {
      const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file]).toString());
      return { width: Number(m?.[1]), height: Number(m?.[2]) };
    };
    const short = await pdfText('receipt', 'receipt80');
    const material = { name: '经营场所使用证明', form: '复印件 1 份', detail: '已收 1 份' };
    const longSlip = { ...SAMPLE_SLIPS.receipt!, materials: Array.from({ length: 12 }, (_, i) => ({ ...material, name: `${material.name}（${i + 1}）` })) };
    const longPdf = await renderer.render(renderSlipHtml(longSlip, await qrSvg(longSlip.lookupCode), 'receipt80'), 'receipt80');
    const longFile = join(out, 'receipt-long-receipt80.pdf');
    writeFileSync(longFile, longPdf);
    const a = pageSize(short.file);
    const b = pageSize(longFile);
    expect(execFileSync('pdfinfo', [longFile]).toString()).toMatch(/Pages:\s+1\n/);
    // Nine more table rows of two lines each: at least 9 × 2 × 12 pt longer; no fixed A4 length.
    expect(b.height - a.height).toBeGreaterThan(9 * 2 * 12);
    // The printers read the page length from the archived PDF: it agrees with pdfinfo.
    expect(pdfPageSize(readFileSync(longFile))!.height).toBeCloseTo((b.height * 25.4) / 72, 1);
    // The last line ends near the bottom of the page: less than 25 mm of blank paper below it.
    const bbox = execFileSync('pdftotext', ['-bbox', short.file, '-']).toString();
    const lastLineBottom = Math.max(...[...bbox.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(a.height - lastLineBottom).toBeLessThan(25 * (72 / 25.4));
    const a4 = pageSize((await pdfText('receipt', 'a4')).file);
    expect(a4.width).toBeCloseTo(595.28, -1);
    expect(a4.height).toBeCloseTo(841.89, -1);
  });

  it('escapes case text so it can never become markup', async () => {
    const html = renderSlipHtml({ ...SAMPLE_SLIPS.receipt!, applicantName: '<img src=x onerror=alert(1)>张' }, '<svg></svg>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;张');
  });
});

describe('SlipArchive', () => {
  it('stores each print as a new file with its hash, never overwriting', () => {
    const archive = new SlipArchive(tempDir('counter-archive-'));
    const when = new Date(2026, 10, 23, 9, 30);
    const first = archive.store('08-20261123-0001', 'receipt', when, Buffer.from('%PDF-1 first'));
    const reprint = archive.store('08-20261123-0001', 'receipt', when, Buffer.from('%PDF-1 second'), 2);
    expect(first.relativePath).toBe(join('2026', '11', '08-20261123-0001', 'receipt.pdf'));
    expect(reprint.relativePath).toBe(join('2026', '11', '08-20261123-0001', 'receipt-2.pdf'));
    expect(readFileSync(archive.pathOf(first.relativePath), 'utf8')).toBe('%PDF-1 first');
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.sha256).not.toBe(reprint.sha256);
    expect(() => archive.store('08-20261123-0001', 'receipt', when, Buffer.from('again'))).toThrow(/通知书归档失败/);
  });

  it('says in Chinese when the archive cannot be written', () => {
    const root = join(tempDir('counter-archive-'), 'file');
    writeFileSync(root, '');
    expect(() => new SlipArchive(root).store('c', 'rejection', new Date(), Buffer.from('x'))).toThrow(/通知书归档失败/);
  });
});
