import { randomUUID } from "node:crypto";
import { and, asc, count, eq, getTableColumns, getTableName, gt, isNull, notInArray, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { columnRows, toJson } from "../../../db/bulk";
import type { Db } from "../../../db/client";
import { assetCollateral, assetParties, assets, tapeRows, type Asset, type Tape } from "../../../db/schema";
import type { AssetInput } from "../../../core/contract/assets";
import { childRows, lockedBy, recordOf } from "../records";
import { AppError } from "../../errors";
import type { Vault } from "../../privacy/vault";

/**
 * What applying a tape does to the seller's book, and doing it: loans new to the book are added,
 * loans it already holds (by loan id) are replaced when their facts changed, and loans of the
 * previous version that this one no longer lists are named (they stay: a sold or settled loan is
 * archived by the seller, never dropped by a tape).
 *
 * A valid row is staged as the rows it becomes (`stagedLoan`: the asset under an id chosen when it
 * is read, its parties sealed, its collateral), spelled as the database spells them. Applying is
 * then set-based: PostgreSQL reads the staged rows back into the tables' own row types and
 * writes them, a range of rows per statement, so that a 100,000-loan tape never travels back
 * through the server. Only the loans the book already holds are compared here, one page at a time.
 */

/** Rows of the tape written per statement, and loans the book already holds compared per page. */
const RANGE = 10_000;
const PAGE = 2000;

/** A valid row as the database will hold it: the asset, its parties and its collateral. */
export interface StagedLoan {
  asset: Record<string, unknown>;
  parties: Record<string, unknown>[];
  collateral: Record<string, unknown>[];
}

const assetColumns = columnRows(assets);
const partyColumns = columnRows(assetParties);
const collateralColumns = columnRows(assetCollateral);

/** A valid row staged: its asset's id chosen now, its parties sealed, every value spelled for its column. */
export function stagedLoan(vault: Vault, tape: Pick<Tape, "id" | "sellerOrgId">, input: AssetInput): StagedLoan {
  const id = randomUUID();
  const record = recordOf(tape.sellerOrgId, input);
  const { parties, collateral } = childRows(vault, [[id, record]]);
  return {
    asset: assetColumns({ ...record.values, id, tapeId: tape.id }),
    parties: parties.map(partyColumns),
    collateral: collateral.map(collateralColumns),
  };
}

/** The facts a later version of a loan is compared on, by the asset's property and its column. */
const compared = (
  [
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
  ] as const
).map((field) => [field, assets[field].name] as const);

/** A fact as text, for comparing the book's value (bigint, date text) with the staged one (JSON text). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The facts that differ between the book's asset and the tape's loan; parties compared by role and ID digest. */
function changes(asset: Asset, parties: string[], staged: StagedLoan): string[] {
  const changed: string[] = compared
    .filter(([field, column]) => text(asset[field]) !== text(staged.asset[column]))
    .map(([f]) => f);
  const incoming = staged.parties.map((p) => `${String(p.role)}:${text(p.id_number_digest) ?? ""}`);
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

const validRows = (tape: Tape) => and(eq(tapeRows.tapeId, tape.id), eq(tapeRows.ok, true));
/** The book's asset of the staged row's loan id. */
const sameLoan = (tape: Tape) => and(eq(assets.sellerOrgId, tape.sellerOrgId), eq(assets.loanId, tapeRows.loanId));

/** Walks the tape's valid rows of loans the book already holds, page by page, each compared with its asset. */
async function* knownLoans(db: Db, tape: Tape) {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ row: tapeRows.row, record: tapeRows.record, asset: assets })
      .from(tapeRows)
      .innerJoin(assets, sameLoan(tape))
      .where(and(validRows(tape), gt(tapeRows.row, after)))
      .orderBy(asc(tapeRows.row))
      .limit(PAGE);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.row;
    const parties = await db
      .select({ assetId: assetParties.assetId, role: assetParties.role, digest: assetParties.idNumberDigest })
      .from(assetParties)
      .where(
        sql`${assetParties.assetId} in (select jsonb_array_elements_text(${toJson(rows.map((r) => r.asset.id))}::jsonb)::uuid)`,
      )
      .orderBy(asc(assetParties.assetId), asc(assetParties.position));
    const partiesOf = new Map<string, string[]>();
    for (const p of parties) partiesOf.set(p.assetId, [...(partiesOf.get(p.assetId) ?? []), `${p.role}:${p.digest ?? ""}`]);
    yield rows.map(({ record, asset }) => {
      const staged = record as unknown as StagedLoan;
      return { asset, staged, fields: changes(asset, partiesOf.get(asset.id) ?? [], staged) };
    });
  }
}

