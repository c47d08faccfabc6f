/**
 * Exports of the ratings of a date range, written under <dataDir>/exports:
 *
 * - CSV: one line per case (UTF-8 with BOM so that Excel reads the Chinese;
 *   CRLF; cells a spreadsheet would take for a formula are prefixed with ').
 * - XLSX: the same records, the statistics per clerk, window, item and day
 *   (rates as numbers formatted as percentages) and the 差评 follow-ups.
 * - Exchange (JSON): GB/T 39046 field names, times YYYYMMDDThhmmss, and the
 *   level-code direction the caller chose, written into the file with its
 *   code table.
 *
 * Files leave the machine only by IT or the lead carrying them: they hold
 * raters' names (real-name ratings).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { EvaluationConfig, ExportResult, FollowUpView } from '../../../shared/contract';
import {
  exchangeFile,
  STATS_DIMENSIONS,
  type CodeDirection,
  type RatingRecord,
  type StatsRow,
} from '../../../shared/domain/evaluation';
import { strings } from '../../../shared/i18n';
import type { Db } from '../storage/database';
import { recordsBetween } from './rows';
import { queryStats } from './stats-query';

const e = strings.evaluation;

export interface ExportInput {
  db: Db;
  dir: string;
  format: 'csv' | 'xlsx' | 'exchange';
  from: string;
  to: string;
  direction?: CodeDirection;
  config: EvaluationConfig;
  followUps: (from: string, to: string) => FollowUpView[];
  now: Date;
}

/** Beijing wall-clock time of an instant, YYYY-MM-DD HH:mm:ss. */
export function beijingTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** The columns of a record line, in order (headers in strings.evaluation.exportColumns). */
export function recordCells(r: RatingRecord, config: EvaluationConfig): string[] {
  const labels = new Map(config.reasons.map((x) => [x.code, x.label]));
  return [
    r.caseId,
    r.day,
    r.itemCode,
    r.itemName,
    r.windowNumber,
    r.clerkName,
    r.clerkStaffNumber,
    e.statuses[r.status],
    r.level ? e.levels[r.level] : '',
    r.reasons.map((c) => `${c} ${labels.get(c) ?? ''}`.trim()).join('；'),
    r.comment,
    r.channel ? e.channels[r.channel] : '',
    beijingTime(r.ratedAt),
  ];
}

const RECORD_HEADERS = Object.values(e.exportColumns);

/** One CSV cell: quoted when needed; a leading = + - @ or control character is neutralised with '. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function recordsCsv(records: readonly RatingRecord[], config: EvaluationConfig): string {
  const lines = [RECORD_HEADERS, ...records.map((r) => recordCells(r, config))].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const STATS_COLUMNS: Array<{ header: string; value: (r: StatsRow) => number | null | string; rate?: boolean }> = [
  { header: e.statsColumns.group, value: (r) => r.label },
  { header: e.statsColumns.total, value: (r) => r.total },
  { header: e.statsColumns.rated, value: (r) => r.rated },
  ...(['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'] as const).map((level) => ({
    header: e.levels[level],
    value: (r: StatsRow) => r.levels[level],
  })),
  { header: e.statsColumns.unrated, value: (r) => r.unrated },
  { header: e.statsColumns.awaiting, value: (r) => r.awaiting },
  { header: e.statsColumns.defaulted, value: (r) => r.defaulted },
  { header: e.statsColumns.good, value: (r) => r.good },
  { header: e.statsColumns.bad, value: (r) => r.bad },
  { header: e.statsColumns.goodRate, value: (r) => r.goodRate, rate: true },
  { header: e.statsColumns.badRate, value: (r) => r.badRate, rate: true },
  { header: e.statsColumns.unratedRate, value: (r) => r.unratedRate, rate: true },
  { header: e.statsColumns.replyRate, value: (r) => r.replyRate, rate: true },
  { header: e.statsColumns.rectificationRate, value: (r) => r.rectificationRate, rate: true },
  { header: e.statsColumns.fixSatisfactionRate, value: (r) => r.fixSatisfactionRate, rate: true },
];

export async function recordsXlsx(input: Omit<ExportInput, 'format' | 'dir'>, records: readonly RatingRecord[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = input.now;
  const detail = book.addWorksheet(e.sheets.records);
  detail.addRow(RECORD_HEADERS).font = { bold: true };
  for (const r of records) detail.addRow(recordCells(r, input.config));
  detail.views = [{ state: 'frozen', ySplit: 1 }];

  for (const dimension of STATS_DIMENSIONS) {
    const stats = queryStats(input.db, dimension, input.from, input.to);
    const sheet = book.addWorksheet(`${e.sheets.stats}-${e.stats.dimensions[dimension]}`);
    sheet.addRow(STATS_COLUMNS.map((c) => c.header)).font = { bold: true };
    for (const row of [...stats.rows, { ...stats.total, label: e.stats.total }]) {
      const added = sheet.addRow(STATS_COLUMNS.map((c) => c.value(row) ?? null));
      STATS_COLUMNS.forEach((c, i) => {
        if (c.rate) added.getCell(i + 1).numFmt = '0.00%';
      });
    }
  }

  const follow = book.addWorksheet(e.sheets.followUps);
  const fc = e.followUpColumns;
  follow.addRow(Object.values(fc)).font = { bold: true };
  for (const f of input.followUps(input.from, input.to)) {
    follow.addRow([
      f.caseId,
      e.levels[f.level],
      f.reasons.map((x) => x.label).join('；'),
      `${f.responsible.name}（${f.responsible.staffNumber}）`,
      beijingTime(f.openedAt),
      f.deadline,
      f.callback ? `${beijingTime(f.callback.at)} ${f.callback.note}`.trim() : '',
      f.verification ? `${e.followUp.verifications[f.verification.result]} ${f.verification.note}`.trim() : '',
      f.rectification?.measures ?? '',
      beijingTime(f.rectification?.rectifiedAt ?? null),
      f.outcome,
      f.fixView ? e.followUp.fixViews[f.fixView] : '',
      e.followUp.statuses[f.status],
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function exportRatings(input: ExportInput): Promise<ExportResult> {
  if (input.from > input.to) return { ok: false, message: e.stats.badRange, fileName: '', path: '', count: 0 };
  if (input.format === 'exchange' && !input.direction) return { ok: false, message: e.export.needsDirection, fileName: '', path: '', count: 0 };
  const records = recordsBetween(input.db, input.from, input.to);
  mkdirSync(input.dir, { recursive: true });
  let fileName: string;
  let content: string | Buffer;
  let count = records.length;
  if (input.format === 'csv') {
    fileName = `ratings-${input.from}-${input.to}.csv`;
    content = recordsCsv(records, input.config);
  } else if (input.format === 'xlsx') {
    fileName = `ratings-${input.from}-${input.to}.xlsx`;
    content = await recordsXlsx(input, records);
  } else {
    const direction = input.direction!;
    const file = exchangeFile(records, { direction, regionCode: input.config.regionCode, channelCodes: input.config.channelCodes }, input.now.toISOString());
    fileName = `ratings-exchange-${direction}-${input.from}-${input.to}.json`;
    content = `${JSON.stringify(file, null, 2)}\n`;
    count = file.count;
  }
  const path = join(input.dir, fileName);
  writeFileSync(path, content);
  return { ok: true, message: e.export.done(count, fileName), fileName, path, count };
}
