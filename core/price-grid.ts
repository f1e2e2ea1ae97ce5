import { bidAmountSchema } from "./contract/bids";
import { MONEY_MAX, parseMajorAmount } from "./money";

/**
 * The price grid: the starting price plus whole increments, the next minimum bid and the most a
 * single bid may name. The bid engine and the bid box read the same rules (docs/domain.md "Bidding rules").
 */

export interface PriceState {
  startingPrice: bigint;
  increment: bigint;
  currentPrice: bigint | null;
  reservePrice: bigint | null;
}

/** The first bid may equal the start; each later bid must raise the price by at least one increment. */
export function nextMinimumBid(state: PriceState): bigint {
  return state.currentPrice === null ? state.startingPrice : state.currentPrice + state.increment;
}

/** The largest amount any bid, maximum or sealed bid may name: 18 digits of minor units (the bid schema's bound). */
export const BID_AMOUNT_MAX = MONEY_MAX;

/** What a listing allows a single bid to be, as a multiple of the current price, unless it says otherwise. */
export const DEFAULT_MAX_BID_MULTIPLE = 5;
export const MAX_BID_MULTIPLE_RANGE = { min: 2, max: 100 } as const;

/**
 * The most one bid (or one automatic-bidding maximum) may name: the listing's multiple of the
 * current price (of the start before the first bid), on the grid. Two limits keep any bid from
 * freezing the auction: never so high that the next minimum would pass the largest amount a bid
 * may name, and never below the next minimum itself (a coarse grid must not shut bidding).
 */
export function maximumBid(
  state: Pick<PriceState, "startingPrice" | "increment" | "currentPrice"> & { maxBidMultiple: number },
): bigint {
  const ceiling = BID_AMOUNT_MAX - state.increment;
  const multiple = (state.currentPrice ?? state.startingPrice) * BigInt(state.maxBidMultiple);
  const limit = multiple < ceiling ? multiple : ceiling;
  const onGrid = limit < state.startingPrice ? limit : limit - ((limit - state.startingPrice) % state.increment);
  const minimum = nextMinimumBid({ ...state, reservePrice: null });
  return onGrid < minimum && minimum <= ceiling ? minimum : onGrid;
}

/** The public learns only whether the hidden reserve is met, never the amount. No reserve: met. */
export function reserveMet(state: PriceState): boolean {
  if (state.reservePrice === null) return true;
  return state.currentPrice !== null && state.currentPrice >= state.reservePrice;
}

/** Prices move on a grid: the start plus whole increments. */
export function onIncrementGrid(state: Pick<PriceState, "startingPrice" | "increment">, amount: bigint): boolean {
  return amount >= state.startingPrice && (amount - state.startingPrice) % state.increment === 0n;
}

export interface Grid {
  startingPrice: string;
  increment: string;
}

/** Prices move on a grid: the starting price plus whole increments. */
export function onGrid(amount: string, grid: Grid): boolean {
  return onIncrementGrid({ startingPrice: BigInt(grid.startingPrice), increment: BigInt(grid.increment) }, BigInt(amount));
}

/** The valid amounts either side of `amount`, never below `minimum`. */
export function nearestOnGrid(amount: string, grid: Grid, minimum: string): { below: string | null; above: string } {
  const a = BigInt(amount);
  const start = BigInt(grid.startingPrice);
  const inc = BigInt(grid.increment);
  const min = BigInt(minimum);
  const steps = a <= start ? 0n : (a - start) / inc;
  const below = start + steps * inc;
  const above = below >= a ? below : below + inc;
  return {
    below: below < a && below >= min ? below.toString() : null,
    above: (above < min ? min : above).toString(),
  };
}

/** `nextMinimumBid + steps × increment`. */
export function stepsAbove(minimum: string, increment: string, steps: number): string {
  return (BigInt(minimum) + BigInt(increment) * BigInt(steps)).toString();
}

/** How many increments `amount` lies above `minimum` (0 for the minimum itself). */
export function incrementsAbove(amount: string, minimum: string, increment: string): bigint {
  return (BigInt(amount) - BigInt(minimum)) / BigInt(increment);
}

/** A jump of this many increments or more over the next minimum bid is far above the price. */
export const LARGE_JUMP_INCREMENTS = 10n;

/**
 * A typed bid read against the same schema the server parses bids with: its minor units, or why
 * it cannot be a bid (not an amount, more than any bid may name, or below the minimum).
 */
export function readBidAmount(
  text: string,
  digits: number,
  minimum: string,
): { ok: true; amount: string } | { ok: false; problem: "invalid" | "aboveLargest" | "belowMinimum" } {
  const amount = parseMajorAmount(text, digits);
  if (!amount) return { ok: false, problem: "invalid" };
  if (!bidAmountSchema.safeParse(amount).success) return { ok: false, problem: "aboveLargest" };
  if (BigInt(amount) < BigInt(minimum)) return { ok: false, problem: "belowMinimum" };
  return { ok: true, amount };
}

/**
 * Far above the current price (the start before the first bid): ten increments or more over the
 * next minimum, or half as much again as the price. Such a bid is confirmed even with quick bidding on.
 */
export function farAbovePrice(
  amount: string,
  room: { currentPrice: string | null; startingPrice: string; minimum: string; increment: string },
): boolean {
  const price = BigInt(room.currentPrice ?? room.startingPrice);
  return incrementsAbove(amount, room.minimum, room.increment) >= LARGE_JUMP_INCREMENTS || BigInt(amount) * 2n >= price * 3n;
}
