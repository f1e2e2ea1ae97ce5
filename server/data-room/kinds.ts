import { fileTypeFromBuffer } from "file-type";
import { PDFDocument } from "@cantoo/pdf-lib";
import { documentRules, type DocumentType } from "../../core/contract/documents";
import { decodeCsv } from "../assets/tapes/read";
import { binaryTypeOf, SIGNATURE_BYTES, type FileKinds } from "../files/content-type";
import { AppError } from "../errors";

/**
 * What a data room accepts, told by the bytes (file-type reads signatures and, for the Office
 * formats, the zip's entries): a PDF, a PNG or JPEG, an XLSX, a DOCX, or a CSV (UTF-8 or GB18030
 * text, as Chinese banks export). An HTML page named report.pdf, an executable named photo.jpg or
 * a zip named loans.xlsx is none of them.
 */
const byContent: Record<string, DocumentType> = {
  "application/pdf": "application/pdf",
  "image/png": "image/png",
  "image/jpeg": "image/jpeg",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

const isZip = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

function isCsvText(data: Uint8Array): boolean {
  if (data.length === 0) return false;
  try {
    const { text } = decodeCsv(data);
    // Markup a browser would take for a page is no table, whatever it is named.
    return !/^\s*<[!?a-zA-Z]/.test(text);
  } catch {
    return false;
  }
}

export const documentKinds: FileKinds = {
  opening: (head) => binaryTypeOf(head.subarray(0, SIGNATURE_BYTES)) !== null || isZip(head) || !head.includes(0),
  async kindOf(data) {
    const found = await fileTypeFromBuffer(data);
    if (found) return byContent[found.mime] ?? null;
    return isCsvText(data) ? "text/csv" : null;
  },
  names: documentRules.kindNames,
};

/**
 * A PDF must open, unencrypted, for its watermark to be stamped on each investor's copy: one that
 * does not is refused at upload, when the seller can still fix it, not at an investor's download.
 */
export async function assertStampable(data: Uint8Array): Promise<void> {
  try {
    const pdf = await PDFDocument.load(data, { updateMetadata: false });
    if (pdf.getPageCount() === 0) throw new Error("no pages");
  } catch (error) {
    const encrypted = error instanceof Error && /encrypt/i.test(error.message);
    throw new AppError(
      "VALIDATION_FAILED",
      encrypted
        ? "This PDF is protected by a password: upload it without the protection, so that each investor's copy can carry its watermark."
        : "This PDF could not be read: it may be damaged. Save it again from the program that made it and upload that.",
      { field: "file", rule: encrypted ? "encrypted" : "unreadable" },
    );
  }
}
