import { and, eq, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { insertMany } from "../../../db/bulk";
import type { Db } from "../../../db/client";
import { tapeErrors, tapeRows, tapes } from "../../../db/schema";
import type { Clock } from "../../clock";
import type { FileStore } from "../../files/store";
import type { Logger } from "../../logger";
import { sealParty } from "../../privacy/personal-data";
import type { Vault } from "../../privacy/vault";
import type { TapeField, TapeMapping } from "./columns";
import { readTape } from "./read";
import { readRow, type TapeCells, type TapeRowError } from "./rows";

/**
 * A tape read in the background (docs/domain.md "Loan tapes"): every row validated by the asset
 * contract, problems kept by row and column, valid rows staged with their parties already sealed,
 * the progress written as it goes; stopped when the seller cancels.
 */

/** Rows staged per statement, and how often the progress is written. */
const BATCH = 2000;

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

export function createTapeReader(deps: { db: Db; clock: Clock; vault: Vault; files: FileStore; logger: Logger }) {
  const { db, clock, vault, files, logger } = deps;
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
    const table = await readTape(data);
    const mapping = tape.mapping as TapeMapping;
    const headerOf = (field: TapeField) => table.headers[mapping.indexOf(field)] ?? field;
    const firstRowOf = new Map<string, number>();
    let staged: (typeof tapeRows.$inferInsert)[] = [];
    let problems: (typeof tapeErrors.$inferInsert)[] = [];
    const counts = { parsed: 0, validated: 0, written: 0, valid: 0, errors: 0 };
    const total = tape.progress.total ?? null;

    // One batch is written while the next is read, so that the database and the reader work at
    // once; a batch waits for the one before it. False once the tape is no longer being read (cancelled).
    let writing: Promise<boolean> = Promise.resolve(true);
    const flush = async () => {
      const rows = staged;
      const errors = problems;
      const { parsed, validated } = counts;
      staged = [];
      problems = [];
      if (!(await writing)) return false;
      writing = (async () => {
        await insertMany(db, tapeRows, rows);
        await insertMany(db, tapeErrors, errors);
        counts.written += rows.length;
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

    for await (const { row, cells } of table.rows) {
      counts.parsed += 1;
      const values: TapeCells = {};
      mapping.forEach((field, i) => {
        if (field) values[field] = cells[i] ?? "";
      });
      const result = readRow(values, row, headerOf);
      const errors: TapeRowError[] = result.ok ? [] : [...result.errors];
      const loanId = result.loanId;
      if (loanId !== null) {
        const first = firstRowOf.get(loanId);
        if (first !== undefined)
          errors.push({ row, column: headerOf("loanId"), value: loanId, message: `Loan id repeated: first at row ${first}` });
        else firstRowOf.set(loanId, row);
      }
      counts.validated += 1;
      if (result.ok && errors.length === 0) {
        counts.valid += 1;
        const { parties, ...rest } = result.input;
        const record = {
          ...rest,
          parties: parties.map((p) => ({ role: p.role, kind: p.kind, idType: p.idType, ...sealParty(vault, p) })),
        };
        staged.push({ tapeId, row, loanId, ok: true, record });
      } else {
        staged.push({ tapeId, row, loanId, ok: false, record: null });
        counts.errors += errors.length;
        problems.push(...errors.map((e) => ({ tapeId, ...e })));
      }
      if (staged.length >= BATCH && !(await flush())) return;
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
