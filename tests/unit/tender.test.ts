import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bestAndFinalShortlist,
  checkSealedSubmission,
  decideOpening,
  openTender,
  rankSealedBids,
  tenderCommitment,
  verifyReceipt,
  type SealedBid,
  type TenderPricing,
  type TenderResult,
} from "../../server/sale-modes/tender/rules";
import { hours, minutes, yuan } from "../support/auction-factories";

const runs = { numRuns: 300 };

/** Every tender in these tests closes at this instant. */
const deadline = new Date("2026-12-01T08:00:00.000Z");
/** The moment `ms` after the tender was announced, a day before the deadline. */
const at = (ms: number) => new Date(deadline.getTime() - hours(24) + ms);

/** A standing sealed bid; the registration and the salt follow from the bidder code. */
function sealedBid(bidderCode: string, amount: bigint, submittedAt: Date): SealedBid {
  return { registrationId: `registration-${bidderCode}`, bidderCode, amount, submittedAt, salt: `salt-${bidderCode}` };
}

function terms(overrides: { startingPrice?: bigint; reservePrice?: bigint | null; pricing?: TenderPricing } = {}) {
  return { startingPrice: yuan(1_000_000), reservePrice: null, pricing: "first_price" as TenderPricing, ...overrides };
}

function sold(result: TenderResult) {
  if (result.outcome !== "sold") throw new Error(`expected the tender to sell, got ${result.outcome}`);
  return result;
}

/**
 * Standing bids, one per registered bidder (unique codes), with amounts and submission times
 * drawn from small ranges so that equal amounts and equal instants are common.
 */
const bidsArb: fc.Arbitrary<SealedBid[]> = fc
  .uniqueArray(
    fc.record({
      code: fc.stringMatching(/^[A-Z][0-9]{2}$/),
      amount: fc.bigInt({ min: 0n, max: 40n }),
      second: fc.nat({ max: 5 }),
    }),
    { selector: (b) => b.code, maxLength: 12 },
  )
  .map((rows) => rows.map((r) => sealedBid(r.code, r.amount, at(r.second * 1_000))));

const startArb = fc.bigInt({ min: 0n, max: 30n });
const reserveArb = fc.option(fc.bigInt({ min: 0n, max: 45n }), { nil: null });
const pricingArb = fc.constantFrom<TenderPricing>("first_price", "second_price");

/**
 * The reference winner, by brute force: the valid bid that no other valid bid beats, where a bid
 * beats another by a higher amount, or the same amount submitted earlier (the same instant: the
 * lower bidder code, which only keeps the order total).
 */
function referenceWinner(bids: readonly SealedBid[], startingPrice: bigint): SealedBid | null {
  const valid = bids.filter((b) => b.amount >= startingPrice);
  const beats = (a: SealedBid, b: SealedBid) =>
    a.amount > b.amount ||
    (a.amount === b.amount && a.submittedAt.getTime() < b.submittedAt.getTime()) ||
    (a.amount === b.amount && a.submittedAt.getTime() === b.submittedAt.getTime() && a.bidderCode < b.bidderCode);
  const unbeaten = valid.filter((candidate) => valid.every((other) => other === candidate || !beats(other, candidate)));
  return unbeaten[0] ?? null;
}

const maxOf = (...values: bigint[]) => values.reduce((a, b) => (b > a ? b : a));

