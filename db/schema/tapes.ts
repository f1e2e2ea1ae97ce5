import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./identity";
import { at, createdAt, id } from "./columns";
import { tapeStatuses } from "../../core/enums";

export const tapeStatus = pgEnum("tape_status", tapeStatuses);

/**
 * A loan tape a seller uploaded: the file (kept as uploaded, in the file store), how its columns
 * map to nplex's fields, and where its reading stands. Every version is kept.
 */
export const tapes = pgTable(
  "tapes",
  {
    id: id(),
    sellerOrgId: uuid("seller_org_id")
      .notNull()
      .references(() => organisations.id),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    /** Where the file store keeps the upload; never a path the user chose. */
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    format: text("format").notNull(),
    encoding: text("encoding").notNull(),
    status: tapeStatus("status").notNull().default("validating"),
    headers: jsonb("headers").$type<string[]>().notNull().default([]),
    /** Each column's field, by position; null for a column left out. */
    mapping: jsonb("mapping").$type<(string | null)[]>().notNull().default([]),
    rows: integer("rows").notNull().default(0),
    validRows: integer("valid_rows").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** Rows parsed, validated and staged so far, and the rows the file is thought to hold (null when unknown). */
    progress: jsonb("progress")
      .$type<{ parsed: number; validated: number; written: number; total?: number | null }>()
      .notNull()
      .default({ parsed: 0, validated: 0, written: 0 }),
    /**
     * When a server last reported reading this tape: a reading that has not reported for a while
     * was stopped by a restart or a crash, and another server takes it up again.
     */
    readingAt: at("reading_at"),
    /** Why the file could not be read at all, when it could not. */
    failure: text("failure"),
    /** Applied with its valid rows only, by the seller's explicit choice. */
    validOnly: boolean("valid_only").notNull().default(false),
    createdAt: createdAt(),
    finishedAt: at("finished_at"),
    appliedAt: at("applied_at"),
    appliedBy: uuid("applied_by").references(() => users.id),
  },
  (t) => [index("tapes_seller_idx").on(t.sellerOrgId, t.createdAt)],
);

/**
 * A tape's rows as read and validated, awaiting application: the asset each describes, its
 * parties' names and ID numbers already sealed, so that nothing personal sits here in clear.
 */
export const tapeRows = pgTable(
  "tape_rows",
  {
    tapeId: uuid("tape_id")
      .notNull()
      .references(() => tapes.id),
    row: integer("row").notNull(),
    loanId: text("loan_id"),
    ok: boolean("ok").notNull(),
    record: jsonb("record").$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.tapeId, t.row] }), index("tape_rows_loan_idx").on(t.tapeId, t.loanId)],
);

/** Every problem of a tape, by row and column; a name or an ID number only masked. */
export const tapeErrors = pgTable(
  "tape_errors",
  {
    tapeId: uuid("tape_id")
      .notNull()
      .references(() => tapes.id),
    row: integer("row").notNull(),
    column: text("column").notNull(),
    value: text("value").notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("tape_errors_tape_idx").on(t.tapeId, t.row)],
);

/** How a seller's tapes map their headers, remembered from the last mapping it confirmed. */
export const tapeMappings = pgTable("tape_mappings", {
  sellerOrgId: uuid("seller_org_id")
    .primaryKey()
    .references(() => organisations.id),
  headers: jsonb("headers").$type<Record<string, string | null>>().notNull(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export type Tape = typeof tapes.$inferSelect;
