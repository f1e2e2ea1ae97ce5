import { z } from "zod";
import { canonicalRegion } from "../regions";
import { checkDocument, documentKinds, documentMessage, documentNumberMaxLength, legalNameSchema } from "../identity/documents";
import {
  assetKinds,
  classifications,
  collateralTypes,
  foreclosureMethods,
  litigationStatuses,
  occupancies,
  partyKinds,
  partyRoles,
  realEstateUses,
  securityTypes,
} from "../enums";
import { moneyString } from "../money";

/**
 * A seller's assets as it records them by hand or by API (docs/domain.md "Kinds of asset"): the
 * facts common to every kind, a claim's balances, parties, collateral and legal clocks, and the
 * details of real estate, movables, equity and foreclosed assets. Amounts are whole minor units as
 * decimal strings; dates are calendar dates (YYYY-MM-DD).
 */

/** The most a balance or value may be: 18 digits of minor units, as bids. */
const amount = (what: string) =>
  z
    .string({ message: `Enter the ${what}` })
    .trim()
    .regex(/^\d{1,18}$/, { message: `Enter the ${what} as a whole number of minor units (0 or more)` });
const optionalAmount = (what: string) => amount(what).nullable().optional();

/** A calendar date that exists: "2024-02-30" is refused. */
export const calendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Enter a date as YYYY-MM-DD" })
  .refine(
    (text) => {
      const [y, m, d] = text.split("-").map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return y >= 1900 && y <= 2200 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { message: "Enter a real date between 1900 and 2200" },
  );
const optionalDate = calendarDate.nullable().optional();

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `Keep the ${what} under ${max} characters` });
const optionalText = (max: number, what: string) =>
  text(max, what)
    .nullable()
    .optional()
    .transform((v) => v || null);

/** Square metres with up to two decimals, as a decimal string. */
export const areaSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, { message: "Enter the area in square metres, with at most two decimals" });

/** A borrower or guarantor: personal data, sealed at rest and masked for anyone not entitled. */
export const partyInputSchema = z
  .object({
    role: z.enum(partyRoles),
    kind: z.enum(partyKinds),
    name: legalNameSchema,
    idType: z.enum(documentKinds).optional(),
    idNumber: z.string().max(documentNumberMaxLength, { message: "Enter the document's number" }),
  })
  .transform((party, ctx) => {
    const idType = party.idType ?? (party.kind === "company" ? "credit_code" : "resident_id");
    const checked = checkDocument(idType, party.idNumber);
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", path: ["idNumber"], message: documentMessage(idType, checked.issue) });
      return z.NEVER;
    }
    return { ...party, idType, idNumber: checked.number };
  });
export type PartyInput = z.infer<typeof partyInputSchema>;

export const collateralInputSchema = z.object({
  type: z.enum(collateralTypes),
  location: text(300, "location").default(""),
  area: areaSchema.nullable().optional(),
  appraisedValue: optionalAmount("appraised value"),
  appraisedOn: optionalDate,
  /** 1 = first lien. */
  lienRank: z.coerce.number().int().min(1).max(20).nullable().optional(),
  certificateNumber: optionalText(100, "certificate number"),
});
export type CollateralInput = z.infer<typeof collateralInputSchema>;

export const claimDetailsSchema = z
  .object({
    loanId: optionalText(64, "loan id"),
    principal: amount("principal"),
    accruedInterest: amount("accrued interest").default("0"),
    penaltyInterest: amount("penalty interest").default("0"),
    fees: amount("fees").default("0"),
    originatedOn: optionalDate,
    defaultedOn: optionalDate,
    classification: z.enum(classifications),
    security: z.enum(securityTypes),
    litigationStatus: z.enum(litigationStatuses).default("none"),
    court: optionalText(200, "court"),
    caseNumber: optionalText(100, "case number"),
    limitationExpiresOn: optionalDate,
    guaranteeExpiresOn: optionalDate,
    enforcementDeadline: optionalDate,
    industry: optionalText(60, "industry"),
    originatingOfficer: optionalText(120, "originating officer"),
    investigatingOfficer: optionalText(120, "investigating officer"),
    collateral: z.array(collateralInputSchema).max(50).default([]),
  })
  .superRefine((claim, ctx) => {
    if (claim.security === "collateral" && claim.collateral.length === 0) {
      ctx.addIssue({ code: "custom", path: ["collateral"], message: "A secured claim lists its collateral" });
    }
    if (claim.originatedOn && claim.defaultedOn && claim.defaultedOn < claim.originatedOn) {
      ctx.addIssue({ code: "custom", path: ["defaultedOn"], message: "A loan defaults after it is made" });
    }
    if (claim.litigationStatus === "none" && (claim.court || claim.caseNumber)) {
      ctx.addIssue({
        code: "custom",
        path: ["litigationStatus"],
        message: "A claim with a court case is in litigation or past it",
      });
    }
  });

export const realEstateDetailsSchema = z.object({
  location: text(300, "location").min(2, { message: "Enter where the property is" }),
  area: areaSchema,
  use: z.enum(realEstateUses),
  titleCertificate: optionalText(100, "title certificate number"),
  occupancy: z.enum(occupancies).default("unknown"),
  encumbrances: text(2000, "encumbrances").default(""),
});

export const movableDetailsSchema = z.object({
  location: text(300, "location").min(2, { message: "Enter where the goods are kept" }),
  quantity: z.coerce.number().int().min(1).max(1_000_000).default(1),
  condition: text(500, "condition").default(""),
});