describe("tenderCommitment and verifyReceipt", () => {
  const receipt = { listingId: "listing-42", amount: yuan(1_250_000), bidderCode: "B07", salt: "3f9c0a1e" };

  it("is a lowercase SHA-256 hex digest the bidder can recompute from its own amount and salt", () => {
    const commitment = tenderCommitment(receipt);
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(tenderCommitment({ ...receipt })).toBe(commitment);
    expect(verifyReceipt(commitment, receipt)).toBe(true);
  });

  it("does not verify a receipt for another amount, listing, bidder code or salt", () => {
    const commitment = tenderCommitment(receipt);
    expect(verifyReceipt(commitment, { ...receipt, amount: receipt.amount + 1n })).toBe(false);
    expect(verifyReceipt(commitment, { ...receipt, listingId: "listing-43" })).toBe(false);
    expect(verifyReceipt(commitment, { ...receipt, bidderCode: "B08" })).toBe(false);
    expect(verifyReceipt(commitment, { ...receipt, salt: "3f9c0a1f" })).toBe(false);
  });

  it("rejects a malformed commitment instead of throwing", () => {
    const commitment = tenderCommitment(receipt);
    expect(verifyReceipt("", receipt)).toBe(false);
    expect(verifyReceipt(commitment.slice(0, 63), receipt)).toBe(false);
    expect(verifyReceipt(`${commitment}0`, receipt)).toBe(false);
    expect(verifyReceipt(commitment.toUpperCase(), receipt)).toBe(false);
    expect(verifyReceipt(`${commitment}\n`, receipt)).toBe(false);
    expect(verifyReceipt(`z${commitment.slice(1)}`, receipt)).toBe(false);
  });

  const receiptArb = fc.record({
    listingId: fc.string(),
    amount: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    bidderCode: fc.string(),
    salt: fc.string(),
  });

  it("property: a receipt verifies against its own commitment, and not once any one field changes", () => {
    const change = fc.oneof(
      fc.record({ field: fc.constant("listingId" as const), value: fc.string() }),
      fc.record({ field: fc.constant("amount" as const), value: fc.bigInt({ min: 0n, max: 10n ** 15n }) }),
      fc.record({ field: fc.constant("bidderCode" as const), value: fc.string() }),
      fc.record({ field: fc.constant("salt" as const), value: fc.string() }),
    );
    fc.assert(
      fc.property(receiptArb, change, (x, { field, value }) => {
        fc.pre(x[field] !== value);
        const commitment = tenderCommitment(x);
        expect(verifyReceipt(commitment, x)).toBe(true);
        expect(verifyReceipt(commitment, { ...x, [field]: value })).toBe(false);
      }),
      runs,
    );
  });

  it("property: a commitment of the wrong length, in uppercase or with a non-hex character never verifies", () => {
    const malformation = fc.oneof(
      fc.record({ kind: fc.constant("truncated" as const), keep: fc.nat({ max: 63 }) }),
      fc.record({ kind: fc.constant("extended" as const), extra: fc.stringMatching(/^[0-9a-f]{1,8}$/) }),
      fc.record({ kind: fc.constant("uppercase" as const) }),
      fc.record({
        kind: fc.constant("nonHex" as const),
        position: fc.nat({ max: 63 }),
        char: fc.constantFrom("g", "z", "G", " ", "-", "x", "é"),
      }),
    );
    fc.assert(
      fc.property(receiptArb, malformation, (x, m) => {
        const commitment = tenderCommitment(x);
        let malformed: string;
        switch (m.kind) {
          case "truncated":
            malformed = commitment.slice(0, m.keep);
            break;
          case "extended":
            malformed = commitment + m.extra;
            break;
          case "uppercase":
            fc.pre(/[a-f]/.test(commitment));
            malformed = commitment.toUpperCase();
            break;
          case "nonHex":
            malformed = commitment.slice(0, m.position) + m.char + commitment.slice(m.position + 1);
            break;
        }
        expect(verifyReceipt(malformed, x)).toBe(false);
      }),
      runs,
    );
  });
});

describe("rankSealedBids", () => {
  it("puts the higher amount first, then the earlier submission, then the lower bidder code", () => {
    const late = sealedBid("B01", yuan(1_200_000), at(minutes(30)));
    const early = sealedBid("B02", yuan(1_200_000), at(minutes(10)));
    const sameInstant = sealedBid("B00", yuan(1_200_000), at(minutes(30)));
    const highest = sealedBid("B03", yuan(1_300_000), at(minutes(50)));
    const lowest = sealedBid("B04", yuan(1_100_000), at(minutes(1)));
    expect(rankSealedBids([late, lowest, early, highest, sameInstant]).map((b) => b.bidderCode)).toEqual([
      "B03",
      "B02",
      "B00",
      "B01",
      "B04",
    ]);
  });

  it("leaves the bids it was given in their order", () => {
    const bids = [sealedBid("B01", yuan(1), at(0)), sealedBid("B02", yuan(2), at(0))];
    rankSealedBids(bids);
    expect(bids.map((b) => b.bidderCode)).toEqual(["B01", "B02"]);
  });
});

