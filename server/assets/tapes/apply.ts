import { and, asc, eq, gt, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { assetParties, assets, tapeRows, type Asset, type Tape } from "../../../db/schema";
import type { AssetInput } from "../../../core/contract/assets";
import { insertAssetBatch, lockedBy, recordOf, replaceAssetRows, type AssetRecord, type KeptPartyRecord } from "../records";
import { AppError } from "../../errors";
import type { Vault } from "../../privacy/vault";

/**
 * What applying a tape does to the seller's book, and doing it: loans new to the book are added,
 * loans it already holds (by loan id) are replaced when their facts changed, and loans of the
 * previous version that this one no longer lists are named (they stay: a sold or settled loan is
 * archived by the seller, never dropped by a tape).
 */

/** Staged rows read per page while applying: memory stays flat for a 100,000-row tape. */
const PAGE = 2000;

const compared = [
  "title",
  "region",
  "currency",
  "principal",
  "accruedInterest",
  "penaltyInterest",
  "fees",
  "originatedOn",
  "defaultedOn",
  "classification",
  "security",
  "litigationStatus",
  "court",
  "caseNumber",
  "limitationExpiresOn",
  "guaranteeExpiresOn",
  "enforcementDeadline",
  "industry",
  "originatingOfficer",
  "investigatingOfficer",
] as const;

/** A staged row: the asset as the contract read it, its parties already sealed (tapes/service.ts). */
type StagedRecord = Omit<AssetInput, "parties"> & { parties: Omit<KeptPartyRecord, "id">[] };

/** A staged row as the rows it becomes, written by this tape. */
function recordOfStaged(sellerOrgId: string, tapeId: string, staged: StagedRecord): AssetRecord {
  const record = recordOf(sellerOrgId, { ...staged, parties: [], keepParties: [] } as unknown as AssetInput);
  return { ...record, values: { ...record.values, tapeId }, parties: staged.parties as KeptPartyRecord[] };
}

const text = (value: string | bigint | number | null | undefined) =>
  value === null || value === undefined ? null : String(value);

/** The facts that differ between the book's asset and the tape's loan; parties compared by role and ID digest. */
function changes(asset: Asset, parties: string[], record: AssetRecord): string[] {
  const changed: string[] = compared.filter((field) => text(asset[field]) !== text(record.values[field]));
  const incoming = (record.parties ?? []).map((p) => `${p.role}:${"idNumberDigest" in p ? p.idNumberDigest : ""}`);
  if (incoming.join("|") !== parties.join("|")) changed.push("parties");
  return changed;
}

export interface TapeDiff {
  created: number;
  unchanged: number;
  changed: { loanId: string; assetId: string; fields: string[]; principal: { before: string | null; after: string | null } }[];
  /** Loans of the previous version of this tape that it no longer lists. */
  missing: { loanId: string; assetId: string }[];
  /** How many loans changed in all (the list above holds the first 1,000). */
  changedCount: number;
}

/** Walks the tape's valid rows, page by page, with the book's assets of the same loan ids. */
async function* stagedPages(db: Db, tape: Tape) {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ row: tapeRows.row, loanId: tapeRows.loanId, record: tapeRows.record })
      .from(tapeRows)
      .where(and(eq(tapeRows.tapeId, tape.id), eq(tapeRows.ok, true), gt(tapeRows.row, after)))
      .orderBy(asc(tapeRows.row))
      .limit(PAGE);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.row;
    const loanIds = rows.map((r) => r.loanId!);
    const existing = await db
      .select()
      .from(assets)
      .where(and(eq(assets.sellerOrgId, tape.sellerOrgId), inArray(assets.loanId, loanIds)));
    const parties = existing.length
      ? await db
          .select({ assetId: assetParties.assetId, role: assetParties.role, digest: assetParties.idNumberDigest })
          .from(assetParties)
          .where(
            inArray(
              assetParties.assetId,
              existing.map((a) => a.id),
            ),
          )
          .orderBy(asc(assetParties.assetId), asc(assetParties.position))
      : [];
    const partiesOf = new Map<string, string[]>();
    for (const p of parties) partiesOf.set(p.assetId, [...(partiesOf.get(p.assetId) ?? []), `${p.role}:${p.digest ?? ""}`]);
    const byLoan = new Map(existing.map((a) => [a.loanId!, a]));
    yield rows.map((r) => {
      const record = recordOfStaged(tape.sellerOrgId, tape.id, r.record as StagedRecord);
      const asset = byLoan.get(r.loanId!);
      return { loanId: r.loanId!, record, asset, fields: asset ? changes(asset, partiesOf.get(asset.id) ?? [], record) : [] };
    });
  }
}

export async function tapeDiff(db: Db, tape: Tape): Promise<TapeDiff> {
  const diff: TapeDiff = { created: 0, unchanged: 0, changed: [], missing: [], changedCount: 0 };
  const earlierTapes = new Map<string, number>();
  for await (const page of stagedPages(db, tape)) {
    for (const { loanId, record, asset, fields } of page) {
      if (!asset) diff.created += 1;
      else if (fields.length === 0) diff.unchanged += 1;
      else {
        diff.changedCount += 1;
        if (diff.changed.length < 1000) {
          diff.changed.push({
            loanId,
            assetId: asset.id,
            fields,
            principal: { before: text(asset.principal), after: text(record.values.principal) },
          });
        }
      }
      if (asset?.tapeId && asset.tapeId !== tape.id) earlierTapes.set(asset.tapeId, (earlierTapes.get(asset.tapeId) ?? 0) + 1);
    }
  }
  // The previous version: the earlier tape most of this one's known loans came from.
  const previous = [...earlierTapes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (previous) {
    const listed = db
      .select({ loanId: tapeRows.loanId })
      .from(tapeRows)
      .where(and(eq(tapeRows.tapeId, tape.id), eq(tapeRows.ok, true)));
    const missing = await db
      .select({ loanId: assets.loanId, assetId: assets.id })
      .from(assets)
      .where(and(eq(assets.tapeId, previous), isNull(assets.archivedAt), notInArray(assets.loanId, sql`(${listed})`)))
      .orderBy(asc(assets.loanId))
      .limit(1000);
    diff.missing = missing.map((m) => ({ loanId: m.loanId!, assetId: m.assetId }));
  }
  return diff;
}

/** Writes the tape's valid rows into the book: new loans in batches, changed ones replaced; returns the counts. */
export async function writeTape(tx: Db, vault: Vault, tape: Tape, now: Date) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for await (const page of stagedPages(tx, tape)) {
    // A loan whose listing is reviewed or public keeps its facts: the whole tape waits (all or nothing).
    const changed = page.filter((p) => p.asset && p.fields.length > 0);
    const locks = await lockedBy(
      tx,
      changed.map((p) => p.asset!.id),
    );
    const blocked = changed.find((p) => locks.has(p.asset!.id));
    if (blocked) {
      const [lock] = locks.get(blocked.asset!.id)!;
      throw new AppError(
        "ASSET_LOCKED",
        `Loan ${blocked.loanId} is in a listing that is ${lock!.status}: its facts cannot change now.`,
        {
          loanId: blocked.loanId,
          ...lock,
        },
      );
    }
    const fresh = page.filter((p) => !p.asset).map((p) => p.record);
    if (fresh.length) await insertAssetBatch(tx, vault, fresh, now);
    counts.created += fresh.length;
    for (const { asset, record, fields } of page) {
      if (!asset) continue;
      if (fields.length === 0) counts.unchanged += 1;
      else {
        await replaceAssetRows(tx, vault, asset.id, record, now);
        counts.updated += 1;
      }
    }
  }
  return counts;
}
