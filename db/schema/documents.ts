import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { documentAccessActions, documentReaders, documentTiers } from "../../core/enums";
import { assets, packages } from "./assets";
import { organisations, users } from "./identity";
import { listings, registrations } from "./listings";
import { at, createdAt, id } from "./columns";

export const documentTier = pgEnum("document_tier", documentTiers);

export const documentAccessAction = pgEnum("document_access_action", documentAccessActions);

export const documentReader = pgEnum("document_reader", documentReaders);

/**
 * A file in a data room: of one asset, one package or one listing. The bytes live in the file
 * store under a random key; the row keeps the type read from the content and the SHA-256.
 */
export const documents = pgTable(
  "documents",
  {
    id: id(),
    sellerOrgId: uuid("seller_org_id")
      .notNull()
      .references(() => organisations.id),
    assetId: uuid("asset_id").references(() => assets.id),
    packageId: uuid("package_id").references(() => packages.id),
    listingId: uuid("listing_id").references(() => listings.id),
    tier: documentTier("tier").notNull(),
    title: text("title").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    /** A photo shown on the lot's cards and page (public images only). */
    cover: boolean("cover").notNull().default(false),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    removedAt: at("removed_at"),
    removedBy: uuid("removed_by").references(() => users.id),
  },
  (t) => [
    check(
      "documents_one_room",
      sql`(${t.assetId} is not null)::int + (${t.packageId} is not null)::int + (${t.listingId} is not null)::int = 1`,
    ),
    check("documents_cover_public_image", sql`not ${t.cover} or (${t.tier} = 'public' and ${t.contentType} like 'image/%')`),
    index("documents_asset_idx").on(t.assetId),
    index("documents_package_idx").on(t.packageId),
    index("documents_listing_idx").on(t.listingId),
  ],
);

/**
 * Each opening of a data room's document by a signed-in reader: who (the bidder's registration
 * when an investor read it through a listing), what and when. The seller reads bidder codes only
 * until the listing closes.
 */
export const documentAccess = pgTable(
  "document_access",
  {
    id: id(),
    /** The document opened; null for the package's loan tape, which is made from its loans when asked for. */
    documentId: uuid("document_id").references(() => documents.id),
    listingId: uuid("listing_id").references(() => listings.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    registrationId: uuid("registration_id").references(() => registrations.id),
    /** In what standing the reader opened it; decides how the seller's access log names them. */
    reader: documentReader("reader").notNull(),
    action: documentAccessAction("action").notNull(),
    watermarked: boolean("watermarked").notNull().default(false),
    at: at("at").notNull(),
  },
  (t) => [
    check("document_access_what", sql`${t.documentId} is not null or ${t.listingId} is not null`),
    index("document_access_document_idx").on(t.documentId, t.at),
    index("document_access_listing_idx").on(t.listingId, t.at),
  ],
);

/**
 * A registrant's question about a listing and the seller's answer. An answer is published to
 * every approved registrant at once; the asker is named to nobody but the seller (by bidder code).
 */
export const questions = pgTable(
  "questions",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    askedBy: uuid("asked_by")
      .notNull()
      .references(() => users.id),
    question: text("question").notNull(),
    askedAt: at("asked_at").notNull(),
    answer: text("answer"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: at("answered_at"),
  },
  (t) => [index("questions_listing_idx").on(t.listingId, t.askedAt)],
);

export type DocumentRow = typeof documents.$inferSelect;
