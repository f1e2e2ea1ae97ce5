import { copyText } from "../../../db/bulk";
import type { Tape } from "../../../db/schema";
import type { Vault } from "../../privacy/vault";
import { stagedLoan } from "./apply";
import type { TapeField, TapeMapping } from "./columns";
import type { TapeRow } from "./batches";
import { readRow, type TapeCells, type TapeRowError } from "./rows";

/**
 * A tape's rows checked a batch at a time: each row read through its mapping and validated by the
 * asset contract, a valid one staged (sealed). Pure of I/O, so that the same check runs in the
 * reader's own thread or in worker threads (row-worker.ts) for a large tape.
 */

export interface CheckedBatch {
  /**
   * The batch's `tape_rows` rows (`stagedColumns`) in COPY's text format, in UTF-8 bytes: written
   * to the database as they are, never turned back into objects or strings on the way (a worker
   * hands the bytes over without copying them).
   */
  staged: Uint8Array;
  /** Each row's loan id and problems; `ok` when it was staged as valid. */
  rows: { row: number; loanId: string | null; ok: boolean; errors: TapeRowError[] }[];
}

/** The columns of a staged row, in the order the checker writes them. */
export const stagedColumns = ["tape_id", "row", "loan_id", "ok", "record"];

/** What a checker needs to know of the tape: passed to a worker thread as data. */
export interface CheckedTape {
  tape: Pick<Tape, "id" | "sellerOrgId">;
  headers: string[];
  mapping: TapeMapping;
}

/** Bytes of their own (not a slice of a shared pool), so that a worker can hand them over whole. */
const encoder = new TextEncoder();

export function rowChecker(vault: Vault, { tape, headers, mapping }: CheckedTape) {
  const headerOf = (field: TapeField) => headers[mapping.indexOf(field)] ?? field;
  const tapeId = copyText(tape.id);
  // The mapped columns worked out once, not for each of a tape's rows.
  const mapped = mapping.flatMap((field, i) => (field ? [[field, i] as const] : []));
  return (rows: readonly TapeRow[]): CheckedBatch => {
    const staged: string[] = [];
    const checked = rows.map(({ row, cells }) => {
      const values: TapeCells = {};
      for (const [field, i] of mapped) values[field] = cells[i] ?? "";
      const result = readRow(values, row, headerOf);
      const record = result.ok ? JSON.stringify(stagedLoan(vault, tape, result.input)) : null;
      staged.push(`${tapeId}\t${row}\t${copyText(result.loanId)}\t${result.ok ? "t" : "f"}\t${copyText(record)}\n`);
      return { row, loanId: result.loanId, ok: result.ok, errors: result.ok ? [] : result.errors };
    });
    return { staged: encoder.encode(staged.join("")), rows: checked };
  };
}
