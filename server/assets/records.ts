import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { insertMany } from "../../db/bulk";
import type { Db } from "../../db/client";
import {
  assetCollateral,
  assetParties,
  assets,
  listings,
  packageAssets,
  type Asset,
  type AssetCollateral,
} from "../../db/schema";
import { soldStatuses, type ListingStatus } from "../../core/enums";
import { organisationsWith, type Principal, type UserPrincipal } from "../../core/identity/access";
import type { AssetInput, CollateralInput, SellerAsset } from "../../core/contract/assets";
import type { DocumentKind } from "../../core/identity/documents";
import { AppError, invalidField, isUniqueViolation } from "../errors";
import { sealParty } from "../privacy/personal-data";
import type { Vault } from "../privacy/vault";

/**
 * An asset's rows: the asset, its parties (sealed) and its collateral, written and read together.
 * The commands validate before they write; the tape import and the seed hand over values they
 * have checked themselves.
 */

export interface PartyRecord {
  role: "borrower" | "guarantor";
  kind: "person" | "company";
  name: string;
  idType?: DocumentKind | null;
  idNumber: string;
}

/** A party the asset already names, copied as stored: sealed, masked and digested. */
export type KeptPartyRecord = Omit<typeof assetParties.$inferSelect, "assetId" | "position">;

export type AssetValues = Omit<typeof assets.$inferInsert, "id" | "createdAt" | "updatedAt" | "archivedAt">;

export interface AssetRecord {
  values: AssetValues;
  parties?: readonly (PartyRecord | KeptPartyRecord)[];
  collateral?: readonly CollateralInput[];
}

const noneKept = (): never => {
  throw invalidField("keepParties", "A new asset has no parties to keep");
};

const money = (value: string | null | undefined) => (value === null || value === undefined ? null : BigInt(value));

/**
 * The validated request as rows: a claim's balances in columns, the other kinds' details as JSON.
 * `kept` resolves a party the request keeps by id (an update's, from the asset's own parties).
 */
export function recordOf(sellerOrgId: string, input: AssetInput, kept: (id: string) => KeptPartyRecord = noneKept): AssetRecord {
  const parties = [...input.keepParties.map(kept), ...input.parties];
  const common = {
    sellerOrgId,
    kind: input.kind,
    title: input.title,
    description: input.description,
    region: input.region,
    currency: input.currency,
    appraisedValue: money(input.appraisedValue),
  };
  if (input.kind !== "claim") {
    const details: Record<string, unknown> =
      input.kind === "real_estate"
        ? input.realEstate
        : input.kind === "movable"
          ? input.movable
          : input.kind === "equity"
            ? input.equity
            : input.foreclosed;
    return { values: { ...common, details }, parties };
  }
  // The claim's facts added one by one: a tape builds this 100,000 times, and spreading objects
  // into one costs V8 some twenty times as much as adding the fields.
  const claim = input.claim;
  const facts: Record<ClaimFact, unknown> = {
    loanId: claim.loanId,
    principal: BigInt(claim.principal),
    accruedInterest: BigInt(claim.accruedInterest),
    penaltyInterest: BigInt(claim.penaltyInterest),
    fees: BigInt(claim.fees),
    originatedOn: claim.originatedOn,
    defaultedOn: claim.defaultedOn,
    classification: claim.classification,
    security: claim.security,
    litigationStatus: claim.litigationStatus,
    court: claim.court,
    caseNumber: claim.caseNumber,
    limitationExpiresOn: claim.limitationExpiresOn,
    guaranteeExpiresOn: claim.guaranteeExpiresOn,
    enforcementDeadline: claim.enforcementDeadline,
    industry: claim.industry,
    originatingOfficer: claim.originatingOfficer,
    investigatingOfficer: claim.investigatingOfficer,
  };
  const values: Record<string, unknown> = common;
  for (const key in facts) values[key] = facts[key as ClaimFact];
  return { values: values as AssetValues, parties, collateral: claim.collateral };
}

/** Every fact of a claim but its collateral: the record above must name each (the compiler checks). */
type ClaimFact = Exclude<keyof Extract<AssetInput, { kind: "claim" }>["claim"], "collateral">;

