/**
 * The public-auction engine as pure rules: from the auction's state, a command and the server's
 * time, either the next state with the events that happened, or a rejection with a stable code.
 * No I/O here: the bid service loads the state under a row lock, applies one command, persists.
 * Rules from docs/domain.md "Bidding rules" (2016 online judicial auction rules, Debitos, Ten-X).
 */
import { maximumBid, nextMinimumBid, onIncrementGrid, reserveMet, type PriceState } from "../../../core/price-grid";

export interface Bidder {
  registrationId: string;
  /** 竞买号: the only name the public ever sees. */
  bidderCode: string;
  /** Right-of-first-refusal rank, 1 the highest; null for an ordinary bidder. */
  rightOfFirstRefusalRank: number | null;
}

export interface ProxyBid {
  bidder: Bidder;
  maximum: bigint;
  /** When this maximum was committed: the earlier of two equal maxima leads. */
  setAt: Date;
}

export interface AuctionState extends PriceState {
  status: string;
  /** A single bid or maximum may be at most this many times the current price (see maximumBid). */
  maxBidMultiple: number;
  startsAt: Date | null;
  endsAt: Date;
  leader: Bidder | null;
  /** When the leader placed the bid it leads with (ties between equal standing bids). */
  leadAt: Date | null;
  bidCount: number;
  lastSeq: number;
  antiSniping: { windowMs: number; extensionMs: number; maxExtensions: number | null };
  extensionCount: number;
  proxies: ProxyBid[];
  /** Designated purchase: the investor committed to buy at the starting price if nobody else bids. */
  designatedRegistrationId: string | null;
  /**
   * Fixed-price sale (变卖): the first accepted bid, which commits the full price, moves the end to
   * this long after it, a window in which others may still bid higher. Null for every other mode.
   */
  firstBidWindowMs: number | null;
}

export type AuctionCommand =
  | { type: "bid"; bidder: Bidder; amount: bigint }
  | { type: "setProxy"; bidder: Bidder; maximum: bigint }
  | { type: "clearProxy"; bidder: Bidder }
  | { type: "close" };

export type AuctionResult =
  | { outcome: "sold"; winner: Bidder; price: bigint }
  | { outcome: "designated_floor"; winnerRegistrationId: string; price: bigint }
  | { outcome: "failed"; reason: "no_bids" | "reserve_not_met" };

export type AuctionEvent =
  | { type: "bid_accepted"; seq: number; bidder: Bidder; amount: bigint; kind: "manual" | "proxy"; at: Date }
  | { type: "lead_changed"; from: Bidder | null; to: Bidder }
  | { type: "end_extended"; endsAt: Date; extensionCount: number }
  | { type: "reserve_met" }
  | { type: "proxy_set"; bidder: Bidder; maximum: bigint }
  | { type: "proxy_cleared"; bidder: Bidder }
  | { type: "closed"; result: AuctionResult; status: "awarded" | "failed" };

