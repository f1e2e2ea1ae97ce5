import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn as AnyColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  announcements,
  assetParties,
  assets,
  documents,
  listings,
  organisations,
  packageAssets,
  registrations,
} from "../../../db/schema/index";
import { nextMinimumBid } from "../../../core/price-grid";
import { placesNamedBy } from "../../../core/regions";
import { isUuid } from "../../ids";
import {
  announcementQuerySchema,
  publicStatuses,
  listingQuerySchema,
  type AnnouncementSummary,
  type ListingDetail,
  type ListingPage,
  type ListingSummary,
} from "../../../core/contract/listings";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (n: bigint | null) => (n === null ? null : n.toString());

const leader = alias(registrations, "leader");
const winner = alias(registrations, "winner");

/** Public rows never select a reserve price or a party: the reserve is reduced to met / not met here. */
const summaryColumns = {
  id: listings.id,
  title: listings.title,
  titleEn: listings.titleEn,
  titleZh: listings.titleZh,
  mode: listings.mode,
  status: listings.status,
  assetKind: assets.kind,
  packageId: listings.packageId,
  region: assets.region,
  sellerId: organisations.id,
  sellerName: organisations.name,
  sellerNameZh: organisations.nameZh,
  currency: listings.currency,
  startingPrice: listings.startingPrice,
  currentPrice: listings.currentPrice,
  increment: listings.increment,
  deposit: listings.deposit,
  reserveMet: sql<boolean>`(${listings.reservePrice} is null or coalesce(${listings.currentPrice} >= ${listings.reservePrice}, false))`,
  bidCount: listings.bidCount,
  lastSeq: listings.lastSeq,
  leaderBidderCode: leader.bidderCode,
  startsAt: listings.startsAt,
  endsAt: listings.endsAt,
  // The lot's cover photo: the listing's own first, then its asset's or package's.
  coverId: sql<string | null>`(select d.id from ${documents} d
    where d.cover and d.tier = 'public' and d.removed_at is null
      and (d.listing_id = ${listings.id} or d.asset_id = ${listings.assetId} or d.package_id = ${listings.packageId})
    order by (d.listing_id is null), d.created_at desc limit 1)`,
};

function toSummary(row: {
  id: string;
  title: string;
  titleEn: string | null;
  titleZh: string | null;
  mode: ListingSummary["mode"];
  status: ListingSummary["status"];
  assetKind: ListingSummary["kind"] | null;
  packageId: string | null;
  region: string | null;
  sellerId: string;
  sellerName: string;
  sellerNameZh: string | null;
  currency: string;
  startingPrice: bigint;
  currentPrice: bigint | null;
  increment: bigint;
  deposit: bigint;
  reserveMet: boolean;
  bidCount: number;
  lastSeq: number;
  leaderBidderCode: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  coverId: string | null;
}): ListingSummary {
  return {
    id: row.id,
    title: row.title,
    titleEn: row.titleEn,
    titleZh: row.titleZh,
    mode: row.mode,
    status: row.status,
    kind: row.packageId ? "package" : (row.assetKind ?? "claim"),
    region: row.region,
    seller: { id: row.sellerId, name: row.sellerName, nameZh: row.sellerNameZh },
    currency: row.currency,
    startingPrice: row.startingPrice.toString(),
    currentPrice: str(row.currentPrice),
    nextMinimumBid: nextMinimumBid({ ...row, reservePrice: null }).toString(),
    increment: row.increment.toString(),
    deposit: row.deposit.toString(),
    reserveMet: Boolean(row.reserveMet),
    bidCount: row.bidCount,
    lastSeq: row.lastSeq,
    leaderBidderCode: row.leaderBidderCode,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    coverId: row.coverId,
  };
}

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A column holds the search text: from the start of a word when the text starts with a letter or a
 * digit ("hangzhou" is not found in "Changzhou"), anywhere otherwise (Chinese has no spaces between
 * words; "%" and "_" are themselves).
 */
