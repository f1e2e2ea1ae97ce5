import { z } from "zod";
import { documentAccessActions, documentReaders, documentTiers, documentTypes, soldStatuses, type ListingStatus } from "../enums";
import { publicStatuses } from "./listings";

/** Data rooms as the API and the pages exchange them (docs/domain.md "The data room"). */

export type DocumentTier = (typeof documentTiers)[number];
export type DocumentType = (typeof documentTypes)[number];

/** How the package's loan tape is taken. */
export const loanTapeQuerySchema = z.object({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  lang: z.enum(["en", "zh-CN"]).default("en"),
});

export const documentRules = {
  /** A scanned loan file of a few hundred pages fits; a tape has its own import. */
  maxBytes: 25 * 1024 * 1024,
  maxTitle: 200,
  /** Files a data room holds, by content. */
  kindNames: "a PDF, a PNG or JPEG image, an XLSX spreadsheet, a DOCX document or a CSV file",
} as const;

/** The file name a download is offered under: the type's own extension. */
export const extensionOf: Record<DocumentType, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/csv": "csv",
};

/** Where a document sits: the data room of one asset, one package or one listing. */
export const documentRoomSchema = z.union([
  z.object({ assetId: z.uuid() }),
  z.object({ packageId: z.uuid() }),
  z.object({ listingId: z.uuid() }),
]);
export type DocumentRoom = { assetId: string } | { packageId: string } | { listingId: string };

/** The fields that come with an uploaded file. */
export const documentFieldsSchema = z.object({
  title: z
    .string()
    .trim()
    .min(2, { message: "Give the document a title of at least 2 characters" })
    .max(documentRules.maxTitle, { message: `A title has at most ${documentRules.maxTitle} characters` }),
  tier: z.enum(documentTiers, { message: "Choose who may open it: public, registered bidders, or bidders who accepted the NDA" }),
  cover: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});
export type DocumentFields = z.infer<typeof documentFieldsSchema>;

export const documentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  tier: z.enum(documentTiers),
  fileName: z.string(),
  contentType: z.enum(documentTypes),
  sizeBytes: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  cover: z.boolean(),
  /** Which room it sits in: "asset", "package" or "listing", with that room's id. */
  room: z.enum(["asset", "package", "listing"]),
  roomId: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type DocumentView = z.infer<typeof documentSchema>;

export const dataRoomSchema = z.object({
  /** The documents the reader may open. */
  documents: z.array(documentSchema),
  /** How many more each closed tier holds: nothing else of them, not even a title, is shown. */
  locked: z.array(z.object({ tier: z.enum(documentTiers), count: z.number().int() })),
  /** Whether the reader may take the package's loan tape (CSV or XLSX): a package listing, NDA tier open. */
  loanTape: z.boolean(),
  /** The reader's standing, which decides the tiers it opens. */
  access: z.object({ tiers: z.array(z.enum(documentTiers)), staff: z.boolean() }),
});
export type DataRoomView = z.infer<typeof dataRoomSchema>;

export const accessEntrySchema = z.object({
  /** The document, or null for the package's loan tape. */
  documentId: z.uuid().nullable(),
  /** The document's title; empty for the loan tape. */
  documentTitle: z.string(),
  action: z.enum(documentAccessActions),
  watermarked: z.boolean(),
  at: z.iso.datetime(),
  /** The bidder code (竞买号) until the listing closes; after it, also who it is. */
  bidderCode: z.string().nullable(),
  organisation: z.string().nullable(),
  user: z.string().nullable(),
  /**
   * "bidder" (by code until the close), "visitor" (a signed-in reader of a public document who is no
   * bidder: named, like a bidder, only after the close), or "seller" / "operator" for the seller's
   * own staff and the platform.
   */
  reader: z.enum(documentReaders),
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;

/** Who reads a listing's data room, as far as its tiers care. */
export interface RoomReader {
  /** The seller's own staff or an operator: every tier, before and after publication. */
  staff: boolean;
  registration: { approved: boolean; ndaAccepted: boolean } | null;
}

/** The tiers a reader opens in a listing's data room (docs/domain.md "The data room"). */
export function tiersOpenTo(reader: RoomReader, listingStatus: ListingStatus | null): DocumentTier[] {
  if (reader.staff) return [...documentTiers];
  // Until the listing is announced nothing of its room is anyone's but the staff's.
  if (!listingStatus || !(publicStatuses as readonly string[]).includes(listingStatus)) return [];
  const approved = reader.registration?.approved ?? false;
  if (!approved) return ["public"];
  return reader.registration?.ndaAccepted ? ["public", "registered", "nda"] : ["public", "registered"];
}

/** Once the sale's outcome is decided the seller learns who read what; before, bidder codes only. */
export function readersNamed(listingStatus: ListingStatus): boolean {
  return listingStatus === "failed" || (soldStatuses as readonly ListingStatus[]).includes(listingStatus);
}

/** Questions about a listing and their answers (docs/domain.md "The data room"). */
export const questionInputSchema = z.object({
  question: z
    .string()
    .trim()
    .min(5, { message: "Ask in at least 5 characters" })
    .max(2000, { message: "A question has at most 2,000 characters" }),
});

export const answerInputSchema = z.object({
  answer: z
    .string()
    .trim()
    .min(2, { message: "Answer in at least 2 characters" })
    .max(4000, { message: "An answer has at most 4,000 characters" }),
});

export const questionSchema = z.object({
  id: z.uuid(),
  question: z.string(),
  askedAt: z.iso.datetime(),
  answer: z.string().nullable(),
  answeredAt: z.iso.datetime().nullable(),
  /** Asked by the reader's own organisation. */
  mine: z.boolean(),
  /** Who asked, by bidder code: for the seller's staff and operators only. */
  bidderCode: z.string().nullable(),
});
export type QuestionView = z.infer<typeof questionSchema>;