describe("openTender", () => {
  const start = yuan(1_000_000);

  it("sells to the highest bid at its own amount under first-price pricing", () => {
    const result = sold(
      openTender(
        [
          sealedBid("B01", yuan(1_100_000), at(minutes(5))),
          sealedBid("B02", yuan(1_400_000), at(minutes(20))),
          sealedBid("B03", yuan(1_250_000), at(minutes(1))),
        ],
        terms({ startingPrice: start }),
      ),
    );
    expect(result.winner).toEqual({ registrationId: "registration-B02", bidderCode: "B02" });
    expect(result.price).toBe(yuan(1_400_000));
    expect(result.ranking.map((b) => b.bidderCode)).toEqual(["B02", "B03", "B01"]);
  });

  it("gives a tie to the bid submitted earlier", () => {
    const result = sold(
      openTender(
        [sealedBid("A01", yuan(1_300_000), at(minutes(40))), sealedBid("Z99", yuan(1_300_000), at(minutes(15)))],
        terms({ startingPrice: start }),
      ),
    );
    expect(result.winner.bidderCode).toBe("Z99");
  });

  it("charges the winner the second-best valid bid under second-price pricing", () => {
    const result = sold(
      openTender(
        [
          sealedBid("B01", yuan(1_500_000), at(0)),
          sealedBid("B02", yuan(1_200_000), at(0)),
          sealedBid("B03", yuan(1_100_000), at(0)),
        ],
        terms({ startingPrice: start, pricing: "second_price" }),
      ),
    );
    expect(result.winner.bidderCode).toBe("B01");
    expect(result.price).toBe(yuan(1_200_000));
  });

  it("charges a sole bidder the starting price under second-price pricing", () => {
    const result = sold(
      openTender([sealedBid("B01", yuan(1_500_000), at(0))], terms({ startingPrice: start, pricing: "second_price" })),
    );
    expect(result.price).toBe(start);
  });

  it("never charges less than the reserve under second-price pricing", () => {
    const result = sold(
      openTender(
        [sealedBid("B01", yuan(1_500_000), at(0)), sealedBid("B02", yuan(1_050_000), at(0))],
        terms({ startingPrice: start, reservePrice: yuan(1_300_000), pricing: "second_price" }),
      ),
    );
    expect(result.price).toBe(yuan(1_300_000));
  });

  it("sells when the best bid equals the reserve exactly", () => {
    const result = sold(
      openTender([sealedBid("B01", yuan(1_300_000), at(0))], terms({ startingPrice: start, reservePrice: yuan(1_300_000) })),
    );
    expect(result.price).toBe(yuan(1_300_000));
  });

  it("reports reserve not met, with the ranking, when the best valid bid is below the reserve", () => {
    const result = openTender(
      [sealedBid("B01", yuan(1_200_000), at(0)), sealedBid("B02", yuan(1_100_000), at(0))],
      terms({ startingPrice: start, reservePrice: yuan(1_300_000) }),
    );
    expect(result.outcome).toBe("reserve_not_met");
    expect(result).not.toHaveProperty("winner");
    expect(result).not.toHaveProperty("price");
    expect(result.ranking.map((b) => b.bidderCode)).toEqual(["B01", "B02"]);
  });

  it("reports no bids when nobody bid", () => {
    expect(openTender([], terms({ startingPrice: start }))).toEqual({ outcome: "no_bids", ranking: [] });
  });

  it("ignores bids below the starting price, so a tender with only those has no bids", () => {
    const below = [sealedBid("B01", start - 1n, at(0)), sealedBid("B02", yuan(10), at(0))];
    expect(openTender(below, terms({ startingPrice: start }))).toEqual({ outcome: "no_bids", ranking: [] });

    const result = sold(
      openTender([...below, sealedBid("B03", start, at(minutes(50)))], terms({ startingPrice: start, pricing: "second_price" })),
    );
    expect(result.winner.bidderCode).toBe("B03");
    expect(result.price).toBe(start);
    expect(result.ranking.map((b) => b.bidderCode)).toEqual(["B03"]);
  });

  it("property: the winner is the highest valid bid, ties going to the earlier submission (brute-force reference)", () => {
    fc.assert(
      fc.property(bidsArb, startArb, pricingArb, (bids, startingPrice, pricing) => {
        const result = openTender(bids, { startingPrice, reservePrice: null, pricing });
        const expected = referenceWinner(bids, startingPrice);
        if (expected === null) {
          expect(result).toEqual({ outcome: "no_bids", ranking: [] });
          return;
        }
        const won = sold(result);
        expect(won.winner).toEqual({ registrationId: expected.registrationId, bidderCode: expected.bidderCode });
        // No valid bid is higher, and none at the same amount was submitted earlier.
        for (const other of bids.filter((b) => b.amount >= startingPrice)) {
          expect(other.amount <= expected.amount).toBe(true);
          if (other.amount === expected.amount) {
            expect(other.submittedAt.getTime()).toBeGreaterThanOrEqual(expected.submittedAt.getTime());
          }
        }
      }),
      runs,
    );
  });

  it("property: the ranking holds exactly the valid bids, each once", () => {
    fc.assert(
      fc.property(bidsArb, startArb, reserveArb, pricingArb, (bids, startingPrice, reservePrice, pricing) => {
        const { ranking } = openTender(bids, { startingPrice, reservePrice, pricing });
        const valid = bids.filter((b) => b.amount >= startingPrice);
        expect(ranking).toHaveLength(valid.length);
        expect(new Set(ranking)).toEqual(new Set(valid));
        for (let i = 1; i < ranking.length; i++) expect(ranking[i - 1]!.amount >= ranking[i]!.amount).toBe(true);
      }),
      runs,
    );
  });

  it("property: opening gives the same result for any order of the same bids", () => {
    const bidsAndPermutation = bidsArb.chain((bids) =>
      fc.tuple(fc.constant(bids), fc.shuffledSubarray(bids, { minLength: bids.length, maxLength: bids.length })),
    );
    fc.assert(
      fc.property(
        bidsAndPermutation,
        startArb,
        reserveArb,
        pricingArb,
        ([bids, permuted], startingPrice, reservePrice, pricing) => {
          const tenderTerms = { startingPrice, reservePrice, pricing };
          expect(openTender(permuted, tenderTerms)).toEqual(openTender(bids, tenderTerms));
        },
      ),
      runs,
    );
  });

  it("property: opening twice, or opening the published ranking again, gives deep-equal results", () => {
    fc.assert(
      fc.property(bidsArb, startArb, reserveArb, pricingArb, (bids, startingPrice, reservePrice, pricing) => {
        const tenderTerms = { startingPrice, reservePrice, pricing };
        const before = bids.map((b) => ({ ...b }));
        const first = openTender(bids, tenderTerms);
        expect(openTender(bids, tenderTerms)).toEqual(first);
        expect(openTender(first.ranking, tenderTerms)).toEqual(first);
        expect(bids).toEqual(before);
      }),
      runs,
    );
  });

  it("property: the second price is max(second valid bid, reserve, start) and never above the winner's bid; the first price is the winner's bid", () => {
    fc.assert(
      fc.property(bidsArb, startArb, reserveArb, (bids, startingPrice, reservePrice) => {
        const second = openTender(bids, { startingPrice, reservePrice, pricing: "second_price" });
        const first = openTender(bids, { startingPrice, reservePrice, pricing: "first_price" });
        expect(second.outcome).toBe(first.outcome);
        if (first.outcome !== "sold" || second.outcome !== "sold") return;

        const valid = bids
          .filter((b) => b.amount >= startingPrice)
          .map((b) => b.amount)
          .sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
        const [winningBid, secondBid] = valid as [bigint, ...bigint[]];
        expect(first.price).toBe(winningBid);
        expect(second.winner).toEqual(first.winner);
        expect(second.price).toBe(maxOf(secondBid ?? startingPrice, reservePrice ?? startingPrice, startingPrice));
        expect(second.price <= winningBid).toBe(true);
        expect(second.price >= startingPrice).toBe(true);
        if (reservePrice !== null) expect(second.price >= reservePrice).toBe(true);
      }),
      runs,
    );
  });

  it("property: the reserve is not met exactly when the best valid bid is below it", () => {
    fc.assert(
      fc.property(bidsArb, startArb, reserveArb, pricingArb, (bids, startingPrice, reservePrice, pricing) => {
        const result = openTender(bids, { startingPrice, reservePrice, pricing });
        const valid = bids.filter((b) => b.amount >= startingPrice).map((b) => b.amount);
        if (valid.length === 0) {
          expect(result.outcome).toBe("no_bids");
          return;
        }
        const best = maxOf(...valid);
        expect(result.outcome).toBe(reservePrice !== null && best < reservePrice ? "reserve_not_met" : "sold");
      }),
      runs,
    );
  });

  it("property: bids below the starting price change nothing", () => {
    const belowStart = fc.uniqueArray(
      fc.record({
        code: fc.stringMatching(/^[a-z][0-9]{2}$/),
        below: fc.bigInt({ min: 1n, max: 20n }),
        second: fc.nat({ max: 5 }),
      }),
      { selector: (b) => b.code, maxLength: 6 },
    );
    fc.assert(
      fc.property(bidsArb, belowStart, startArb, reserveArb, pricingArb, (bids, extra, startingPrice, reservePrice, pricing) => {
        const tenderTerms = { startingPrice, reservePrice, pricing };
        const invalid = extra.map((e) => sealedBid(e.code, startingPrice - e.below, at(e.second * 1_000)));
        const mixed = bids.flatMap((b, i) => (invalid[i] ? [invalid[i], b] : [b])).concat(invalid.slice(bids.length));
        expect(openTender(mixed, tenderTerms)).toEqual(openTender(bids, tenderTerms));
      }),
      runs,
    );
  });
});

