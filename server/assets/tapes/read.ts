import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { streamXlsxRows, type CellValue } from "hucre/xlsx";
import iconv from "iconv-lite";
import { tapeRules } from "../../../core/contract/tapes";
import { AppError } from "../../errors";
import type { FileKinds } from "../../files/content-type";
import { BATCH_ROWS, batchOf, rowsOf, type RowBatch, type TapeRow } from "./batches";

/**
 * A loan tape's rows as text, read as a stream (a 100,000-row tape never sits in memory as
 * objects): CSV in UTF-8 with or without BOM, or GBK/GB18030 as Chinese banks export it, and XLSX
 * through hucre's streaming reader. What the bytes say decides the format, never the file's name.
 */

export const TAPE_MAX_ROWS = tapeRules.maxRows;

export type TapeFormat = "csv" | "xlsx";

export interface TapeTable {
  format: TapeFormat;
  /** "utf-8" or "gb18030" for CSV; XLSX is always UTF-8 inside. */
  encoding: string;
  headers: string[];
  /** The data rows, a batch at a time, in the file's order. */
  batches: AsyncIterable<RowBatch>;
  /** Stops reading the file before its end (nothing more is parsed). */
  close(): Promise<void>;
}

/** Every data row of a table, as objects: for a small table (a template, a test). */
export async function* tableRows(table: TapeTable): AsyncGenerator<TapeRow> {
  for await (const batch of table.batches) yield* rowsOf(batch);
}

const notATable = () =>
  new AppError("UNSUPPORTED_MEDIA_TYPE", "The file is neither a CSV nor an XLSX spreadsheet: export the tape as one of them.", {
    field: "file",
  });

const isZip = (data: Uint8Array) => data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

/** The format the bytes show: an XLSX is a zip; a CSV is text without NUL bytes; anything else is neither. */
export function tapeFormatOf(data: Uint8Array): TapeFormat {
  if (isZip(data)) return "xlsx";
  const head = data.subarray(0, 64 * 1024);
  if (data.length === 0 || head.includes(0)) throw notATable();
  return "csv";
}

/** What an upload of a tape may be, as its bytes show it: an XLSX (a zip) or a CSV (text). */
export const tapeKinds: FileKinds = {
  opening: (head) => isZip(head) || !head.includes(0),
  kindOf(data) {
    try {
      return tapeFormatOf(data) === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
    } catch {
      return null;
    }
  },
  names: "a CSV or an XLSX spreadsheet",
};

/** UTF-8 when the bytes are valid UTF-8 (a BOM dropped); otherwise GB18030, the superset of GBK that Chinese banks export. */
export function decodeCsv(data: Uint8Array): { text: string; encoding: string } {
  // A NUL anywhere means the bytes were never text (and PostgreSQL stores no NUL in text).
  if (data.includes(0)) throw notATable();
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(data);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    const text = iconv.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), "gb18030");
    // Control characters other than tab and line breaks mean the bytes were never text.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw notATable();
    return { text, encoding: "gb18030" };
  }
}

const tooMany = () =>
  new AppError("PAYLOAD_TOO_LARGE", `A tape holds at most ${TAPE_MAX_ROWS.toLocaleString("en")} loans: split it into several.`, {
    field: "file",
    maxRows: TAPE_MAX_ROWS,
  });

function chunks(text: string, size = 64 * 1024): Readable {
  let offset = 0;
  return new Readable({
    read() {
      this.push(offset < text.length ? text.slice(offset, (offset += size)) : null);
    },
  });
}

