import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { listings } from "./listings";
import { users } from "./identity";
import { sales } from "./payments";
import { at, id } from "./columns";
import { agreementParties } from "../../core/enums";

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
