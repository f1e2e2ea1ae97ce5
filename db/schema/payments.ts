import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { listings, registrations } from "./listings";
import { organisations, users } from "./identity";
import { at, createdAt, currency, id, money } from "./columns";
import {
  depositStatuses,
  paymentProviders,
  receiptSources,
  refundReasons,
  refundStatuses,
  statementLineOutcomes,
} from "../../core/enums";

export const depositStatus = pgEnum("deposit_status", depositStatuses);
export const paymentProvider = pgEnum("payment_provider", paymentProviders);
export const receiptSource = pgEnum("receipt_source", receiptSources);
export const statementLineOutcome = pgEnum("statement_line_outcome", statementLineOutcomes);
export const refundStatus = pgEnum("refund_status", refundStatuses);
export const refundReason = pgEnum("refund_reason", refundReasons);

/**
 * A registration's deposit (core/deposits.ts): what is asked, what arrived, where it stands. One
 * open deposit per registration; a registration that applies again after a withdrawal gets a new
 * one, the old one kept as it ended.
 */
export const deposits = pgTable(
  "deposits",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    provider: paymentProvider("provider").notNull().default("bank_transfer"),
    /** The platform's payment reference (core/payment-reference.ts), compact. */
    reference: text("reference").notNull(),
    currency: currency(),
    expected: money("expected").notNull(),
    received: money("received")
      .notNull()
      .default(sql`0`),
    status: depositStatus("status").notNull().default("required"),
    /** The provider's handle on the payment (a Stripe PaymentIntent), when it has one. */
    providerRef: text("provider_ref"),
    /** How the provider takes this deposit and where to pay it, once prepared (server/payments/stripe-deposits.ts). */
    providerDetails: jsonb("provider_details").$type<ProviderDetails>(),
    /** When a card hold was captured: the money taken from the hold, at the close for the winner. */
    capturedAt: at("captured_at"),
    heldAt: at("held_at"),
    settledAt: at("settled_at"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deposits_reference_key").on(t.reference),
    uniqueIndex("deposits_open_registration_key")
      .on(t.registrationId)
      .where(sql`${t.status} in ('required', 'pending', 'held')`),
    index("deposits_listing_idx").on(t.listingId, t.status),
    check("deposits_amounts_sane", sql`${t.expected} > 0 and ${t.received} >= 0`),
  ],
);

/**
 * The sale after the hammer (docs/domain.md "Payments"): the buyer, the price, what its deposit
 * holds towards it, and the balance it owes by the due date, with its own payment reference. One
 * per listing and buyer: when a runner-up takes the lot after a default, it has a sale of its own.
 */
export const sales = pgTable(
  "sales",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    price: money("price").notNull(),
    currency: currency(),
    /** The buyer's deposit held when the sale opened: it counts towards the price once the balance is paid. */
    depositHeld: money("deposit_held")
      .notNull()
      .default(sql`0`),
    balanceReference: text("balance_reference").notNull(),
    balanceDue: money("balance_due").notNull(),
    balanceReceived: money("balance_received")
      .notNull()
      .default(sql`0`),
    dueAt: at("due_at").notNull(),
    remindedEarlyAt: at("reminded_early_at"),
    remindedLateAt: at("reminded_late_at"),
    paidAt: at("paid_at"),
    defaultedAt: at("defaulted_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sales_listing_buyer_key").on(t.listingId, t.registrationId),
    uniqueIndex("sales_balance_reference_key").on(t.balanceReference),
    index("sales_due_idx")
      .on(t.dueAt)
      .where(sql`${t.paidAt} is null and ${t.defaultedAt} is null`),
    check(
      "sales_amounts_sane",
      sql`${t.price} > 0 and ${t.balanceDue} >= 0 and ${t.balanceReceived} >= 0 and ${t.depositHeld} >= 0`,
    ),
  ],
);

/**
 * Money received, as reported once by one source: the operator, a bank statement's line, Stripe.
 * The same report twice is the same row (source and external id are unique), so a replayed
 * statement or webhook counts nothing twice. `counted` is false when the money did not go towards
 * its purpose (it came after the deposit was settled): a refund row says where it goes instead.
 */
