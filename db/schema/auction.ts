import { index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { listings, registrations } from "./listings";
import { at, id, money } from "./columns";
import { bidKinds, negotiationParties, offerStatuses } from "../../core/enums";

export const bidKind = pgEnum("bid_kind", bidKinds);

/** Append-only: a bid once accepted is never changed. `seq` orders the bids of one listing. */
export const bids = pgTable(
  "bids",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    seq: integer("seq").notNull(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    amount: money("amount").notNull(),
    kind: bidKind("kind").notNull().default("manual"),
    idempotencyKey: text("idempotency_key"),
    placedAt: at("placed_at").notNull(),
  },
  (t) => [
    uniqueIndex("bids_listing_seq_key").on(t.listingId, t.seq),
    uniqueIndex("bids_registration_key_key").on(t.registrationId, t.idempotencyKey),
    index("bids_registration_idx").on(t.registrationId),
  ],
);

export type Bid = typeof bids.$inferSelect;

/**
 * A bidder's standing maximum: the engine bids for them only as much as needed to lead.
 * One per registration; clearing deletes it (the audit log keeps the history).
 */
export const proxyBids = pgTable(
  "proxy_bids",
  {
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    maximum: money("maximum").notNull(),
    setAt: at("set_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.registrationId] })],
);

export type ProxyBidRow = typeof proxyBids.$inferSelect;

/**
 * A sealed tender bid: one per registration, replaceable until the deadline. The amount is stored
 * only encrypted (AES-256-GCM under a key derived per listing from the sealing key), so neither a page, an API nor a
 * database reader can learn it before the opening; `openedAmount` is written at the opening.
 */
export const sealedBids = pgTable(
  "sealed_bids",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    /** SHA-256 receipt over listing, amount, bidder code and salt (server/sale-modes/tender/rules.ts). */
    commitment: text("commitment").notNull(),
    sealed: text("sealed").notNull(),
    /** Which sealing key encrypted `sealed` (server/sale-modes/tender/sealing.ts): keys rotate while tenders run. */
    keyId: text("key_id").notNull().default("legacy"),
    submittedAt: at("submitted_at").notNull(),
    replacements: integer("replacements").notNull().default(0),
    openedAmount: money("opened_amount"),
    /** The tender round the standing bid was made in: 2 for a "best and final" bid. */
    round: integer("round").notNull().default(1),
  },
  (t) => [uniqueIndex("sealed_bids_listing_registration_key").on(t.listingId, t.registrationId)],
);

export type SealedBidRow = typeof sealedBids.$inferSelect;

export const negotiationParty = pgEnum("negotiation_party", negotiationParties);
export const offerStatus = pgEnum("offer_status", offerStatuses);

/**
 * A negotiated transfer's private thread (协议转让): offers and counter-offers between the seller
 * and its one counterparty. An offer binds its maker until it is answered or expires.
 */
export const negotiationOffers = pgTable(
  "negotiation_offers",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    party: negotiationParty("party").notNull(),
    amount: money("amount").notNull(),
    expiresAt: at("expires_at").notNull(),
    status: offerStatus("status").notNull().default("open"),
    madeBy: uuid("made_by").notNull(),
    createdAt: at("created_at").notNull(),
    answeredAt: at("answered_at"),
  },
  (t) => [index("negotiation_offers_listing_idx").on(t.listingId, t.createdAt)],
);

export type NegotiationOffer = typeof negotiationOffers.$inferSelect;
