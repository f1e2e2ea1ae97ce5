import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { assets, packages } from "./assets";
import { organisations, users } from "./identity";
import { at, createdAt, currency, id, money } from "./columns";

/** The public contract's words (DESIGN.md): the same in the database, the API and the code. */
export const listingModes = ["auction", "tender", "negotiated", "designated", "fixed_price"] as const;
export const listingMode = pgEnum("listing_mode", listingModes);

export const listingStatuses = [
  "draft",
  "in_review",
  "approved",
  "announced",
  "live",
  "ended",
  "awarded",
  "closed",
  "failed",
  "suspended",
  "withdrawn",
] as const;
export const listingStatus = pgEnum("listing_status", listingStatuses);

/** How an auction ended (DOMAIN.md "Closing"). */
export const auctionOutcomes = ["sold", "designated_floor", "no_bids", "reserve_not_met"] as const;
export const auctionOutcome = pgEnum("auction_outcome", auctionOutcomes);

export const listings = pgTable(
  "listings",
  {
    id: id(),
    sellerOrgId: uuid("seller_org_id")
      .notNull()
      .references(() => organisations.id),
    assetId: uuid("asset_id").references(() => assets.id),
    packageId: uuid("package_id").references(() => packages.id),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    mode: listingMode("mode").notNull().default("auction"),
    status: listingStatus("status").notNull().default("draft"),
    currency: currency(),
    startingPrice: money("starting_price").notNull(),
    /** Hidden: the public only learns whether it is met. */
    reservePrice: money("reserve_price"),
    increment: money("increment").notNull(),
    deposit: money("deposit").notNull(),
    currentPrice: money("current_price"),
    leaderRegistrationId: uuid("leader_registration_id"),
    /** When the leader committed to the bid it leads with: the earlier of equal standing bids leads. */
    leadAt: at("lead_at"),
    /** Designated purchase: the investor that committed to buy at the starting price. */
    designatedRegistrationId: uuid("designated_registration_id"),
    outcome: auctionOutcome("outcome"),
    winnerRegistrationId: uuid("winner_registration_id"),
    hammerPrice: money("hammer_price"),
    bidCount: integer("bid_count").notNull().default(0),
    lastSeq: integer("last_seq").notNull().default(0),
    antiSnipingWindowSeconds: integer("anti_sniping_window_seconds").notNull().default(300),
    antiSnipingExtensionSeconds: integer("anti_sniping_extension_seconds").notNull().default(300),
    maxExtensions: integer("max_extensions"),
    extensionCount: integer("extension_count").notNull().default(0),
    balanceDueDays: integer("balance_due_days").notNull().default(10),
    announcedAt: at("announced_at"),
    startsAt: at("starts_at"),
    endsAt: at("ends_at"),
    originalEndsAt: at("original_ends_at"),
    closedAt: at("closed_at"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("listings_one_lot", sql`(${t.assetId} is null) <> (${t.packageId} is null)`),
    check("listings_prices_positive", sql`${t.startingPrice} > 0 and ${t.increment} > 0 and ${t.deposit} >= 0`),
    index("listings_status_idx").on(t.status, t.endsAt),
    index("listings_seller_idx").on(t.sellerOrgId),
  ],
);

export const registrationStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;
export const registrationStatus = pgEnum("registration_status", registrationStatuses);

export const registrations = pgTable(
  "registrations",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    status: registrationStatus("status").notNull().default("pending"),
    /** 竞买号: the only name a bidder has in public until the close. */
    bidderCode: text("bidder_code"),
    /** Right-of-first-refusal rank (1 = highest); null for ordinary bidders. */
    rightOfFirstRefusalRank: integer("right_of_first_refusal_rank"),
    createdAt: createdAt(),
    decidedAt: at("decided_at"),
  },
  (t) => [
    uniqueIndex("registrations_listing_org_key").on(t.listingId, t.organisationId),
    uniqueIndex("registrations_listing_code_key").on(t.listingId, t.bidderCode),
  ],
);

export type Listing = typeof listings.$inferSelect;
export type ListingMode = (typeof listingModes)[number];
export type ListingStatus = (typeof listingStatuses)[number];
export type Registration = typeof registrations.$inferSelect;
