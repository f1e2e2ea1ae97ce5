import { DEFAULT_MAX_BID_MULTIPLE } from "../../core/price-grid";
import { type AuctionCommand, type AuctionState, type Bidder, type Outcome } from "../../server/sale-modes/auction/rules";

/** Amounts are integer minor units (fen); tests speak in whole yuan. */
export const yuan = (amount: number) => BigInt(amount) * 100n;

export const minutes = (count: number) => count * 60_000;
export const hours = (count: number) => count * 3_600_000;

/** Bidding opens at this moment in every factory-built auction. */
export const opensAt = new Date("2026-11-20T08:00:00.000Z");

/** The moment `ms` after bidding opened. */
export const after = (ms: number) => new Date(opensAt.getTime() + ms);

/** A bidder known to the public only by its code; pass a rank to give it a right of first refusal. */
export function bidder(bidderCode: string, rightOfFirstRefusalRank: number | null = null): Bidder {
  return { registrationId: `registration-${bidderCode}`, bidderCode, rightOfFirstRefusalRank };
}

/**
 * A live auction with no bids yet, on the rules of docs/domain.md "Bidding rules": a 24-hour bidding period (the minimum), a
 * 5-minute anti-sniping window that extends by 5 minutes without limit, and a single bid of at
 * most five times the current price.
 */
export function liveAuction(overrides: Partial<AuctionState> = {}): AuctionState {
  return {
    startingPrice: yuan(1_000_000),
    increment: yuan(10_000),
    currentPrice: null,
    reservePrice: null,
    status: "live",
    maxBidMultiple: DEFAULT_MAX_BID_MULTIPLE,
    startsAt: opensAt,
    endsAt: after(hours(24)),
    leader: null,
    leadAt: null,
    bidCount: 0,
    lastSeq: 0,
    antiSniping: { windowMs: minutes(5), extensionMs: minutes(5), maxExtensions: null },
    extensionCount: 0,
    proxies: [],
    designatedRegistrationId: null,
    firstBidWindowMs: null,
    ...overrides,
  };
}

export const bid = (who: Bidder, amount: bigint): AuctionCommand => ({ type: "bid", bidder: who, amount });
export const setProxy = (who: Bidder, maximum: bigint): AuctionCommand => ({ type: "setProxy", bidder: who, maximum });
export const clearProxy = (who: Bidder): AuctionCommand => ({ type: "clearProxy", bidder: who });
export const close = (): AuctionCommand => ({ type: "close" });

export type Accepted = Extract<Outcome, { ok: true }>;
export type Rejected = Extract<Outcome, { ok: false }>;

/** The outcome, which the test expects to be an acceptance (fails with the rejection otherwise). */
export function accepted(outcome: Outcome): Accepted {
  if (!outcome.ok) throw new Error(`expected the command to be accepted, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

/** The outcome, which the test expects to be a rejection. */
export function rejected(outcome: Outcome): Rejected {
  if (outcome.ok)
    throw new Error(`expected the command to be rejected, got events ${outcome.events.map((e) => e.type).join(", ")}`);
  return outcome;
}
