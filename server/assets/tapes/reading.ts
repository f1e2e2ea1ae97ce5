import { and, eq, inArray, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { copyRows, insertMany } from "../../../db/bulk";
import type { Db } from "../../../db/client";
import { tapeErrors, tapeRows, tapes } from "../../../db/schema";
import type { Clock } from "../../clock";
import type { FileStore } from "../../files/store";
import type { Logger } from "../../logger";
import type { Vault } from "../../privacy/vault";
import type { TapeField, TapeMapping } from "./columns";
import { rowsOf, type RowBatch } from "./batches";
import { rowChecker, stagedColumns, type CheckedBatch, type CheckedTape } from "./checking";
import { rowWorkerPool, type RowCheckers } from "./threads";
import { readTape } from "./read";

/**
 * A tape read in the background (docs/domain.md "Loan tapes"): every row validated by the asset
 * contract, problems kept by row and column, valid rows staged with their parties already sealed,
 * the progress written as it goes; stopped when the seller cancels.
 */

/** Rows staged per statement, and how often the progress is written. */
const BATCH = 2000;

/** Batches handed out before the oldest is taken back. */
const IN_FLIGHT = 4;

/** A tape longer than this is checked by worker threads: below it, starting them costs more than it saves. */
const WORKERS_FROM_ROWS = 5000;

/** The data rows a tape is thought to hold, for the progress bar: a CSV's lines under its header; unknown for an XLSX. */
export function expectedRows(data: Uint8Array, format: string): number | null {
  if (format !== "csv") return null;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let lines = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines += 1;
  if (bytes.length && bytes[bytes.length - 1] !== 10) lines += 1;
  return Math.max(lines - 1, 0);
}

/** A reading that has not reported for this long was stopped: a batch takes a few seconds at most. */
export const STALE_READING_MS = 2 * 60_000;

export interface RowWorkers {
  /** Worker threads for a large tape; they seal under the server's own data key. */
  threads: number;
  dataKey: string;
}

export function createTapeReader(deps: {
  db: Db;
  clock: Clock;
  vault: Vault;
  files: FileStore;
  logger: Logger;
  rowWorkers?: RowWorkers;
}) {
  const { db, clock, vault, files, logger, rowWorkers } = deps;
  /** Readings under way in this process, so that a test or a shutdown can wait for them. */
  const running = new Map<string, Promise<void>>();

  function start(tapeId: string) {
    const job = read(tapeId)
      .catch((error: unknown) => {
        logger.error({ err: error, tapeId }, "reading a tape failed");
        return db
          .update(tapes)
          .set({ status: "invalid", failure: "The tape could not be read to the end.", finishedAt: clock.now() })
          .where(and(eq(tapes.id, tapeId), eq(tapes.status, "validating")));
      })
      .then(() => undefined)
      .finally(() => running.delete(tapeId));
    running.set(tapeId, job);
  }

  /** Reads every row: problems by row and column, valid rows staged sealed; stops when cancelled. */
  async function read(tapeId: string) {
    const [tape] = await db.select().from(tapes).where(eq(tapes.id, tapeId));
    if (!tape || tape.status !== "validating") return;
    const data = await files.get(tape.storageKey);
    if (!data) throw new Error(`tape ${tapeId}: its file is missing from the store`);
    // The file is parsed here: a workbook's XML a piece at a time, its waiting rows as bytes off
    // the heap (read.ts). A thread of its own for the parsing was measured costing ~100 MiB more at
    // the peak for no gain in time on two cores.
    const table = await readTape(data);
    const mapping = tape.mapping as TapeMapping;
    const checked: CheckedTape = { tape: { id: tape.id, sellerOrgId: tape.sellerOrgId }, headers: table.headers, mapping };
    const headerOf = (field: TapeField) => table.headers[mapping.indexOf(field)] ?? field;
    const firstRowOf = new Map<string, number>();
    // Staged rows wait for their statement as the bytes the checker wrote, not as objects or strings.
    let staged: Uint8Array[] = [];
    let stagedRows = 0;
    /** Rows staged as valid whose loan id an earlier row already has: set back to rejected once written. */
    let repeated: number[] = [];
    let problems: (typeof tapeErrors.$inferInsert)[] = [];
    const counts = { parsed: 0, validated: 0, written: 0, valid: 0, errors: 0 };
    const total = tape.progress.total ?? null;

    // One batch is written while the next is read, so that the database and the reader work at
    // once; a batch waits for the one before it. False once the tape is no longer being read (cancelled).
    let writing: Promise<boolean> = Promise.resolve(true);
    const flush = async () => {
      const blocks = staged;
      const rows = stagedRows;
      const errors = problems;
      const rejected = repeated;
      const { parsed, validated } = counts;
      staged = [];
      stagedRows = 0;
      problems = [];
      repeated = [];
      if (!(await writing)) return false;
      writing = (async () => {
        await copyRows(db, tapeRows, stagedColumns, blocks);
        if (rejected.length)
          await db
            .update(tapeRows)
            .set({ ok: false, record: null })
            .where(and(eq(tapeRows.tapeId, tapeId), inArray(tapeRows.row, rejected)));
        await insertMany(db, tapeErrors, errors);
        counts.written += rows;
        const [current] = await db
          .update(tapes)
          .set({ rows: parsed, progress: { parsed, validated, written: counts.written, total }, readingAt: clock.now() })
          .where(eq(tapes.id, tapeId))
          .returning({ status: tapes.status });
        return current?.status === "validating";
      })();
      // Its failure is met where it is awaited; until then it must not count as unhandled.
      writing.catch(() => undefined);
      return true;
    };

    /** A checked batch taken in the tape's order: a repeated loan id is a problem only the whole tape shows. */
    const accept = async (batch: CheckedBatch) => {
      for (const { row, loanId, ok, errors } of batch.rows) {
        const found = [...errors];
        if (loanId !== null) {
          const first = firstRowOf.get(loanId);
          if (first === undefined) firstRowOf.set(loanId, row);
          else {
            found.push({ row, column: headerOf("loanId"), value: loanId, message: `Loan id repeated: first at row ${first}` });
            if (ok) repeated.push(row);
          }
        }
        counts.validated += 1;
        if (found.length === 0) counts.valid += 1;
        else {
          counts.errors += found.length;
          problems.push(...found.map((e) => ({ tapeId, ...e })));
        }
      }
      staged.push(batch.staged);
      stagedRows += batch.rows.length;
      return stagedRows < BATCH || flush();
    };

    // Rows are checked a batch at a time (as read.ts batches them): here, or by worker threads once
    // the tape proves large.
    const inline = rowChecker(vault, checked);
    let pool: RowCheckers | null = null;
    const queue: Promise<CheckedBatch>[] = [];
    const dispatch = (batch: RowBatch) => {
      if (!pool && rowWorkers && counts.parsed > WORKERS_FROM_ROWS)
        pool = rowWorkerPool(rowWorkers.threads, { ...checked, dataKey: rowWorkers.dataKey });
      const answer = pool ? pool.check(batch) : Promise.resolve(inline(rowsOf(batch)));
      answer.catch(() => undefined);
      queue.push(answer);
    };
    /** The oldest batch, its rows in order; false once the reading is cancelled. */
    const take = async () => {
      return accept(await queue.shift()!);
    };
    try {
      for await (const batch of table.batches) {
        counts.parsed += batch.count;
        dispatch(batch);
        while (queue.length > IN_FLIGHT) if (!(await take())) return;
      }
      while (queue.length) if (!(await take())) return;
    } finally {
      await (pool as RowCheckers | null)?.close();
      await table.close();
    }
    if (!(await flush()) || !(await writing)) return;
    await db
      .update(tapes)
      .set({
        status: counts.errors === 0 && counts.parsed > 0 ? "valid" : "invalid",
        validRows: counts.valid,
        errorCount: counts.errors,
        failure: counts.parsed === 0 ? "The tape has no rows under its header." : null,
        progress: { parsed: counts.parsed, validated: counts.validated, written: counts.written, total: counts.parsed },
        finishedAt: clock.now(),
      })
      .where(and(eq(tapes.id, tapeId), eq(tapes.status, "validating")));
  }

  /**
   * Takes up the readings that stopped without finishing: tapes still being read whose reader has
   * not reported for `staleMs` (a restart, a crash). Each is claimed by one server alone (the
   * claim is one conditional UPDATE), its staged rows cleared, and read again from the start.
   */
  async function resume(staleMs = STALE_READING_MS) {
    const cutoff = new Date(clock.now().getTime() - staleMs);
    const mine = [...running.keys()];
    const claimed = await db
      .update(tapes)
      .set({
        readingAt: clock.now(),
        rows: 0,
        progress: sql`${tapes.progress} || '{"parsed":0,"validated":0,"written":0}'::jsonb`,
      })
      .where(
        and(
          eq(tapes.status, "validating"),
          or(isNull(tapes.readingAt), lt(tapes.readingAt, cutoff)),
          mine.length ? notInArray(tapes.id, mine) : undefined,
        ),
      )
      .returning({ id: tapes.id });
    for (const { id } of claimed) {
      await db.delete(tapeRows).where(eq(tapeRows.tapeId, id));
      await db.delete(tapeErrors).where(eq(tapeErrors.tapeId, id));
      logger.info({ tapeId: id }, "taking up a tape's reading that stopped");
      start(id);
    }
    return claimed.length;
  }

  return {
    start,
    resume,
    /** Resolves once this tape's reading, if one is under way here, has stopped. */
    done: async (tapeId: string) => {
      await running.get(tapeId);
    },
    /** Resolves once the readings this process started are done. */
    settled: async () => {
      await Promise.all(running.values());
    },
  };
}
