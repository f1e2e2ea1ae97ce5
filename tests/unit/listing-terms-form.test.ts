import { describe, expect, it } from "vitest";
import {
  depositRange,
  formValuesFromForm,
  formValuesFromTerms,
  parseLotRef,
  rawTermsFromValues,
  type TermsFormValues,
} from "../../app/lib/listing-terms";
import { isoToZonedInput, zonedInputToIso } from "../../core/time";

const lot = { type: "asset" as const, id: "6f1c2f0e-8a4b-4c1e-9d7a-1b2c3d4e5f60" };

const typed = (overrides: Partial<TermsFormValues> = {}): TermsFormValues => ({
  title: "Unsecured claim on a Jiaxing packaging maker",
  titleZh: "",
  summary: "",
  summaryZh: "",
  mode: "auction",
  tenderPricing: "first_price",
  bestAndFinalTopN: "",
  designatedOrgId: "",
  counterpartyOrgId: "",
  negotiationJustification: "",
  startingPrice: "1,000,000",
  reservePrice: "",
  increment: "5000",
  deposit: "100000",
  antiSnipingWindowMinutes: "5",
  antiSnipingExtensionMinutes: "5",
  maxExtensions: "",
  maxBidMultiple: "",
  startsAt: "2026-12-01T10:00",
  endsAt: "2026-12-04T10:00",
  balanceDueDays: "10",
  specialTerms: "",
  valuationExceptionReason: "",
  rightOfFirstRefusalHolders: [],
  ...overrides,
});

/** A posted terms form with these fields filled in. */
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("listing times on the China Standard Time wall clock", () => {
  it("reads a datetime-local value as Shanghai time, eight hours ahead of UTC", () => {
    expect(zonedInputToIso("2026-12-01T10:00")).toBe("2026-12-01T02:00:00.000Z");
    expect(zonedInputToIso("2027-01-01T03:30")).toBe("2026-12-31T19:30:00.000Z");
  });

  it("shows an instant as the Shanghai wall-clock time, whatever the server's zone", () => {
    expect(isoToZonedInput("2026-12-01T02:00:00.000Z")).toBe("2026-12-01T10:00");
    expect(isoToZonedInput("2026-12-31T16:00:00.000Z")).toBe("2027-01-01T00:00");
  });

  it("reads a zone with summer time at the offset of that very day", () => {
    expect(zonedInputToIso("2026-07-01T12:00", "Europe/London")).toBe("2026-07-01T11:00:00.000Z");
    expect(zonedInputToIso("2026-01-01T12:00", "Europe/London")).toBe("2026-01-01T12:00:00.000Z");
  });

  it("refuses dates that do not exist and text that is not a date", () => {
    expect(zonedInputToIso("2026-02-30T10:00")).toBeNull();
    expect(zonedInputToIso("2026-12-01T24:00")).toBeNull();
    expect(zonedInputToIso("tomorrow")).toBeNull();
  });
});