describe("bestAndFinalShortlist", () => {
  const ranking = openTender(
    [
      sealedBid("B01", yuan(1_100_000), at(0)),
      sealedBid("B02", yuan(1_400_000), at(0)),
      sealedBid("B03", yuan(1_250_000), at(0)),
      sealedBid("B04", yuan(1_250_000), at(minutes(-5))),
    ],
    terms(),
  ).ranking;

  it("invites the top N bidders of the first round, best first", () => {
    expect(bestAndFinalShortlist(ranking, 3)).toEqual(["registration-B02", "registration-B04", "registration-B03"]);
  });

  it("invites everyone when N is at least the number of bidders", () => {
    expect(bestAndFinalShortlist(ranking, 10)).toHaveLength(4);
  });

  it("invites nobody when N is zero or negative", () => {
    expect(bestAndFinalShortlist(ranking, 0)).toEqual([]);
    expect(bestAndFinalShortlist(ranking, -2)).toEqual([]);
  });

  it("property: the shortlist is the first min(N, bidders) of the ranking, each bidder once", () => {
    fc.assert(
      fc.property(bidsArb, fc.integer({ min: -3, max: 15 }), (bids, topN) => {
        const { ranking: ranked } = openTender(bids, { startingPrice: 0n, reservePrice: null, pricing: "first_price" });
        const shortlist = bestAndFinalShortlist(ranked, topN);
        expect(shortlist).toHaveLength(Math.min(Math.max(0, topN), ranked.length));
        expect(new Set(shortlist).size).toBe(shortlist.length);
        expect(shortlist).toEqual(ranked.slice(0, shortlist.length).map((b) => b.registrationId));
      }),
      runs,
    );
  });
});

