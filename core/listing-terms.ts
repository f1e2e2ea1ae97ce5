import { z } from "zod";
import { listingModes, tenderPricings } from "./enums";
import { BID_AMOUNT_MAX, MAX_BID_MULTIPLE_RANGE } from "./price-grid";
import { positiveAmount } from "./money";

/**
 * A listing's terms: the shape every boundary accepts (money as integer minor units in a decimal
 * string), the defaults a new listing starts from (docs/domain.md "Bidding rules"), and the trade's cross-field rules.
 */

/**
 * The highest starting price: one the largest multiple may still bid up from within the 18 digits
 * a bid may name (about 100 trillion yuan), so no listing starts where bidding cannot go on.
 */
export const MAX_STARTING_PRICE = BID_AMOUNT_MAX / BigInt(MAX_BID_MULTIPLE_RANGE.max);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** A title in one language: 5 to 200 characters, or empty (null) when only the other language is given. */
const titleText = z
  .string()
  .trim()
  .max(200, { message: "Use 5 to 200 characters" })
  .refine((v) => v === "" || [...v].length >= 5, { message: "Use 5 to 200 characters" })
  .nullish()
  .transform((v) => (v ? v : null));

export const listingTermsSchema = z
  .object({
    assetId: z.uuid().nullish(),
    packageId: z.uuid().nullish(),
    /** The title in English and in Chinese: one is required, the other shown to its readers when given. */
    title: titleText,
    titleZh: titleText,
    summary: z.string().trim().max(4000).default(""),
    summaryZh: z.string().trim().max(4000).default(""),
    mode: z.enum(listingModes).default("auction"),
    /** Sealed tender: the winner pays its own bid, or the next one. */
    tenderPricing: z.enum(tenderPricings).default("first_price"),
    /** Designated purchase: the investor organisation that is to commit its floor before the announcement. */
    designatedOrgId: z.uuid({ message: "Choose the designated investor" }).nullish(),
    /** Negotiated transfer: the one investor organisation the seller negotiates with, and why not in open competition. */
    counterpartyOrgId: z.uuid({ message: "Choose the counterparty" }).nullish(),
    negotiationJustification: optionalText(4000),
    /** Sealed tender: invite the top N of the first opening to a "best and final" round (none when empty). */
    bestAndFinalTopN: z.coerce.number().int().min(2).max(10).nullish(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, { message: "Use a three-letter currency code" })
      .default("CNY"),
    startingPrice: positiveAmount("starting price").refine((v) => v <= MAX_STARTING_PRICE, {
      message: `The starting price may be at most ${MAX_STARTING_PRICE} minor units`,
    }),
    reservePrice: positiveAmount("reserve price").nullish(),
    increment: positiveAmount("increment"),
    deposit: positiveAmount("deposit"),
    antiSnipingWindowMinutes: z.coerce.number().int().min(1).max(60).default(5),
    antiSnipingExtensionMinutes: z.coerce.number().int().min(1).max(60).default(5),
    maxExtensions: z.coerce.number().int().min(1).max(1000).nullish(),
    /**
     * A single bid (or automatic-bidding maximum) may be at most this many times the current
     * price, the start before the first bid. A new listing without one gets 5; a draft saved
     * without one keeps what it had.
     */
    maxBidMultiple: z.coerce.number().int().min(MAX_BID_MULTIPLE_RANGE.min).max(MAX_BID_MULTIPLE_RANGE.max).nullish(),
    startsAt: z.coerce.date({ message: "Enter when bidding starts" }),
    endsAt: z.coerce.date({ message: "Enter when bidding ends" }),
    balanceDueDays: z.coerce.number().int().min(1).max(90).default(10),
    specialTerms: z.string().trim().max(8000).default(""),
    valuationExceptionReason: optionalText(2000),
    rightOfFirstRefusalHolders: z
      .array(z.object({ name: z.string().trim().min(1).max(200), rank: z.coerce.number().int().min(1).max(20) }))
      .max(20)
      .default([]),
  })
  .refine((t) => Boolean(t.assetId) !== Boolean(t.packageId), {
    message: "Choose one asset or one package",
    path: ["lot"],
  })
  .refine((t) => Boolean(t.title || t.titleZh), {
    message: "Give the title in English or in Chinese (or both)",
    path: ["title"],
  });
export type ListingTerms = z.infer<typeof listingTermsSchema>;

export type TermsCode =
  | "MODE_NOT_AVAILABLE"
  | "DESIGNATED_INVESTOR_REQUIRED"
  | "COUNTERPARTY_REQUIRED"
  | "JUSTIFICATION_REQUIRED"
  | "NEGOTIATED_PACKAGE_NOT_ALLOWED"
  | "CURRENCY_MISMATCH"
  | "DEPOSIT_OUT_OF_RANGE"
  | "START_BELOW_VALUATION"
  | "RESERVE_BELOW_START"
  | "INCREMENT_TOO_LARGE"
  | "BIDDING_TOO_SHORT"
  | "STARTS_IN_PAST"
  | "ENDS_BEFORE_START"
  | "DUPLICATE_RANK";

export interface TermsIssue {
  field: string;
  code: TermsCode;
  message: string;
  params?: Record<string, string>;
}

export const DEPOSIT_MIN_PERCENT = 5n;
export const DEPOSIT_MAX_PERCENT = 20n;
export const START_MIN_PERCENT_OF_VALUATION = 70n;
export const MIN_BIDDING_HOURS = 24;

