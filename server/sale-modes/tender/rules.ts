import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Sealed tender (招标/竞价): each registered bidder submits one sealed amount, which it may
 * replace until the deadline; at the deadline all are opened together. Pure rules: the receipt a
 * bidder can check, and the opening that ranks the bids and names the winner and the price.
 */

export type TenderPricing = "first_price" | "second_price";

export interface SealedBid {
  registrationId: string;
  bidderCode: string;
  amount: bigint;
  /** When the bid that stands was submitted (a replacement counts from its own submission). */
  submittedAt: Date;
  salt: string;
}

/**
 * The receipt: SHA-256 over the listing, the amount, the bidder code and a random salt. The
 * bidder keeps amount and salt; once the tender opens it can recompute the published commitment.
 */
export function tenderCommitment(input: { listingId: string; amount: bigint; bidderCode: string; salt: string }): string {
  return createHash("sha256")
    .update(`nplex-tender-v1|${input.listingId}|${input.amount.toString()}|${input.bidderCode}|${input.salt}`)
    .digest("hex");
}

export function verifyReceipt(
  commitment: string,
  input: { listingId: string; amount: bigint; bidderCode: string; salt: string },
): boolean {
  const expected = Buffer.from(tenderCommitment(input), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(commitment) ? commitment : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type TenderResult =
  | {
      outcome: "sold";
      winner: { registrationId: string; bidderCode: string };
      price: bigint;
      /** Every valid bid, best first: the published result and the runner-up come from it. */
      ranking: SealedBid[];
    }
  | { outcome: "no_bids" | "reserve_not_met"; ranking: SealedBid[] };

/** Best first: the higher amount, then the earlier submission, then the code (a total order, so opening is deterministic). */
export function rankSealedBids(bids: readonly SealedBid[]): SealedBid[] {
  return [...bids].sort((a, b) => {
    if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1;
    const t = a.submittedAt.getTime() - b.submittedAt.getTime();
    if (t !== 0) return t;
    return a.bidderCode < b.bidderCode ? -1 : a.bidderCode > b.bidderCode ? 1 : 0;
  });
}

/**
 * Opens the tender. A bid below the starting price is not valid. The highest valid bid at or above
 * the reserve wins; ties go to the earlier submission. First price: the winner pays its bid.
 * Second price: it pays the next valid bid, but never less than the reserve or the start.
 */
export function openTender(
  bids: readonly SealedBid[],
  terms: { startingPrice: bigint; reservePrice: bigint | null; pricing: TenderPricing },
): TenderResult {
  const ranking = rankSealedBids(bids.filter((b) => b.amount >= terms.startingPrice));
  const best = ranking[0];
  if (!best) return { outcome: "no_bids", ranking };
  if (terms.reservePrice !== null && best.amount < terms.reservePrice) return { outcome: "reserve_not_met", ranking };
  let price = best.amount;
  if (terms.pricing === "second_price") {
    const floor =
      terms.reservePrice !== null && terms.reservePrice > terms.startingPrice ? terms.reservePrice : terms.startingPrice;
    const second = ranking[1]?.amount ?? floor;
    price = second > floor ? second : floor;
  }
  return { outcome: "sold", winner: { registrationId: best.registrationId, bidderCode: best.bidderCode }, price, ranking };
}

/** "Best and final": the top N distinct bidders of the first round are invited to a second. */
export function bestAndFinalShortlist(ranking: readonly SealedBid[], topN: number): string[] {
  return ranking.slice(0, Math.max(0, topN)).map((b) => b.registrationId);
}

/** How long the best-and-final round runs after the first opening. */
export const BEST_AND_FINAL_HOURS = 48;

/**
 * What an opening does. With a best-and-final round set and at least two valid bids, the first
 * opening only shortlists the top N, who may each submit one final sealed bid; amounts stay sealed.
 * Otherwise (or at the second opening) the tender is decided; in the second round only the
 * shortlisted compete, each with its final bid or, if it sent none, its first.
 */
export function decideOpening(
  bids: readonly (SealedBid & { round: number })[],
  terms: { startingPrice: bigint; reservePrice: bigint | null; pricing: TenderPricing },
  bestAndFinal: { topN: number | null; round: number },
): { kind: "best_and_final"; shortlist: string[] } | { kind: "result"; result: TenderResult } {
  if (bestAndFinal.round === 1 && bestAndFinal.topN !== null) {
    const valid = rankSealedBids(bids.filter((b) => b.amount >= terms.startingPrice));
    if (valid.length >= 2) return { kind: "best_and_final", shortlist: bestAndFinalShortlist(valid, bestAndFinal.topN) };
  }
  const competing = bestAndFinal.round === 2 ? bids.filter((b) => b.round === 2) : bids;
  return { kind: "result", result: openTender(competing, terms) };
}

/**
 * A submission or a replacement: only before the deadline, only at or above the start. The
 * replacement's time is its own, so replacing a bid gives up its place in a tie. In a
 * best-and-final round only the shortlisted may bid, and never below their own first bid.
 */
export function checkSealedSubmission(
  input: { amount: bigint; now: Date },
  tender: { status: string; deadline: Date; startingPrice: bigint },
  finalRound?: { shortlisted: boolean; firstBid: bigint | null },
):
  | { ok: true }
  | { ok: false; code: "LISTING_NOT_LIVE" | "TENDER_CLOSED" | "BID_TOO_LOW" | "NOT_SHORTLISTED"; message: string } {
  if (tender.status !== "live") return { ok: false, code: "LISTING_NOT_LIVE", message: "This tender is not open for bids." };
  if (input.now >= tender.deadline) return { ok: false, code: "TENDER_CLOSED", message: "The tender's deadline has passed." };
  if (finalRound && !finalRound.shortlisted) {
    return { ok: false, code: "NOT_SHORTLISTED", message: "Only the shortlisted bidders take part in the best-and-final round." };
  }
  if (input.amount < tender.startingPrice) {
    return { ok: false, code: "BID_TOO_LOW", message: "A sealed bid must be at least the starting price." };
  }
  if (finalRound?.firstBid != null && input.amount < finalRound.firstBid) {
    return { ok: false, code: "BID_TOO_LOW", message: "A best-and-final bid may not be lower than the bid you already made." };
  }
  return { ok: true };
}