export const rejectionCodes = [
  "LISTING_NOT_LIVE",
  "BIDDING_NOT_STARTED",
  "LISTING_ENDED",
  "BID_TOO_LOW",
  "BID_NOT_ON_INCREMENT",
  "BID_ABOVE_CAP",
  "ALREADY_LEADING",
  "PROXY_TOO_LOW",
  "NO_PROXY",
  "NOT_DUE",
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export type Outcome =
  | { ok: true; state: AuctionState; events: AuctionEvent[] }
  | { ok: false; code: RejectionCode; message: string; details: Record<string, string> };

const reject = (code: RejectionCode, message: string, details: Record<string, string> = {}): Outcome => ({
  ok: false,
  code,
  message,
  details,
});

function aboveCap(state: AuctionState, amount: bigint, what: "bid" | "maximum"): Outcome | null {
  const maximum = maximumBid(state);
  if (amount <= maximum) return null;
  const message = `A single ${what} may be at most ${maximum} (${state.maxBidMultiple} times the current price, within the largest amount a bid may name).`;
  return reject("BID_ABOVE_CAP", message, {
    maximum: maximum.toString(),
    multiple: state.maxBidMultiple.toString(),
  });
}

const same = (a: Bidder | null, b: Bidder | null) => a !== null && b !== null && a.registrationId === b.registrationId;
const rankOf = (b: Bidder) => b.rightOfFirstRefusalRank ?? Number.POSITIVE_INFINITY;

function biddingOpen(state: AuctionState, now: Date): Outcome | null {
  if (state.status !== "live")
    return reject("LISTING_NOT_LIVE", "This listing is not open for bidding.", { status: state.status });
  if (state.startsAt && now < state.startsAt) {
    return reject("BIDDING_NOT_STARTED", "Bidding has not started yet.", { startsAt: state.startsAt.toISOString() });
  }
  if (now >= state.endsAt) return reject("LISTING_ENDED", "Bidding has ended.", { endsAt: state.endsAt.toISOString() });
  return null;
}

export function applyCommand(state: AuctionState, command: AuctionCommand, now: Date): Outcome {
  switch (command.type) {
    case "bid":
      return placeBid(state, command.bidder, command.amount, now);
    case "setProxy":
      return setProxy(state, command.bidder, command.maximum, now);
    case "clearProxy":
      return clearProxy(state, command.bidder, now);
    case "close":
      return close(state, now);
  }
}

function placeBid(state: AuctionState, bidder: Bidder, amount: bigint, now: Date): Outcome {
  const closed = biddingOpen(state, now);
  if (closed) return closed;
  if (same(state.leader, bidder)) return reject("ALREADY_LEADING", "You already hold the highest bid.");
  const minimum = nextMinimumBid(state);
  // Right of first refusal: a holder may match the current price and take the lead from a
  // non-holder or a lower-ranked holder (equal rank: the earlier bid keeps it).
  const matchesAsHolder =
    state.currentPrice !== null &&
    amount === state.currentPrice &&
    state.leader !== null &&
    bidder.rightOfFirstRefusalRank !== null &&
    rankOf(bidder) < rankOf(state.leader);
  // Too low before off the grid: a bid under the minimum (the start included) is told the minimum.
  if (amount < minimum && !matchesAsHolder) {
    return reject("BID_TOO_LOW", "The bid is below the next minimum bid.", { nextMinimumBid: minimum.toString() });
  }
  if (!onIncrementGrid(state, amount)) {
    return reject("BID_NOT_ON_INCREMENT", "A bid must be the starting price plus whole increments.", {
      startingPrice: state.startingPrice.toString(),
      increment: state.increment.toString(),
    });
  }
  const above = aboveCap(state, amount, "bid");
  if (above) return above;
  // A manual bid replaces the bidder's own exhausted proxy, if any.
  const proxies = state.proxies.filter((p) => !same(p.bidder, bidder));
  return settle({ ...state, proxies }, now, { bidder, amount });
}

function setProxy(state: AuctionState, bidder: Bidder, maximum: bigint, now: Date): Outcome {
  const closed = biddingOpen(state, now);
  if (closed) return closed;
  const leading = same(state.leader, bidder);
  const minimum = leading ? state.currentPrice! : nextMinimumBid(state);
  if (maximum < minimum) {
    return reject("PROXY_TOO_LOW", "The maximum must be at least the next minimum bid.", { minimum: minimum.toString() });
  }
  if (!onIncrementGrid(state, maximum)) {
    return reject("BID_NOT_ON_INCREMENT", "A maximum must be the starting price plus whole increments.", {
      startingPrice: state.startingPrice.toString(),
      increment: state.increment.toString(),
    });
  }
  // A maximum is capped like a bid: the engine bids up to it, so two huge maxima would otherwise
  // carry the price past the cap in one step.
  const above = aboveCap(state, maximum, "maximum");
  if (above) return above;
  const existing = state.proxies.find((p) => same(p.bidder, bidder));
  // Re-stating the same maximum keeps its original time, so it keeps its place in a tie.
  const setAt = existing && existing.maximum === maximum ? existing.setAt : now;
  const proxies = [...state.proxies.filter((p) => !same(p.bidder, bidder)), { bidder, maximum, setAt }];
  return settle({ ...state, proxies }, now, null, [{ type: "proxy_set", bidder, maximum }]);
}

function clearProxy(state: AuctionState, bidder: Bidder, now: Date): Outcome {
  // Once bidding has ended a proxy has done its work: say so, rather than that there is none.
  const closed = biddingOpen(state, now);
  if (closed) return closed;
  if (!state.proxies.some((p) => same(p.bidder, bidder))) return reject("NO_PROXY", "You have no automatic bidding set.");
  return {
    ok: true,
    state: { ...state, proxies: state.proxies.filter((p) => !same(p.bidder, bidder)) },
    events: [{ type: "proxy_cleared", bidder }],
  };
}

interface Standing {
  bidder: Bidder;
  maximum: bigint;
  at: Date;
  viaProxy: boolean;
}

/** Higher maximum first; at equal maxima a better right-of-first-refusal rank, then the earlier commitment. */
function ahead(a: Standing, b: Standing): boolean {
  if (a.maximum !== b.maximum) return a.maximum > b.maximum;
  if (rankOf(a.bidder) !== rankOf(b.bidder)) return rankOf(a.bidder) < rankOf(b.bidder);
  return a.at.getTime() < b.at.getTime();
}

/**
 * Resolves one step of bidding at once: the manual bid (if any) and every proxy compete on
 * their maxima. The best leads at one increment above the runner-up, capped at its own maximum
 * (equal maxima: the runner-up's maximum); proxies bid only as much as that takes.
 */
function settle(
  state: AuctionState,
  now: Date,
  manual: { bidder: Bidder; amount: bigint } | null,
  leading: AuctionEvent[] = [],
): Outcome {
  const previousPrice = state.currentPrice;
  const floor = previousPrice ?? state.startingPrice;
  const standings: Standing[] = [];
  for (const proxy of state.proxies) {
    if (proxy.maximum >= floor) standings.push({ bidder: proxy.bidder, maximum: proxy.maximum, at: proxy.setAt, viaProxy: true });
  }
  if (state.leader && previousPrice !== null && !standings.some((s) => same(s.bidder, state.leader))) {
    standings.push({ bidder: state.leader, maximum: previousPrice, at: state.leadAt ?? now, viaProxy: false });
  }
  if (manual) standings.push({ bidder: manual.bidder, maximum: manual.amount, at: now, viaProxy: false });
  if (standings.length === 0) return { ok: true, state, events: leading };

  const ranked = [...standings].sort((a, b) => (ahead(a, b) ? -1 : ahead(b, a) ? 1 : 0));
  const winner = ranked[0]!;
  const runnerUp = ranked[1];
  let price: bigint;
  if (!runnerUp) price = previousPrice ?? state.startingPrice;
  else if (runnerUp.maximum === winner.maximum) price = winner.maximum;
  else price = min(winner.maximum, runnerUp.maximum + state.increment);
  if (manual && same(winner.bidder, manual.bidder)) price = max(price, manual.amount);
  if (previousPrice !== null) price = max(price, previousPrice);

  const bidsMade: { bidder: Bidder; amount: bigint; kind: "manual" | "proxy" }[] = [];
  if (manual) bidsMade.push({ bidder: manual.bidder, amount: manual.amount, kind: "manual" });
  // The runner-up's proxy fought up to its maximum before giving way.
  if (
    runnerUp?.viaProxy &&
    !same(runnerUp.bidder, manual?.bidder ?? null) &&
    previousPrice !== null &&
    runnerUp.maximum > previousPrice &&
    runnerUp.maximum < price
  ) {
    bidsMade.push({ bidder: runnerUp.bidder, amount: runnerUp.maximum, kind: "proxy" });
  }
  const winnerIsManual = manual !== null && same(winner.bidder, manual.bidder);
  const winnerWasLeading = same(winner.bidder, state.leader);
  if (!winnerIsManual && (!winnerWasLeading || previousPrice === null || price > previousPrice)) {
    bidsMade.push({ bidder: winner.bidder, amount: price, kind: "proxy" });
  }
  // The log reads in rising order: a proxy that gave way below a manual bid comes before it.
  bidsMade.sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0));
  const events: AuctionEvent[] = [...leading];
  let seq = state.lastSeq;
  for (const made of bidsMade) {
    seq += 1;
    events.push({ type: "bid_accepted", seq, bidder: made.bidder, amount: made.amount, kind: made.kind, at: now });
  }
  const recorded = seq - state.lastSeq;
  if (recorded === 0) return { ok: true, state, events };

  let next: AuctionState = {
    ...state,
    currentPrice: price,
    leader: winner.bidder,
    leadAt: winnerWasLeading && previousPrice === price ? state.leadAt : now,
    bidCount: state.bidCount + recorded,
    lastSeq: seq,
    // A proxy that cannot reach the next bid is spent.
    proxies: state.proxies.filter((p) => same(p.bidder, winner.bidder) || p.maximum >= price + state.increment),
  };
  if (!winnerWasLeading) events.push({ type: "lead_changed", from: state.leader, to: winner.bidder });
  if (
    state.reservePrice !== null &&
    (previousPrice === null || previousPrice < state.reservePrice) &&
    price >= state.reservePrice
  ) {
    events.push({ type: "reserve_met" });
  }
  if (state.bidCount === 0 && state.firstBidWindowMs !== null) {
    const windowEnd = new Date(now.getTime() + state.firstBidWindowMs);
    events.push({ type: "end_extended", endsAt: windowEnd, extensionCount: state.extensionCount });
    return { ok: true, state: { ...next, endsAt: windowEnd }, events };
  }
  // Anti-sniping: an accepted bid inside the window moves the end to the bid time plus the extension.
  const { windowMs, extensionMs, maxExtensions } = state.antiSniping;
  const extendedEnd = new Date(now.getTime() + extensionMs);
  const inWindow = state.endsAt.getTime() - now.getTime() <= windowMs;
  const capped = maxExtensions !== null && state.extensionCount >= maxExtensions;
  if (inWindow && !capped && extendedEnd > state.endsAt) {
    next = { ...next, endsAt: extendedEnd, extensionCount: state.extensionCount + 1 };
    events.push({ type: "end_extended", endsAt: extendedEnd, extensionCount: next.extensionCount });
  }
  return { ok: true, state: next, events };
}

/** At the end: sold to the leader, a designated floor sale, or failed. Once, and not before the end. */
function close(state: AuctionState, now: Date): Outcome {
  if (state.status !== "live")
    return reject("LISTING_NOT_LIVE", "This listing is not open for bidding.", { status: state.status });
  if (now < state.endsAt) return reject("NOT_DUE", "Bidding has not ended yet.", { endsAt: state.endsAt.toISOString() });
  let result: AuctionResult;
  if (state.leader === null || state.currentPrice === null) {
    result = state.designatedRegistrationId
      ? { outcome: "designated_floor", winnerRegistrationId: state.designatedRegistrationId, price: state.startingPrice }
      : { outcome: "failed", reason: "no_bids" };
  } else if (!reserveMet(state)) {
    result = { outcome: "failed", reason: "reserve_not_met" };
  } else {
    result = { outcome: "sold", winner: state.leader, price: state.currentPrice };
  }
  const status = result.outcome === "failed" ? "failed" : "awarded";
  return { ok: true, state: { ...state, status, proxies: [] }, events: [{ type: "closed", result, status }] };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
