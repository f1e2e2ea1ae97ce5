import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { listings } from "./listings";
import { users } from "./identity";
import { sales } from "./payments";
import { at, id } from "./columns";
import { agreementParties, handoverItemKinds } from "../../core/enums";
import { documents } from "./documents";

export const agreementParty = pgEnum("agreement_party", agreementParties);

/**
 * A sale's transfer agreement (docs/domain.md "Closing"), one version at a time: the text as
 * issued, its SHA-256, and a digest of the facts it was written from. When the facts change the
 * version is voided and a new one issued; signatures belong to the version they signed.
 */
export const agreements = pgTable(
  "agreements",
  {
    id: id(),
    saleId: uuid("sale_id")
      .notNull()
      .references(() => sales.id),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    sha256: text("sha256").notNull(),
    factsDigest: text("facts_digest").notNull(),
    issuedAt: at("issued_at").notNull(),
    voidedAt: at("voided_at"),
    voidReason: text("void_reason"),
  },
  (t) => [
    uniqueIndex("agreements_sale_version_key").on(t.saleId, t.version),
    uniqueIndex("agreements_sale_current_key")
      .on(t.saleId)
      .where(sql`${t.voidedAt} is null`),
    index("agreements_listing_idx").on(t.listingId),
  ],
);

/** One side's signature of one version: who, the name they typed, when, from where, and the digest they saw. */
export const agreementSignatures = pgTable(
  "agreement_signatures",
  {
    id: id(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    party: agreementParty("party").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    ip: text("ip").notNull(),
    sha256: text("sha256").notNull(),
    signedAt: at("signed_at").notNull(),
  },
  (t) => [uniqueIndex("agreement_signatures_party_key").on(t.agreementId, t.party)],
);

export type Agreement = typeof agreements.$inferSelect;
export type AgreementSignature = typeof agreementSignatures.$inferSelect;

export const handoverItemKind = pgEnum("handover_item_kind", handoverItemKinds);

/**
 * The hand-over checklist of a sale (docs/domain.md "Closing"): each file the seller delivers, from
 * the lot's data room or the originals every claim has, ticked by the seller and confirmed by the
 * buyer. The last confirmation of a paid sale closes the listing.
 */
export const handoverItems = pgTable(
  "handover_items",
  {
    id: id(),
    saleId: uuid("sale_id")
      .notNull()
      .references(() => sales.id),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    kind: handoverItemKind("kind").notNull(),
    /** A data-room document's title, or what the seller added; null for the standard kinds, named in the reader's language. */
    label: text("label"),
    documentId: uuid("document_id").references(() => documents.id),
    position: integer("position").notNull(),
    deliveredAt: at("delivered_at"),
    deliveredBy: uuid("delivered_by").references(() => users.id),
    confirmedAt: at("confirmed_at"),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    index("handover_items_sale_idx").on(t.saleId, t.position),
    uniqueIndex("handover_items_document_key")
      .on(t.saleId, t.documentId)
      .where(sql`${t.documentId} is not null`),
  ],
);

export type HandoverItem = typeof handoverItems.$inferSelect;

/**
 * The public notice of a sold listing's assignment to its debtors, once: its text as published
 * (companies named, natural persons masked), its digest, who published it and when. The date
 * matters: a notice that demands payment interrupts the limitation period.
 */
export const debtorNotices = pgTable(
  "debtor_notices",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    saleId: uuid("sale_id")
      .notNull()
      .references(() => sales.id),
    number: text("number").notNull(),
    text: text("text").notNull(),
    sha256: text("sha256").notNull(),
    publishedAt: at("published_at").notNull(),
    publishedBy: uuid("published_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("debtor_notices_listing_key").on(t.listingId)],
);

export type DebtorNotice = typeof debtorNotices.$inferSelect;
