import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { publicStatuses } from "../../core/contract/listings";
import { packageInputSchema, stratificationView, type PackageView } from "../../core/contract/packages";
import { organisationsWith, type Principal } from "../../core/identity/access";
import { stratify, type LoanFacts } from "../../core/stratification";
import { insertMany } from "../../db/bulk";
import type { Db } from "../../db/client";
import { assets, listings, packageAssets, packages, tapeRows } from "../../db/schema";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError, invalidField } from "../errors";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import { editingOrganisation, editorRoles } from "./records";

/**
 * Packages (docs/domain.md "Packages and stratification"): a seller groups assets, picked or every
 * loan of a tape, into one lot, and reads it as buyers price it: stratified by the dimensions of
 * core/stratification.ts. The seller's staff read their own packages; anyone reads the aggregates
 * of a package once a listing of it is public (never a loan's own facts).
 */

/** The organisations whose packages the caller reads: seller staff, approvers and valuers. */
const readerRoles = [...editorRoles, "approver", "valuer"] as const;

const notFound = () => new AppError("NOT_FOUND", "Package not found.");

export function createPackageService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;

  async function ownPackage(principal: Principal, id: string) {
    if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const [pkg] = isUuid(id) ? await db.select().from(packages).where(eq(packages.id, id)) : [];
    if (!pkg || !organisationsWith(principal, readerRoles).includes(pkg.sellerOrgId)) throw notFound();
    return pkg;
  }

  /** What each loan of the package brings to the tables: balances, the collateral's appraisal and main type. */
  async function factsOf(packageId: string): Promise<LoanFacts[]> {
    const rows = await db
      .select({
        principal: assets.principal,
        accrued: assets.accruedInterest,
        penalty: assets.penaltyInterest,
        appraised: assets.appraisedValue,
        classification: assets.classification,
        security: assets.security,
        litigationStatus: assets.litigationStatus,
        region: assets.region,
        industry: assets.industry,
        defaultedOn: assets.defaultedOn,
        collateral: sql<
          string | null
        >`(select sum(c.appraised_value)::text from asset_collateral c where c.asset_id = ${assets.id})`,
        collateralType: sql<
          string | null
        >`(select c.type::text from asset_collateral c where c.asset_id = ${assets.id} order by c.position limit 1)`,
      })
      .from(packageAssets)
      .innerJoin(assets, eq(assets.id, packageAssets.assetId))
      .where(eq(packageAssets.packageId, packageId));
    return rows.map((r) => ({
      principal: r.principal ?? 0n,
      interest: (r.accrued ?? 0n) + (r.penalty ?? 0n),
      // A claim's collateral is its items' appraisal; a property or a stake is itself the collateral.
      collateral: r.collateral !== null ? BigInt(r.collateral) : r.principal === null ? (r.appraised ?? 0n) : 0n,
      classification: r.classification,
      security: r.security,
      collateralType: r.collateralType,
      litigationStatus: r.litigationStatus,
      region: r.region,
      industry: r.industry,
      defaultedOn: r.defaultedOn,
    }));
  }

  async function views(rows: (typeof packages.$inferSelect)[], on: Db = db): Promise<PackageView[]> {
    if (rows.length === 0) return [];
    const sums = await on
      .select({
        packageId: packageAssets.packageId,
        n: count(),
        principal: sql<string>`coalesce(sum(${assets.principal}), 0)::text`,
      })
      .from(packageAssets)
      .innerJoin(assets, eq(assets.id, packageAssets.assetId))
      .where(
        inArray(
          packageAssets.packageId,
          rows.map((r) => r.id),
        ),
      )
      .groupBy(packageAssets.packageId);
    const of = new Map(sums.map((s) => [s.packageId, s]));
    return rows.map((p) => ({
      id: p.id,
      title: p.title,
      description: p.description,
      currency: p.currency,
      assetCount: of.get(p.id)?.n ?? 0,
      principal: of.get(p.id)?.principal ?? "0",
      createdAt: p.createdAt.toISOString(),
    }));
  }

  return {
    /** A package of the caller's assets, picked by id or every loan a tape brought in; all in one currency, none archived. */
    async create(principal: Principal, raw: unknown): Promise<PackageView> {
      const input = packageInputSchema.parse(raw);
      const { user, organisationId } = editingOrganisation(principal, input.organisationId, "packages");
      const picked = await db
        .select({ id: assets.id, currency: assets.currency })
        .from(assets)
        .where(
          and(
            eq(assets.sellerOrgId, organisationId),
            isNull(assets.archivedAt),
            // A tape's loans are those it lists, by loan id: a re-issued tape's unchanged loans keep the
            // earlier tape as their source, and belong to this one's package all the same.
            input.tapeId
              ? inArray(
                  assets.loanId,
                  db
                    .select({ loanId: tapeRows.loanId })
                    .from(tapeRows)
                    .where(and(eq(tapeRows.tapeId, input.tapeId), eq(tapeRows.ok, true))),
                )
              : inArray(assets.id, [...new Set(input.assetIds)]),
          ),
        );
      if (input.assetIds && picked.length !== new Set(input.assetIds).size) {
        throw invalidField("assetIds", "Some of these assets are not in your book, or are archived");
      }
      if (picked.length === 0) throw invalidField(input.tapeId ? "tapeId" : "assetIds", "A package holds at least one asset");
      const currencies = new Set(picked.map((a) => a.currency));
      if (currencies.size > 1) throw invalidField("assetIds", "A package's assets are all in one currency");
      return db.transaction(async (tx) => {
        const [pkg] = await tx
          .insert(packages)
          .values({
            sellerOrgId: organisationId,
            title: input.title,
            description: input.description,
            currency: picked[0]!.currency,
            createdAt: clock.now(),
          })
          .returning();
        await insertMany(
          tx,
          packageAssets,
          picked.map((a) => ({ packageId: pkg!.id, assetId: a.id })),
        );
        await audit.append(tx, {
          actor: actorOf(user),
          action: "package.created",
          entityType: "package",
          entityId: pkg!.id,
          after: { title: pkg!.title, assets: picked.length, tapeId: input.tapeId ?? null },
        });
        return (await views([pkg!], tx))[0]!;
      });
    },

    /** The packages of the organisations the caller reads for, newest first. */
    async list(principal: Principal): Promise<PackageView[]> {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      const orgs = organisationsWith(principal, readerRoles);
      if (!orgs.length) return [];
      return views(await db.select().from(packages).where(inArray(packages.sellerOrgId, orgs)).orderBy(desc(packages.createdAt)));
    },

    async get(principal: Principal, id: string): Promise<PackageView> {
      return (await views([await ownPackage(principal, id)]))[0]!;
    },

    /** The seller's view: the whole stratification of its own package, listed or not. */
    async stratification(principal: Principal, id: string) {
      const pkg = await ownPackage(principal, id);
      return stratificationView(pkg.currency, stratify(await factsOf(pkg.id)));
    },

    /**
     * The public aggregates of a package that a public listing offers (the same 404 as for no
     * package otherwise): groups and totals, never a loan's own facts.
     */
    async publicStratification(id: string) {
      if (!isUuid(id)) throw notFound();
      const [offered] = await db
        .select({ currency: packages.currency })
        .from(packages)
        .innerJoin(listings, eq(listings.packageId, packages.id))
        .where(and(eq(packages.id, id), inArray(listings.status, [...publicStatuses])))
        .limit(1);
      if (!offered) throw notFound();
      return stratificationView(offered.currency, stratify(await factsOf(id)));
    },
  };
}

export type PackageService = ReturnType<typeof createPackageService>;
