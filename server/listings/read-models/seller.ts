import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { assets, listings, organisations } from "../../../db/schema/index";
import { type ListingMode, type ListingStatus } from "../../../core/enums";
import { reserveMet } from "../../../core/price-grid";
import { publicStatuses } from "../../../core/contract/listings";

/**
 * A seller's own view of its listings: every status, drafts included, with the reserve price
 * the public never sees. Registrations are deliberately not joined: who registered or bid
 * stays hidden from the seller until the close.
 */
export interface SellerListing {
  id: string;
  title: string;
  mode: ListingMode;
  status: ListingStatus;
  kind: string;
  organisation: { id: string; name: string };
  currency: string;
  startingPrice: string;
  reservePrice: string | null;
  currentPrice: string | null;
  /** Null while there is no reserve or no bid to compare with it. */
  reserveMet: boolean | null;
  bidCount: number;
  startsAt: string | null;
  endsAt: string | null;
  updatedAt: string;
  /** Whether /listings/:id shows it (the public statuses). */
  isPublic: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (n: bigint | null) => (n === null ? null : n.toString());
const isPublicStatus = (status: ListingStatus) => (publicStatuses as readonly string[]).includes(status);

export function createSellerListingService({ db }: { db: Db }) {
  return {
    /** Listings of these seller organisations: what needs attention (live, announced, in the works) first. */
    async listForOrganisations(organisationIds: readonly string[]): Promise<SellerListing[]> {
      if (organisationIds.length === 0) return [];
      const order = sql`case ${listings.status}
        when 'live' then 0 when 'announced' then 1 when 'approved' then 2 when 'in_review' then 3
        when 'draft' then 4 when 'suspended' then 5 else 6 end`;
      const rows = await db
        .select({
          id: listings.id,
          title: listings.title,
          mode: listings.mode,
          status: listings.status,
          packageId: listings.packageId,
          assetKind: assets.kind,
          organisationId: organisations.id,
          organisationName: organisations.name,
          currency: listings.currency,
          startingPrice: listings.startingPrice,
          increment: listings.increment,
          reservePrice: listings.reservePrice,
          currentPrice: listings.currentPrice,
          bidCount: listings.bidCount,
          startsAt: listings.startsAt,
          endsAt: listings.endsAt,
          updatedAt: listings.updatedAt,
        })
        .from(listings)
        .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id))
        .leftJoin(assets, eq(listings.assetId, assets.id))
        .where(inArray(listings.sellerOrgId, [...organisationIds]))
        .orderBy(asc(organisations.name), order, asc(listings.endsAt), desc(listings.updatedAt), asc(listings.id));
      return rows.map((row) => ({
        id: row.id,
        title: row.title,
        mode: row.mode,
        status: row.status,
        kind: row.packageId ? "package" : (row.assetKind ?? "claim"),
        organisation: { id: row.organisationId, name: row.organisationName },
        currency: row.currency,
        startingPrice: row.startingPrice.toString(),
        reservePrice: str(row.reservePrice),
        currentPrice: str(row.currentPrice),
        reserveMet: row.reservePrice === null || row.currentPrice === null ? null : reserveMet(row),
        bidCount: row.bidCount,
        startsAt: iso(row.startsAt),
        endsAt: iso(row.endsAt),
        updatedAt: row.updatedAt.toISOString(),
        isPublic: isPublicStatus(row.status),
      }));
    },
  };
}

export type SellerListingService = ReturnType<typeof createSellerListingService>;
