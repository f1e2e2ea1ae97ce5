/**
 * A tape's rows on their way from the file's reader (read.ts) to a checker (checking.ts), a batch
 * at a time, as bytes: what a worker thread takes without a copy.
 */

/** One data row: its number in the file (the header is row 1) and its cells as text. */
export interface TapeRow {
  row: number;
  cells: string[];
}

/** Rows read per batch: the unit a checker takes at once. */
export const BATCH_ROWS = 500;

/**
 * A run of a tape's rows as the JSON of their `TapeRow[]`, in UTF-8 bytes of their own. The
 * reader's thread keeps them and hands them to a checker as they are (a worker thread takes the
 * bytes without a copy and parses them itself), so a large tape's rows never sit on the reader's
 * heap as objects, and the thread that parses the file does nothing else with them.
 */
export interface RowBatch {
  count: number;
  json: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function batchOf(rows: TapeRow[]): RowBatch {
  return { count: rows.length, json: encoder.encode(JSON.stringify(rows)) };
}

/** A batch's rows as objects, where they are checked. */
export const rowsOf = (batch: Pick<RowBatch, "json">): TapeRow[] => JSON.parse(decoder.decode(batch.json)) as TapeRow[];
