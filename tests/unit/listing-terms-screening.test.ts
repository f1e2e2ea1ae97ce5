import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listingModes } from "../../core/enums";
import { barredCategories, normaliseIdNumber, normaliseName, screenApplicant, type ScreeningInput } from "../../core/screening";
import { checkTerms, defaultTerms, listingTermsSchema, MAX_STARTING_PRICE, type ListingTerms } from "../../core/listing-terms";
import { createVault } from "../../server/privacy/vault";

/** Amounts are minor units: CNY 1 = 100n. */
const yuan = (amount: number) => BigInt(amount) * 100n;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const now = new Date("2026-11-20T02:00:00Z");
const valuation = yuan(8_000_000);
const lot: Parameters<typeof checkTerms>[1] = { valuation, lotCurrency: "CNY", now };

/** Terms that pass every rule: a start at 85% of the valuation, 10% deposit, 0.5% increment, three days of bidding. */
function terms(overrides: Partial<ListingTerms> = {}): ListingTerms {
  const startingPrice = overrides.startingPrice ?? yuan(6_800_000);
  const startsAt = overrides.startsAt ?? new Date(now.getTime() + 10 * DAY);
  return {
    assetId: randomUUID(),
    packageId: null,
    title: "First-lien loan on a Pudong office floor",
    titleZh: null,
    summary: "",
    summaryZh: "",
    mode: "auction",
    tenderPricing: "first_price",
    designatedOrgId: null,
    counterpartyOrgId: null,
    negotiationJustification: null,
    bestAndFinalTopN: null,
    currency: "CNY",
    startingPrice,
    reservePrice: null,
    increment: startingPrice / 200n,
    deposit: startingPrice / 10n,
    antiSnipingWindowMinutes: 5,
    antiSnipingExtensionMinutes: 5,
    maxExtensions: null,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * DAY),
    balanceDueDays: 10,
    specialTerms: "",
    valuationExceptionReason: null,
    rightOfFirstRefusalHolders: [],
    ...overrides,
  };
}

const codes = (t: ListingTerms, facts = lot) => checkTerms(t, facts).map((issue) => issue.code);

