import { strings } from '../../i18n';
import { SlipDataSchema, type ParsedSlipData, type SlipData } from './slip-data';

/** Paper the slip is laid out for: A4 by default, 80 mm receipt rolls optionally. */
export type SlipPaper = 'a4' | 'receipt80';

const s = strings.slips;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 2026-11-23T09:30:00 → 2026年11月23日 */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}

function chineseDateTime(iso: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${chineseDate(iso)} ${m[1]}:${m[2]}` : chineseDate(iso);
}

/**
 * What the slip's signature line shows (issue 10): the applicant's
 * signature (a PNG data URL, the local signing time, the record's
 * verification code), the reason there is none, or — unsigned and not
 * required — the empty line to sign by hand.
 */
export type SlipSignatureMark =
  | { kind: 'signed'; image: string; signedAt: string; verificationCode: string }
  | { kind: 'waived'; reason: string }
  | null;

/** Only a base64 PNG data URL is put into the page: nothing that could load from elsewhere. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

/**
 * The whole slip as a standalone HTML document (no external resources, so it
 * renders the same in Electron's printToPDF, headless Chromium and a
 * browser's print dialog). `qrSvg` is the lookup QR code as inline SVG.
 * All case text is escaped: it comes from cards and clerks, not from us.
 */
export function renderSlipHtml(input: SlipData, qrSvg: string, paper: SlipPaper = 'a4', signature: SlipSignatureMark = null): string {
  const slip = SlipDataSchema.parse(input);
  const e = escapeHtml;
  const title = s.titles[slip.kind];
  const subtitle = s.subtitles[slip.kind];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(title)} ${e(slip.number)}</title>
<style>${css(paper)}</style></head>
<body class="paper-${paper}">
<main class="slip slip-${slip.kind}">
  <header class="slip-head">
    <div class="centre">${e(slip.centreName)}</div>
    <h1>${e(title)}</h1>
    ${subtitle ? `<div class="subtitle">${e(subtitle)}</div>` : ''}
    <div class="number">${e(s.number)}：${e(slip.number)}</div>
    ${slip.priority ? `<div class="priority">${e(s.priority)}</div>` : ''}
  </header>
  <p class="salutation">${e(s.salutation(slip.applicantName))}</p>
  <p class="body">${e(s.opening(chineseDate(slip.issuedAt), slip.itemName))}${e(s.body[slip.kind])}</p>
  ${facts(slip)}
  ${materialsTable(slip)}
  ${kindSpecific(slip)}
  ${footer(slip, qrSvg, signature)}
</main>
</body></html>`;
}

function facts(slip: ParsedSlipData): string {
  const e = escapeHtml;
  const rows: [string, string][] = [
    [s.item, slip.itemName],
    [s.itemCode, slip.itemCode],
    [s.implementingBody, slip.implementingBody],
    [s.applicant, slip.applicantName],
    [s.idNumber, slip.applicantIdNumber],
  ];
  if (slip.agentName) rows.push([s.agent, `${slip.agentName}${slip.agentIdNumber ? `（${slip.agentIdNumber}）` : ''}`]);
  return `<table class="facts">${rows.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>`;
}

