/**
 * The rules of the two modes that are not open bidding: designated purchase (指定收购并处置) and
 * negotiated transfer (协议转让). Pure functions over plain facts.
 */

/**
 * What happens when registration closes on a designated purchase. The designated investor
 * committed before the announcement; the others register during it. Fewer than two others:
 * extend registration once (by default 3 working days), to draw competition; still nobody else
 * after that: the designated investor buys at its committed floor without a live round; anyone
 * else registered: a normal auction in which the designated investor may also bid.
 */
export type DesignatedOutcome = "extend_registration" | "award_at_floor" | "run_auction" | "no_buyer";

export function designatedOutcome(input: {
  designatedApproved: boolean;
  /** Approved registrations other than the designated investor's. */
  otherBidders: number;
  alreadyExtended: boolean;
}): DesignatedOutcome {
  if (input.otherBidders < 2 && !input.alreadyExtended) return "extend_registration";
  if (input.otherBidders === 0) return input.designatedApproved ? "award_at_floor" : "no_buyer";
  return "run_auction";
}

/** The designated investor's committed floor is the starting price; its deposit backs it like anyone's. */
export function designatedTerms(floor: bigint, deposit: bigint, startingPrice: bigint) {
  if (floor <= 0n)
    return { ok: false as const, code: "FLOOR_REQUIRED", message: "The designated investor must commit a floor price." };
  if (startingPrice !== floor) {
    return {
      ok: false as const,
      code: "START_NOT_FLOOR",
      message: "The starting price of a designated purchase is the committed floor.",
    };
  }
  if (deposit * 100n < floor * 5n || deposit * 100n > floor * 20n) {
    return { ok: false as const, code: "DEPOSIT_OUT_OF_RANGE", message: "The deposit must be 5% to 20% of the floor." };
  }
  return { ok: true as const };
}

export type OfferStatus = "open" | "countered" | "accepted" | "expired";

export interface Offer {
  id: string;
  from: "seller" | "investor";
  amount: bigint;
  expiresAt: Date;
  status: OfferStatus;
}

/**
 * A negotiated transfer's thread of offers between the seller and one eligible investor. Each
 * offer binds its maker until it expires or is answered (it cannot be withdrawn); only the other
 * side may accept or counter it, and a counter replaces it. Acceptance awards the listing at the
 * offer's amount.
 */
export function negotiationStep(
  thread: readonly Offer[],
  action:
    | { type: "offer"; from: "seller" | "investor"; id: string; amount: bigint; expiresAt: Date }
    | { type: "accept"; by: "seller" | "investor" },
  now: Date,
):
  | { ok: true; thread: Offer[]; agreed: bigint | null }
  | {
      ok: false;
      code: "NOT_YOUR_TURN" | "NO_OPEN_OFFER" | "OFFER_EXPIRED" | "BAD_EXPIRY" | "BAD_AMOUNT" | "ALREADY_AGREED";
      message: string;
    } {
  if (thread.some((o) => o.status === "accepted")) {
    return { ok: false, code: "ALREADY_AGREED", message: "The parties have agreed; the thread is closed." };
  }
  const current = [...thread].reverse().find((o) => o.status === "open");
  const live = current && current.expiresAt > now ? current : null;
  const expire = (o: Offer): Offer => (o === current && !live ? { ...o, status: "expired" } : o);
  const settled = thread.map(expire);

  if (action.type === "offer") {
    if (action.amount <= 0n) return { ok: false, code: "BAD_AMOUNT", message: "An offer needs a positive amount." };
    if (action.expiresAt <= now) return { ok: false, code: "BAD_EXPIRY", message: "An offer must stay open for a while." };
    if (live && live.from === action.from) {
      return { ok: false, code: "NOT_YOUR_TURN", message: "Your offer stands until it is answered or expires." };
    }
    const answered = settled.map((o) => (o === live ? { ...o, status: "countered" as const } : o));
    return {
      ok: true,
      thread: [
        ...answered,
        { id: action.id, from: action.from, amount: action.amount, expiresAt: action.expiresAt, status: "open" },
      ],
      agreed: null,
    };
  }
  if (!live) {
    return current
      ? { ok: false, code: "OFFER_EXPIRED", message: "The offer has expired." }
      : { ok: false, code: "NO_OPEN_OFFER", message: "There is no open offer." };
  }
  if (live.from === action.by) return { ok: false, code: "NOT_YOUR_TURN", message: "Only the other side may accept an offer." };
  return { ok: true, thread: settled.map((o) => (o === live ? { ...o, status: "accepted" } : o)), agreed: live.amount };
}

export interface StandingBid {
  registrationId: string;
  amount: bigint;
  at: Date;
}

/**
 * The runner-up after a winner defaults (docs/domain.md "Closing, defaults and the runner-up"): among the other bidders, the one
 * whose own best bid is highest (the earlier at equal amounts), offered the lot at that bid.
 * Bidders in `excluded` (the defaulted winner, any who defaulted before) are passed over.
 */
export function runnerUpOf(bids: readonly StandingBid[], excluded: readonly string[]): StandingBid | null {
  const best = new Map<string, StandingBid>();
  for (const bid of bids) {
    if (excluded.includes(bid.registrationId)) continue;
    const mine = best.get(bid.registrationId);
    if (!mine || bid.amount > mine.amount || (bid.amount === mine.amount && bid.at < mine.at)) best.set(bid.registrationId, bid);
  }
  let chosen: StandingBid | null = null;
  for (const bid of best.values()) {
    if (!chosen || bid.amount > chosen.amount || (bid.amount === chosen.amount && bid.at < chosen.at)) chosen = bid;
  }
  return chosen;
}