/** The rows of many assets' parties (sealed) and collateral, each under its asset's id. */
export function childRows(vault: Vault, owned: readonly (readonly [assetId: string, record: AssetRecord])[]) {
  const parties: (typeof assetParties.$inferInsert)[] = owned.flatMap(([assetId, record]) =>
    (record.parties ?? []).map((p, position) =>
      "nameSealed" in p
        ? { ...p, assetId, position }
        : { assetId, position, role: p.role, kind: p.kind, idType: p.idType ?? null, ...sealParty(vault, p) },
    ),
  );
  const collateral: (typeof assetCollateral.$inferInsert)[] = owned.flatMap(([assetId, record]) =>
    (record.collateral ?? []).map((c, position) => ({
      assetId,
      position,
      type: c.type,
      location: c.location,
      area: c.area ?? null,
      appraisedValue: money(c.appraisedValue),
      appraisedOn: c.appraisedOn ?? null,
      lienRank: c.lienRank ?? null,
      certificateNumber: c.certificateNumber ?? null,
    })),
  );
  return { parties, collateral };
}

/** The parties and collateral of many assets, in a few statements. */
async function insertChildren(tx: Db, vault: Vault, owned: readonly (readonly [assetId: string, record: AssetRecord])[]) {
  const { parties, collateral } = childRows(vault, owned);
  await insertMany(tx, assetParties, parties);
  await insertMany(tx, assetCollateral, collateral);
}

/** A loan id is the seller's key for its loans (a later tape matches on it): one asset per id. */
const loanIdTaken = (loanId: string | null | undefined) =>
  new AppError("LOAN_ID_TAKEN", "Another of your assets already has this loan id.", {
    field: "claim.loanId",
    loanId: loanId ?? "",
  });
const orLoanIdTaken = (loanId: string | null | undefined) => (error: unknown) => {
  throw isUniqueViolation(error) ? loanIdTaken(loanId) : error;
};

export async function insertAssetRows(tx: Db, vault: Vault, record: AssetRecord, now: Date): Promise<Asset> {
  const [id] = await insertAssetBatch(tx, vault, [record], now);
  const [asset] = await tx.select().from(assets).where(eq(assets.id, id!));
  return asset!;
}

/** Many new assets with their parties and collateral, in a few statements each (a tape's thousands of loans); their ids in order. */
export async function insertAssetBatch(tx: Db, vault: Vault, records: readonly AssetRecord[], now: Date): Promise<string[]> {
  const loanId = records.length === 1 ? records[0]!.values.loanId : null;
  // Ids chosen here, so that each asset's parties and collateral follow it.
  const owned = records.map((record) => [randomUUID(), record] as const);
  await insertMany(
    tx,
    assets,
    owned.map(([id, record]) => ({ ...record.values, id, createdAt: now, updatedAt: now })),
  ).catch(orLoanIdTaken(loanId));
  await insertChildren(tx, vault, owned);
  return owned.map(([id]) => id);
}

/** Replaces an asset's facts, parties and collateral as a whole (the form and the API send all of them). */
export async function replaceAssetRows(tx: Db, vault: Vault, id: string, record: AssetRecord, now: Date): Promise<Asset> {
  const [asset] = await tx
    .update(assets)
    .set({ ...emptyKindFields, ...record.values, updatedAt: now })
    .where(eq(assets.id, id))
    .returning()
    .catch(orLoanIdTaken(record.values.loanId));
  await tx.delete(assetParties).where(eq(assetParties.assetId, id));
  await tx.delete(assetCollateral).where(eq(assetCollateral.assetId, id));
  await insertChildren(tx, vault, [[id, record]]);
  return asset!;
}

/** Every kind-specific column cleared, so that a claim turned into real estate keeps no balance. */
const emptyKindFields: Partial<AssetValues> = {
  loanId: null,
  principal: null,
  accruedInterest: null,
  penaltyInterest: null,
  fees: null,
  originatedOn: null,
  defaultedOn: null,
  classification: null,
  security: null,
  litigationStatus: null,
  court: null,
  caseNumber: null,
  limitationExpiresOn: null,
  guaranteeExpiresOn: null,
  enforcementDeadline: null,
  industry: null,
  originatingOfficer: null,
  investigatingOfficer: null,
  details: null,
};

/** Who writes a seller's book: its admins and staff. */
export const editorRoles = ["seller_admin", "seller_staff"] as const;

/**
 * The seller organisation a signed-in editor writes for: the only one it edits for, or the one it
 * names; `what` says what it writes ("assets", "loan tapes") in the refusals.
 */