describe("checkSealedSubmission", () => {
  const tender = { status: "live", deadline, startingPrice: yuan(1_000_000) };

  it("accepts a bid at the starting price before the deadline", () => {
    expect(checkSealedSubmission({ amount: yuan(1_000_000), now: new Date(deadline.getTime() - 1) }, tender)).toEqual({
      ok: true,
    });
  });

  it("refuses a bid on a tender that is not live", () => {
    for (const status of ["draft", "announced", "closed", "failed"]) {
      const result = checkSealedSubmission({ amount: yuan(1_200_000), now: at(0) }, { ...tender, status });
      expect(result).toMatchObject({ ok: false, code: "LISTING_NOT_LIVE" });
    }
  });

  it("refuses a bid at the deadline instant and after it", () => {
    expect(checkSealedSubmission({ amount: yuan(1_200_000), now: deadline }, tender)).toMatchObject({
      ok: false,
      code: "TENDER_CLOSED",
    });
    expect(checkSealedSubmission({ amount: yuan(1_200_000), now: new Date(deadline.getTime() + 1) }, tender)).toMatchObject({
      ok: false,
      code: "TENDER_CLOSED",
    });
  });

  it("refuses a bid below the starting price", () => {
    expect(checkSealedSubmission({ amount: yuan(1_000_000) - 1n, now: at(0) }, tender)).toMatchObject({
      ok: false,
      code: "BID_TOO_LOW",
    });
  });

  it("property: a submission is accepted iff the tender is live, the deadline is still ahead and the amount reaches the start", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("live", "closed", "draft"),
        fc.integer({ min: -hours(2), max: hours(2) }),
        fc.bigInt({ min: 0n, max: 2_000n }),
        fc.bigInt({ min: 0n, max: 2_000n }),
        (status, offset, amount, startingPrice) => {
          const now = new Date(deadline.getTime() + offset);
          const result = checkSealedSubmission({ amount, now }, { status, deadline, startingPrice });
          expect(result.ok).toBe(status === "live" && now < deadline && amount >= startingPrice);
        },
      ),
      runs,
    );
  });
});