function materialsTable(slip: ParsedSlipData): string {
  if (slip.kind === 'rejection' || slip.materials.length === 0) return '';
  const e = escapeHtml;
  const receipt = slip.kind === 'receipt';
  const heading = receipt ? s.receivedTitle : s.supplyTitle;
  const detailHeader = receipt ? s.columns.receivedCount : s.columns.problem;
  const rows = slip.materials
    .map((m, i) => `<tr><td class="idx">${i + 1}</td><td>${e(m.name)}</td><td>${e(m.form)}</td><td>${e(m.detail)}</td></tr>`)
    .join('');
  return `<h2>${e(heading)}</h2>
  <table class="materials"><thead><tr><th class="idx">${e(s.columns.index)}</th><th>${e(s.columns.name)}</th><th>${e(s.columns.form)}</th><th>${e(detailHeader)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function kindSpecific(slip: ParsedSlipData): string {
  const e = escapeHtml;
  const p = (text: string) => `<p>${e(text)}</p>`;
  const deadline = slip.deadline ? chineseDate(slip.deadline) : '';
  switch (slip.kind) {
    case 'receipt':
      return [deadline ? p(s.promised(deadline, slip.deadlineNote ?? '')) : '', slip.delivery ? p(s.delivery(slip.delivery)) : ''].join('');
    case 'oneTimeNotice':
      return [deadline ? p(s.supplyBy(deadline, slip.supplyPlace ?? s.window(slip.windowNumber))) : '', p(s.supplyRule)].join('');
    case 'toleratedAcceptance':
      return [
        deadline ? p(s.supplyBy(deadline, slip.supplyPlace ?? s.window(slip.windowNumber))) : '',
        slip.reasons.length ? `<h2>${e(s.commitmentTitle)}</h2>${slip.reasons.map(p).join('')}` : '',
        p(s.toleratedConsequence),
      ].join('');
    case 'rejection':
      return [
        `<ol class="reasons">${slip.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ol>`,
        slip.legalBasis ? p(s.legalBasis(slip.legalBasis)) : '',
        slip.referral ? `<p class="referral">${e(s.referral(slip.referral))}</p>` : '',
        `<p class="rights">${e(s.rights)}</p>`,
      ].join('');
  }
}

function signatureLine(mark: SlipSignatureMark): string {
  const e = escapeHtml;
  const evidence = strings.signatureEvidence.slipLine;
  if (mark?.kind === 'signed' && PNG_DATA_URL.test(mark.image)) {
    return `<div class="signature signed">${e(s.signature)}<span class="line"><img class="signature-image" src="${e(mark.image)}" alt="${e(evidence.imageAlt)}"></span>
        <div class="signature-meta">${e(evidence.signedAt(chineseDateTime(mark.signedAt)))}\u3000${e(evidence.code(mark.verificationCode))}</div></div>`;
  }
  if (mark?.kind === 'waived') return `<div class="signature waived">${e(s.signature)}<span class="line">${e(evidence.waived(mark.reason))}</span></div>`;
  return `<div class="signature">${e(s.signature)}<span class="line"></span></div>`;
}

function footer(slip: ParsedSlipData, qrSvg: string, signature: SlipSignatureMark): string {
  const e = escapeHtml;
  return `<section class="foot">
    <div class="foot-text">
      <div>${e(s.officer)}：${e(slip.officerName)}${slip.officerStaffNumber ? `（${e(s.staffNumber)} ${e(slip.officerStaffNumber)}）` : ''}\u3000${e(s.window(slip.windowNumber))}</div>
      <div>${e(s.issuedAt)}：${e(chineseDateTime(slip.issuedAt))}</div>
      <div>${e(s.supervisionPhone)}：${e(slip.supervisionPhone)}</div>
      ${signatureLine(signature)}
    </div>
    <div class="qr"><div class="qr-code">${qrSvg}</div><div>${e(s.lookup)}</div><div class="code">${e(s.lookupCode)}：${e(slip.lookupCode)}</div></div>
    <div class="seal"><div class="seal-ring">${e(s.seal)}</div><div>${e(chineseDate(slip.issuedAt))}</div></div>
  </section>
  <p class="copies">${e(s.copies)}</p>`;
}

function css(paper: SlipPaper): string {
  // On a receipt the signature line is kept short enough that the foot's text and the QR code share a row with room to
  // spare: at exactly the roll's width the row broke differently on screen (where the receipt is measured) than in print,
  // and the page came out 30 mm too long.
  const page = paper === 'a4' ? '@page { size: A4; margin: 18mm 18mm 16mm; }' : '@page { margin: 4mm 3mm; }';
  return `${page}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; color: #000; background: #fff; }
body { font-family: "FangSong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "WenQuanYi Micro Hei", serif;
  font-size: ${paper === 'a4' ? '12pt' : '9pt'}; line-height: 1.6; }
h1, h2, .centre, th { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
.slip-head { text-align: center; margin-bottom: 4mm; position: relative; }
.centre { font-size: 1.05em; letter-spacing: 0.1em; }
h1 { font-size: ${paper === 'a4' ? '20pt' : '13pt'}; letter-spacing: 0.3em; margin: 2mm 0 0; }
.subtitle { font-size: 1em; }
.number { text-align: right; margin-top: 2mm; }
.priority { position: absolute; top: 0; left: 0; border: 1.5px solid #000; padding: 0 2mm; font-weight: bold; }
.salutation { margin: 2mm 0 0; }
.body { text-indent: 2em; margin: 1mm 0 3mm; }
p { margin: 1.5mm 0; }
h2 { font-size: 1.05em; margin: 4mm 0 1.5mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1mm 2mm; text-align: left; vertical-align: top; font-weight: normal; }
.facts th { width: 22%; background: #f2f2f2; }
.materials thead th { background: #f2f2f2; }
.idx { width: 3.5em; text-align: center; white-space: nowrap; }
.reasons { margin: 1mm 0 2mm 2em; padding: 0; }
.rights { font-weight: bold; }
.foot { display: flex; gap: 4mm; align-items: flex-start; margin-top: 6mm; page-break-inside: avoid; ${paper === 'a4' ? '' : 'flex-wrap: wrap;'} }
.foot-text { flex: 1; }
.signature { margin-top: 5mm; }
.signature .line { display: inline-block; width: ${paper === 'a4' ? '40mm' : '34mm'}; border-bottom: 1px solid #000; }
.signature.signed .line { vertical-align: bottom; text-align: center; }
.signature-image { display: inline-block; max-width: 100%; max-height: ${paper === 'a4' ? '14mm' : '11mm'}; vertical-align: bottom; }
.signature-meta { font-size: 0.8em; line-height: 1.3; }
.signature.waived .line { width: auto; max-width: 100%; font-size: 0.9em; }
.qr { width: 30mm; text-align: center; font-size: 0.75em; }
.qr-code svg { width: 26mm; height: 26mm; }
.code { word-break: break-all; }
.seal { width: 42mm; text-align: center; }
.seal-ring { width: 38mm; height: 38mm; border: 1px dashed #999; border-radius: 50%; display: flex; align-items: center; justify-content: center; color: #777; margin: 0 auto 1mm; }
.copies { margin-top: 4mm; font-size: 0.85em; }
`;
}
