/**
 * Pure auction arithmetic on integer minor units. The full engine (bids, proxies,
 * anti-sniping, closing) builds on these.
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

/** The public learns only whether the hidden reserve is met, never the amount. No reserve: met. */
export function reserveMet(state: PriceState): boolean {
  if (state.reservePrice === null) return true;
  return state.currentPrice !== null && state.currentPrice >= state.reservePrice;
}
