import { and, asc, eq, inArray, notInArray, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  approvalTiers,
  assets,
  listingApprovals,
  listings,
  organisations,
  packageAssets,
  platformSettings,
  registrations,
  type Listing,
} from "../../db/schema";
import { type ListingStatus, type Role } from "../../core/enums";
import { reserveMet } from "../../core/price-grid";
import { AppError } from "../errors";
import { activeRoles, type Principal } from "../../core/identity/access";
import type { PublicAuctionEvent } from "../../core/contract/room";
import type { LifecycleActor, LifecycleFacts, LifecycleRole } from "./rules/lifecycle";
import {
  announcementSettingsSchema,
  defaultAnnouncementSettings,
  listingValue,
  requiredApproval,
  type AnnouncementSettings,
} from "./rules/approval";
import { publicStatuses } from "../../core/contract/listings";
import { buildAnnouncement, type AnnouncementFacts } from "./rules/announcement";

/** Loading what the lifecycle rules need, shared by the workflow, registration and objection services. */

export { isUuid } from "../ids";
export const listingNotFound = () => new AppError("NOT_FOUND", "Listing not found.");
export const isPublicStatus = (status: ListingStatus) => (publicStatuses as readonly string[]).includes(status);

/** Listings that still hold their lot: a lot may be in one of these at a time. */
export const finishedStatuses: ListingStatus[] = ["withdrawn", "failed", "closed"];

const sellerRoles: Role[] = ["seller_admin", "seller_staff", "approver", "valuer"];

/** The principal's roles towards one listing: seller roles only in its own organisation. */
export function lifecycleActor(principal: Principal, sellerOrgId: string): LifecycleActor {
  if (principal.kind !== "user") return { userId: null, roles: new Set() };
  const roles = new Set<LifecycleRole>([...activeRoles(principal, sellerOrgId)].filter((r) => sellerRoles.includes(r)));
  for (const role of activeRoles(principal)) if (role === "operator" || role === "investor") roles.add(role);
  return { userId: principal.userId, roles };
}

export const systemActor: LifecycleActor = { userId: null, roles: new Set<LifecycleRole>(["system"]) };

/** Whether the listing's private side (drafts, review, reserve) is the principal's business. */
export function isInsider(actor: LifecycleActor): boolean {
  return sellerRoles.some((r) => actor.roles.has(r)) || actor.roles.has("operator");
}

export async function lotAssets(tx: Db, listing: Pick<Listing, "assetId" | "packageId">) {
  const ids = listing.packageId
    ? (
        await tx.select({ id: packageAssets.assetId }).from(packageAssets).where(eq(packageAssets.packageId, listing.packageId))
      ).map((r) => r.id)
    : [listing.assetId!];
  return ids.length ? tx.select().from(assets).where(inArray(assets.id, ids)).orderBy(asc(assets.title)) : [];
}

/** The listing's announcement text for a timetable, from its lot and its seller as they stand now. */
export async function announcementOf(
  tx: Db,
  listing: Listing,
  timetable: Pick<AnnouncementFacts, "publishedAt" | "announcementEndsAt" | "startsAt" | "endsAt" | "period">,
) {
  const lots = await lotAssets(tx, listing);
  const [seller] = await tx
    .select({ name: organisations.name, nameZh: organisations.nameZh })
    .from(organisations)
    .where(eq(organisations.id, listing.sellerOrgId));
  return buildAnnouncement({
    title: listing.title,
    titleZh: listing.titleZh,
    sellerName: seller!.name,
    sellerNameZh: seller!.nameZh,
    lots,
    isPackage: listing.packageId !== null,
    currency: listing.currency,
    startingPrice: listing.startingPrice,
    increment: listing.increment,
    deposit: listing.deposit,
    hasReserve: listing.reservePrice !== null,
    antiSniping: {
      windowMinutes: listing.antiSnipingWindowSeconds / 60,
      extensionMinutes: listing.antiSnipingExtensionSeconds / 60,
      maxExtensions: listing.maxExtensions,
    },
    balanceDueDays: listing.balanceDueDays,
    rightOfFirstRefusalHolders: listing.rightOfFirstRefusalHolders.length,
    specialTerms: listing.specialTerms,
    ...timetable,
  });
}