export function editingOrganisation(
  principal: Principal,
  organisationId: string | undefined,
  what: string,
): { user: UserPrincipal; organisationId: string } {
  if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
  const orgs = organisationsWith(principal, editorRoles);
  if (orgs.length === 0 || (organisationId && !orgs.includes(organisationId))) {
    throw new AppError("FORBIDDEN", `Only a seller's staff record its ${what}.`);
  }
  if (!organisationId && orgs.length > 1) {
    throw new AppError("VALIDATION_FAILED", "Choose the organisation it belongs to.", { fields: { organisationId: "required" } });
  }
  return { user: principal, organisationId: organisationId ?? orgs[0]! };
}

/** Listings whose lot's facts are fixed: reviewed, approved, public, or sold. */
export const lockingStatuses: ListingStatus[] = [
  "in_review",
  "approved",
  "announced",
  "live",
  "suspended",
  "ended",
  ...soldStatuses,
];

/** The listings that fix each asset's facts, directly or through a package. */
export async function lockedBy(tx: Db, assetIds: string[]) {
  const locks = new Map<string, { listingId: string; status: string }[]>();
  if (assetIds.length === 0) return locks;
  const rows = await tx
    .select({
      assetId: sql<string>`coalesce(${listings.assetId}, ${packageAssets.assetId})`,
      listingId: listings.id,
      status: listings.status,
    })
    .from(listings)
    .leftJoin(packageAssets, eq(packageAssets.packageId, listings.packageId))
    .where(
      and(
        inArray(listings.status, lockingStatuses),
        or(inArray(listings.assetId, assetIds), inArray(packageAssets.assetId, assetIds)),
      ),
    );
  for (const row of rows)
    locks.set(row.assetId, [...(locks.get(row.assetId) ?? []), { listingId: row.listingId, status: row.status }]);
  return locks;
}

const str = (value: bigint | null) => (value === null ? null : value.toString());

/** Assets as their seller reads them: parties masked (the reveal is a separate, audited step). */
export async function sellerAssets(
  db: Db,
  rows: Asset[],
  locks: Map<string, { listingId: string; status: string }[]>,
): Promise<SellerAsset[]> {
  const ids = rows.map((r) => r.id);
  const [parties, collateral] = ids.length
    ? await Promise.all([
        db
          .select({
            id: assetParties.id,
            assetId: assetParties.assetId,
            role: assetParties.role,
            kind: assetParties.kind,
            idType: assetParties.idType,
            nameMasked: assetParties.nameMasked,
            idNumberMasked: assetParties.idNumberMasked,
          })
          .from(assetParties)
          .where(inArray(assetParties.assetId, ids))
          .orderBy(asc(assetParties.position)),
        db.select().from(assetCollateral).where(inArray(assetCollateral.assetId, ids)).orderBy(asc(assetCollateral.position)),
      ])
    : [[], [] as AssetCollateral[]];
  return rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    title: a.title,
    description: a.description,
    region: a.region,
    currency: a.currency,
    appraisedValue: str(a.appraisedValue),
    loanId: a.loanId,
    principal: str(a.principal),
    accruedInterest: str(a.accruedInterest),
    penaltyInterest: str(a.penaltyInterest),
    fees: str(a.fees),
    originatedOn: a.originatedOn,
    defaultedOn: a.defaultedOn,
    classification: a.classification,
    security: a.security,
    litigationStatus: a.litigationStatus,
    court: a.court,
    caseNumber: a.caseNumber,
    limitationExpiresOn: a.limitationExpiresOn,
    guaranteeExpiresOn: a.guaranteeExpiresOn,
    enforcementDeadline: a.enforcementDeadline,
    industry: a.industry,
    originatingOfficer: a.originatingOfficer,
    investigatingOfficer: a.investigatingOfficer,
    details: a.details,
    parties: parties
      .filter((p) => p.assetId === a.id)
      .map((p) => ({
        id: p.id,
        role: p.role,
        kind: p.kind,
        idType: p.idType ?? (p.kind === "company" ? "credit_code" : "resident_id"),
        name: p.nameMasked ?? "***",
        idNumber: p.idNumberMasked ?? "***",
      })),
    collateral: collateral
      .filter((c) => c.assetId === a.id)
      .map((c) => ({
        type: c.type,
        location: c.location,
        area: c.area,
        appraisedValue: str(c.appraisedValue),
        appraisedOn: c.appraisedOn,
        lienRank: c.lienRank,
        certificateNumber: c.certificateNumber,
      })),
    archived: a.archivedAt !== null,
    lockedBy: locks.get(a.id) ?? [],
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  }));
}
