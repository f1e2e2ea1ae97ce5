/**
 * A deliberately plain model of the auction rules, written from the specification and not from
 * the engine, for property tests to compare the two. It keeps every standing commitment as a
 * list, picks the leader and runner-up with plain loops, and finds the price by walking the
 * increment grid one step at a time. Slow and obvious on purpose: only use it with small grids.
 *
 * It shares the engine's command and bidder types (the interface under test) and nothing else.
 */
import type { AuctionCommand, Bidder } from "../../server/sale-modes/auction/rules";

/** The largest amount the bid schema accepts: eighteen nines. */
const LARGEST_AMOUNT = 10n ** 18n - 1n;

export interface ReferenceSettings {
  startingPrice: bigint;
  increment: bigint;
  /** A bid or maximum may name at most this many times the price (the start before any bid). */
  maxBidMultiple: number;
  reservePrice: bigint | null;
  /** Milliseconds since the epoch. */
  startsAt: number | null;
  endsAt: number;
  windowMs: number;
  extensionMs: number;
  maxExtensions: number | null;
  designatedRegistrationId: string | null;
}

/** A bidder's promise to pay up to `maximum`, made at `at` during command number `turn`. */
interface Commitment {
  bidder: Bidder;
  maximum: bigint;
  at: number;
  turn: number;
}

interface Standing extends Commitment {
  source: "proxy" | "leader" | "manual";
}

export interface ReferenceBid {
  registrationId: string;
  amount: bigint;
  kind: "manual" | "proxy";
}

export type ReferenceResult =
  | { outcome: "sold"; registrationId: string; price: bigint }
  | { outcome: "designated_floor"; registrationId: string; price: bigint }
  | { outcome: "failed"; reason: "no_bids" | "reserve_not_met" };

export type ReferenceStep =
  | { ok: false; code: string }
  | {
      ok: true;
      bids: ReferenceBid[];
      leaderChanged: boolean;
      reserveMet: boolean;
      endExtended: boolean;
      result: ReferenceResult | null;
    };

const rejected = (code: string): ReferenceStep => ({ ok: false, code });

const isSame = (a: Bidder, b: Bidder) => a.registrationId === b.registrationId;

/** Rank 1 is the best right of first refusal; no right ranks after every holder. */
const rankNumber = (b: Bidder) => (b.rightOfFirstRefusalRank === null ? Infinity : b.rightOfFirstRefusalRank);

/** Does `a` come before `b`? Higher maximum, then better rank, then earlier time, then earlier command. */
function comesBefore(a: Commitment, b: Commitment): boolean {
  if (a.maximum > b.maximum) return true;
  if (a.maximum < b.maximum) return false;
  if (rankNumber(a.bidder) < rankNumber(b.bidder)) return true;
  if (rankNumber(a.bidder) > rankNumber(b.bidder)) return false;
  if (a.at < b.at) return true;
  if (a.at > b.at) return false;
  return a.turn < b.turn;
}

export class ReferenceAuction {
  status: "live" | "awarded" | "failed" = "live";
  endsAt: number;
  extensions = 0;
  price: bigint | null = null;
  /** Who leads at `price`, and when (and in which command) they committed to it. */
  leading: Commitment | null = null;
  proxies: Commitment[] = [];
  /** Every accepted bid, oldest first. */
  bids: ReferenceBid[] = [];
  result: ReferenceResult | null = null;
  private reserveAnnounced = false;
  private turn = 0;

  constructor(readonly settings: ReferenceSettings) {
    this.endsAt = settings.endsAt;
  }

  get leader(): Bidder | null {
    return this.leading === null ? null : this.leading.bidder;
  }

  proxyOf(who: Bidder): Commitment | null {
    for (const proxy of this.proxies) if (isSame(proxy.bidder, who)) return proxy;
    return null;
  }

  apply(command: AuctionCommand, now: number): ReferenceStep {
    this.turn += 1;
    if (command.type === "close") return this.close(now);
    const closed = this.biddingClosed(now);
    if (closed) return closed;
    if (command.type === "bid") return this.bid(command.bidder, command.amount, now);
    if (command.type === "setProxy") return this.setProxy(command.bidder, command.maximum, now);
    return this.clearProxy(command.bidder);
  }