describe("decideOpening: the best-and-final round", () => {
  const round = (bid: SealedBid, r: number) => ({ ...bid, round: r });
  const first = [
    round(sealedBid("B01", yuan(1_100_000), at(0)), 1),
    round(sealedBid("B02", yuan(1_400_000), at(0)), 1),
    round(sealedBid("B03", yuan(1_250_000), at(0)), 1),
    round(sealedBid("B04", yuan(900_000), at(0)), 1),
  ];

  it("shortlists the top N valid bids at the first opening instead of deciding", () => {
    expect(decideOpening(first, terms(), { topN: 2, round: 1 })).toEqual({
      kind: "best_and_final",
      shortlist: ["registration-B02", "registration-B03"],
    });
  });

  it("decides at once without a best-and-final round, or with fewer than two valid bids", () => {
    expect(decideOpening(first, terms(), { topN: null, round: 1 })).toMatchObject({
      kind: "result",
      result: { outcome: "sold" },
    });
    const single = [first[1]!, first[3]!];
    expect(decideOpening(single, terms(), { topN: 3, round: 1 })).toMatchObject({
      kind: "result",
      result: { outcome: "sold", winner: { bidderCode: "B02" } },
    });
  });

  it("at the second opening, lets only the shortlisted compete, each with its final or its first bid", () => {
    const second = [
      round(sealedBid("B01", yuan(1_100_000), at(0)), 1),
      round(sealedBid("B02", yuan(1_400_000), at(0)), 2),
      round(sealedBid("B03", yuan(1_450_000), at(hours(30))), 2),
    ];
    expect(decideOpening(second, terms(), { topN: 2, round: 2 })).toMatchObject({
      kind: "result",
      result: { outcome: "sold", winner: { bidderCode: "B03" }, price: yuan(1_450_000) },
    });
    const outsiderBest = [round(sealedBid("B01", yuan(2_000_000), at(0)), 1), round(sealedBid("B02", yuan(1_400_000), at(0)), 2)];
    expect(decideOpening(outsiderBest, terms(), { topN: 2, round: 2 })).toMatchObject({
      result: { winner: { bidderCode: "B02" } },
    });
  });
});

describe("checkSealedSubmission in the best-and-final round", () => {
  const tender = { status: "live", deadline, startingPrice: yuan(1_000_000) };
  const now = at(hours(1));

  it("refuses a bidder that was not shortlisted", () => {
    expect(checkSealedSubmission({ amount: yuan(1_500_000), now }, tender, { shortlisted: false, firstBid: null })).toMatchObject(
      {
        ok: false,
        code: "NOT_SHORTLISTED",
      },
    );
  });

  it("refuses a final bid below the bidder's own standing bid, and takes one at or above it", () => {
    const finalRound = { shortlisted: true, firstBid: yuan(1_250_000) };
    expect(checkSealedSubmission({ amount: yuan(1_249_999), now }, tender, finalRound)).toMatchObject({
      ok: false,
      code: "BID_TOO_LOW",
    });
    expect(checkSealedSubmission({ amount: yuan(1_250_000), now }, tender, finalRound)).toEqual({ ok: true });
  });
});
