import { and, asc, count, eq, ilike, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { assets, listings, organisations, packageAssets, packages } from "../../../db/schema/index";
import { organisationsWith, type Principal } from "../../../core/identity/access";
import { finishedStatuses } from "../facts";

/**
 * The lots a seller may put up for sale: its packages, then its assets, a page at a time and
 * searchable (a bank that imported a 100,000-loan tape has 100,000 of them), each with the open
 * listing that holds it. A listed package holds its assets, and a listed asset every package
 * containing it.
 */

export const LOTS_PER_PAGE = 50;
const MAX_PAGE = 1_000_000;

export interface SellerLot {
  type: "asset" | "package";
  id: string;
  title: string;
  kind: string;
  region: string | null;
  currency: string;
  /** Appraised value (a package's: the sum of its assets'), minor units; null when nothing is valued. */
  valuation: string | null;
  organisationName: string;
  /** The open listing that holds the lot, if one does. */
  listingId: string | null;
}

const editors = (principal: Principal) => organisationsWith(principal, ["seller_admin", "seller_staff"]);

/** Words in the title, the loan id or the region of an asset; in the title of a package. */
function matching(q: string | undefined) {
  const words = (q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    asset: words.length
      ? and(...words.map((w) => or(ilike(assets.title, like(w)), ilike(assets.loanId, like(w)), ilike(assets.region, like(w)))))
      : undefined,
    package: words.length ? and(...words.map((w) => ilike(packages.title, like(w)))) : undefined,
  };
}

/** Which of these lots an open listing holds, directly or through a package. */
async function holders(db: Db, orgs: string[], assetIds: string[], packageIds: string[]) {
  const held = new Map<string, string>();
  if (!assetIds.length && !packageIds.length) return held;
  const open = await db
    .select({ id: listings.id, assetId: listings.assetId, packageId: listings.packageId })
    .from(listings)
    .where(and(inArray(listings.sellerOrgId, orgs), notInArray(listings.status, finishedStatuses)));
  const byAsset = new Map(open.filter((l) => l.assetId).map((l) => [l.assetId!, l.id]));
  const byPackage = new Map(open.filter((l) => l.packageId).map((l) => [l.packageId!, l.id]));
  for (const id of assetIds) if (byAsset.has(id)) held.set(id, byAsset.get(id)!);
  for (const id of packageIds) if (byPackage.has(id)) held.set(id, byPackage.get(id)!);
  const through = (packageIn: string[], assetIn: string[]) =>
    packageIn.length && assetIn.length
      ? db
          .select({ packageId: packageAssets.packageId, assetId: packageAssets.assetId })
          .from(packageAssets)
          .where(and(inArray(packageAssets.packageId, packageIn), inArray(packageAssets.assetId, assetIn)))
      : Promise.resolve([]);
  // Assets on the page inside a listed package; packages on the page holding a listed asset.
  for (const m of await through([...byPackage.keys()], assetIds))
    held.set(m.assetId, held.get(m.assetId) ?? byPackage.get(m.packageId)!);
  for (const m of await through(packageIds, [...byAsset.keys()]))
    held.set(m.packageId, held.get(m.packageId) ?? byAsset.get(m.assetId)!);
  return held;
}

async function assetLots(db: Db, where: SQL | undefined, offset: number, limit: number) {
  if (limit <= 0) return [];
  return db
    .select({
      id: assets.id,
      title: assets.title,
      kind: assets.kind,
      region: assets.region,
      currency: assets.currency,
      valuation: assets.appraisedValue,
      organisationName: organisations.name,
    })
    .from(assets)
    .innerJoin(organisations, eq(assets.sellerOrgId, organisations.id))
    .where(where)
    .orderBy(asc(assets.title), asc(assets.id))
    .offset(offset)
    .limit(limit);
}

async function packageLots(db: Db, where: SQL | undefined, offset: number, limit: number) {
  if (limit <= 0) return [];
  const rows = await db
    .select({ id: packages.id, title: packages.title, currency: packages.currency, organisationName: organisations.name })
    .from(packages)
    .innerJoin(organisations, eq(packages.sellerOrgId, organisations.id))
    .where(where)
    .orderBy(asc(packages.title), asc(packages.id))
    .offset(offset)
    .limit(limit);
  const sums = rows.length
    ? await db
        .select({
          packageId: packageAssets.packageId,
          valuation: sql<string | null>`sum(${assets.appraisedValue})::text`,
        })
        .from(packageAssets)
        .innerJoin(assets, eq(packageAssets.assetId, assets.id))
        .where(
          inArray(
            packageAssets.packageId,
            rows.map((r) => r.id),
          ),
        )
        .groupBy(packageAssets.packageId)
    : [];
  const valuationOf = new Map(sums.map((s) => [s.packageId, s.valuation]));
  return rows.map((r) => ({ ...r, valuation: valuationOf.get(r.id) ?? null }));
}

function lotsOf(
  packageRows: Awaited<ReturnType<typeof packageLots>>,
  assetRows: Awaited<ReturnType<typeof assetLots>>,
  held: Map<string, string>,
): SellerLot[] {
  return [
    ...packageRows.map((p) => ({
      type: "package" as const,
      id: p.id,
      title: p.title,
      kind: "package",
      region: null,
      currency: p.currency,
      valuation: p.valuation,
      organisationName: p.organisationName,
      listingId: held.get(p.id) ?? null,
    })),
    ...assetRows.map((a) => ({
      type: "asset" as const,
      id: a.id,
      title: a.title,
      kind: a.kind,
      region: a.region,
      currency: a.currency,
      valuation: a.valuation === null ? null : a.valuation.toString(),
      organisationName: a.organisationName,
      listingId: held.get(a.id) ?? null,
    })),
  ];
}

/** One page of the lots this principal may list (packages first, then assets, each by title), and how many match. */
export async function sellerLots(db: Db, principal: Principal, options: { q?: string; page?: number } = {}) {
  const orgs = editors(principal);
  // A page number from the address bar: whole, at least 1, and never past what an offset can say.
  const page = Math.min(Math.max(1, Math.floor(Number.isFinite(options.page) ? options.page! : 1)), MAX_PAGE);
  if (orgs.length === 0) return { lots: [] as SellerLot[], total: 0, page, pages: 1 };
  const match = matching(options.q);
  const assetWhere = and(inArray(assets.sellerOrgId, orgs), isNull(assets.archivedAt), match.asset);
  const packageWhere = and(inArray(packages.sellerOrgId, orgs), match.package);
  const [[packageCount], [assetCount]] = await Promise.all([
    db.select({ n: count() }).from(packages).where(packageWhere),
    db.select({ n: count() }).from(assets).where(assetWhere),
  ]);
  const packagesTotal = packageCount?.n ?? 0;
  const total = packagesTotal + (assetCount?.n ?? 0);
  const offset = (page - 1) * LOTS_PER_PAGE;
  const packageRows = await packageLots(db, packageWhere, offset, Math.min(LOTS_PER_PAGE, packagesTotal - offset));
  const assetRows = await assetLots(db, assetWhere, Math.max(0, offset - packagesTotal), LOTS_PER_PAGE - packageRows.length);
  const held = await holders(
    db,
    orgs,
    assetRows.map((a) => a.id),
    packageRows.map((p) => p.id),
  );
  return { lots: lotsOf(packageRows, assetRows, held), total, page, pages: Math.max(1, Math.ceil(total / LOTS_PER_PAGE)) };
}

/** One lot this principal may list, by its reference; null when it is not among them. */
export async function sellerLot(db: Db, principal: Principal, ref: { type: "asset" | "package"; id: string }) {
  const orgs = editors(principal);
  if (orgs.length === 0) return null;
  const packageRows =
    ref.type === "package" ? await packageLots(db, and(inArray(packages.sellerOrgId, orgs), eq(packages.id, ref.id)), 0, 1) : [];
  const assetRows =
    ref.type === "asset"
      ? await assetLots(db, and(inArray(assets.sellerOrgId, orgs), isNull(assets.archivedAt), eq(assets.id, ref.id)), 0, 1)
      : [];
  const held = await holders(
    db,
    orgs,
    assetRows.map((a) => a.id),
    packageRows.map((p) => p.id),
  );
  return lotsOf(packageRows, assetRows, held)[0] ?? null;
}
