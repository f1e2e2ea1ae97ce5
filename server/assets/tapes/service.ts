import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { tapeApplySchema, tapeRules, type TapeView } from "../../../core/contract/tapes";
import type { Db } from "../../../db/client";
import { tapeErrors, tapeMappings, tapeRows, tapes, type Tape } from "../../../db/schema";
import { organisationsWith, type Principal, type UserPrincipal } from "../../../core/identity/access";
import type { Actor, AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import type { FileStore } from "../../files/store";
import { actorOf } from "../../identity/accounts";
import { isUuid } from "../../ids";
import type { Logger } from "../../logger";
import type { Vault } from "../../privacy/vault";
import { mappingMemory, mappingProblems, suggestMapping, tapeColumns, type TapeField, type TapeMapping } from "./columns";
import { readTapeHeader } from "./read";
import { createTapeReader, expectedRows, type RowWorkers } from "./reading";
import { tapeDiff, writeTape } from "./apply";
import { editingOrganisation, editorRoles } from "../records";

/**
 * Loan tapes (docs/domain.md "Loan tapes"): a seller uploads a CSV or XLSX; the server keeps the
 * file, maps its columns (the seller's remembered choices, then the dictionary), and reads every
 * row in the background: validated by the asset contract, problems kept by row and column, valid
 * rows staged with their parties already sealed. Nothing reaches the seller's book until the tape
 * is applied.
 */

/** Rows of the tape whose problems are read per page of the errors download. */
const ERROR_PAGE_ROWS = 5000;

export const mappingSchema = z.array(z.enum(tapeColumns.map((c) => c.field) as [TapeField, ...TapeField[]]).nullable()).max(200);

export function createTapeService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  vault: Vault;
  files: FileStore;
  logger: Logger;
  rowWorkers?: RowWorkers;
}) {
  const { db, clock, audit, files } = deps;
  const reader = createTapeReader(deps);

  /** The seller's own tape, or the same 404 as for one that does not exist. */
  async function ownTape(principal: Principal, id: string): Promise<{ user: UserPrincipal; tape: Tape }> {
    if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const [tape] = isUuid(id) ? await db.select().from(tapes).where(eq(tapes.id, id)) : [];
    if (!tape || !organisationsWith(principal, editorRoles).includes(tape.sellerOrgId))
      throw new AppError("NOT_FOUND", "Tape not found.");
    return { user: principal, tape };
  }

  /** The tape as its seller reads it: where it stands, and its problems in row order (the first `limit`). */
  async function view(tape: Tape, limit: number = tapeRules.errorsShown): Promise<TapeView> {
    const errors = await db
      .select({ row: tapeErrors.row, column: tapeErrors.column, value: tapeErrors.value, message: tapeErrors.message })
      .from(tapeErrors)
      .where(eq(tapeErrors.tapeId, tape.id))
      .orderBy(asc(tapeErrors.row))
      .limit(limit);
    return {
      id: tape.id,
      status: tape.status,
      fileName: tape.fileName,
      format: tape.format as TapeView["format"],
      encoding: tape.encoding,
      sha256: tape.sha256,
      headers: tape.headers,
      mapping: tape.mapping,
      mappingProblems: mappingProblems(tape.mapping),
      rows: tape.rows,
      validRows: tape.validRows,
      errorCount: tape.errorCount,
      progress: { ...tape.progress, total: tape.progress.total ?? null },
      failure: tape.failure,
      createdAt: tape.createdAt.toISOString(),
      finishedAt: tape.finishedAt?.toISOString() ?? null,
      appliedAt: tape.appliedAt?.toISOString() ?? null,
      errors,
    };
  }

  /** A seller's confirmed mapping, remembered header by header for its next tapes. */
  async function remember(tx: Db, sellerOrgId: string, headers: string[], mapping: TapeMapping) {
    const [kept] = await tx.select().from(tapeMappings).where(eq(tapeMappings.sellerOrgId, sellerOrgId));
    const merged = { ...(kept?.headers ?? {}), ...mappingMemory(headers, mapping) };
    await tx
      .insert(tapeMappings)
      .values({ sellerOrgId, headers: merged, updatedAt: clock.now() })
      .onConflictDoUpdate({ target: tapeMappings.sellerOrgId, set: { headers: merged, updatedAt: clock.now() } });
  }

  async function audited(actor: Actor, action: string, tape: Tape, after: Record<string, unknown>) {
    await db.transaction((tx) => audit.append(tx, { actor, action, entityType: "tape", entityId: tape.id, after }));
  }

  return {
    /**
     * Keeps the file, maps its columns (the given mapping, or the seller's remembered one, or the
     * dictionary's) and starts reading it. A file that is not a table is refused at once (415).
     */
    async upload(
      principal: Principal,
      input: { data: Uint8Array; fileName: string; mapping?: unknown; organisationId?: string },
    ) {
      const { user, organisationId } = editingOrganisation(principal, input.organisationId, "loan tapes");
      const table = await readTapeHeader(input.data);
      const [memory] = await db.select().from(tapeMappings).where(eq(tapeMappings.sellerOrgId, organisationId));
      const mapping =
        input.mapping === undefined
          ? suggestMapping(table.headers, memory?.headers as Record<string, TapeField | null>)
          : mappingSchema.parse(input.mapping);
      if (mapping.length !== table.headers.length) {
        throw new AppError(
          "VALIDATION_FAILED",
          `The mapping names ${mapping.length} columns; the tape has ${table.headers.length}.`,
          { field: "mapping" },
        );
      }
      const problems = mappingProblems(mapping);
      if (input.mapping !== undefined) await remember(db, organisationId, table.headers, mapping);
      const storageKey = await files.put(input.data);
      const [tape] = await db
        .insert(tapes)
        .values({
          sellerOrgId: organisationId,
          uploadedBy: user.userId,
          fileName: input.fileName.slice(0, 200) || "tape",
          storageKey,
          sha256: createHash("sha256").update(input.data).digest("hex"),
          format: table.format,
          encoding: table.encoding,
          headers: table.headers,
          mapping,
          // A mapping without its required columns is the seller's to fix before any row is read.
          status: problems.length ? "invalid" : "validating",
          progress: { parsed: 0, validated: 0, written: 0, total: expectedRows(input.data, table.format) },
          readingAt: clock.now(),
          createdAt: clock.now(),
        })
        .returning();
      await audited(actorOf(user), "tape.uploaded", tape!, {
        fileName: tape!.fileName,
        sha256: tape!.sha256,
        format: tape!.format,
      });
      if (!problems.length) reader.start(tape!.id);
      return view(tape!);
    },

    /** The seller changes how the columns map: the tape is read again from the start, and the choice remembered. */
    async remap(principal: Principal, id: string, raw: unknown) {
      const { user, tape } = await ownTape(principal, id);
      if (tape.status === "applied" || tape.status === "cancelled") {
        throw new AppError("CONFLICT", `This tape is ${tape.status}: upload it again to read it another way.`);
      }
      const mapping = mappingSchema.parse(raw);
      if (mapping.length !== tape.headers.length) {
        throw new AppError(
          "VALIDATION_FAILED",
          `The mapping names ${mapping.length} columns; the tape has ${tape.headers.length}.`,
          { field: "mapping" },
        );
      }
      const problems = mappingProblems(mapping);
      const updated = await db.transaction(async (tx) => {
        await tx.delete(tapeRows).where(eq(tapeRows.tapeId, id));
        await tx.delete(tapeErrors).where(eq(tapeErrors.tapeId, id));
        await remember(tx, tape.sellerOrgId, tape.headers, mapping);
        const [row] = await tx
          .update(tapes)
          .set({
            mapping,
            status: problems.length ? "invalid" : "validating",
            rows: 0,
            validRows: 0,
            errorCount: 0,
            failure: null,
            finishedAt: null,
            progress: { parsed: 0, validated: 0, written: 0, total: tape.progress.total ?? null },
            readingAt: clock.now(),
          })
          .where(eq(tapes.id, id))
          .returning();
        return row!;
      });
      await audited(actorOf(user), "tape.remapped", updated, { mapping });
      if (!problems.length) reader.start(id);
      return view(updated);
    },

    /** The tapes of the organisations the caller edits for, newest first. */
    async list(principal: Principal) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      const orgs = organisationsWith(principal, editorRoles);
      if (!orgs.length) return [];
      const rows = await db
        .select()
        .from(tapes)
        .where(inArray(tapes.sellerOrgId, orgs))
        .orderBy(desc(tapes.createdAt))
        .limit(200);
      return rows.map((t) => ({
        id: t.id,
        status: t.status,
        fileName: t.fileName,
        format: t.format as TapeView["format"],
        rows: t.rows,
        validRows: t.validRows,
        errorCount: t.errorCount,
        createdAt: t.createdAt.toISOString(),
        appliedAt: t.appliedAt?.toISOString() ?? null,
      }));
    },

    /** Every problem of the tape in row order, read page by page (for the CSV download). */
    async errors(principal: Principal, id: string) {
      const { tape } = await ownTape(principal, id);
      const [{ last } = { last: 0 }] = await db
        .select({ last: sql<number>`coalesce(max(${tapeErrors.row}), 0)::int` })
        .from(tapeErrors)
        .where(eq(tapeErrors.tapeId, id));
      async function* all() {
        for (let after = 0; after < last; after += ERROR_PAGE_ROWS) {
          const page = await db
            .select({ row: tapeErrors.row, column: tapeErrors.column, value: tapeErrors.value, message: tapeErrors.message })
            .from(tapeErrors)
            .where(and(eq(tapeErrors.tapeId, id), gt(tapeErrors.row, after), lte(tapeErrors.row, after + ERROR_PAGE_ROWS)))
            .orderBy(asc(tapeErrors.row));
          yield* page;
        }
      }
      return { fileName: tape.fileName, errors: all() };
    },

    async get(principal: Principal, id: string) {
      const { tape } = await ownTape(principal, id);
      return view(tape);
    },

    /** Stops a reading under way, or withdraws a read tape before it is applied. */
    async cancel(principal: Principal, id: string) {
      const { user, tape } = await ownTape(principal, id);
      if (tape.status === "applied") throw new AppError("CONFLICT", "This tape is applied: its loans are in the book.");
      const [updated] = await db
        .update(tapes)
        .set({ status: "cancelled", finishedAt: clock.now() })
        .where(and(eq(tapes.id, id), sql`${tapes.status} <> 'applied'`))
        .returning();
      await audited(actorOf(user), "tape.cancelled", updated ?? tape, {});
      await reader.done(id);
      return view((await db.select().from(tapes).where(eq(tapes.id, id)))[0]!);
    },

    /** What applying the tape would do to the book: new loans, changed ones (with their fields), and those the previous version listed that this one does not. */
    async diff(principal: Principal, id: string) {
      const { tape } = await ownTape(principal, id);
      return tapeDiff(db, tape);
    },

    /**
     * Writes the tape's loans into the seller's book, all or nothing. A tape with problems is
     * applied only by the explicit choice of its valid rows (`validOnly`); its rejected rows stay
     * listed. One audit entry records the application with its counts.
     */
    async apply(principal: Principal, id: string, raw: unknown = {}) {
      const { validOnly } = tapeApplySchema.parse(raw ?? {});
      const { user, tape } = await ownTape(principal, id);
      if (tape.status === "validating") throw new AppError("CONFLICT", "The tape is still being read: apply it once it is done.");
      if (tape.status === "applied" || tape.status === "cancelled")
        throw new AppError("CONFLICT", `This tape is ${tape.status}.`);
      if (tape.status === "invalid" && !(validOnly && tape.validRows > 0)) {
        throw new AppError("TAPE_INVALID", "The tape has problems: fix them and upload it again, or apply its valid rows only.", {
          errorCount: tape.errorCount,
          validRows: tape.validRows,
        });
      }
      const counts = await db.transaction(async (tx) => {
        // Two applications of one tape at once: the second waits here, then finds it applied.
        const [locked] = await tx.select().from(tapes).where(eq(tapes.id, id)).for("no key update");
        if (locked!.status !== tape.status) throw new AppError("CONFLICT", `This tape is ${locked!.status}.`);
        const written = await writeTape(tx, locked!, clock.now());
        await tx
          .update(tapes)
          .set({ status: "applied", validOnly, appliedAt: clock.now(), appliedBy: user.userId })
          .where(eq(tapes.id, id));
        await audit.append(tx, {
          actor: actorOf(user),
          action: "tape.applied",
          entityType: "tape",
          entityId: id,
          after: { ...written, validOnly, rejectedRows: tape.rows - tape.validRows },
        });
        return written;
      });
      return { tape: await view((await db.select().from(tapes).where(eq(tapes.id, id)))[0]!), ...counts };
    },

    /** Resolves once the readings this process started are done. */
    settled: reader.settled,

    /** Takes up readings a restart or a crash stopped (server/main.ts runs it at start and every minute). */
    resume: reader.resume,
  };
}

export type TapeService = ReturnType<typeof createTapeService>;
