import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { assets, packages } from "./assets";
import { organisations, role, users } from "./identity";
import { at, createdAt, currency, id, money } from "./columns";
import type { ScreeningMatch } from "../../core/screening";
import {
  listingModes,
  listingStatuses,
  auctionOutcomes,
  tenderPricings,
  registrationStatuses,
  approvalDecisions,
  objectionStatuses,
  notificationKinds,
  mailStatuses,
} from "../../core/enums";

export const listingMode = pgEnum("listing_mode", listingModes);

export const listingStatus = pgEnum("listing_status", listingStatuses);

export const auctionOutcome = pgEnum("auction_outcome", auctionOutcomes);

export const tenderPricing = pgEnum("tender_pricing", tenderPricings);

export const listings = pgTable(
  "listings",
  {
    id: id(),
    sellerOrgId: uuid("seller_org_id")
      .notNull()
      .references(() => organisations.id),
    assetId: uuid("asset_id").references(() => assets.id),
    packageId: uuid("package_id").references(() => packages.id),
    /** The title in English and in Chinese: one at least, each shown to readers of its language, the other when it is missing. */
    titleEn: text("title_en"),
    titleZh: text("title_zh"),
    /** The title to show where no reader's language applies (logs, audit, e-mail subjects): the English one, else the Chinese. */
    title: text("title")
      .notNull()
      .generatedAlwaysAs(sql`coalesce(title_en, title_zh)`),
    /** The summary in English and in Chinese; either may be empty. */
    summary: text("summary").notNull().default(""),
    summaryZh: text("summary_zh").notNull().default(""),
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
    /** Designated purchase: the investor organisation the seller names to commit a floor before the announcement. */
    designatedOrgId: uuid("designated_org_id").references(() => organisations.id),
    /** The floor the designated investor committed to; it is the starting price. */
    designatedFloor: money("designated_floor"),
    /** Registration was extended once because fewer than two bidders had registered. */
    registrationExtendedAt: at("registration_extended_at"),
    /** Fixed-price sale (变卖): the first taker's commitment opens a window of this length for higher bids. */
    firstBidWindowSeconds: integer("first_bid_window_seconds"),
    /** The sale round: 1 for a first listing, then one more for each re-listing after a failure. */
    round: integer("round").notNull().default(1),
    /** The failed listing this round follows. */
    previousListingId: uuid("previous_listing_id"),
    /** Negotiated transfer (协议转让): why the lot is not offered in open competition; reviewed at the top tier. */
    negotiationJustification: text("negotiation_justification"),
    /** Negotiated transfer: the one investor organisation the seller negotiates with. */
    counterpartyOrgId: uuid("counterparty_org_id").references(() => organisations.id),
    /** Sealed tender: invite the top N bidders of the first opening to a "best and final" round. */
    bestAndFinalTopN: integer("best_and_final_top_n"),
    /** Sealed tender: 1, or 2 while the best-and-final round runs. */
    tenderRound: integer("tender_round").notNull().default(1),
    /** Runner-up offer after the winner defaulted: who defaulted, and the runner-up offered the lot at its own last bid. */
    defaultedRegistrationId: uuid("defaulted_registration_id"),
    runnerUpRegistrationId: uuid("runner_up_registration_id"),
    runnerUpPrice: money("runner_up_price"),
    runnerUpDeadline: at("runner_up_deadline"),
    outcome: auctionOutcome("outcome"),
    winnerRegistrationId: uuid("winner_registration_id"),
    hammerPrice: money("hammer_price"),
    bidCount: integer("bid_count").notNull().default(0),
    lastSeq: integer("last_seq").notNull().default(0),
    antiSnipingWindowSeconds: integer("anti_sniping_window_seconds").notNull().default(300),
    antiSnipingExtensionSeconds: integer("anti_sniping_extension_seconds").notNull().default(300),
    maxExtensions: integer("max_extensions"),
    /** A single bid may be at most this many times the current price (the start before any bid). */
    maxBidMultiple: integer("max_bid_multiple").notNull().default(5),
    extensionCount: integer("extension_count").notNull().default(0),
    balanceDueDays: integer("balance_due_days").notNull().default(10),
    specialTerms: text("special_terms").notNull().default(""),
    tenderPricing: tenderPricing("tender_pricing").notNull().default("first_price"),
    /** Why the start may sit below 70% of the latest valuation; such a listing needs the top approval tier. */
    valuationExceptionReason: text("valuation_exception_reason"),
    /** Declared right-of-first-refusal holders (优先购买权人) with their rank; they still register to bid. */
    rightOfFirstRefusalHolders: jsonb("right_of_first_refusal_holders")
      .$type<{ name: string; rank: number }[]>()
      .notNull()
      .default([]),
    createdBy: uuid("created_by").references(() => users.id),
    /** Each submission for review is a new round; approvals count only within their round. */
    reviewRound: integer("review_round").notNull().default(0),
    submittedAt: at("submitted_at"),
    /** The version of the terms and NDA bidders accept: it rises with every submission. */
    termsVersion: integer("terms_version").notNull().default(1),
    disclosureCheckedAt: at("disclosure_checked_at"),
    disclosureCheckedBy: uuid("disclosure_checked_by").references(() => users.id),
    announcedAt: at("announced_at"),
    /** Bidding may not open before the announcement period ends. */
    announcementEndsAt: at("announcement_ends_at"),
    /** While suspended: the status to resume to, and since when. */
    suspendedFrom: listingStatus("suspended_from"),
    suspendedAt: at("suspended_at"),
    startsAt: at("starts_at"),
    endsAt: at("ends_at"),
    originalEndsAt: at("original_ends_at"),
    closedAt: at("closed_at"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
    /** The public list's order (server/listings/read-models/listings.ts), kept by the database: live first, then announced, then the rest. */
    publicRank: integer("public_rank")
      .notNull()
      .generatedAlwaysAs(sql`case status when 'live' then 0 when 'announced' then 1 else 2 end`),
    /** The end still to come of a live or announced listing, which the public list sorts by; null for the rest. */
    comingEnd: at("coming_end").generatedAlwaysAs(sql`case when status in ('live', 'announced') then ends_at end`),
  },
  (t) => [
    check("listings_one_lot", sql`(${t.assetId} is null) <> (${t.packageId} is null)`),
    check("listings_prices_positive", sql`${t.startingPrice} > 0 and ${t.increment} > 0 and ${t.deposit} >= 0`),
    check("listings_max_bid_multiple_sane", sql`${t.maxBidMultiple} between 2 and 100`),
    index("listings_status_idx").on(t.status, t.endsAt),
    index("listings_seller_idx").on(t.sellerOrgId),
    index("listings_previous_idx").on(t.previousListingId),
    index("listings_public_order_idx").on(
      t.publicRank,
      t.comingEnd.asc().nullsLast(),
      t.endsAt.desc().nullsLast(),
      t.createdAt.desc(),
      t.id,
    ),
  ],
);

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
    /** What the holder offers as proof of its right (a contract, a court order), for the operator. */
    rightOfFirstRefusalProof: text("right_of_first_refusal_proof"),
    /** The bidder's legal name and ID or credit code: personal data, sealed (server/privacy/vault.ts), seen by operators only. */
    applicantNameSealed: text("applicant_name"),
    applicantIdNumberSealed: text("applicant_id_number"),
    /** Barred-buyer categories the applicant declared it does not fall into. */
    attestations: jsonb("attestations").$type<string[]>().notNull().default([]),
    screening: jsonb("screening").$type<ScreeningMatch[]>().notNull().default([]),
    termsVersion: integer("terms_version"),
    termsAcceptedAt: at("terms_accepted_at"),
    ndaAcceptedAt: at("nda_accepted_at"),
    /** The bidder's own bank's reference for its deposit transfer, if it gave one: a help to the operator; the deposit itself is in `deposits`. */
    depositReference: text("deposit_reference"),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    createdAt: createdAt(),
    decidedAt: at("decided_at"),
  },
  (t) => [
    uniqueIndex("registrations_listing_org_key").on(t.listingId, t.organisationId),
    uniqueIndex("registrations_listing_code_key").on(t.listingId, t.bidderCode),
    index("registrations_status_idx").on(t.status),
  ],
);

