import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assetInputSchema, type SellerAsset } from "../../core/contract/assets";
import { formValuesFromAsset, formValuesFromForm, requestFromValues, rowCount } from "../../app/lib/asset-form";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

const claimForm = (extra: [string, string][] = []) =>
  form([
    ["kind", "claim"],
    ["title", "Secured claim on a Wenzhou shoe maker"],
    ["region", "Zhejiang · Wenzhou"],
    ["currency", "CNY"],
    ["claim.principal", "2,400,000.50"],
    ["claim.accruedInterest", "0"],
    ["claim.penaltyInterest", ""],
    ["claim.classification", "doubtful"],
    ["claim.security", "collateral"],
    ["claim.litigationStatus", "none"],
    ["claim.collateral.0.type", "residential"],
    ["claim.collateral.0.location", "Lucheng District"],
    ["claim.collateral.0.appraisedValue", "１，９００，０００"],
    ["claim.collateral.1.type", "other"],
    ["claim.collateral.1.location", ""],
    ["parties.0.role", "borrower"],
    ["parties.0.kind", "company"],
    ["parties.0.name", "Wenzhou Lucheng Footwear Co., Ltd."],
    ["parties.0.idNumber", "91320000MA1MX4C3XX"],
    ["parties.1.role", "borrower"],
    ["parties.1.kind", "company"],
    ["parties.1.name", ""],
    ["parties.1.idNumber", ""],
    ...extra,
  ]);

describe("the asset form", () => {
  it("reads a claim typed in yuan as the contract's request in fen, leaving out blank rows", () => {
    const { request, badAmounts } = requestFromValues(formValuesFromForm(claimForm()));
    expect(badAmounts).toEqual([]);
    expect(request).toMatchObject({
      kind: "claim",
      claim: {
        principal: "240000050",
        accruedInterest: "0",
        collateral: [{ type: "residential", location: "Lucheng District", appraisedValue: "190000000" }],
      },
      parties: [{ role: "borrower", kind: "company", name: "Wenzhou Lucheng Footwear Co., Ltd." }],
      keepParties: [],
    });
    expect((request.claim as Record<string, unknown>).penaltyInterest).toBeUndefined();
    expect(assetInputSchema.safeParse(request).success).toBe(true);
  });

  it("names each amount that is not one, and keeps what was typed for the service to refuse", () => {
    const values = formValuesFromForm(claimForm([["claim.fees", "12.345"], ["appraisedValue", "lots"]]));
    values.fields["claim.principal"] = "-5";
    const { request, badAmounts } = requestFromValues(values);
    expect(badAmounts.sort()).toEqual(["appraisedValue", "claim.fees", "claim.principal"]);
    const parsed = assetInputSchema.safeParse(request);
    expect(parsed.success).toBe(false);
  });

  it("takes a stake in percent to basis points, and the kept parties by id", () => {
    const values = formValuesFromForm(
      form([
        ["kind", "equity"],
        ["title", "35% of a Zhuhai marine-technology company"],
        ["region", "Guangdong · Zhuhai"],
        ["equity.company", "Zhuhai Lanhai Marine Technology"],
        ["equity.stakePercent", "35.5"],
        ["equity.registeredCapital", "50,000,000"],
        ["keepParties", "0b8f5c0e-55b4-4b52-8d3c-7c1f2f0c9a11"],
      ]),
    );
    const { request } = requestFromValues(values);
    expect(request).toMatchObject({
      kind: "equity",
      equity: { company: "Zhuhai Lanhai Marine Technology", stakeBasisPoints: 3550, registeredCapital: "5000000000" },
      keepParties: ["0b8f5c0e-55b4-4b52-8d3c-7c1f2f0c9a11"],
    });
    expect(assetInputSchema.safeParse(request).success).toBe(true);
  });

  it("counts a repeated group's rows by their highest index", () => {
    expect(rowCount({ "parties.0.name": "a", "parties.3.name": "", "claim.collateral.1.type": "x" }, "parties")).toBe(4);
    expect(rowCount({ "parties.0.name": "a" }, "claim.collateral")).toBe(0);
  });

  it("shows a stored asset's amounts back in yuan, and sends them back unchanged (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        (principal, interest, collateralValue) => {
          const asset = storedClaim(principal.toString(), interest.toString(), collateralValue.toString());
          const { request, badAmounts } = requestFromValues(formValuesFromAsset(asset));
          expect(badAmounts).toEqual([]);
          expect(request.keepParties).toEqual([asset.parties[0]!.id]);
          expect(request.claim).toMatchObject({
            principal: principal.toString(),
            accruedInterest: interest.toString(),
            collateral: [{ appraisedValue: collateralValue.toString(), area: "128.50", lienRank: "1" }],
          });
          expect(assetInputSchema.safeParse(request).success).toBe(true);
        },
      ),
    );
  });
});

function storedClaim(principal: string, accruedInterest: string, collateralValue: string): SellerAsset {
  return {
    id: "4f2c7f8e-7f57-4c39-9a7c-2c5c0a3d9e10",
    kind: "claim",
    title: "Secured claim",
    description: "",
    region: "Zhejiang · Wenzhou",
    currency: "CNY",
    appraisedValue: null,
    loanId: "WZ-1",
    principal,
    accruedInterest,
    penaltyInterest: "0",
    fees: "0",
    originatedOn: "2021-03-05",
    defaultedOn: null,
    classification: "doubtful",
    security: "collateral",
    litigationStatus: "none",
    court: null,
    caseNumber: null,
    limitationExpiresOn: null,
    guaranteeExpiresOn: null,
    enforcementDeadline: null,
    industry: null,
    originatingOfficer: null,
    investigatingOfficer: null,
    details: null,
    parties: [
      {
        id: "0b8f5c0e-55b4-4b52-8d3c-7c1f2f0c9a11",
        role: "borrower",
        kind: "company",
        idType: "credit_code",
        name: "W*****",
        idNumber: "91**************XX",
      },
    ],
    collateral: [
      {
        type: "residential",
        location: "Lucheng",
        area: "128.50",
        appraisedValue: collateralValue,
        appraisedOn: null,
        lienRank: 1,
        certificateNumber: null,
      },
    ],
    archived: false,
    lockedBy: [],
    createdAt: "2026-12-01T00:00:00.000Z",
    updatedAt: "2026-12-01T00:00:00.000Z",
  };
}