describe("checkTerms", () => {
  it("accepts terms that follow every rule", () => {
    expect(checkTerms(terms(), lot)).toEqual([]);
  });

  describe("deposit", () => {
    const start = yuan(6_800_000);

    it("accepts a deposit of exactly 5% of the starting price", () => {
      expect(codes(terms({ startingPrice: start, deposit: yuan(340_000) }))).toEqual([]);
    });

    it("accepts a deposit of exactly 20% of the starting price", () => {
      expect(codes(terms({ startingPrice: start, deposit: yuan(1_360_000) }))).toEqual([]);
    });

    it("refuses a deposit below 5% of the starting price", () => {
      const issues = checkTerms(terms({ startingPrice: start, deposit: yuan(340_000) - 1n }), lot);
      expect(issues).toEqual([
        expect.objectContaining({
          field: "deposit",
          code: "DEPOSIT_OUT_OF_RANGE",
          params: { min: yuan(340_000).toString(), max: yuan(1_360_000).toString() },
        }),
      ]);
    });

    it("refuses a deposit above 20% of the starting price", () => {
      expect(codes(terms({ startingPrice: start, deposit: yuan(1_360_000) + 1n }))).toEqual(["DEPOSIT_OUT_OF_RANGE"]);
    });

    it("rounds the 5% up and the 20% down when the starting price does not divide evenly", () => {
      // 5% of 1,000,003 is 50,000.15 and 20% is 200,000.6 minor units.
      const odd = 1_000_003n;
      const check = (deposit: bigint) =>
        codes(terms({ startingPrice: odd, increment: 1_000n, deposit }), { ...lot, valuation: null });
      expect(check(50_000n)).toEqual(["DEPOSIT_OUT_OF_RANGE"]);
      expect(check(50_001n)).toEqual([]);
      expect(check(200_000n)).toEqual([]);
      expect(check(200_001n)).toEqual(["DEPOSIT_OUT_OF_RANGE"]);
    });

    it("flags the deposit exactly when it lies outside 5%-20% of the starting price (property)", () => {
      const startAndDeposit = fc.bigInt({ min: 20n, max: 10n ** 16n }).chain((startingPrice) =>
        fc.tuple(
          fc.constant(startingPrice),
          fc.oneof(
            fc.bigInt({ min: 1n, max: startingPrice }),
            // Near the two bounds, where rounding decides.
            fc.bigInt({ min: -2n, max: 2n }).map((d) => (startingPrice * 5n) / 100n + d),
            fc.bigInt({ min: -2n, max: 2n }).map((d) => (startingPrice * 20n) / 100n + d),
          ),
        ),
      );
      fc.assert(
        fc.property(startAndDeposit, ([startingPrice, deposit]) => {
          fc.pre(deposit > 0n);
          const issues = codes(terms({ startingPrice, deposit, increment: 1n }), { ...lot, valuation: null });
          const inRange = deposit * 100n >= startingPrice * 5n && deposit * 100n <= startingPrice * 20n;
          expect(issues.includes("DEPOSIT_OUT_OF_RANGE")).toBe(!inRange);
        }),
      );
    });
  });

  describe("starting price against the valuation", () => {
    it("accepts a start of exactly 70% of the valuation", () => {
      expect(codes(terms({ startingPrice: yuan(5_600_000) }))).toEqual([]);
    });

    it("refuses a start below 70% of the valuation without a reason", () => {
      const issues = checkTerms(terms({ startingPrice: yuan(5_600_000) - 1n }), lot);
      expect(issues).toEqual([
        expect.objectContaining({
          field: "startingPrice",
          code: "START_BELOW_VALUATION",
          params: { min: yuan(5_600_000).toString() },
        }),
      ]);
    });

    it("accepts a start below 70% of the valuation with a reason for the exception", () => {
      expect(
        codes(terms({ startingPrice: yuan(3_000_000), valuationExceptionReason: "Second failed auction of this lot" })),
      ).toEqual([]);
    });

    it("does not compare the start with a valuation the lot does not have", () => {
      expect(codes(terms({ startingPrice: yuan(1_000) }), { ...lot, valuation: null })).toEqual([]);
    });

    it("rounds the minimum start up to a whole minor unit", () => {
      const issues = checkTerms(terms({ startingPrice: 69n, deposit: 10n, increment: 1n }), { ...lot, valuation: 99n });
      // 70% of 99 is 69.3.
      expect(issues).toEqual([expect.objectContaining({ code: "START_BELOW_VALUATION", params: { min: "70" } })]);
    });
  });

  it("refuses a reserve below the starting price and accepts one at it", () => {
    expect(codes(terms({ reservePrice: yuan(6_800_000) - 1n }))).toEqual(["RESERVE_BELOW_START"]);
    expect(codes(terms({ reservePrice: yuan(6_800_000) }))).toEqual([]);
    expect(codes(terms({ reservePrice: yuan(9_000_000) }))).toEqual([]);
  });

  it("refuses an increment above 10% of the starting price and accepts one of exactly 10%", () => {
    expect(codes(terms({ increment: yuan(680_000) }))).toEqual([]);
    const issues = checkTerms(terms({ increment: yuan(680_000) + 1n }), lot);
    expect(issues).toEqual([
      expect.objectContaining({ field: "increment", code: "INCREMENT_TOO_LARGE", params: { max: yuan(680_000).toString() } }),
    ]);
  });

  describe("timetable", () => {
    const startsAt = new Date(now.getTime() + DAY);

    it("refuses bidding shorter than 24 hours by a millisecond", () => {
      expect(codes(terms({ startsAt, endsAt: new Date(startsAt.getTime() + DAY - 1) }))).toEqual(["BIDDING_TOO_SHORT"]);
    });

    it("accepts bidding of exactly 24 hours", () => {
      expect(codes(terms({ startsAt, endsAt: new Date(startsAt.getTime() + DAY) }))).toEqual([]);
    });

    it("refuses a start in the past or right now", () => {
      expect(codes(terms({ startsAt: new Date(now.getTime() - 1) }))).toEqual(["STARTS_IN_PAST"]);
      expect(codes(terms({ startsAt: now }))).toEqual(["STARTS_IN_PAST"]);
      expect(codes(terms({ startsAt: new Date(now.getTime() + 1) }))).toEqual([]);
    });

    it("refuses an end at or before the start, without also calling it too short", () => {
      expect(codes(terms({ startsAt, endsAt: startsAt }))).toEqual(["ENDS_BEFORE_START"]);
      expect(codes(terms({ startsAt, endsAt: new Date(startsAt.getTime() - HOUR) }))).toEqual(["ENDS_BEFORE_START"]);
    });
  });

  it("lets a seller draft an auction, a sealed tender or a designated purchase, but not a negotiated or fixed-price sale", () => {
    const named = { designatedOrgId: randomUUID(), counterpartyOrgId: randomUUID(), negotiationJustification: "Sole creditor" };
    const drafted = Object.fromEntries(listingModes.map((mode) => [mode, codes(terms({ mode, ...named }))]));
    expect(drafted).toEqual({
      auction: [],
      tender: [],
      designated: [],
      negotiated: [],
      fixed_price: ["MODE_NOT_AVAILABLE"],
    });
  });

  it("asks a negotiated transfer for its justification and counterparty", () => {
    expect(codes(terms({ mode: "negotiated" })).sort()).toEqual(["COUNTERPARTY_REQUIRED", "JUSTIFICATION_REQUIRED"]);
  });

  it("refuses a negotiated transfer of a package unless the platform allows it", () => {
    const negotiatedPackage = terms({
      mode: "negotiated",
      assetId: null,
      packageId: randomUUID(),
      counterpartyOrgId: randomUUID(),
      negotiationJustification: "The AMC's phased buyout",
    });
    expect(codes(negotiatedPackage)).toEqual(["NEGOTIATED_PACKAGE_NOT_ALLOWED"]);
    expect(checkTerms(negotiatedPackage, { ...lot, negotiatedPackagesAllowed: true })).toEqual([]);
  });

  it("opens the fixed-price sale to a re-listing after the failed rounds only", () => {
    expect(codes(terms({ mode: "fixed_price" }))).toEqual(["MODE_NOT_AVAILABLE"]);
    expect(checkTerms(terms({ mode: "fixed_price" }), { ...lot, followsFailedRounds: true })).toEqual([]);
  });

  it("asks a designated purchase to name its investor", () => {
    expect(checkTerms(terms({ mode: "designated", designatedOrgId: null }), lot)).toEqual([
      expect.objectContaining({ field: "designatedOrgId", code: "DESIGNATED_INVESTOR_REQUIRED" }),
    ]);
  });

  it("refuses a currency other than the lot's, naming the lot's", () => {
    const issues = checkTerms(terms({ currency: "USD" }), lot);
    expect(issues).toEqual([
      expect.objectContaining({ field: "currency", code: "CURRENCY_MISMATCH", params: { currency: "CNY" } }),
    ]);
  });

  it("refuses two right-of-first-refusal holders of the same rank", () => {
    expect(
      codes(
        terms({
          rightOfFirstRefusalHolders: [
            { name: "Co-owner Li", rank: 1 },
            { name: "Tenant Wang", rank: 1 },
          ],
        }),
      ),
    ).toEqual(["DUPLICATE_RANK"]);
    expect(
      codes(
        terms({
          rightOfFirstRefusalHolders: [
            { name: "Co-owner Li", rank: 1 },
            { name: "Tenant Wang", rank: 2 },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it("reports every broken rule at once", () => {
    const issues = codes(
      terms({
        mode: "fixed_price",
        currency: "HKD",
        deposit: 1n,
        startingPrice: yuan(1_000_000),
        reservePrice: yuan(1),
        increment: yuan(500_000),
        startsAt: new Date(now.getTime() - DAY),
        endsAt: new Date(now.getTime() - 2 * DAY),
      }),
    );
    expect(issues.sort()).toEqual(
      [
        "MODE_NOT_AVAILABLE",
        "CURRENCY_MISMATCH",
        "DEPOSIT_OUT_OF_RANGE",
        "START_BELOW_VALUATION",
        "RESERVE_BELOW_START",
        "INCREMENT_TOO_LARGE",
        "STARTS_IN_PAST",
        "ENDS_BEFORE_START",
      ].sort(),
    );
  });
});

describe("listingTermsSchema", () => {
  /** What a form or API client sends: money as strings of minor units. */
  const input = (overrides: Record<string, unknown> = {}) => ({
    assetId: randomUUID(),
    title: "First-lien loan on a Pudong office floor",
    startingPrice: "680000000",
    increment: "3400000",
    deposit: "68000000",
    startsAt: "2026-12-01T10:00:00+08:00",
    endsAt: "2026-12-04T10:00:00+08:00",
    ...overrides,
  });

  it("parses money into bigint minor units and fills in the defaults", () => {
    const parsed = listingTermsSchema.parse(input({ reservePrice: " 700000000 " }));
    expect(parsed).toMatchObject({
      startingPrice: 680_000_000n,
      reservePrice: 700_000_000n,
      increment: 3_400_000n,
      deposit: 68_000_000n,
      mode: "auction",
      currency: "CNY",
      antiSnipingWindowMinutes: 5,
      antiSnipingExtensionMinutes: 5,
      balanceDueDays: 10,
      rightOfFirstRefusalHolders: [],
      valuationExceptionReason: null,
    });
  });

  it("needs an asset or a package", () => {
    expect(listingTermsSchema.safeParse(input({ assetId: undefined })).success).toBe(false);
    expect(listingTermsSchema.safeParse(input({ assetId: null, packageId: null })).success).toBe(false);
  });

  it("refuses an asset and a package together", () => {
    const result = listingTermsSchema.safeParse(input({ packageId: randomUUID() }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join("."))).toContain("lot");
  });

  it("accepts a package alone", () => {
    expect(listingTermsSchema.safeParse(input({ assetId: undefined, packageId: randomUUID() })).success).toBe(true);
  });

  for (const bad of ["1.5", "-100", "1e5", "0", "", "abc", "1,000", "1234567890123456789"]) {
    it(`refuses ${JSON.stringify(bad)} as an amount of money`, () => {
      expect(listingTermsSchema.safeParse(input({ startingPrice: bad })).success).toBe(false);
      expect(listingTermsSchema.safeParse(input({ deposit: bad })).success).toBe(false);
    });
  }

  it("refuses money sent as a JavaScript number", () => {
    expect(listingTermsSchema.safeParse(input({ startingPrice: 680000000 })).success).toBe(false);
    expect(listingTermsSchema.safeParse(input({ increment: 1.5 })).success).toBe(false);
  });

  it("accepts the largest amount of 18 digits exactly", () => {
    const parsed = listingTermsSchema.parse(input({ reservePrice: "999999999999999999" }));
    expect(parsed.reservePrice).toBe(999_999_999_999_999_999n);
  });

  it("takes a starting price up to what the largest cap on a single bid can still be bid up from", () => {
    expect(listingTermsSchema.parse(input({ startingPrice: MAX_STARTING_PRICE.toString() })).startingPrice).toBe(
      MAX_STARTING_PRICE,
    );
    expect(listingTermsSchema.safeParse(input({ startingPrice: (MAX_STARTING_PRICE + 1n).toString() })).success).toBe(false);
  });

  it("reads dates from ISO strings and from epoch milliseconds", () => {
    const parsed = listingTermsSchema.parse(
      input({ startsAt: "2026-12-01T10:00:00+08:00", endsAt: Date.parse("2026-12-04T02:00:00Z") }),
    );
    expect(parsed.startsAt).toEqual(new Date("2026-12-01T02:00:00Z"));
    expect(parsed.endsAt).toEqual(new Date("2026-12-04T02:00:00Z"));
  });

  it("refuses a date it cannot read", () => {
    expect(listingTermsSchema.safeParse(input({ startsAt: "next Tuesday-ish" })).success).toBe(false);
    expect(listingTermsSchema.safeParse(input({ endsAt: undefined })).success).toBe(false);
  });

  it("upper-cases the currency and refuses one that is not three letters", () => {
    expect(listingTermsSchema.parse(input({ currency: " usd " })).currency).toBe("USD");
    expect(listingTermsSchema.safeParse(input({ currency: "US" })).success).toBe(false);
    expect(listingTermsSchema.safeParse(input({ currency: "RMB1" })).success).toBe(false);
  });

  it("treats a blank exception reason as none", () => {
    expect(listingTermsSchema.parse(input({ valuationExceptionReason: "   " })).valuationExceptionReason).toBeNull();
  });

  it("refuses a title shorter than 5 characters", () => {
    expect(listingTermsSchema.safeParse(input({ title: " Loan " })).success).toBe(false);
  });
});

describe("defaultTerms", () => {
  const earliestStart = new Date("2026-11-21T09:17:00Z");

  it("starts at the valuation with a 10% deposit, an increment of about 0.5% on a round figure and three days of bidding", () => {
    expect(defaultTerms({ valuation: yuan(8_000_000), earliestStart })).toEqual({
      startingPrice: yuan(8_000_000),
      increment: yuan(40_000),
      deposit: yuan(800_000),
      antiSnipingWindowMinutes: 5,
      antiSnipingExtensionMinutes: 5,
      startsAt: new Date("2026-11-21T10:00:00Z"),
      endsAt: new Date("2026-11-24T10:00:00Z"),
      balanceDueDays: 10,
    });
  });

  it("rounds the increment down to one significant figure", () => {
    // 0.5% of CNY 6,543,210 is CNY 32,716.05.
    expect(defaultTerms({ valuation: yuan(6_543_210), earliestStart }).increment).toBe(yuan(30_000));
  });

  it("keeps a start that is already on the hour", () => {
    const onTheHour = new Date("2026-11-21T09:00:00Z");
    expect(defaultTerms({ valuation: null, earliestStart: onTheHour }).startsAt).toEqual(onTheHour);
  });

  it("starts an unvalued lot at CNY 1,000", () => {
    expect(defaultTerms({ valuation: null, earliestStart }).startingPrice).toBe(yuan(1_000));
    expect(defaultTerms({ valuation: 0n, earliestStart }).startingPrice).toBe(yuan(1_000));
  });

  it("produces terms that pass every rule for the valuation they came from (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1_000_000n, max: MAX_STARTING_PRICE }),
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 * DAY }),
        (v, earliest, lead) => {
          const made = defaultTerms({ valuation: v, earliestStart: earliest });
          const parsed = listingTermsSchema.parse({
            assetId: randomUUID(),
            title: "Non-performing loan portfolio",
            startingPrice: made.startingPrice.toString(),
            increment: made.increment.toString(),
            deposit: made.deposit.toString(),
            antiSnipingWindowMinutes: made.antiSnipingWindowMinutes,
            antiSnipingExtensionMinutes: made.antiSnipingExtensionMinutes,
            startsAt: made.startsAt.toISOString(),
            endsAt: made.endsAt.toISOString(),
            balanceDueDays: made.balanceDueDays,
          });
          const facts = { valuation: v, lotCurrency: "CNY", now: new Date(earliest.getTime() - lead) };
          expect(checkTerms(parsed, facts)).toEqual([]);
          expect(made.startsAt.getTime() % HOUR).toBe(0);
          expect(made.startsAt.getTime() - earliest.getTime()).toBeGreaterThanOrEqual(0);
          expect(made.startsAt.getTime() - earliest.getTime()).toBeLessThan(HOUR);
          expect(made.increment * 200n <= made.startingPrice).toBe(true);
          expect(made.increment > 0n).toBe(true);
        },
      ),
    );
  });
});

describe("normaliseName", () => {
  it("folds full-width letters, case and punctuation", () => {
    expect(normaliseName("ＺＨＡＮＧ San")).toBe(normaliseName("zhang-san"));
    expect(normaliseName("Zhang San")).toBe(normaliseName("ZHANG·SAN"));
  });

  it("ignores spaces between Chinese characters, full-width ones too", () => {
    expect(normaliseName("张 三")).toBe(normaliseName("张三"));
    expect(normaliseName("张\u3000三")).toBe(normaliseName("张三"));
  });

  it("keeps different names apart", () => {
    expect(normaliseName("张三")).not.toBe(normaliseName("张四"));
    expect(normaliseName("Zhang San")).not.toBe(normaliseName("Zhang Shan"));
  });

  it("ignores decorations that do not change a name (property)", () => {
    const letters = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz张三李四王"), minLength: 1, maxLength: 12 });
    const decoration = fc.constantFrom(" ", "-", ".", "·", ",", "\u3000", "'");
    fc.assert(
      fc.property(letters, fc.array(fc.tuple(fc.nat(), decoration), { maxLength: 4 }), (name, inserts) => {
        let decorated = name.toUpperCase();
        for (const [at, mark] of inserts) {
          const i = at % (decorated.length + 1);
          decorated = decorated.slice(0, i) + mark + decorated.slice(i);
        }
        expect(normaliseName(decorated)).toBe(normaliseName(name));
      }),
    );
  });
});

describe("normaliseIdNumber", () => {
  it("compares ID numbers on letters and digits only, in upper case", () => {
    expect(normaliseIdNumber("11010119900307663x")).toBe(normaliseIdNumber("110101 19900307 663X"));
    expect(normaliseIdNumber("11010119900307663x")).toBe("11010119900307663X");
  });

  it("folds full-width digits and drops hyphens from a credit code", () => {
    expect(normaliseIdNumber("９１３１０１１５-ma1fl0000x")).toBe("91310115MA1FL0000X");
  });
});

describe("screenApplicant", () => {
  const borrowerId = "11010119900307663X";
  // The parties' numbers as the database keeps them: the vault's keyed digest, never the number.
  const { idDigest } = createVault("screening-test-data-key-0123456789abcdef");
  const party = (role: "borrower" | "guarantor", name: string, idNumber: string) => ({
    role,
    name,
    idNumberDigest: idDigest(idNumber),
  });
  const screening = (overrides: Partial<ScreeningInput> = {}): ScreeningInput => ({
    applicant: { name: "Chen Jing", idNumber: "310101198503121234" },
    parties: [party("borrower", "Zhang San", borrowerId), party("guarantor", "Li Si", "320102197001011111")],
    idDigest,
    sellerStaffNames: ["Wang Wu", "Zhao Liu"],
    memberOfSeller: false,
    memberOfPlatform: false,
    ...overrides,
  });

  it("clears an applicant who matches nobody", () => {
    expect(screenApplicant(screening())).toEqual({ matches: [], refusedAtOnce: false, rejectOnly: false });
  });

  it("bars the borrower found by ID number, whatever the name, for the operator to reject rather than at once", () => {
    const result = screenApplicant(screening({ applicant: { name: "Someone Else", idNumber: "110101 19900307 663x" } }));
    expect(result).toEqual({ matches: [{ against: "borrower", by: "id_number" }], refusedAtOnce: false, rejectOnly: true });
  });

  it("bars a guarantor found by ID number, for the operator to reject", () => {
    const result = screenApplicant(screening({ applicant: { name: "Li Si", idNumber: "320102197001011111" } }));
    expect(result).toEqual({ matches: [{ against: "guarantor", by: "id_number" }], refusedAtOnce: false, rejectOnly: true });
  });

  it("reports a borrower's name without an ID match to the operator, without barring", () => {
    const result = screenApplicant(screening({ applicant: { name: "ＺＨＡＮＧ-san", idNumber: "440101198001011234" } }));
    expect(result).toEqual({ matches: [{ against: "borrower", by: "name" }], refusedAtOnce: false, rejectOnly: false });
  });

  it("refuses a member of the seller's organisation at once", () => {
    expect(screenApplicant(screening({ memberOfSeller: true }))).toEqual({
      matches: [{ against: "seller_staff", by: "membership" }],
      refusedAtOnce: true,
      rejectOnly: false,
    });
  });

  it("refuses a member of the platform at once", () => {
    expect(screenApplicant(screening({ memberOfPlatform: true }))).toEqual({
      matches: [{ against: "platform_staff", by: "membership" }],
      refusedAtOnce: true,
      rejectOnly: false,
    });
  });

  it("reports an applicant named like seller staff, without barring", () => {
    const result = screenApplicant(screening({ applicant: { name: "wang  wu", idNumber: "440101198001011234" } }));
    expect(result).toEqual({ matches: [{ against: "seller_staff", by: "name" }], refusedAtOnce: false, rejectOnly: false });
  });

  it("reports seller staff once, by membership, when the name matches too", () => {
    const result = screenApplicant(
      screening({ applicant: { name: "Wang Wu", idNumber: "440101198001011234" }, memberOfSeller: true }),
    );
    expect(result).toEqual({ matches: [{ against: "seller_staff", by: "membership" }], refusedAtOnce: true, rejectOnly: false });
  });

  it("reports each kind of match once, however many parties match", () => {
    const result = screenApplicant(
      screening({
        applicant: { name: "Zhang San", idNumber: borrowerId },
        parties: [
          party("borrower", "Zhang San", borrowerId),
          party("borrower", "Zhang San Trading Co.", borrowerId),
          party("guarantor", "Zhang San", ""),
          party("guarantor", "zhang san", "320102197001011111"),
        ],
        memberOfPlatform: true,
      }),
    );
    expect(result).toMatchObject({ refusedAtOnce: true, rejectOnly: true });
    expect(result.matches).toHaveLength(3);
    expect(result.matches).toEqual(
      expect.arrayContaining([
        { against: "borrower", by: "id_number" },
        { against: "guarantor", by: "name" },
        { against: "platform_staff", by: "membership" },
      ]),
    );
  });

  it("does not match on an empty ID number or a name of punctuation only", () => {
    const result = screenApplicant(
      screening({
        applicant: { name: "—", idNumber: " - " },
        parties: [party("borrower", "…", "")],
        sellerStaffNames: ["-"],
      }),
    );
    expect(result).toEqual({ matches: [], refusedAtOnce: false, rejectOnly: false });
  });

  it("refuses at once exactly on membership, and leaves only rejection exactly on an ID-number match (property)", () => {
    const person = fc.record({
      name: fc.constantFrom("Zhang San", "Li Si", "Wang Wu", "Chen Jing"),
      idNumber: fc.constantFrom("A1", "B2", "C3", "D4"),
    });
    fc.assert(
      fc.property(
        person,
        fc.array(fc.tuple(fc.constantFrom("borrower" as const, "guarantor" as const), person), { maxLength: 5 }),
        fc.subarray(["Zhang San", "Wang Wu"]),
        fc.boolean(),
        fc.boolean(),
        (applicant, parties, sellerStaffNames, memberOfSeller, memberOfPlatform) => {
          const result = screenApplicant({
            applicant,
            parties: parties.map(([role, p]) => party(role, p.name, p.idNumber)),
            idDigest,
            sellerStaffNames,
            memberOfSeller,
            memberOfPlatform,
          });
          const idMatch = parties.some(([, p]) => p.idNumber === applicant.idNumber);
          expect(result.refusedAtOnce).toBe(memberOfSeller || memberOfPlatform);
          expect(result.rejectOnly).toBe(idMatch);
          const keys = result.matches.map((m) => `${m.against}/${m.by}`);
          expect(new Set(keys).size).toBe(keys.length);
          const nameOnly = parties.some(([, p]) => p.idNumber !== applicant.idNumber && p.name === applicant.name);
          if (nameOnly) expect(result.matches.some((m) => m.by === "name")).toBe(true);
        },
      ),
    );
  });

  it("names the categories an applicant attests to", () => {
    expect([...barredCategories].sort()).toEqual(
      [
        "borrower_or_guarantor",
        "seller_or_platform_staff",
        "deal_professional",
        "official",
        "close_relative",
        "dishonest_debtor",
        "aml_listed",
      ].sort(),
    );
  });
});