export const receipts = pgTable(
  "receipts",
  {
    id: id(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    depositId: uuid("deposit_id").references(() => deposits.id),
    /** Set when the money is towards a sale's balance rather than a deposit. */
    saleId: uuid("sale_id").references(() => sales.id),
    source: receiptSource("source").notNull(),
    /** The bank's transaction reference, a statement line's fingerprint, or the provider's id. */
    externalId: text("external_id").notNull(),
    amount: money("amount").notNull(),
    currency: currency(),
    /** The day the bank booked it, as the statement or the operator gives it. */
    bookedOn: date("booked_on", { mode: "string" }),
    counted: boolean("counted").notNull().default(true),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("receipts_source_external_key").on(t.source, t.externalId),
    index("receipts_deposit_idx").on(t.depositId),
    check("receipts_amount_positive", sql`${t.amount} > 0`),
  ],
);

/**
 * Money the platform owes back, and the record that it went. `key` makes each refund happen once:
 * `deposit:<id>:released` for a released deposit, `receipt:<id>:late` for money that came late.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    key: text("key").notNull(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    depositId: uuid("deposit_id").references(() => deposits.id),
    saleId: uuid("sale_id").references(() => sales.id),
    receiptId: uuid("receipt_id").references(() => receipts.id),
    reason: refundReason("reason").notNull(),
    provider: paymentProvider("provider").notNull().default("bank_transfer"),
    amount: money("amount").notNull(),
    currency: currency(),
    status: refundStatus("status").notNull().default("due"),
    /** The bank's reference of the transfer back, or the provider's refund id. */
    sentReference: text("sent_reference"),
    sentAt: at("sent_at"),
    sentBy: uuid("sent_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refunds_key").on(t.key),
    index("refunds_status_idx").on(t.status, t.createdAt),
    index("refunds_registration_idx").on(t.registrationId),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** One bank statement imported by an operator: what it held and what became of it, line by line. */
export const statementImports = pgTable(
  "statement_imports",
  {
    id: id(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    lineCount: integer("line_count").notNull(),
    /** Lines per outcome. */
    counts: jsonb("counts").$type<Record<string, number>>().notNull(),
    importedBy: uuid("imported_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("statement_imports_created_idx").on(t.createdAt)],
);

/**
 * A statement's line as the bank wrote it, and its outcome. The payer's name is personal data of
 * the payer and is sealed; the operator resolves a flagged line by crediting it or refunding it.
 */
export const statementLines = pgTable(
  "statement_lines",
  {
    id: id(),
    importId: uuid("import_id")
      .notNull()
      .references(() => statementImports.id),
    lineNo: integer("line_no").notNull(),
    bookedOn: date("booked_on", { mode: "string" }).notNull(),
    amount: money("amount").notNull(),
    currency: currency(),
    referenceText: text("reference_text").notNull(),
    payerNameSealed: text("payer_name").notNull(),
    /** The line's fingerprint, or the bank's transaction id when the statement has one. */
    externalId: text("external_id").notNull(),
    outcome: statementLineOutcome("outcome").notNull(),
    /** The platform reference found in the line, if any, and the deposit or sale it names. */
    reference: text("reference"),
    depositId: uuid("deposit_id").references(() => deposits.id),
    saleId: uuid("sale_id").references(() => sales.id),
    receiptId: uuid("receipt_id").references(() => receipts.id),
    resolution: text("resolution"),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    resolvedAt: at("resolved_at"),
  },
  (t) => [
    uniqueIndex("statement_lines_import_line_key").on(t.importId, t.lineNo),
    index("statement_lines_open_idx").on(t.outcome, t.resolvedAt),
  ],
);

/**
 * How a Stripe deposit is paid: into the investor's own virtual bank account at Stripe (what it
 * shows, as the payer reads it), or held on a card through Stripe's hosted checkout.
 */
export type ProviderDetails =
  | { method: "bank_transfer"; bank: string; accountName: string; accountNumber: string; reference: string }
  | { method: "card"; attempt: number };

export type Deposit = typeof deposits.$inferSelect;
export type Sale = typeof sales.$inferSelect;
export type Receipt = typeof receipts.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type StatementLine = typeof statementLines.$inferSelect;

/**
 * Each Stripe event received, once (its id is the key): a replayed or duplicated delivery finds its
 * row and changes nothing. `objectId` is what the event is about (a PaymentIntent, a refund).
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    objectId: text("object_id"),
    /** The PaymentIntent the event is about, directly or through a checkout session: what processing reads afresh. */
    paymentIntentId: text("payment_intent_id"),
    /** When Stripe created the event: events arrive in any order, and this orders them. */
    createdAt: at("created_at").notNull(),
    receivedAt: at("received_at").notNull(),
    /** When the event was acted on; null while it waits. */
    processedAt: at("processed_at"),
  },
  (t) => [
    index("stripe_events_waiting_idx")
      .on(t.createdAt)
      .where(sql`${t.processedAt} is null`),
  ],
);

/** The Stripe customer of an investor organisation: created once, its virtual accounts and cards belong to it. */
export const stripeCustomers = pgTable("stripe_customers", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id),
  customerId: text("customer_id").notNull(),
  createdAt: createdAt(),
});

/**
 * A difference between Stripe's record of a deposit's payment and ours, found by reconciliation
 * and listed for operators until it is gone. One open finding per deposit and kind.
 */
export const paymentMismatches = pgTable(
  "payment_mismatches",
  {
    id: id(),
    depositId: uuid("deposit_id")
      .notNull()
      .references(() => deposits.id),
    kind: text("kind").notNull(),
    ours: text("ours").notNull(),
    theirs: text("theirs").notNull(),
    foundAt: at("found_at").notNull(),
    seenAt: at("seen_at").notNull(),
    resolvedAt: at("resolved_at"),
  },
  (t) => [
    uniqueIndex("payment_mismatches_open_key")
      .on(t.depositId, t.kind)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

export type PaymentMismatch = typeof paymentMismatches.$inferSelect;
