/**
 * The words of the public contract: the same in the database, the API and the screens
 * (docs/architecture.md "The public API"). Pure data, imported by db/schema for its enums.
 */

export const assetKinds = ["claim", "real_estate", "movable", "equity", "foreclosed"] as const;

/** Five-level loan classification (五级分类); the last three are non-performing. */
export const classifications = ["normal", "special_mention", "substandard", "doubtful", "loss"] as const;

export const securityTypes = ["unsecured", "collateral", "guaranteed"] as const;

export const litigationStatuses = [
  "none",
  "in_litigation",
  "judgment_obtained",
  "in_enforcement",
  "enforcement_terminated",
] as const;

export const partyRoles = ["borrower", "guarantor"] as const;

export const partyKinds = ["person", "company"] as const;

/** What secures a claim, and the details of real estate and foreclosed assets (core/contract/assets.ts). */
export const collateralTypes = [
  "residential",
  "commercial",
  "industrial",
  "land_use_right",
  "vehicle",
  "machinery",
  "equity",
  "receivables",
  "deposit",
  "other",
] as const;
export const realEstateUses = ["residential", "commercial", "industrial", "office", "land", "mixed", "other"] as const;
export const occupancies = ["vacant", "owner_occupied", "leased", "occupied_without_right", "unknown"] as const;
export const foreclosureMethods = ["court_ruling", "settlement_agreement", "voluntary_transfer", "other"] as const;

/** Where a loan tape stands: read and checked, then applied to the seller's book (docs/domain.md "Loan tapes"). */
export const tapeStatuses = ["validating", "invalid", "valid", "applied", "cancelled"] as const;

export const bidKinds = ["manual", "proxy"] as const;

export const negotiationParties = ["seller", "investor"] as const;

export const offerStatuses = ["open", "countered", "accepted", "expired"] as const;

export const organisationKinds = ["bank", "amc", "pawn", "guarantee", "micro_lender", "fund", "individual", "platform"] as const;

export const organisationStatuses = ["pending", "approved", "rejected", "suspended"] as const;

export const roles = ["seller_admin", "seller_staff", "investor", "operator", "approver", "valuer"] as const;

/** The public contract's words (docs/architecture.md "The public API"): the same in the database, the API and the code. */
export const listingModes = ["auction", "tender", "negotiated", "designated", "fixed_price"] as const;

export const listingStatuses = [
  "draft",
  "in_review",
  "approved",
  "announced",
  "live",
  "ended",
  "awarded",
  "contracted",
  "paid",
  "closed",
  "failed",
  "suspended",
  "withdrawn",
] as const;

/**
 * After the hammer (docs/domain.md "Closing"): awarded, the transfer agreement signed by both
 * (contracted), the balance in (paid), the files handed over (closed). The lot is sold in each.
 */
export const soldStatuses = [
  "awarded",
  "contracted",
  "paid",
  "closed",
] as const satisfies readonly (typeof listingStatuses)[number][];

/**
 * What a sale's hand-over checklist lists: a document of the lot's data room, the originals every
 * claim's file has, or an item the seller added.
 */
export const handoverItemKinds = [
  "document",
  "original_contracts",
  "security_certificates",
  "litigation_files",
  "collection_records",
  "other",
] as const;

/** The two sides who sign a sale's transfer agreement. */
export const agreementParties = ["seller", "buyer"] as const;

/** How an auction ended (docs/domain.md "Closing, defaults and the runner-up"). */
export const auctionOutcomes = ["sold", "designated_floor", "no_bids", "reserve_not_met"] as const;

/** How a tender's winner pays: its own bid, or the next one (never below the reserve or the start). */
export const tenderPricings = ["first_price", "second_price"] as const;

export const registrationStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;

/** Where a bidder's deposit stands (core/deposits.ts; docs/domain.md "Registration, deposits and who may not bid"). */
export const depositStatuses = ["required", "pending", "held", "applied", "released", "forfeited", "failed", "expired"] as const;

/** Who moves a payment's money: a bank transfer to the platform's escrow account, or Stripe (docs/domain.md "Payments"). */
export const paymentProviders = ["bank_transfer", "stripe"] as const;

/** Where word of money received came from: an operator's record, a bank statement's line, Stripe. */
export const receiptSources = ["operator", "statement", "stripe"] as const;

/** What became of a bank statement's line (core/statement-matching.ts). */
export const statementLineOutcomes = [
  "matched",
  "amount_mismatch",
  "currency_mismatch",
  "unknown_reference",
  "settled",
  "duplicate",
  "outgoing",
] as const;

/** Money the platform owes back: `due` until the bank's (or Stripe's) reference of the transfer back is recorded. */
export const refundStatuses = ["due", "sent"] as const;

/** Why money goes back: a deposit released, the part of a payment over what was owed, money that came after its purpose was settled. */
export const refundReasons = ["released", "overpaid", "late"] as const;

export const approvalDecisions = ["approved", "returned"] as const;

export const objectionStatuses = ["open", "upheld", "dismissed"] as const;

export const notificationKinds = [
  "announcement_published",
  "registration_decided",
  "bidding_opened",
  "objection_upheld",
  "objection_decided",
  "listing_returned",
  "listing_approved",
  "review_requested",
  "listing_suspended",
  "listing_resumed",
  "listing_withdrawn",
  "designated_commitment_requested",
  "registration_extended",
  "listing_relisted",
  "offer_received",
  "offer_accepted",
  "runner_up_offered",
  "best_and_final_invited",
  "sign_in_failures",
  "question_asked",
  "question_answered",
  "deposit_held",
  "deposit_released",
  "deposit_forfeited",
  "refund_sent",
  "auction_won",
  "auction_lost",
  "listing_sold",
  "balance_reminder",
  "balance_paid",
  "agreement_signed",
  "handover_delivered",
  "sale_completed",
  "debtor_notice_published",
  // Alerts (core/alerts.ts): sent only as each reader chose.
  "outbid",
  "auction_ending",
  "auction_extended",
] as const;

export type AssetKind = (typeof assetKinds)[number];
export type AgreementParty = (typeof agreementParties)[number];
export type HandoverItemKind = (typeof handoverItemKinds)[number];
export type Role = (typeof roles)[number];
export type OrganisationKind = (typeof organisationKinds)[number];
export type ListingMode = (typeof listingModes)[number];
export type ListingStatus = (typeof listingStatuses)[number];
export type NotificationKind = (typeof notificationKinds)[number];

/** A notification's e-mail: waiting, sent, kept in the outbox (no SMTP server), given up after repeated failures, or not wanted (an alert its reader takes in the app only). */
export const mailStatuses = ["queued", "sent", "kept", "failed", "off"] as const;

/**
 * Who may open a document of a data room (docs/domain.md "The data room"): anyone once the listing
 * is public; its approved registrants; or only those of them who accepted its NDA.
 */
export const documentTiers = ["public", "registered", "nda"] as const;

/** What a data room keeps, told by the file's content: the type names it is served with. */
export const documentTypes = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/csv",
] as const;

/** What a reader did with a data room's document: looked at it in the browser, or took a copy. */
export const documentAccessActions = ["view", "download"] as const;

/** Who opened a data room's document: a listing's bidder, a signed-in visitor (public tier), the seller's staff, an operator. */
export const documentReaders = ["bidder", "visitor", "seller", "operator"] as const;
export type DocumentReader = (typeof documentReaders)[number];
