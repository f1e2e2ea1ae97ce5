import { z } from "zod";
import { MONEY_MAX as BID_AMOUNT_MAX } from "../money";
import { moneyString } from "../money";
import { registrationStatuses } from "../enums";

/**
 * A bid's amount, open or sealed, and an automatic-bidding maximum: whole minor units from 1 to
 * BID_AMOUNT_MAX, as a decimal string. The bid box and the tender form check typed amounts
 * against this same schema, so the browser refuses what the server would.
 */
export const bidAmountSchema = z
  .string()
  // Up to 18 digits is exactly 1..BID_AMOUNT_MAX (eighteen nines), and stays a bound JSON Schema can state.
  .regex(/^[1-9]\d{0,17}$/, { message: 'Amounts are whole minor units as a decimal string, e.g. "715000000"' })
  .transform((value) => BigInt(value));

/** The bounds of a bid amount in minor units, for the browser's checks and messages. */
export const bidAmountBounds = { min: 1n, max: BID_AMOUNT_MAX } as const;

/** A sealed bid names an amount within the same bounds as an open bid. */
export const sealedBidSchema = z.object({ amount: bidAmountSchema });

export const placeBidSchema = z.object({
  amount: bidAmountSchema,
  idempotencyKey: z
    .string()
    .trim()
    .min(8, { message: "Use a unique key per bid, e.g. a UUID" })
    .max(100)
    .regex(/^[\w-]+$/, { message: "Letters, digits, - and _ only" }),
});

export const setProxySchema = z.object({ maximum: bidAmountSchema });

/**
 * A bid's seq is a PostgreSQL integer: beyond 2^31 - 1 it names no bid, and the database refuses
 * to compare a column with it. Catching up "after" such a seq is the caller's mistake.
 */
export const SEQ_MAX = 2_147_483_647;

/** A live watcher's catch-up point (socket `watch`), as JSON sends it. */
export const watchAfterSeqSchema = z.number().int().min(0).max(SEQ_MAX).default(0);

/**
 * The bid log's query (GET /api/v1/listings/:id/bids): the bids after `afterSeq`, oldest first (to
 * catch up), or with `page=newest` the latest `limit` of them (what a long auction's room opens on),
 * always in seq order.
 */
export const bidHistoryQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).max(SEQ_MAX).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  page: z.enum(["oldest", "newest"]).default("oldest"),
});

const money = moneyString;

export const publicBidSchema = z.object({
  seq: z.number().int(),
  amount: money,
  bidderNo: z.string(),
  kind: z.enum(["manual", "proxy"]),
  placedAt: z.iso.datetime(),
});

export const placeBidResponseSchema = z.object({
  bid: publicBidSchema,
  listing: z.object({
    currentPrice: money.nullable(),
    nextMinimumBid: money,
    endsAt: z.iso.datetime(),
    status: z.string(),
    leaderBidderCode: z.string().nullable(),
    reserveMet: z.boolean(),
  }),
  replayed: z.boolean(),
});

/** PUT /api/v1/listings/{id}/proxy: the maximum that now stands, the price, and whether the caller leads. */
export const setProxyResponseSchema = z.object({
  maximum: money,
  currentPrice: money.nullable(),
  leading: z.boolean(),
});

/** DELETE /api/v1/listings/{id}/proxy. */
export const clearProxyResponseSchema = z.object({ cleared: z.literal(true) });

/** GET /api/v1/listings/{id}/me: the caller's own standing on a listing. */
export const viewerStatusSchema = z.object({
  registration: z
    .object({ status: z.enum(registrationStatuses), bidderCode: z.string().nullable() })
    .nullable()
    .describe("The caller's organisation's registration, or null"),
  leading: z.boolean(),
  proxyMaximum: money.nullable().describe("The standing automatic-bidding maximum in minor units, or null"),
});

export type PublicBid = z.infer<typeof publicBidSchema>;
export type PlaceBidResponse = z.infer<typeof placeBidResponseSchema>;
export type SetProxyResponse = z.infer<typeof setProxyResponseSchema>;
export type ClearProxyResponse = z.infer<typeof clearProxyResponseSchema>;
export type ViewerStatus = z.infer<typeof viewerStatusSchema>;