/** How many of the tape's valid rows are loans the book does not hold yet. */
async function newLoans(db: Db, tape: Tape): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tapeRows)
    .where(and(validRows(tape), sql`not exists (select 1 from ${assets} where ${sameLoan(tape)})`));
  return row?.n ?? 0;
}

export async function tapeDiff(db: Db, tape: Tape): Promise<TapeDiff> {
  const diff: TapeDiff = { created: await newLoans(db, tape), unchanged: 0, changed: [], missing: [], changedCount: 0 };
  const earlierTapes = new Map<string, number>();
  for await (const page of knownLoans(db, tape)) {
    for (const { asset, staged, fields } of page) {
      if (fields.length === 0) diff.unchanged += 1;
      else {
        diff.changedCount += 1;
        if (diff.changed.length < 1000) {
          diff.changed.push({
            loanId: asset.loanId!,
            assetId: asset.id,
            fields,
            principal: { before: text(asset.principal), after: text(staged.asset[assets.principal.name]) },
          });
        }
      }
      if (asset.tapeId && asset.tapeId !== tape.id) earlierTapes.set(asset.tapeId, (earlierTapes.get(asset.tapeId) ?? 0) + 1);
    }
  }
  // The previous version: the earlier tape most of this one's known loans came from.
  const previous = [...earlierTapes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (previous) {
    const listed = db.select({ loanId: tapeRows.loanId }).from(tapeRows).where(validRows(tape));
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

const quoted = (names: string[]) => sql.raw(names.map((n) => `"${n}"`).join(", "));
const prefixed = (prefix: string, names: string[]) => sql.raw(names.map((n) => `${prefix}."${n}"`).join(", "));
const namesOf = (table: PgTable, except: string[]) =>
  Object.values(getTableColumns(table))
    .map((c) => c.name)
    .filter((name) => !except.includes(name));

/**
 * The staged parties and collateral of the chosen rows, under the asset id `assetId` names (the
 * staged one for new loans, the book's own for replaced ones).
 */
async function insertStagedChildren(tx: Db, rows: { join: SQL; where: SQL }, assetId: SQL) {
  for (const [table, key] of [
    [assetParties, "parties"],
    [assetCollateral, "collateral"],
  ] as const) {
    const names = namesOf(table, ["id", "asset_id"]);
    const name = sql.raw(`"${getTableName(table)}"`);
    await tx.execute(sql`
      insert into ${name} ("asset_id", ${quoted(names)})
      select ${assetId}, ${prefixed("c", names)}
      from ${tapeRows} ${rows.join} cross join lateral jsonb_populate_recordset(null::${name}, ${tapeRows.record} -> ${sql.raw(`'${key}'`)}) c
      where ${rows.where}`);
  }
}

/**
 * The tape's staged rows of loans new to the book, a range of rows per statement: the assets,
 * their parties and their collateral written by one statement (its foreign keys are checked
 * at its end, when the assets are there), the staged rows read once.
 */
async function insertNewLoans(tx: Db, tape: Tape, now: Date) {
  const at = timestamp(now);
  const names = namesOf(assets, ["created_at", "updated_at"]);
  const children = (
    [
      [assetParties, "parties"],
      [assetCollateral, "collateral"],
    ] as const
  ).map(([table, key]) => ({
    table: sql.raw(`"${getTableName(table)}"`),
    key: sql.raw(`'${key}'`),
    names: namesOf(table, ["id", "asset_id"]),
  }));
  const [last] = await tx
    .select({ row: sql<number>`coalesce(max(${tapeRows.row}), 0)::int` })
    .from(tapeRows)
    .where(validRows(tape));
  for (let after = 0; after < (last?.row ?? 0); after += RANGE) {
    const [parties, collateral] = children.map(
      (c) => sql`insert into ${c.table} ("asset_id", ${quoted(c.names)})
        select s.asset_id, ${prefixed("c", c.names)}
        from staged s cross join lateral jsonb_populate_recordset(null::${c.table}, s.record -> ${c.key}) c`,
    );
    await tx.execute(sql`
      with staged as materialized (
        select ${tapeRows.record} as record, (${tapeRows.record} -> 'asset' ->> 'id')::uuid as asset_id
        from ${tapeRows}
        where ${validRows(tape)} and ${tapeRows.row} > ${after} and ${tapeRows.row} <= ${after + RANGE}
          and not exists (select 1 from ${assets} where ${sameLoan(tape)})
      ),
      book as (
        insert into "assets" (${quoted(names)}, "created_at", "updated_at")
        select ${prefixed("a", names)}, ${at}, ${at}
        from staged s cross join lateral jsonb_populate_record(null::"assets", s.record -> 'asset') a
      ),
      parties as (${parties!})
      ${collateral!}`);
  }
}

/** A moment as a statement's parameter, the same for every driver. */
const timestamp = (now: Date) => sql`${now.toISOString()}::timestamptz`;

/** The loans the book already holds whose facts changed, replaced as a whole from their staged rows. */
async function replaceChanged(tx: Db, tape: Tape, ids: string[], now: Date) {
  const names = namesOf(assets, ["id", "seller_org_id", "created_at", "updated_at", "archived_at"]);
  for (let start = 0; start < ids.length; start += RANGE) {
    const chosen = sql`${assets.id} in (select jsonb_array_elements_text(${toJson(ids.slice(start, start + RANGE))}::jsonb)::uuid)`;
    await tx.execute(sql`
      update "assets" set (${quoted(names)}) = (select ${prefixed("a", names)} from jsonb_populate_record(null::"assets", ${tapeRows.record} -> 'asset') a), "updated_at" = ${timestamp(now)}
      from ${tapeRows} where ${validRows(tape)} and ${sameLoan(tape)} and ${chosen}`);
    await tx.execute(
      sql`delete from ${assetParties} where ${assetParties.assetId} in (select ${assets.id} from ${assets} where ${chosen})`,
    );
    await tx.execute(
      sql`delete from ${assetCollateral} where ${assetCollateral.assetId} in (select ${assets.id} from ${assets} where ${chosen})`,
    );
    await insertStagedChildren(
      tx,
      { join: sql`join ${assets} on ${sameLoan(tape)}`, where: sql`${validRows(tape)} and ${chosen}` },
      sql`${assets.id}`,
    );
  }
}

/** Writes the tape's valid rows into the book: changed loans replaced, new ones added; returns the counts. */
export async function writeTape(tx: Db, tape: Tape, now: Date) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const changed: string[] = [];
  for await (const page of knownLoans(tx, tape)) {
    const ids = page.filter((p) => p.fields.length > 0).map((p) => p.asset.id);
    // A loan whose listing is reviewed or public keeps its facts: the whole tape waits (all or nothing).
    const locks = await lockedBy(tx, ids);
    const blocked = page.find((p) => locks.has(p.asset.id));
    if (blocked) {
      const [lock] = locks.get(blocked.asset.id)!;
      throw new AppError(
        "ASSET_LOCKED",
        `Loan ${blocked.asset.loanId} is in a listing that is ${lock!.status}: its facts cannot change now.`,
        {
          loanId: blocked.asset.loanId,
          ...lock,
        },
      );
    }
    changed.push(...ids);
    counts.unchanged += page.length - ids.length;
  }
  await replaceChanged(tx, tape, changed, now);
  counts.updated = changed.length;
  counts.created = await newLoans(tx, tape);
  await insertNewLoans(tx, tape, now);
  return counts;
}
