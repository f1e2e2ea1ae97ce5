import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { kindsAmong, SIGNATURE_BYTES, type FileKinds } from "../../server/files/content-type";
import { attachmentRules } from "../../core/contract/objections";
import { AppError } from "../../server/errors";

export interface UploadLimits {
  /** The form field the files come in. */
  field: string;
  maxFiles: number;
  /** The most one file may hold. */
  maxFileBytes: number;
  /** The kinds accepted, as their content shows them (server/files/content-type.ts). */
  kinds: FileKinds;
}

export interface UploadedFile {
  fileName: string;
  /** Detected from the bytes: the name and the browser's label are not believed. */
  contentType: string;
  data: Uint8Array;
}

/** An objection's supporting files. */
export const attachmentKinds = kindsAmong(attachmentRules.contentTypes, "PDF, PNG, JPEG or plain text files");

/** A text field of a form with files: as long as any of the app's texts may be, and a little more. */
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Reads a multipart form part by part, refusing as soon as a limit is passed: the file past the
 * count, the byte past a file's size, a file whose first bytes show a kind not accepted (and, for
 * text, whose whole is not text). Nothing beyond one file's limit is ever held. The body's total is
 * limited before it gets here (server/http/limits.ts). Refusals are AppErrors with
 * `details.field` and `details.rule` (count, size, type); a body that is no multipart form is a
 * BAD_REQUEST with rule `malformed`.
 */
export async function parseUpload(request: Request, limits: UploadLimits) {
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  const refuse = (code: "PAYLOAD_TOO_LARGE" | "VALIDATION_FAILED", rule: string, message: string, file = "") =>
    new AppError(code, message, { field: limits.field, rule, ...(file ? { file } : {}) });

  const handle = async ({ name, filename, data }: UploadHandlerPart): Promise<undefined> => {
    if (filename === undefined) {
      const bytes = await collect(
        data,
        MAX_FIELD_BYTES,
        () => new AppError("PAYLOAD_TOO_LARGE", `The field ${name} is too long.`),
      );
      const text = new TextDecoder().decode(bytes);
      if (text.includes("\0") || name.includes("\0")) {
        throw new AppError("BAD_REQUEST", `Text may not contain the NUL character (U+0000); it was found in the field ${name}.`, {
          rule: "nul",
        });
      }
      if (!fields.has(name)) fields.set(name, text);
      return undefined;
    }
    if (name !== limits.field) {
      for await (const _ of data) void _;
      return undefined;
    }
    let head: Uint8Array = new Uint8Array(0);
    let decided = false;
    const bytes = await collect(
      data,
      limits.maxFileBytes,
      () => refuse("PAYLOAD_TOO_LARGE", "size", `${filename}: each file may be at most ${mb(limits.maxFileBytes)}.`, filename),
      (received) => {
        // The count is checked when a file's first byte arrives: a browser sends an empty part
        // for a file input left empty, which is no file.
        if (received.length && files.length >= limits.maxFiles) {
          throw refuse("VALIDATION_FAILED", "count", `Attach at most ${limits.maxFiles} files.`);
        }
        if (decided) return;
        head = concat(head, received);
        if (head.length < SIGNATURE_BYTES) return;
        decided = true;
        if (!limits.kinds.opening(head))
          throw refuse("VALIDATION_FAILED", "type", `${filename}: attach ${limits.kinds.names}.`, filename);
      },
    );
    if (bytes.length === 0 && filename === "") return undefined;
    const type = await limits.kinds.kindOf(bytes);
    if (!type) throw refuse("VALIDATION_FAILED", "type", `${filename}: attach ${limits.kinds.names}.`, filename);
    files.push({ fileName: filename, contentType: type, data: bytes });
    return undefined;
  };

  try {
    await unstable_parseMultipartFormData(request, handle);
  } catch (error) {
    if (AppError.is(error)) throw error;
    throw new AppError("BAD_REQUEST", "The form could not be read: its multipart body is malformed.", { rule: "malformed" });
  }
  return { fields, files };
}

/**
 * One file (in the field `file`, checked by its content as it arrives) and the form's text fields:
 * a document for a data room, a loan tape. `what` names the file in the refusals ("the tape's file
 * (CSV or XLSX)").
 */
export async function readSingleFile(request: Request, what: string, limits: Pick<UploadLimits, "maxFileBytes" | "kinds">) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send ${what} as multipart/form-data, in the field \`file\`.`, {
      field: "file",
    });
  }
  const { fields, files } = await parseUpload(request, { field: "file", maxFiles: 1, ...limits });
  const file = files[0];
  if (!file) throw new AppError("VALIDATION_FAILED", `Choose ${what}.`, { field: "file", rule: "required" });
  return { file, fields };
}

/** A part's bytes, up to `max`: one byte more and `tooLarge()` is thrown; `onChunk` sees each chunk as it comes. */
async function collect(
  data: AsyncIterable<Uint8Array>,
  max: number,
  tooLarge: () => Error,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    onChunk?.(chunk);
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return concat(...chunks);
}

function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
