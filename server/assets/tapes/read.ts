import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { tapeRules } from "../../../core/contract/tapes";
import { AppError } from "../../errors";
import type { FileKinds } from "../../files/content-type";

/**
 * A loan tape's rows as text, read as a stream (a 100,000-row tape never sits in memory as
 * objects): CSV in UTF-8 with or without BOM, or GBK/GB18030 as Chinese banks export it, and XLSX
 * through exceljs's streaming reader. What the bytes say decides the format, never the file's name.
 */

export const TAPE_MAX_ROWS = tapeRules.maxRows;

export type TapeFormat = "csv" | "xlsx";

export interface TapeTable {
  format: TapeFormat;
  /** "utf-8" or "gb18030" for CSV; XLSX is always UTF-8 inside. */
  encoding: string;
  headers: string[];
  /** Each data row's cells, with the row's number in the file (the header is row 1). */
  rows: AsyncIterable<{ row: number; cells: string[] }>;
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
  async function* rows() {
    let row = 1;
    for (;;) {
      const next = await records.next().catch((error: unknown) => {
        throw new AppError("VALIDATION_FAILED", `The CSV cannot be read after row ${row}: ${(error as Error).message}`, {
          field: "file",
        });
      });
      if (next.done) return;
      row += 1;
      if (row - 1 > TAPE_MAX_ROWS) throw tooMany();
      yield { row, cells: next.value };
    }
  }
  return { format: "csv", encoding, headers, rows: rows() };
}

/** A cell as text: a formula by its cached result (or as the formula when it has none), a date as its day. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value && value.result !== undefined) return cellText(value.result);
    if ("formula" in value) return `=${String(value.formula)}`;
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value);
}

/** A stream of bytes as text, a character split between two chunks decoded whole. */
async function* utf8(chunks: AsyncIterable<Buffer | string>) {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) yield typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * exceljs's streaming reader (4.4) decodes each chunk of a sheet's XML on its own, so a Chinese
 * character that straddles two chunks comes out as "��" (exceljs issues 2063 and 2084): about one
 * cell in a thousand of a Chinese tape. Its sheet and shared-string parsers take text as it is, so
 * they are handed text decoded across chunks. The unit tests read a large Chinese workbook back
 * and would fail if this stopped holding.
 */
function decodedAcrossChunks(reader: ExcelJS.stream.xlsx.WorkbookReader) {
  const internals = reader as unknown as {
    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
    _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
  };
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding("utf8"));
  return reader;
}

async function readXlsx(data: Uint8Array): Promise<TapeTable> {
  const reader = decodedAcrossChunks(
    new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(pieces(data)), {
      worksheets: "emit",
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "ignore",
      entries: "ignore",
    }),
  );
  const sheets = reader[Symbol.asyncIterator]();
  const sheet = await sheets.next().catch(() => {
    throw notATable();
  });
  if (sheet.done) throw notATable();
  const rowsOf = (sheet.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  const cellsOf = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
  let header: ExcelJS.Row | undefined;
  for (;;) {
    const next = await rowsOf.next().catch(() => {
      throw notATable();
    });
    if (next.done) throw new AppError("VALIDATION_FAILED", "The first sheet has no header row.", { field: "file" });
    if (cellsOf(next.value).some((c) => c.trim())) {
      header = next.value;
      break;
    }
  }
  const headerRow = header.number;
  async function* rows() {
    for (;;) {
      const next = await rowsOf.next().catch((error: unknown) => {
        throw new AppError("VALIDATION_FAILED", `The spreadsheet cannot be read: ${(error as Error).message}`, { field: "file" });
      });
      if (next.done) return;
      const cells = cellsOf(next.value);
      if (!cells.some((c) => c.trim())) continue;
      if (next.value.number - headerRow > TAPE_MAX_ROWS) throw tooMany();
      // Numbered as the file numbers its rows, whatever lies above the header.
      yield { row: next.value.number, cells };
    }
  }
  return { format: "xlsx", encoding: "utf-8", headers: cellsOf(header).map((h) => h.trim()), rows: rows() };
}

/** The tape's header and a stream of its rows; a file that is not a table is refused with a 4xx. */
export async function readTape(data: Uint8Array): Promise<TapeTable> {
  return tapeFormatOf(data) === "xlsx" ? readXlsx(data) : readCsv(data);
}

/** Bytes handed over a piece at a time, so that the unzipping waits for the reading. */
function* pieces(data: Uint8Array, size = 64 * 1024) {
  for (let at = 0; at < data.length; at += size)
    yield Buffer.from(data.buffer, data.byteOffset + at, Math.min(size, data.length - at));
}