export const equityDetailsSchema = z.object({
  company: text(200, "company").min(2, { message: "Enter the company whose shares are sold" }),
  /** The stake in basis points: 2550 = 25.50%. */
  stakeBasisPoints: z.coerce
    .number()
    .int()
    .min(1, { message: "Enter the stake" })
    .max(10_000, { message: "A stake is at most 100%" }),
  registeredCapital: amount("registered capital"),
});

export const foreclosedDetailsSchema = z.object({
  acquiredHow: z.enum(foreclosureMethods),
  acquiredOn: calendarDate,
  formerAssetKind: z.enum(["real_estate", "movable", "equity", "other"]),
  location: text(300, "location").default(""),
});

const common = {
  title: text(200, "title").min(3, { message: "Give the asset a title of at least 3 characters" }),
  description: text(5000, "description").default(""),
  /** Kept as "Province · City" in English when it names a known place (core/regions.ts), else as written. */
  region: text(100, "region").min(2, { message: "Enter the region" }).transform(canonicalRegion),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, { message: "Enter a three-letter currency code" })
    .default("CNY"),
  appraisedValue: optionalAmount("appraised value"),
  /** Borrowers and guarantors: a claim's debtors; for other kinds, the former owner or debtor, if any. */
  parties: z.array(partyInputSchema).max(50).default([]),
  /** On a change, the ids of parties the asset already names, kept as they are (before `parties`): their names and numbers are never sent back. */
  keepParties: z.array(z.uuid()).max(50).default([]),
};

/** What a seller sends to create or replace an asset: the kind decides which details it carries. */
export const assetInputSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("claim"), ...common, claim: claimDetailsSchema }),
    z.object({ kind: z.literal("real_estate"), ...common, realEstate: realEstateDetailsSchema }),
    z.object({ kind: z.literal("movable"), ...common, movable: movableDetailsSchema }),
    z.object({ kind: z.literal("equity"), ...common, equity: equityDetailsSchema }),
    z.object({ kind: z.literal("foreclosed"), ...common, foreclosed: foreclosedDetailsSchema }),
  ])
  .superRefine((asset, ctx) => {
    // With kept parties, the service checks: it knows their roles.
    if (asset.kind !== "claim" || asset.keepParties.length > 0) return;
    for (const message of claimPartyProblems(asset.claim.security, asset.parties)) {
      ctx.addIssue({ code: "custom", path: ["parties"], message });
    }
  });

/** A claim names its borrower, and a guaranteed claim its guarantor. */
export function claimPartyProblems(security: (typeof securityTypes)[number], parties: readonly { role: string }[]): string[] {
  const problems: string[] = [];
  if (!parties.some((p) => p.role === "borrower")) problems.push("Name at least one borrower");
  if (security === "guaranteed" && !parties.some((p) => p.role === "guarantor"))
    problems.push("A guaranteed claim names its guarantor");
  return problems;
}
export type AssetInput = z.infer<typeof assetInputSchema>;
export type AssetKindDetails = Exclude<AssetInput, { kind: "claim" }>;

export const assetQuerySchema = z.object({
  kind: z.enum(assetKinds).optional(),
  q: z.string().trim().max(100).optional(),
  archived: z
    .enum(["1", "true", "0", "false"])
    .transform((v) => v === "1" || v === "true")
    .default(false),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type AssetQuery = z.infer<typeof assetQuerySchema>;

/** A party as its seller (or anyone entitled) sees it after a reveal: in full. */
export const revealedPartySchema = z.object({
  role: z.enum(partyRoles),
  kind: z.enum(partyKinds),
  name: z.string(),
  idType: z.enum(documentKinds),
  idNumber: z.string(),
});

/** A party as a list shows it before any reveal: masked, with the id a change sends back to keep it. */
export const maskedPartySchema = revealedPartySchema.extend({
  id: z.uuid(),
  name: z.string().describe("masked"),
  idNumber: z.string().describe("masked"),
});

export const collateralSchema = z.object({
  type: z.enum(collateralTypes),
  location: z.string(),
  area: z.string().nullable(),
  appraisedValue: moneyString.nullable(),
  appraisedOn: z.string().nullable(),
  lienRank: z.number().int().nullable(),
  certificateNumber: z.string().nullable(),
});

/** An asset as its seller reads it: parties masked until revealed (each reveal is audited). */
export const sellerAssetSchema = z.object({
  id: z.uuid(),
  kind: z.enum(assetKinds),
  title: z.string(),
  description: z.string(),
  region: z.string(),
  currency: z.string().length(3),
  appraisedValue: moneyString.nullable(),
  loanId: z.string().nullable(),
  principal: moneyString.nullable(),
  accruedInterest: moneyString.nullable(),
  penaltyInterest: moneyString.nullable(),
  fees: moneyString.nullable(),
  originatedOn: z.string().nullable(),
  defaultedOn: z.string().nullable(),
  classification: z.enum(classifications).nullable(),
  security: z.enum(securityTypes).nullable(),
  litigationStatus: z.enum(litigationStatuses).nullable(),
  court: z.string().nullable(),
  caseNumber: z.string().nullable(),
  limitationExpiresOn: z.string().nullable(),
  guaranteeExpiresOn: z.string().nullable(),
  enforcementDeadline: z.string().nullable(),
  industry: z.string().nullable(),
  originatingOfficer: z.string().nullable(),
  investigatingOfficer: z.string().nullable(),
  details: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("The kind's own details: real estate, movable, equity or foreclosed"),
  parties: z.array(maskedPartySchema),
  collateral: z.array(collateralSchema),
  archived: z.boolean(),
  /** The listings the asset is in that fix its facts (in review, announced, live or after). */
  lockedBy: z.array(z.object({ listingId: z.uuid(), status: z.string() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SellerAsset = z.infer<typeof sellerAssetSchema>;
