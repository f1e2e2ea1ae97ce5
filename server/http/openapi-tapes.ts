import { z } from "zod";
import {
  tapeAppliedSchema,
  tapeApplySchema,
  tapeDiffSchema,
  tapeMappingBodySchema,
  tapeRules,
  tapeSchema,
  tapeSummarySchema,
} from "../../core/contract/tapes";
import { tapeColumns } from "../assets/tapes/columns";
import { body, errors, idPath, json, schemaOf } from "./openapi-parts";

/** Loan tapes in the OpenAPI document: upload, progress and problems, the diff, and applying. */

const tapeAnswer = z.object({ tape: tapeSchema });
const fields = tapeColumns.map((c) => c.field).join(", ");

export const tapePaths = {
  "/api/v1/tapes": {
    get: {
      summary: "The caller's organisations' loan tapes, newest first (seller staff)",
      responses: { 200: json("The tapes", z.object({ tapes: z.array(tapeSummarySchema) })), ...errors(401, 403) },
    },
    post: {
      summary: "Upload a loan tape, CSV or XLSX (seller staff)",
      description: `The file is kept and read in the background; poll \`GET /api/v1/tapes/{id}\`. Its kind is told by its content (a zip is an XLSX, text is a CSV in UTF-8 with or without BOM, or GBK/GB18030); anything else is refused with 415. At most ${tapeRules.maxRows.toLocaleString("en")} rows (413 past them) and ${tapeRules.maxBytes / (1024 * 1024)} MiB. Without \`mapping\`, the columns are matched by header (the seller's remembered choices first, then names and synonyms in English and Chinese). \`mapping\` is JSON: one field or null per column, in order; fields: ${fields}.`,
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["file"],
              properties: {
                file: { type: "string", format: "binary" },
                mapping: { type: "string", description: "JSON array: one field (or null) per column" },
                organisationId: { type: "string", format: "uuid", description: "For staff of several sellers" },
              },
            },
          },
        },
      },
      responses: { 202: json("The tape, being read", tapeAnswer), ...errors(400, 401, 403, 413, 415, 422) },
    },
  },
  "/api/v1/tapes/{id}": {
    get: {
      summary: "Where a tape stands: status, rows, progress, and its problems by row and column",
      description: `\`status\`: \`validating\` while rows are read, then \`valid\` or \`invalid\`; \`applied\` once written into the book, \`cancelled\` if withdrawn. \`errors\` holds the first ${tapeRules.errorsShown.toLocaleString("en")} problems in row order (\`errorCount\` says how many in all; \`/errors.csv\` has every one). A name or ID number in a problem is masked.`,
      parameters: idPath,
      responses: { 200: json("The tape", tapeAnswer), ...errors(401, 403, 404) },
    },
    delete: {
      summary: "Cancel the reading, or withdraw the tape before it is applied",
      parameters: idPath,
      responses: { 200: json("The tape", tapeAnswer), ...errors(401, 403, 404, 409) },
    },
  },
  "/api/v1/tapes/{id}/mapping": {
    put: {
      summary: "Map the columns another way: the tape is read again, and the choice remembered for the seller's next tapes",
      parameters: idPath,
      requestBody: body(tapeMappingBodySchema),
      responses: { 200: json("The tape, being read again", tapeAnswer), ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  "/api/v1/tapes/{id}/diff": {
    get: {
      summary:
        "What applying the tape would change: new loans, changed ones with their facts and principal, and the previous version's loans it no longer lists",
      parameters: idPath,
      responses: { 200: json("The diff", z.object({ diff: tapeDiffSchema })), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/tapes/{id}/apply": {
    post: {
      summary: "Write the tape's loans into the book, all or nothing",
      description:
        "Refused with 409 `TAPE_INVALID` while the tape has problems, unless `validOnly` is true (its valid rows only; the rejected ones stay listed); 409 `ASSET_LOCKED` when a changed loan is in a listing under review or public; 409 `CONFLICT` while still being read. The body may be empty.",
      parameters: idPath,
      requestBody: { required: false, content: { "application/json": { schema: schemaOf(tapeApplySchema, "input") } } },
      responses: { 200: json("The tape, applied, with its counts", tapeAppliedSchema), ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  "/api/v1/tapes/{id}/errors.csv": {
    get: {
      summary: "Every problem of the tape as CSV: row, column, value, message",
      parameters: idPath,
      responses: {
        200: { description: "CSV (UTF-8 with BOM)", content: { "text/csv": { schema: { type: "string" } } } },
        ...errors(401, 403, 404),
      },
    },
  },
};