function holds(column: SQL | AnyColumn, text: string): SQL {
  if (/^[A-Za-z0-9]/.test(text)) return sql`${column} ~* ${`\\m${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`}`;
  return sql`${column} ilike ${escapeLike(text)}`;
}

/** The region kept in English names a place the text names, in either language, or holds the text. */
function regionMatches(text: string, column: SQL = sql`a.region`): SQL {
  const places = placesNamedBy(text);
  return or(
    holds(column, text),
    ...places.map((place) => sql`(${column} = ${place} or ${column} like ${`${place} · %`} or ${column} like ${`% · ${place}`})`),
  )!;
}

/**
 * A search in either language: the titles and summaries in English and Chinese, the seller's names,
 * and the region of the lot, or of any loan of its package.
 */
function matchesText(q: string): SQL {
  return or(
    ...[listings.titleEn, listings.titleZh, listings.summary, listings.summaryZh, organisations.name, organisations.nameZh].map(
      (column) => holds(column, q),
    ),
    lotHas(regionMatches(q)),
  )!;
}

/** A condition on the lot's assets: the listing's own asset, or any asset of its package. */
const lotHas = (condition: SQL) =>
  or(
    and(isNull(listings.packageId), sql`exists (select 1 from ${assets} a where a.id = ${listings.assetId} and ${condition})`),
    sql`exists (select 1 from ${packageAssets} pa join ${assets} a on a.id = pa.asset_id where pa.package_id = ${listings.packageId} and ${condition})`,
  )!;

export function createListingService({ db, clock }: { db: Db; clock: { now(): Date } }) {
  const base = () =>
    db
      .select(summaryColumns)
      .from(listings)
      .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id))
      .leftJoin(assets, eq(listings.assetId, assets.id))
      .leftJoin(leader, eq(listings.leaderRegistrationId, leader.id));

  return {
    /** Public listings, newest action first: live ones ending soonest, then announced, then the rest, latest ended first. */
    async listPublic(raw: unknown): Promise<ListingPage> {
      const query = listingQuerySchema.parse(raw ?? {});
      const conditions: SQL[] = [inArray(listings.status, query.status ? [query.status] : [...publicStatuses])];
      if (query.mode) conditions.push(eq(listings.mode, query.mode));
      if (query.kind === "package") conditions.push(isNotNull(listings.packageId));
      else if (query.kind) conditions.push(and(isNull(listings.packageId), eq(assets.kind, query.kind))!);
      if (query.q) conditions.push(matchesText(query.q));
      if (query.region) conditions.push(lotHas(regionMatches(query.region)));
      if (query.classification) conditions.push(lotHas(sql`a.classification = ${query.classification}`));
      const price = sql`coalesce(${listings.currentPrice}, ${listings.startingPrice})`;
      if (query.minPrice !== undefined) conditions.push(gte(price, BigInt(query.minPrice)));
      if (query.maxPrice !== undefined) conditions.push(lte(price, BigInt(query.maxPrice)));
      if (query.endingSoon) {
        const now = clock.now();
        conditions.push(eq(listings.status, "live"), lte(listings.endsAt, new Date(now.getTime() + 86_400_000)));
      }
      const where = and(...conditions);
      // Joined only when a condition reads them: a plain count is then one index's.
      const needsJoins = Boolean(query.q || (query.kind && query.kind !== "package"));
      const counted = db.select({ total: count() }).from(listings);
      const [rows, [totalRow]] = await Promise.all([
        base()
          .where(where)
          // The order of listings_public_order_idx, which the database keeps for this list.
          .orderBy(
            asc(listings.publicRank),
            sql`${listings.comingEnd} asc nulls last`,
            sql`${listings.endsAt} desc nulls last`,
            sql`${listings.createdAt} desc nulls last`,
            asc(listings.id),
          )
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        needsJoins
          ? counted
              .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id))
              .leftJoin(assets, eq(listings.assetId, assets.id))
              .where(where)
          : counted.where(where),
      ]);
      return { items: rows.map(toSummary), page: query.page, pageSize: query.pageSize, total: totalRow?.total ?? 0 };
    },

    /** Public listings by id, in the order given (a watchlist). */
    async listByIds(ids: readonly string[]): Promise<ListingSummary[]> {
      if (ids.length === 0) return [];
      const rows = await base().where(and(inArray(listings.id, [...ids]), inArray(listings.status, [...publicStatuses])));
      const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** Published announcements, newest first, searchable in both languages. */
    async listAnnouncements(
      raw: unknown,
    ): Promise<{ items: AnnouncementSummary[]; page: number; pageSize: number; total: number }> {
      const query = announcementQuerySchema.parse(raw ?? {});
      const conditions: SQL[] = [inArray(listings.status, [...publicStatuses])];
      if (query.q) {
        const pattern = escapeLike(query.q);
        conditions.push(
          or(
            ilike(announcements.titleEn, pattern),
            ilike(announcements.titleZh, pattern),
            ilike(announcements.bodyEn, pattern),
            ilike(announcements.bodyZh, pattern),
            ilike(organisations.name, pattern),
          )!,
        );
      }
      const where = and(...conditions);
      const from = () =>
        db
          .select({
            listingId: listings.id,
            listingStatus: listings.status,
            titleEn: announcements.titleEn,
            titleZh: announcements.titleZh,
            sellerName: organisations.name,
            publishedAt: announcements.publishedAt,
            endsAt: announcements.endsAt,
            periodDays: announcements.periodDays,
            workingDays: announcements.workingDays,
          })
          .from(announcements)
          .innerJoin(listings, eq(announcements.listingId, listings.id))
          .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id));
      const [rows, [totalRow]] = await Promise.all([
        from()
          .where(where)
          .orderBy(desc(announcements.publishedAt), asc(listings.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db
          .select({ total: count() })
          .from(announcements)
          .innerJoin(listings, eq(announcements.listingId, listings.id))
          .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id))
          .where(where),
      ]);
      return {
        items: rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString(), endsAt: r.endsAt.toISOString() })),
        page: query.page,
        pageSize: query.pageSize,
        total: totalRow?.total ?? 0,
      };
    },

    /** A public listing's announcement in both languages, as published. */
    async announcementOf(listingId: string) {
      if (!isUuid(listingId)) return null;
      const [row] = await db
        .select({ announcement: announcements })
        .from(announcements)
        .innerJoin(listings, eq(announcements.listingId, listings.id))
        .where(and(eq(listings.id, listingId), inArray(listings.status, [...publicStatuses])));
      if (!row) return null;
      const a = row.announcement;
      return {
        titleEn: a.titleEn,
        titleZh: a.titleZh,
        bodyEn: a.bodyEn,
        bodyZh: a.bodyZh,
        publishedAt: a.publishedAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
        periodDays: a.periodDays,
        workingDays: a.workingDays,
      };
    },

    /** One public listing with its lots; borrowers and guarantors only in masked form. */
    async getPublic(id: string): Promise<ListingDetail | null> {
      if (!isUuid(id)) return null;
      const [row] = await base()
        .where(and(eq(listings.id, id), inArray(listings.status, [...publicStatuses])))
        .limit(1);
      if (!row) return null;
      const [extra] = await db
        .select({
          summary: listings.summary,
          summaryZh: listings.summaryZh,
          assetId: listings.assetId,
          packageId: listings.packageId,
          announcedAt: listings.announcedAt,
          windowSeconds: listings.antiSnipingWindowSeconds,
          extensionSeconds: listings.antiSnipingExtensionSeconds,
          maxExtensions: listings.maxExtensions,
          extensionCount: listings.extensionCount,
          closedAt: listings.closedAt,
          outcome: listings.outcome,
          hammerPrice: listings.hammerPrice,
          winnerCode: winner.bidderCode,
          termsVersion: listings.termsVersion,
          specialTerms: listings.specialTerms,
          balanceDueDays: listings.balanceDueDays,
          announcementEndsAt: listings.announcementEndsAt,
          tenderPricing: listings.tenderPricing,
          bestAndFinalTopN: listings.bestAndFinalTopN,
          designatedFloor: listings.designatedFloor,
          registrationExtendedAt: listings.registrationExtendedAt,
          // Holders are named privately to the operator; the public learns how many there are.
          rightOfFirstRefusalHolders: sql<number>`jsonb_array_length(${listings.rightOfFirstRefusalHolders})`,
        })
        .from(listings)
        .leftJoin(winner, eq(listings.winnerRegistrationId, winner.id))
        .where(eq(listings.id, id));
      const assetIds = extra!.packageId
        ? (
            await db
              .select({ id: packageAssets.assetId })
              .from(packageAssets)
              .where(eq(packageAssets.packageId, extra!.packageId))
          ).map((r) => r.id)
        : [extra!.assetId!];
      const lots = assetIds.length
        ? await db.select().from(assets).where(inArray(assets.id, assetIds)).orderBy(asc(assets.title))
        : [];
      const parties = assetIds.length
        ? await db
            .select({
              assetId: assetParties.assetId,
              role: assetParties.role,
              kind: assetParties.kind,
              nameMasked: assetParties.nameMasked,
              idNumberMasked: assetParties.idNumberMasked,
            })
            .from(assetParties)
            .where(inArray(assetParties.assetId, assetIds))
            .orderBy(asc(assetParties.position))
        : [];
      return {
        ...toSummary(row),
        summary: extra!.summary,
        summaryZh: extra!.summaryZh,
        packageId: extra!.packageId,
        announcedAt: iso(extra!.announcedAt),
        announcementEndsAt: iso(extra!.announcementEndsAt),
        closedAt: iso(extra!.closedAt),
        termsVersion: extra!.termsVersion,
        specialTerms: extra!.specialTerms,
        balanceDueDays: extra!.balanceDueDays,
        rightOfFirstRefusalHolders: Number(extra!.rightOfFirstRefusalHolders),
        result: extra!.outcome ? { outcome: extra!.outcome, bidderNo: extra!.winnerCode, price: str(extra!.hammerPrice) } : null,
        saleTerms: {
          tenderPricing: extra!.tenderPricing,
          bestAndFinalTopN: extra!.bestAndFinalTopN,
          designatedFloorCommitted: extra!.designatedFloor !== null,
          registrationExtendedAt: iso(extra!.registrationExtendedAt),
        },
        antiSniping: {
          windowSeconds: extra!.windowSeconds,
          extensionSeconds: extra!.extensionSeconds,
          maxExtensions: extra!.maxExtensions,
          extensionCount: extra!.extensionCount,
        },
        assets: lots.map((a) => ({
          id: a.id,
          kind: a.kind,
          title: a.title,
          description: a.description,
          region: a.region,
          currency: a.currency,
          principal: str(a.principal),
          accruedInterest: str(a.accruedInterest),
          appraisedValue: str(a.appraisedValue),
          classification: a.classification,
          security: a.security,
          litigationStatus: a.litigationStatus,
          parties: parties
            .filter((p) => p.assetId === a.id)
            .map((p) => ({ role: p.role, kind: p.kind, name: p.nameMasked ?? "***", idNumber: p.idNumberMasked ?? "***" })),
        })),
      };
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
