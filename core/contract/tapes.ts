import { z } from "zod";
import { tapeStatuses } from "../enums";

/** Loan tapes as the API and the seller's pages exchange them (docs/domain.md "Loan tapes"). */

/** The most one tape may hold: in loans, and in bytes as uploaded. */
export const tapeRules = {
  maxRows: 100_000,
  /** A 100,000-loan tape of every column is some 40 MB as CSV; an XLSX is smaller. */
  maxBytes: 64 * 1024 * 1024,
  /** Problems listed in one answer; every one is in the CSV download. */
  errorsShown: 1000,
} as const;

export const tapeErrorSchema = z.object({
  /** The row in the file, the header being row 1. */
  row: z.number().int(),
  /** The column's header as the file names it. */
  column: z.string(),
  /** The cell as it was (a name or an ID number masked). */
  value: z.string(),
  message: z.string(),
});
export type TapeError = z.infer<typeof tapeErrorSchema>;

export const mappingProblemSchema = z.object({
  code: z.enum(["missing", "duplicate", "unknown_field"]),
  field: z.string(),
  columns: z.array(z.number().int()).optional(),
});

export const tapeSchema = z.object({
  id: z.uuid(),
  status: z.enum(tapeStatuses),
  fileName: z.string(),
  format: z.enum(["csv", "xlsx"]),
  /** "utf-8" or "gb18030". */
  encoding: z.string(),
  sha256: z.string(),
  headers: z.array(z.string()),
  /** Each column's field, by position; null for a column left out. */
  mapping: z.array(z.string().nullable()),
  mappingProblems: z.array(mappingProblemSchema),
  /** Data rows read so far (all of them once read). */
  rows: z.number().int(),
  validRows: z.number().int(),
  errorCount: z.number().int(),
  progress: z.object({
    parsed: z.number().int(),
    validated: z.number().int(),
    written: z.number().int(),
    /** The rows the file is thought to hold while it is read (a CSV's lines); null when unknown (an XLSX). */
    total: z.number().int().nullable(),
  }),
  /** Why the file could not be read to the end, when it could not. */
  failure: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  appliedAt: z.iso.datetime().nullable(),
  /** The first problems in row order (tapeRules.errorsShown); `errorCount` says how many in all. */
  errors: z.array(tapeErrorSchema),
});
export type TapeView = z.infer<typeof tapeSchema>;

export const tapeSummarySchema = tapeSchema.pick({
  id: true,
  status: true,
  fileName: true,
  format: true,
  rows: true,
  validRows: true,
  errorCount: true,
  createdAt: true,
  appliedAt: true,
});

/** What the seller sends to change how the columns map: one field (or null) per column. */
export const tapeMappingBodySchema = z.object({ mapping: z.array(z.string().nullable()).max(200) });

/** Applying a tape: all its rows, or by explicit choice its valid rows only. */
export const tapeApplySchema = z.object({ validOnly: z.boolean().default(false) });

export const tapeDiffSchema = z.object({
  created: z.number().int(),
  unchanged: z.number().int(),
  changedCount: z.number().int(),
  /** The first 1,000 changed loans, with the facts that changed and the principal before and after (minor units). */
  changed: z.array(
    z.object({
      loanId: z.string(),
      assetId: z.uuid(),
      fields: z.array(z.string()),
      principal: z.object({ before: z.string().nullable(), after: z.string().nullable() }),
    }),
  ),
  /** Loans of the previous version that this one no longer lists (they stay in the book). */
  missing: z.array(z.object({ loanId: z.string(), assetId: z.uuid() })),
});

export const tapeAppliedSchema = z.object({
  tape: tapeSchema,
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
