import { PassThrough, Readable } from 'node:stream';
import { csvRow } from '../audit/csv.js';
import type { ReportExport } from './reports.usecases.js';

/**
 * CSV of a report's rows, written as they are read (the keys and activity exports' writer: a BOM
 * for spreadsheet programs, formula injection neutralised by csvCell).
 */
export function csvStream(exp: ReportExport): Readable {
  async function* lines() {
    yield `\uFEFF${csvRow(exp.columns.map((c) => c.label))}`;
    for await (const row of exp.rows) yield csvRow(row);
  }
  return Readable.from(lines());
}

/** Above this much unread output the writer waits for the reader (a slow download must not fill memory). */
const HIGH_WATER = 1 << 20;

/** Resolves when the reader has caught up, or the stream is gone (a cancelled download). */
function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

const toDate = (v: unknown) => (typeof v === 'string' && v ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v) : null);

/**
 * XLSX of a report's rows through exceljs's streaming writer: each row is committed (written to the
 * zip) as it is read, and the writer waits whenever the reader falls behind. Strings stay strings:
 * a cell starting with "=" is text in the sheet, never a formula.
 */
export function xlsxStream(exp: ReportExport, { sheetName }: { sheetName: string }): Readable {
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  (async () => {
    // exceljs takes over a second to load: only when someone exports, not at every start.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = exp.columns.map((c) => ({
      header: c.label,
      width: Math.max(12, Math.min(40, c.label.length + 4)),
      style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.kind === 'money' ? { numFmt: '#,##0.00' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const row of exp.rows) {
      sheet.addRow(row.map((v, i) => (exp.columns[i]?.kind === 'date' ? toDate(v) : v))).commit();
      if (out.destroyed) return;
      if (out.readableLength > HIGH_WATER) await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** Reads a whole stream into one buffer: for mail attachments, which the outbox stores whole. */
export async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