/** The latest valuation of the lot, or null while none of its assets is valued. */
export function valuationOf(lots: readonly { appraisedValue: bigint | null }[]): bigint | null {
  return lots.some((a) => a.appraisedValue !== null) ? lots.reduce((s, a) => s + (a.appraisedValue ?? 0n), 0n) : null;
}

export async function tiersOf(tx: Db, organisationId: string) {
  return tx.select().from(approvalTiers).where(eq(approvalTiers.organisationId, organisationId));
}

/** The facts the state machine decides on, read inside the caller's transaction. */
export async function lifecycleFacts(tx: Db, listing: Listing): Promise<LifecycleFacts & { value: bigint }> {
  const lots = await lotAssets(tx, listing);
  const value = listingValue({ startingPrice: listing.startingPrice, valuations: lots.map((a) => a.appraisedValue) });
  // A start below 70% of the valuation and a negotiated transfer are exceptions: the top tier decides them.
  const exception = listing.valuationExceptionReason !== null || listing.mode === "negotiated";
  const tier = requiredApproval(value, await tiersOf(tx, listing.sellerOrgId), exception);
  const approvals = await tx
    .select({ userId: listingApprovals.userId, role: listingApprovals.role })
    .from(listingApprovals)
    .where(
      and(
        eq(listingApprovals.listingId, listing.id),
        eq(listingApprovals.round, listing.reviewRound),
        eq(listingApprovals.decision, "approved"),
      ),
    );
  return {
    status: listing.status,
    suspendedFrom: listing.suspendedFrom,
    bidCount: listing.bidCount,
    createdBy: listing.createdBy,
    announcementEndsAt: listing.announcementEndsAt,
    startsAt: listing.startsAt,
    endsAt: listing.endsAt,
    review: {
      required: { role: tier.role, count: tier.approvalsRequired },
      approvals,
      disclosureChecked: listing.disclosureCheckedAt !== null,
    },
    value,
  };
}

export async function announcementSettings(tx: Db): Promise<AnnouncementSettings> {
  const [row] = await tx.select().from(platformSettings).where(eq(platformSettings.key, "announcement"));
  if (!row) return defaultAnnouncementSettings;
  const parsed = announcementSettingsSchema.safeParse(row.value);
  return parsed.success ? parsed.data : defaultAnnouncementSettings;
}

/** The live room's status event for a listing whose status changed outside bidding. */
export async function statusEvent(tx: Db, listing: Listing): Promise<PublicAuctionEvent> {
  const [leader] = listing.leaderRegistrationId
    ? await tx
        .select({ code: registrations.bidderCode })
        .from(registrations)
        .where(eq(registrations.id, listing.leaderRegistrationId))
    : [];
  return {
    type: "status",
    listingId: listing.id,
    status: listing.status,
    reserveMet: reserveMet(listing),
    currentPrice: listing.currentPrice?.toString() ?? null,
    leaderBidderCode: leader?.code ?? null,
  };
}

/**
 * The unfinished listing that already holds any part of the lot, if one does: an asset may not be
 * sold on its own while a listed package contains it, nor a package while one of its assets is listed.
 */
export async function lotInUse(tx: Db, lot: { assetId?: string | null; packageId?: string | null }, except?: string) {
  const assetIds = lot.assetId
    ? [lot.assetId]
    : (await tx.select({ id: packageAssets.assetId }).from(packageAssets).where(eq(packageAssets.packageId, lot.packageId!))).map(
        (r) => r.id,
      );
  const packagesHolding = assetIds.length
    ? (
        await tx
          .selectDistinct({ id: packageAssets.packageId })
          .from(packageAssets)
          .where(inArray(packageAssets.assetId, assetIds))
      ).map((r) => r.id)
    : [];
  const holders = [
    assetIds.length ? inArray(listings.assetId, assetIds) : undefined,
    packagesHolding.length ? inArray(listings.packageId, packagesHolding) : undefined,
    lot.packageId ? eq(listings.packageId, lot.packageId) : undefined,
  ].filter((c) => c !== undefined);
  const [row] = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(
      and(or(...holders), notInArray(listings.status, finishedStatuses), except ? notInArray(listings.id, [except]) : undefined),
    )
    .limit(1);
  return row?.id ?? null;
}
