import { z } from "zod";
import { assetKinds, classifications, listingModes, listingStatuses } from "../enums";
import { signedMoneyString } from "../money";

/** Statuses the public may see; drafts, reviews and withdrawn listings stay private. */
export const publicStatuses = ["announced", "live", "ended", "awarded", "contracted", "paid", "closed", "failed", "suspended"] as const;
export type PublicStatus = (typeof publicStatuses)[number];

export const listingQuerySchema = z.object({
  status: z.enum(publicStatuses).optional(),
  mode: z.enum(listingModes).optional(),
  kind: z.enum([...assetKinds, "package"]).optional(),
  q: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  classification: z.enum(classifications).optional(),
  /** Price bounds on the current price (or the start before any bid), in minor units. */
  minPrice: z
    .string()
    .regex(/^\d{1,18}$/, { message: "a whole number of minor units" })
    .optional(),
  maxPrice: z
    .string()
    .regex(/^\d{1,18}$/, { message: "a whole number of minor units" })
    .optional(),
  /** Live listings ending within 24 hours, soonest first. */
  endingSoon: z
    .enum(["1", "true", "0", "false"])
    .transform((v) => v === "1" || v === "true")
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListingQuery = z.infer<typeof listingQuerySchema>;

const moneyString = signedMoneyString;

export const publicPartySchema = z.object({
  role: z.enum(["borrower", "guarantor"]),
  kind: z.enum(["person", "company"]),
  name: z.string().describe("masked"),
  idNumber: z.string().describe("masked"),
});

export const publicAssetSchema = z.object({
  id: z.uuid(),
  kind: z.enum(assetKinds),
  title: z.string(),
  description: z.string(),
  region: z.string(),
  currency: z.string().length(3),
  principal: moneyString.nullable(),
  accruedInterest: moneyString.nullable(),
  appraisedValue: moneyString.nullable(),
  classification: z.string().nullable(),
  security: z.string().nullable(),
  litigationStatus: z.string().nullable(),
  parties: z.array(publicPartySchema),
});

export const listingSummarySchema = z.object({
  id: z.uuid(),
  /** The English title, else the Chinese one; `titleEn` and `titleZh` as the seller gave them (one may be null). */
  title: z.string(),
  titleEn: z.string().nullable(),
  titleZh: z.string().nullable(),
  mode: z.enum(listingModes),
  status: z.enum(listingStatuses),
  kind: z.enum([...assetKinds, "package"]),
  /** Kept in English as "Province · City" (docs/domain.md "Regions"); core/regions.ts names it in Chinese. */
  region: z.string().nullable(),
  seller: z.object({ id: z.uuid(), name: z.string(), nameZh: z.string().nullable() }),
  currency: z.string().length(3),
  startingPrice: moneyString,
  currentPrice: moneyString.nullable(),
  nextMinimumBid: moneyString,
  increment: moneyString,
  deposit: moneyString,
  reserveMet: z.boolean(),
  bidCount: z.number().int(),
  lastSeq: z.number().int(),
  leaderBidderCode: z.string().nullable(),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  /** The lot's cover photo, a public document of its data room, or null. */
  coverId: z.uuid().nullable(),
});

export const listingDetailSchema = listingSummarySchema.extend({
  /** The summary in English and in Chinese; either may be empty. */
  summary: z.string(),
  summaryZh: z.string(),
  antiSniping: z.object({
    windowSeconds: z.number().int(),
    extensionSeconds: z.number().int(),
    maxExtensions: z.number().int().nullable(),
    extensionCount: z.number().int(),
  }),
  announcedAt: z.iso.datetime().nullable(),
  /** Objections may be filed, and bidding may not open, until then. */
  announcementEndsAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** The version of the terms and NDA a registration accepts; it rises whenever the terms change. */
  termsVersion: z.number().int(),
  specialTerms: z.string(),
  /** Days the winner has to pay the balance after the close. */
  balanceDueDays: z.number().int(),
  /** How many right-of-first-refusal holders the seller declared; never who they are. */
  rightOfFirstRefusalHolders: z.number().int(),
  /** How the auction ended, once it has: the winner by bidder code only. */
  result: z
    .object({
      outcome: z.enum(["sold", "designated_floor", "no_bids", "reserve_not_met"]),
      bidderNo: z.string().nullable(),
      price: moneyString.nullable(),
    })
    .nullable(),
  assets: z.array(publicAssetSchema),
  /** The package the listing offers, whose stratification is public (`/api/v1/packages/{id}/stratification`); null for one asset. */
  packageId: z.uuid().nullable(),
  /** What the sale mode adds in public: a tender's pricing; whether a designated investor's floor stands, never who it is. */
  saleTerms: z.object({
    tenderPricing: z.enum(["first_price", "second_price"]),
    /** A tender's best-and-final round: how many of the first opening's best are invited; null for none. */
    bestAndFinalTopN: z.number().int().nullable(),
    designatedFloorCommitted: z.boolean(),
    /** When registration was extended because too few bidders had registered (designated purchase). */
    registrationExtendedAt: z.iso.datetime().nullable(),
  }),
});

export const announcementQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const announcementSummarySchema = z.object({
  listingId: z.uuid(),
  listingStatus: z.enum(listingStatuses),
  titleEn: z.string(),
  titleZh: z.string(),
  sellerName: z.string(),
  publishedAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  periodDays: z.number().int(),
  workingDays: z.boolean(),
});
export type AnnouncementSummary = z.infer<typeof announcementSummarySchema>;

export const listingPageSchema = z.object({
  items: z.array(listingSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export type ListingSummary = z.infer<typeof listingSummarySchema>;
export type ListingDetail = z.infer<typeof listingDetailSchema>;
export type ListingPage = z.infer<typeof listingPageSchema>;

/** One step of a listing's lifecycle through the API; the state machine decides who may take it. */
export const transitionRequestSchema = z.object({
  action: z.enum(["submit", "approve", "check_disclosure", "return", "publish", "suspend", "resume", "withdraw"]),
  reason: z.string().max(2000).optional(),
});

/** An operator's step on a registration. */
export const registrationActionSchema = z.object({
  action: z.enum(["confirm_deposit", "approve", "reject"]),
  reason: z.string().max(2000).optional(),
  rightOfFirstRefusalRank: z.number().int().min(1).max(20).optional(),
  /** confirm_deposit: what arrived (minor units; by default what is outstanding), the bank's reference of the transfer, the day booked. */
  amount: z.string().optional(),
  currency: z.string().optional(),
  bankReference: z.string().optional(),
  bookedOn: z.string().optional(),
});