/** Valid UTF-8 as text a piece at a time (a BOM dropped): a large tape never sits in memory as one string. */
function* utf8Pieces(data: Uint8Array, size = 64 * 1024) {
  const decoder = new TextDecoder("utf-8");
  const start = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  for (let at = start; at < data.length; at += size) yield decoder.decode(data.subarray(at, at + size), { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function readCsv(data: Uint8Array): Promise<TapeTable> {
  // UTF-8 is read as it streams; GB18030 (rarer, and checked whole for bytes that were never text) is decoded first.
  const utf8 = !data.includes(0) && isUtf8(data);
  const { text, encoding } = utf8 ? { text: null, encoding: "utf-8" } : decodeCsv(data);
  const parser = (text === null ? Readable.from(utf8Pieces(data)) : chunks(text)).pipe(
    parse({ delimiter: [",", "\t", ";"], relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
  );
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next().catch(() => {
    throw notATable();
  });
  if (first.done) throw new AppError("VALIDATION_FAILED", "The file has no header row.", { field: "file" });
  const headers = first.value.map((h) => h.trim());
  async function* batches() {
    let row = 1;
    let batch: TapeRow[] = [];
    for (;;) {
      const next = await records.next().catch((error: unknown) => {
        throw new AppError("VALIDATION_FAILED", `The CSV cannot be read after row ${row}: ${(error as Error).message}`, {
          field: "file",
        });
      });
      if (next.done) break;
      row += 1;
      if (row - 1 > TAPE_MAX_ROWS) throw tooMany();
      batch.push({ row, cells: next.value });
      if (batch.length < BATCH_ROWS) continue;
      yield batchOf(batch);
      batch = [];
    }
    if (batch.length) yield batchOf(batch);
  }
  const close = () => {
    parser.destroy();
    return Promise.resolve();
  };
  return { format: "csv", encoding, headers, batches: batches(), close };
}

/** A cell as text: a date as its day (read from the cell's style), anything else as written. */
function cellText(value: CellValue): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

const cellsOf = (values: CellValue[]) => Array.from(values, cellText);
const blank = (cells: string[]) => !cells.some((c) => c.trim());
const unreadable = (error: unknown) =>
  new AppError("VALIDATION_FAILED", `The spreadsheet cannot be read: ${(error as Error).message}`, { field: "file" });

/** Rows handed over by the sheet's reader ahead of the tape's reader, at most, as text. */
const XLSX_AHEAD_BYTES = 96 * 1024 * 1024;

/**
 * A workbook's first sheet through hucre's streaming reader: the worksheet's XML is unzipped and
 * parsed a piece at a time (about a third of exceljs's time and a sixth of its memory for a
 * 100,000-row tape). That reader parses as fast as it can, whether or not its rows are taken, so
 * its rows wait, until taken, as batches of bytes (a 100,000-row tape is about 30 MiB of them); a
 * sheet that would need more than `XLSX_AHEAD_BYTES` of them waiting is refused, and the sheet is
 * never read past the row after the last one a tape may hold. The first row with anything in it
 * is the header.
 */
async function readXlsx(data: Uint8Array): Promise<TapeTable> {
  const waiting: RowBatch[] = [];
  let waitingBytes = 0;
  let end: { error: AppError | null } | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;
  const woken = () => {
    wake?.();
    wake = null;
  };
  let header: TapeRow | null = null;
  const parsing = (async () => {
    let batch: TapeRow[] = [];
    const handOver = () => {
      if (!batch.length) return;
      const taken = batchOf(batch);
      batch = [];
      waiting.push(taken);
      waitingBytes += taken.json.length;
      woken();
    };
    let firstRow = 0;
    try {
      for await (const { index, values } of streamXlsxRows(data, { sheet: 0 })) {
        if (stopped) break;
        const cells = cellsOf(values);
        if (blank(cells)) continue;
        const row = index + 1;
        if (!firstRow) {
          firstRow = row;
          header = { row, cells };
          woken();
          continue;
        }
        if (row - firstRow > TAPE_MAX_ROWS) throw tooMany();
        batch.push({ row, cells });
        if (batch.length >= BATCH_ROWS) handOver();
        if (waitingBytes > XLSX_AHEAD_BYTES)
          throw new AppError("PAYLOAD_TOO_LARGE", "The spreadsheet holds far more than a loan tape's cells.", { field: "file" });
      }
      handOver();
      end = { error: null };
    } catch (error) {
      end = { error: AppError.is(error) ? error : unreadable(error) };
    }
    woken();
  })();
  /** Waits for whatever comes first from the sheet's reader: a batch, the header, the end. */
  const heard = () => new Promise<void>((resolve) => (wake = resolve));
  /** The header row once the reader has come to it; null when the sheet ended without one. */
  const headerRow = async (): Promise<TapeRow | null> => {
    while (!header && !end) await heard();
    if (!header && end?.error) throw notATable();
    return header;
  };
  const first = await headerRow();
  if (!first) throw new AppError("VALIDATION_FAILED", "The first sheet has no header row.", { field: "file" });
  async function* batches(): AsyncGenerator<RowBatch> {
    try {
      for (;;) {
        const taken = waiting.shift();
        if (taken) {
          waitingBytes -= taken.json.length;
          yield taken;
        } else if (end?.error) throw end.error;
        else if (end) return;
        else await heard();
      }
    } finally {
      stopped = true;
    }
  }
  const close = async () => {
    stopped = true;
    waiting.length = 0;
    await parsing;
  };
  return { format: "xlsx", encoding: "utf-8", headers: first.cells.map((h) => h.trim()), batches: batches(), close };
}

/** The tape's header and a stream of its rows; a file that is not a table is refused with a 4xx. */
export async function readTape(data: Uint8Array): Promise<TapeTable> {
  return tapeFormatOf(data) === "xlsx" ? readXlsx(data) : readCsv(data);
}

/** The tape's format and header, the rest of the file left unread. */
export async function readTapeHeader(data: Uint8Array): Promise<Pick<TapeTable, "format" | "encoding" | "headers">> {
  const table = await readTape(data);
  await table.close();
  return { format: table.format, encoding: table.encoding, headers: table.headers };
}
