/**
 * A file's type as its bytes show it, never as its name or the browser's label says: an
 * "invoice.pdf" that is an HTML page is not a PDF. The kinds the marketplace keeps, or null.
 */
export type DetectedType = "application/pdf" | "image/png" | "image/jpeg" | "text/plain";

const signatures: [DetectedType, number[]][] = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
];

/** How many leading bytes decide a binary kind. */
export const SIGNATURE_BYTES = 8;

/** The binary kind the first bytes announce, or null when they announce none (it may be text). */
export function binaryTypeOf(head: Uint8Array): DetectedType | null {
  for (const [type, signature] of signatures) {
    if (head.length >= signature.length && signature.every((byte, i) => head[i] === byte)) return type;
  }
  return null;
}

/**
 * Plain text: valid UTF-8 with no control characters but tab, line breaks and form feed, and not
 * markup a browser would take for a page (it opens with a tag, a comment or an XML declaration).
 * Anything else (an executable, an archive, an HTML page or SVG named notes.txt) is no text.
 */
export function isPlainText(data: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return false;
  }
  if (/^\uFEFF?\s*<[!?a-zA-Z]/.test(text)) return false;
  // Text has no control characters but tab, line feed, form feed and carriage return.
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The whole file's type: its signature, else text when it reads as text, else null. */
export function detectContentType(data: Uint8Array): DetectedType | null {
  return binaryTypeOf(data.subarray(0, SIGNATURE_BYTES)) ?? (isPlainText(data) ? "text/plain" : null);
}

/**
 * The kinds an upload accepts, told from the content: whether a file's opening bytes may be one
 * of them (checked as soon as they arrive), the whole file's kind, and their names for a refusal.
 */
export interface FileKinds {
  opening(head: Uint8Array): boolean;
  kindOf(data: Uint8Array): string | null | Promise<string | null>;
  /** As a refusal names them: "PDF, PNG, JPEG or plain text files". */
  names: string;
}

/** Among the kinds this module detects: a binary kind by its signature, text by its whole. */
export function kindsAmong(types: readonly DetectedType[], names: string): FileKinds {
  return {
    opening: (head) => {
      const type = binaryTypeOf(head);
      return type ? types.includes(type) : types.includes("text/plain");
    },
    kindOf: (data) => {
      const type = detectContentType(data);
      return type && types.includes(type) ? type : null;
    },
    names,
  };
}
