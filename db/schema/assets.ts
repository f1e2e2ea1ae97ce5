import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./identity";
import { tapes } from "./tapes";
import { at, createdAt, currency, id, money } from "./columns";
import { assetKinds, classifications, collateralTypes, securityTypes, litigationStatuses, partyRoles, partyKinds } from "../../core/enums";
import { documentKinds } from "../../core/identity/documents";

export const assetKind = pgEnum("asset_kind", assetKinds);

export const classification = pgEnum("classification", classifications);

export const securityType = pgEnum("security_type", securityTypes);

export const litigationStatus = pgEnum("litigation_status", litigationStatuses);

export const assets = pgTable(
  "assets",
  {
    id: id(),
    sellerOrgId: uuid("seller_org_id")
      .notNull()
      .references(() => organisations.id),
    kind: assetKind("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    region: text("region").notNull(),
    currency: currency(),
    /** Claims: the seller's own loan id, which a later tape of the same loans matches on. */
    loanId: text("loan_id"),
    /** Claims: what the borrower owes, each part apart. Other kinds: null. */
    principal: money("principal"),
    accruedInterest: money("accrued_interest"),
    penaltyInterest: money("penalty_interest"),
    fees: money("fees"),
    originatedOn: date("originated_on"),
    defaultedOn: date("defaulted_on"),
    appraisedValue: money("appraised_value"),
    classification: classification("classification"),
    security: securityType("security"),
    litigationStatus: litigationStatus("litigation_status"),
    court: text("court"),
    caseNumber: text("case_number"),
    /** Legal clocks that must not lapse: 诉讼时效, 保证期间, 申请执行期限. */
    limitationExpiresOn: date("limitation_expires_on"),
    guaranteeExpiresOn: date("guarantee_expires_on"),
    enforcementDeadline: date("enforcement_deadline"),
    industry: text("industry"),
    /** The loan officers who made and who investigated the loan: the valuation asks them. */
    originatingOfficer: text("originating_officer"),
    investigatingOfficer: text("investigating_officer"),
    /** Real estate, movables, equity and foreclosed assets: their details, as core/contract/assets.ts reads them. */
    details: jsonb("details").$type<Record<string, unknown>>(),
    archivedAt: at("archived_at"),
    /** The tape that last wrote the asset, if one did. */
    tapeId: uuid("tape_id").references(() => tapes.id),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("assets_seller_idx").on(t.sellerOrgId),
    uniqueIndex("assets_seller_loan_key").on(t.sellerOrgId, t.loanId).where(sql`${t.loanId} is not null`),
  ],
);

export const partyRole = pgEnum("party_role", partyRoles);
export const partyKind = pgEnum("party_kind", partyKinds);

export const documentKind = pgEnum("document_kind", documentKinds);

/**
 * Borrowers and guarantors: personal data. Kept apart from `assets` so that no public query
 * can pick it up by accident; the name and the ID number are stored sealed (server/privacy/vault.ts),
 * with a keyed digest of the number for screening, and only masked forms leave the server for the public.
 */
export const assetParties = pgTable(
  "asset_parties",
  {
    id: id(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id),
    role: partyRole("role").notNull(),
    kind: partyKind("kind").notNull(),
    nameSealed: text("name").notNull(),
    idType: documentKind("id_type"),
    idNumberSealed: text("id_number").notNull(),
    /** What anyone not entitled sees (server/privacy/masking.ts), kept so that public reads never open a sealed value. */
    nameMasked: text("name_masked"),
    idNumberMasked: text("id_number_masked"),
    /** HMAC of the normalised ID number: the barred-buyer screen matches on it without opening anything. */
    idNumberDigest: text("id_number_digest"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("asset_parties_asset_idx").on(t.assetId), index("asset_parties_digest_idx").on(t.idNumberDigest)],
);

export const collateralType = pgEnum("collateral_type", collateralTypes);

/** What secures a claim: one row per item, in the order the seller lists them. */
export const assetCollateral = pgTable(
  "asset_collateral",
  {
    id: id(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id),
    position: integer("position").notNull().default(0),
    type: collateralType("type").notNull(),
    location: text("location").notNull().default(""),
    /** Square metres. */
    area: numeric("area", { precision: 11, scale: 2 }),
    appraisedValue: money("appraised_value"),
    appraisedOn: date("appraised_on"),
    lienRank: integer("lien_rank"),
    certificateNumber: text("certificate_number"),
  },
  (t) => [index("asset_collateral_asset_idx").on(t.assetId)],
);

export const packages = pgTable("packages", {
  id: id(),
  sellerOrgId: uuid("seller_org_id")
    .notNull()
    .references(() => organisations.id),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  currency: currency(),
  createdAt: createdAt(),
});

export const packageAssets = pgTable(
  "package_assets",
  {
    packageId: uuid("package_id")
      .notNull()
      .references(() => packages.id),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.assetId] })],
);

export type Asset = typeof assets.$inferSelect;
export type AssetParty = typeof assetParties.$inferSelect;
export type AssetCollateral = typeof assetCollateral.$inferSelect;
