import { bidAmountSchema } from "../../../server/sale-modes/auction/schemas";

/**
 * Amounts typed by people (major units: yuan) and amounts on the wire (minor units: fen, as
 * decimal strings). The conversion is string and bigint arithmetic only: a float would turn
 * "7250000.10" into 725000009.99… and a bid is binding.
 */

/**
 * "7,250,000.5" -> "725000050" with two decimals. Accepts spaces and thousands separators,
 * full-width digits and punctuation (a Chinese input method types them) and a leading currency
 * sign; refuses anything else, zero, and more decimals than the currency has.
 */
export function parseMajorAmount(text: string, digits: number): string | null {
  const cleaned = text
    .normalize("NFKC")
    .trim()
    .replace(/^(CN¥|RMB|CNY|¥|\$|€|£)/i, "")
    .replace(/[\s,_'’]/g, "");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned) ?? /^()\.(\d+)$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] || "0";
  let fraction = match[2] ?? "";
  if (fraction.length > digits) {
    // "7250000.500" is fine; "7250000.505" is not a whole number of fen.
    if (/[^0]/.test(fraction.slice(digits))) return null;
    fraction = fraction.slice(0, digits);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return minor > 0n ? minor.toString() : null;
}

/** "725000050" -> "7250000.50", "725000000" -> "7250000": what a person would type back. */
export function minorToMajorInput(minor: string, digits: number): string {
  const value = BigInt(minor);
  const scale = 10n ** BigInt(digits);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(digits, "0");
  return digits > 0 && /[^0]/.test(fraction) ? `${whole}.${fraction}` : whole.toString();
}

export interface Grid {
  startingPrice: string;
  increment: string;
}

/** Prices move on a grid: the starting price plus whole increments (server/sale-modes/auction/rules.ts). */
export function onGrid(amount: string, grid: Grid): boolean {
  const a = BigInt(amount);
  const start = BigInt(grid.startingPrice);
  return a >= start && (a - start) % BigInt(grid.increment) === 0n;
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