  private biddingClosed(now: number): ReferenceStep | null {
    if (this.status !== "live") return rejected("LISTING_NOT_LIVE");
    if (this.settings.startsAt !== null && now < this.settings.startsAt) return rejected("BIDDING_NOT_STARTED");
    if (now >= this.endsAt) return rejected("LISTING_ENDED");
    return null;
  }

  private onGrid(amount: bigint): boolean {
    const { startingPrice, increment } = this.settings;
    return amount >= startingPrice && (amount - startingPrice) % increment === 0n;
  }

  private nextMinimum(): bigint {
    return this.price === null ? this.settings.startingPrice : this.price + this.settings.increment;
  }

  /**
   * Too much for one bid or maximum: more than the multiple of the price (the start before any
   * bid) and more than the next minimum; or so much that the next minimum after it would be
   * more than any bid may name.
   */
  private aboveCap(amount: bigint): boolean {
    const { maxBidMultiple, startingPrice, increment } = this.settings;
    if (amount + increment > LARGEST_AMOUNT) return true;
    return amount > (this.price ?? startingPrice) * BigInt(maxBidMultiple) && amount > this.nextMinimum();
  }

  private isLeader(who: Bidder): boolean {
    return this.leading !== null && isSame(this.leading.bidder, who);
  }

  private bid(who: Bidder, amount: bigint, now: number): ReferenceStep {
    if (this.isLeader(who)) return rejected("ALREADY_LEADING");
    let firstRefusalMatch = false;
    if (this.leading !== null && amount === this.price && who.rightOfFirstRefusalRank !== null) {
      firstRefusalMatch = rankNumber(who) < rankNumber(this.leading.bidder);
    }
    if (amount < this.nextMinimum() && !firstRefusalMatch) return rejected("BID_TOO_LOW");
    if (!this.onGrid(amount)) return rejected("BID_NOT_ON_INCREMENT");
    if (this.aboveCap(amount)) return rejected("BID_ABOVE_CAP");
    const remaining: Commitment[] = [];
    for (const proxy of this.proxies) if (!isSame(proxy.bidder, who)) remaining.push(proxy);
    this.proxies = remaining;
    return this.compete({ bidder: who, maximum: amount, at: now, turn: this.turn }, now);
  }

  private setProxy(who: Bidder, maximum: bigint, now: number): ReferenceStep {
    const minimum = this.isLeader(who) ? this.price! : this.nextMinimum();
    if (maximum < minimum) return rejected("PROXY_TOO_LOW");
    if (!this.onGrid(maximum)) return rejected("BID_NOT_ON_INCREMENT");
    if (this.aboveCap(maximum)) return rejected("BID_ABOVE_CAP");
    const old = this.proxyOf(who);
    const remaining: Commitment[] = [];
    for (const proxy of this.proxies) if (!isSame(proxy.bidder, who)) remaining.push(proxy);
    // Saying the same maximum again is not a new promise: it keeps its place in a tie.
    remaining.push(old !== null && old.maximum === maximum ? old : { bidder: who, maximum, at: now, turn: this.turn });
    this.proxies = remaining;
    return this.compete(null, now);
  }

  private clearProxy(who: Bidder): ReferenceStep {
    if (this.proxyOf(who) === null) return rejected("NO_PROXY");
    const remaining: Commitment[] = [];
    for (const proxy of this.proxies) if (!isSame(proxy.bidder, who)) remaining.push(proxy);
    this.proxies = remaining;
    return { ok: true, bids: [], leaderChanged: false, reserveMet: false, endExtended: false, result: null };
  }