/** The trade's rules across fields; an empty list means the terms may be submitted. */
export function checkTerms(
  terms: ListingTerms,
  facts: {
    valuation: bigint | null;
    lotCurrency: string;
    now: Date;
    /** A re-listing after the failed rounds: the fixed-price sale is open to it. */
    followsFailedRounds?: boolean;
    /** The platform setting that lets packages be sold by negotiated transfer. */
    negotiatedPackagesAllowed?: boolean;
  },
): TermsIssue[] {
  const issues: TermsIssue[] = [];
  const add = (field: string, code: TermsCode, message: string, params?: Record<string, string>) =>
    issues.push({ field, code, message, ...(params ? { params } : {}) });
  const start = terms.startingPrice;

  if (terms.mode === "fixed_price" && !facts.followsFailedRounds) {
    add("mode", "MODE_NOT_AVAILABLE", "A fixed-price sale is offered only after two failed auction rounds.");
  }
  if (terms.mode === "negotiated") {
    // 协议转让 is the exception to open competition: only with a recorded reason, reviewed at the top tier.
    if (!terms.negotiationJustification) {
      add(
        "negotiationJustification",
        "JUSTIFICATION_REQUIRED",
        "Say why this lot is negotiated with one investor instead of offered openly.",
      );
    }
    if (!terms.counterpartyOrgId) add("counterpartyOrgId", "COUNTERPARTY_REQUIRED", "Name the investor to negotiate with.");
    if (terms.packageId && !facts.negotiatedPackagesAllowed) {
      add("mode", "NEGOTIATED_PACKAGE_NOT_ALLOWED", "The platform does not allow negotiated transfers of packages.");
    }
  }
  if (terms.mode === "designated" && !terms.designatedOrgId) {
    add("designatedOrgId", "DESIGNATED_INVESTOR_REQUIRED", "Name the investor that is to commit its floor price.");
  }
  if (terms.currency !== facts.lotCurrency) {
    add("currency", "CURRENCY_MISMATCH", `The lot is valued in ${facts.lotCurrency}.`, { currency: facts.lotCurrency });
  }
  // Deposit 5%-20% of the starting price (2016 online judicial auction rules).
  const low = ceilDiv(start * DEPOSIT_MIN_PERCENT, 100n);
  const high = (start * DEPOSIT_MAX_PERCENT) / 100n;
  if (terms.deposit < low || terms.deposit > high) {
    add("deposit", "DEPOSIT_OUT_OF_RANGE", "The deposit must be 5% to 20% of the starting price.", {
      min: low.toString(),
      max: high.toString(),
    });
  }
  if (
    facts.valuation !== null &&
    start * 100n < facts.valuation * START_MIN_PERCENT_OF_VALUATION &&
    !terms.valuationExceptionReason
  ) {
    add(
      "startingPrice",
      "START_BELOW_VALUATION",
      "The starting price is below 70% of the latest valuation: give a reason for an exception, which the top approval tier must approve.",
      { min: ceilDiv(facts.valuation * START_MIN_PERCENT_OF_VALUATION, 100n).toString() },
    );
  }
  if (terms.reservePrice != null && terms.reservePrice < start) {
    add("reservePrice", "RESERVE_BELOW_START", "The reserve may not be below the starting price.");
  }
  if (terms.increment * 10n > start) {
    add("increment", "INCREMENT_TOO_LARGE", "The increment may be at most 10% of the starting price.", {
      max: (start / 10n).toString(),
    });
  }
  if (terms.startsAt <= facts.now) add("startsAt", "STARTS_IN_PAST", "Bidding must start in the future.");
  if (terms.endsAt <= terms.startsAt) {
    add("endsAt", "ENDS_BEFORE_START", "Bidding must end after it starts.");
  } else if (terms.endsAt.getTime() - terms.startsAt.getTime() < MIN_BIDDING_HOURS * 3_600_000) {
    add("endsAt", "BIDDING_TOO_SHORT", "Bidding must last at least 24 hours.");
  }
  const ranks = terms.rightOfFirstRefusalHolders.map((h) => h.rank);
  if (new Set(ranks).size !== ranks.length) {
    add("rightOfFirstRefusalHolders", "DUPLICATE_RANK", "Each right-of-first-refusal holder needs its own rank.");
  }
  return issues;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * What a new listing starts from: a start at the valuation (rounded), a 10% deposit, an increment of
 * about 0.5% on a round figure, 5-minute anti-sniping, three days of bidding.
 */
export function defaultTerms(input: { valuation: bigint | null; earliestStart: Date }) {
  // The valuation rounded down to three significant figures: a round number buyers can read.
  const valued = input.valuation && input.valuation > 0n ? input.valuation : 100_000n;
  const unit = 10n ** BigInt(Math.max(0, valued.toString().length - 3));
  const start = (valued / unit) * unit;
  const roughIncrement = start / 200n;
  const magnitude = 10n ** BigInt(Math.max(0, roughIncrement.toString().length - 1));
  const increment = roughIncrement >= magnitude ? (roughIncrement / magnitude) * magnitude : 1n;
  const startsAt = new Date(Math.ceil(input.earliestStart.getTime() / 3_600_000) * 3_600_000);
  return {
    startingPrice: start,
    increment: increment > 0n ? increment : 1n,
    deposit: start / 10n,
    antiSnipingWindowMinutes: 5,
    antiSnipingExtensionMinutes: 5,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 86_400_000),
    balanceDueDays: 10,
  };
}
