import { tapeRules } from "../../core/contract/tapes";
import { tapeColumns } from "../../server/assets/tapes/columns";
import { tapeKinds } from "../../server/assets/tapes/read";
import { AppError } from "../../server/errors";
import { readSingleFile } from "./uploads.server";

/** The downloadable template, in English or Chinese, as XLSX or CSV. */
export { tapeTemplate } from "../../server/assets/tapes/template";

/** The fields a tape's columns may map to, labelled in the reader's language. */
export function tapeFieldOptions(language: string) {
  const zh = language.startsWith("zh");
  return tapeColumns.map((c) => ({ field: c.field, label: zh ? c.zh : c.en, required: Boolean(c.required) }));
}

/**
 * A loan tape as a multipart form brings it, to the API and to the seller's upload page alike: the
 * file (`file`, checked by its content as it arrives), an optional mapping (JSON: one field or null
 * per column) and, for staff of several sellers, the organisation.
 */
export async function readTapeUpload(request: Request) {
  const { file, fields } = await readSingleFile(request, "the tape's file (CSV or XLSX)", {
    maxFileBytes: tapeRules.maxBytes,
    kinds: tapeKinds,
  });
  const mappingText = fields.get("mapping")?.trim();
  let mapping: unknown;
  if (mappingText) {
    try {
      mapping = JSON.parse(mappingText);
    } catch {
      throw new AppError("BAD_REQUEST", "The mapping must be JSON: one field name (or null) per column.", { field: "mapping" });
    }
  }
  return { data: file.data, fileName: file.fileName, mapping, organisationId: fields.get("organisationId") || undefined };
}