/**
 * Tiered approval (按权限审批): a seller's listing worth at least `minValue` needs this many
 * approvals from members with this role. The highest tier at or below the value applies.
 */
export const approvalTiers = pgTable(
  "approval_tiers",
  {
    id: id(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    minValue: money("min_value").notNull(),
    approvalsRequired: integer("approvals_required").notNull(),
    role: role("role").notNull().default("approver"),
  },
  (t) => [
    uniqueIndex("approval_tiers_org_value_key").on(t.organisationId, t.minValue),
    check("approval_tiers_sane", sql`${t.minValue} >= 0 and ${t.approvalsRequired} between 1 and 10`),
  ],
);

export const approvalDecision = pgEnum("approval_decision", approvalDecisions);

/** One reviewer's decision in one review round (集体审议). */
export const listingApprovals = pgTable(
  "listing_approvals",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    round: integer("round").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: role("role").notNull(),
    decision: approvalDecision("decision").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("listing_approvals_round_user_key").on(t.listingId, t.round, t.userId)],
);

/** The public disposal announcement (处置公告), frozen as published in both languages. */
export const announcements = pgTable(
  "announcements",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    publishedAt: at("published_at").notNull(),
    endsAt: at("ends_at").notNull(),
    periodDays: integer("period_days").notNull(),
    workingDays: boolean("working_days").notNull(),
    titleEn: text("title_en").notNull(),
    titleZh: text("title_zh").notNull(),
    bodyEn: text("body_en").notNull(),
    bodyZh: text("body_zh").notNull(),
    publishedBy: uuid("published_by").references(() => users.id),
  },
  (t) => [uniqueIndex("announcements_listing_key").on(t.listingId), index("announcements_published_idx").on(t.publishedAt)],
);