  /** Every standing commitment competes at once; the best leads at the lowest price nobody else can reach. */
  private compete(manual: Commitment | null, now: number): ReferenceStep {
    const { startingPrice, increment } = this.settings;
    const previousPrice = this.price;

    const standings: Standing[] = [];
    for (const proxy of this.proxies) {
      if (proxy.maximum >= (previousPrice ?? startingPrice)) standings.push({ ...proxy, source: "proxy" });
    }
    if (this.leading !== null && this.proxyOf(this.leading.bidder) === null) {
      standings.push({ ...this.leading, maximum: previousPrice!, source: "leader" });
    }
    if (manual !== null) standings.push({ ...manual, source: "manual" });

    let winner = standings[0]!;
    for (const standing of standings) if (comesBefore(standing, winner)) winner = standing;
    let runnerUp: Standing | null = null;
    for (const standing of standings) {
      if (standing !== winner && (runnerUp === null || comesBefore(standing, runnerUp))) runnerUp = standing;
    }

    // Walk up the grid from the lowest allowed price until no other commitment reaches it.
    let price = winner.source === "manual" ? winner.maximum : (previousPrice ?? startingPrice);
    const reachedByAnother = (p: bigint) => standings.some((s) => s !== winner && s.maximum >= p);
    while (price < winner.maximum && reachedByAnother(price)) price += increment;

    const bids: ReferenceBid[] = [];
    if (manual !== null) bids.push({ registrationId: manual.bidder.registrationId, amount: manual.maximum, kind: "manual" });
    if (
      runnerUp !== null &&
      runnerUp.source === "proxy" &&
      previousPrice !== null &&
      runnerUp.maximum > previousPrice &&
      runnerUp.maximum < price
    ) {
      bids.push({ registrationId: runnerUp.bidder.registrationId, amount: runnerUp.maximum, kind: "proxy" });
    }
    const winnerWasLeading = this.isLeader(winner.bidder);
    const priceRose = previousPrice !== null && price > previousPrice;
    if (winner.source !== "manual" && (!winnerWasLeading || priceRose)) {
      bids.push({ registrationId: winner.bidder.registrationId, amount: price, kind: "proxy" });
    }
    if (bids.length === 0) {
      return { ok: true, bids, leaderChanged: false, reserveMet: false, endExtended: false, result: null };
    }
    // The log reads in rising order: repeatedly take the lowest remaining (the first of equals).
    const pool = [...bids];
    bids.length = 0;
    while (pool.length > 0) {
      let lowest = 0;
      for (let i = 1; i < pool.length; i += 1) if (pool[i]!.amount < pool[lowest]!.amount) lowest = i;
      bids.push(pool.splice(lowest, 1)[0]!);
    }

    this.bids.push(...bids);
    this.price = price;
    if (!winnerWasLeading || priceRose) this.leading = { bidder: winner.bidder, maximum: price, at: now, turn: this.turn };
    const stillInPlay: Commitment[] = [];
    for (const proxy of this.proxies) {
      if (isSame(proxy.bidder, winner.bidder) || proxy.maximum >= price + increment) stillInPlay.push(proxy);
    }
    this.proxies = stillInPlay;

    let reserveMet = false;
    const { reservePrice } = this.settings;
    if (reservePrice !== null && !this.reserveAnnounced && price >= reservePrice) {
      this.reserveAnnounced = true;
      reserveMet = true;
    }

    let endExtended = false;
    const { windowMs, extensionMs, maxExtensions } = this.settings;
    const insideWindow = this.endsAt - now <= windowMs;
    const extensionsLeft = maxExtensions === null || this.extensions < maxExtensions;
    if (insideWindow && extensionsLeft && now + extensionMs > this.endsAt) {
      this.endsAt = now + extensionMs;
      this.extensions += 1;
      endExtended = true;
    }
    return { ok: true, bids, leaderChanged: !winnerWasLeading, reserveMet, endExtended, result: null };
  }

  private close(now: number): ReferenceStep {
    if (this.status !== "live") return rejected("LISTING_NOT_LIVE");
    if (now < this.endsAt) return rejected("NOT_DUE");
    const { designatedRegistrationId, startingPrice, reservePrice } = this.settings;
    let result: ReferenceResult;
    if (this.bids.length === 0) {
      result =
        designatedRegistrationId === null
          ? { outcome: "failed", reason: "no_bids" }
          : { outcome: "designated_floor", registrationId: designatedRegistrationId, price: startingPrice };
    } else if (reservePrice !== null && this.price! < reservePrice) {
      result = { outcome: "failed", reason: "reserve_not_met" };
    } else {
      result = { outcome: "sold", registrationId: this.leading!.bidder.registrationId, price: this.price! };
    }
    this.result = result;
    this.status = result.outcome === "failed" ? "failed" : "awarded";
    this.proxies = [];
    return { ok: true, bids: [], leaderChanged: false, reserveMet: false, endExtended: false, result };
  }
}