describe("the terms form's values", () => {
  it("sends money in minor units and times as ISO instants", () => {
    const { raw, issues } = rawTermsFromValues(typed({ reservePrice: "1,200,000.50" }), lot, "CNY");
    expect(issues).toEqual({});
    expect(raw).toMatchObject({
      assetId: lot.id,
      packageId: null,
      startingPrice: "100000000",
      reservePrice: "120000050",
      increment: "500000",
      deposit: "10000000",
      startsAt: "2026-12-01T02:00:00.000Z",
      maxExtensions: null,
      valuationExceptionReason: null,
    });
  });

  it("reports an amount or a time it cannot read, by field", () => {
    const { issues } = rawTermsFromValues(typed({ deposit: "ten thousand", startsAt: "", increment: "0.001" }), lot, "CNY");
    expect(issues).toEqual({
      deposit: { code: "AMOUNT_INVALID", params: { digits: "2" } },
      increment: { code: "AMOUNT_INVALID", params: { digits: "2" } },
      startsAt: { code: "REQUIRED" },
    });
  });

  it("keeps right-of-first-refusal rows that were filled in, remembering which row each came from", () => {
    const holders = [
      { name: "", rank: "" },
      { name: "Jiaxing Tenant Co.", rank: "1" },
      { name: "", rank: "" },
      { name: "Founder's spouse", rank: "" },
    ];
    const { raw, rows } = rawTermsFromValues(typed({ rightOfFirstRefusalHolders: holders }), lot, "CNY");
    expect(raw.rightOfFirstRefusalHolders).toEqual([
      { name: "Jiaxing Tenant Co.", rank: "1" },
      { name: "Founder's spouse", rank: "0" },
    ]);
    expect(rows).toEqual([1, 3]);
  });

  it("sends the cap on a single bid as typed, and none when left empty so that the listing's own stands", () => {
    expect(rawTermsFromValues(typed({ maxBidMultiple: " 3 " }), lot, "CNY").raw).toMatchObject({ maxBidMultiple: "3" });
    expect(rawTermsFromValues(typed(), lot, "CNY").raw).toMatchObject({ maxBidMultiple: null });
    expect(formValuesFromForm(form({ maxBidMultiple: "10" })).maxBidMultiple).toBe("10");
  });

  it("starts from stored terms in yuan and Shanghai time", () => {
    const values = formValuesFromTerms(
      {
        startingPrice: "100000000",
        increment: "500000",
        deposit: "10000050",
        antiSnipingWindowMinutes: 5,
        antiSnipingExtensionMinutes: 3,
        startsAt: "2026-12-01T02:00:00.000Z",
        endsAt: "2026-12-04T02:00:00.000Z",
        balanceDueDays: 10,
        maxBidMultiple: 8,
        rightOfFirstRefusalHolders: [{ name: "A", rank: 2 }],
      },
      "CNY",
    );
    expect(values).toMatchObject({
      startingPrice: "1000000",
      deposit: "100000.50",
      reservePrice: "",
      startsAt: "2026-12-01T10:00",
      antiSnipingExtensionMinutes: "3",
      maxBidMultiple: "8",
      rightOfFirstRefusalHolders: [{ name: "A", rank: "2" }],
    });
  });
});

describe("lots and deposits", () => {
  it("reads a lot reference and refuses anything else", () => {
    expect(parseLotRef(`package:${lot.id}`)).toEqual({ type: "package", id: lot.id });
    expect(parseLotRef("asset:not-a-uuid")).toBeNull();
    expect(parseLotRef(null)).toBeNull();
  });

  it("allows a deposit from 5% rounded up to 20% rounded down of the start", () => {
    expect(depositRange("100000001")).toEqual({ min: "5000001", max: "20000000" });
  });
});

describe("the sale mode's own terms", () => {
  it("sends the designated investor only with a designated purchase", () => {
    const investor = "0b5c1e2d-3f4a-4b6c-8d9e-0f1a2b3c4d5e";
    expect(rawTermsFromValues(typed({ mode: "designated", designatedOrgId: investor }), lot, "CNY").raw).toMatchObject({
      mode: "designated",
      designatedOrgId: investor,
    });
    expect(rawTermsFromValues(typed({ mode: "auction", designatedOrgId: investor }), lot, "CNY").raw).toMatchObject({
      designatedOrgId: null,
    });
    expect(rawTermsFromValues(typed({ mode: "designated", designatedOrgId: "" }), lot, "CNY").raw).toMatchObject({
      designatedOrgId: null,
    });
  });

  it("sends a negotiated transfer's counterparty and justification, and nothing of them for other modes", () => {
    const counterparty = "0b5c1e2d-3f4a-4b6c-8d9e-0f1a2b3c4d5e";
    const negotiated = typed({
      mode: "negotiated",
      counterpartyOrgId: counterparty,
      negotiationJustification: "  Sole creditor ",
    });
    expect(rawTermsFromValues(negotiated, lot, "CNY").raw).toMatchObject({
      counterpartyOrgId: counterparty,
      negotiationJustification: "Sole creditor",
    });
    expect(rawTermsFromValues({ ...negotiated, mode: "auction" }, lot, "CNY").raw).toMatchObject({
      counterpartyOrgId: null,
      negotiationJustification: null,
    });
  });

  it("carries a tender's pricing", () => {
    expect(rawTermsFromValues(typed({ mode: "tender", tenderPricing: "second_price" }), lot, "CNY").raw).toMatchObject({
      mode: "tender",
      tenderPricing: "second_price",
    });
  });
});
