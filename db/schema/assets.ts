import { date, index, integer, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./identity";
import { createdAt, currency, id, money } from "./columns";
import { assetKinds, classifications, securityTypes, litigationStatuses, partyRoles, partyKinds } from "../../core/enums";

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
    /** Claims: what the borrower owes. Other kinds: null. */
    principal: money("principal"),
    accruedInterest: money("accrued_interest"),
    fees: money("fees"),
    appraisedValue: money("appraised_value"),
    classification: classification("classification"),
    security: securityType("security"),
    litigationStatus: litigationStatus("litigation_status"),
    /** Legal clocks that must not lapse: 诉讼时效, 保证期间, 申请执行期限. */
    limitationExpiresOn: date("limitation_expires_on"),
    guaranteeExpiresOn: date("guarantee_expires_on"),
    enforcementDeadline: date("enforcement_deadline"),
    createdAt: createdAt(),
  },
  (t) => [index("assets_seller_idx").on(t.sellerOrgId)],
);

export const partyRole = pgEnum("party_role", partyRoles);
export const partyKind = pgEnum("party_kind", partyKinds);

/**
 * Borrowers and guarantors: personal data. Kept apart from `assets` so that no public query
 * can pick it up by accident; only masked forms leave the server for the public.
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
    name: text("name").notNull(),
    idNumber: text("id_number").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("asset_parties_asset_idx").on(t.assetId)],
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