export const objectionStatus = pgEnum("objection_status", objectionStatuses);

/** An objection (异议) filed during the announcement period. The objector stays private; the outcome is public. */
export const objections = pgTable(
  "objections",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reasons: text("reasons").notNull(),
    status: objectionStatus("status").notNull().default("open"),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: at("decided_at"),
    createdAt: createdAt(),
  },
  (t) => [index("objections_listing_idx").on(t.listingId), index("objections_status_idx").on(t.status)],
);

export const objectionAttachments = pgTable("objection_attachments", {
  id: id(),
  objectionId: uuid("objection_id")
    .notNull()
    .references(() => objections.id),
  fileName: text("file_name").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  /** Where the file store keeps it; never a path the user chose. */
  storageKey: text("storage_key").notNull(),
  createdAt: createdAt(),
});

export const watchlist = pgTable(
  "watchlist",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.listingId] })],
);

export const mailStatus = pgEnum("mail_status", mailStatuses);
export const notificationKind = pgEnum("notification_kind", notificationKinds);

/** In-app notifications: what happened, to whom; the text is rendered in the reader's language. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: notificationKind("kind").notNull(),
    listingId: uuid("listing_id").references(() => listings.id),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    readAt: at("read_at"),
    /** Its e-mail (server/notifications/mail.ts): waiting, sent, kept in the outbox where no SMTP server is set, or failed. */
    mailStatus: mailStatus("mail_status").notNull().default("queued"),
    mailAttempts: integer("mail_attempts").notNull().default(0),
    /** Not tried again before this: set when a try is claimed, so a failed or interrupted try waits its turn. */
    mailRetryAt: at("mail_retry_at"),
    mailedAt: at("mailed_at"),
    /** Listed in the app: false for an alert its reader takes by e-mail only. */
    shown: boolean("shown").notNull().default(true),
    /** An alert's identity (core/alerts.ts): each is raised once per reader, whichever node raises it and however often. */
    alertKey: text("alert_key"),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("notifications_alert_key").on(t.userId, t.alertKey),
    index("notifications_mail_queued_idx")
      .on(t.createdAt)
      .where(sql`${t.mailStatus} = 'queued'`),
  ],
);

/** Which alerts a user takes, and how (core/alerts.ts); an alert with no row here takes its defaults. */
export const alertSettings = pgTable(
  "alert_settings",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    alert: text("alert").notNull(),
    inApp: boolean("in_app").notNull(),
    email: boolean("email").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.alert] })],
);

/** A listing's alert once raised to its whole audience ("ending:60", "extended:2"): claimed once, by one node. */
export const listingAlerts = pgTable(
  "listing_alerts",
  {
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    alert: text("alert").notNull(),
    raisedAt: at("raised_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.alert] })],
);

/** Platform-wide settings (one row per key), validated by zod where they are read. */
export const platformSettings = pgTable("platform_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export type Listing = typeof listings.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
export type ApprovalTier = typeof approvalTiers.$inferSelect;
export type ListingApproval = typeof listingApprovals.$inferSelect;
export type Announcement = typeof announcements.$inferSelect;
export type Objection = typeof objections.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
