/**
 * Rounds after a failed auction (流拍), and the fixed-price sale (变卖) after the second failure.
 * Pure rules with the defaults of docs/domain.md "Failed auctions and re-listing rounds", each a setting: re-list within 30 days with the start cut
 * by at most 20%; after two failed rounds, offer at the last round's start for up to 60 days, where
 * the first taker opens a 24-hour window in which others may still bid higher (the auction engine's
 * `firstBidWindowMs` runs that window under the usual bidding rules).
 */

export interface RoundSettings {
  relistWithinDays: number;
  maxCutPercent: number;
  fixedPriceAfterFailures: number;
  fixedPriceMaxDays: number;
  fixedPriceWindowHours: number;
}

export const defaultRoundSettings: RoundSettings = {
  relistWithinDays: 30,
  maxCutPercent: 20,
  fixedPriceAfterFailures: 2,
  fixedPriceMaxDays: 60,
  fixedPriceWindowHours: 24,
};

const DAY_MS = 86_400_000;

/** The lowest start the next round may have: the previous start less the allowed cut, rounded up. */
export function lowestNextStart(previousStart: bigint, settings: RoundSettings = defaultRoundSettings): bigint {
  const keep = BigInt(100 - settings.maxCutPercent);
  return (previousStart * keep + 99n) / 100n;
}

export type RoundRefusal =
  | { ok: false; code: "NOT_FAILED"; message: string }
  | { ok: false; code: "RELIST_TOO_LATE"; message: string; details: { deadline: string } }
  | { ok: false; code: "START_CUT_TOO_DEEP"; message: string; details: { lowest: string } }
  | { ok: false; code: "START_RAISED"; message: string }
  | { ok: false; code: "FIXED_PRICE_DUE"; message: string };

/** Whether a failed listing may be re-listed as its next round at `proposedStart`. */
export function checkNextRound(
  previous: { status: string; startingPrice: bigint; closedAt: Date | null; round: number; failedRounds: number },
  proposedStart: bigint,
  now: Date,
  settings: RoundSettings = defaultRoundSettings,
): { ok: true; round: number } | RoundRefusal {
  if (previous.status !== "failed" || !previous.closedAt) {
    return { ok: false, code: "NOT_FAILED", message: "Only a failed auction can be re-listed as a next round." };
  }
  if (previous.failedRounds >= settings.fixedPriceAfterFailures) {
    return { ok: false, code: "FIXED_PRICE_DUE", message: "After the second failed round the lot is offered at a fixed price." };
  }
  const deadline = new Date(previous.closedAt.getTime() + settings.relistWithinDays * DAY_MS);
  if (now > deadline) {
    return {
      ok: false,
      code: "RELIST_TOO_LATE",
      message: `A failed auction may be re-listed within ${settings.relistWithinDays} days.`,
      details: { deadline: deadline.toISOString() },
    };
  }
  const lowest = lowestNextStart(previous.startingPrice, settings);
  if (proposedStart < lowest) {
    return {
      ok: false,
      code: "START_CUT_TOO_DEEP",
      message: `The next round's start may be at most ${settings.maxCutPercent}% below the last.`,
      details: { lowest: lowest.toString() },
    };
  }
  if (proposedStart > previous.startingPrice) {
    return { ok: false, code: "START_RAISED", message: "A next round does not start above the failed one." };
  }
  return { ok: true, round: previous.round + 1 };
}

/** The fixed-price offer after the second failed round: the last round's start, open for a limited time. */
export function fixedPriceOffer(
  lastRound: { startingPrice: bigint; closedAt: Date; failedRounds: number },
  settings: RoundSettings = defaultRoundSettings,
): { ok: true; price: bigint; offerEndsAt: Date } | { ok: false; code: "NOT_YET"; message: string } {
  if (lastRound.failedRounds < settings.fixedPriceAfterFailures) {
    return { ok: false, code: "NOT_YET", message: "A fixed-price sale follows the second failed round." };
  }
  return {
    ok: true,
    price: lastRound.startingPrice,
    offerEndsAt: new Date(lastRound.closedAt.getTime() + settings.fixedPriceMaxDays * DAY_MS),
  };
}
