import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { bids, listings, registrations } from "../../../db/schema/index";
import { organisationsWith, type Principal } from "../../../core/identity/access";
import { publicStatuses } from "../../../core/contract/listings";
import { AppError } from "../../errors";
import { isUuid } from "../../ids";
import type { Registration } from "./locked";

const listingNotFound = () => new AppError("NOT_FOUND", "Listing not found.");

/**
 * Who may bid on a listing, as the bid path asks it: the caller's approved registration, and for a
 * bid, what it needs before it queues for the listing's lock.
 */
export function createBidders(db: Db) {
  /** The organisations the caller may bid for; refuses anyone else, and an id that is no listing's. */
  function biddingOrganisations(principal: Principal, listingId: string) {
    const orgs = organisationsWith(principal, ["investor"]);
    if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in to bid.");
    // A malformed id would otherwise reach the database as a uuid and fail there (a 500).
    if (!isUuid(listingId)) throw listingNotFound();
    return orgs;
  }

  /** Of the caller's registrations for the listing, the approved one; or why there is none. */
  async function approvedOf<R>(rows: R[], statusOf: (row: R) => Registration["status"], listingId: string): Promise<R> {
    const approved = rows.find((r) => statusOf(r) === "approved");
    if (approved) return approved;
    if (rows.some((r) => statusOf(r) === "pending")) {
      throw new AppError("REGISTRATION_PENDING", "Your registration for this listing awaits approval.");
    }
    if (rows.length === 0) {
      const [listing] = await db
        .select({ id: listings.id })
        .from(listings)
        .where(and(eq(listings.id, listingId), inArray(listings.status, [...publicStatuses])));
      if (!listing) throw listingNotFound();
    }
    throw new AppError("NOT_REGISTERED", "Register for this listing and have it approved before bidding.");
  }

  /** The caller's approved registration for this listing; bidding needs one. */
  async function registrationOf(principal: Principal, listingId: string): Promise<Registration> {
    const orgs = biddingOrganisations(principal, listingId);
    const rows = orgs.length
      ? await db
          .select()
          .from(registrations)
          .where(and(eq(registrations.listingId, listingId), inArray(registrations.organisationId, orgs)))
      : [];
    return approvedOf(rows, (r) => r.status, listingId);
  }

  /**
   * What a bid needs before it queues for the listing's lock, in one prepared statement: the
   * caller's registrations, the listing's price as it stands, and the bid already placed under
   * this key if any, all seen at one moment.
   */
  const bidContextQuery = db
    .select({
      registration: registrations,
      listing: {
        status: listings.status,
        startingPrice: listings.startingPrice,
        increment: listings.increment,
        currentPrice: listings.currentPrice,
      },
      original: { amount: bids.amount, seq: bids.seq },
    })
    .from(registrations)
    .innerJoin(listings, eq(listings.id, registrations.listingId))
    .leftJoin(bids, and(eq(bids.registrationId, registrations.id), eq(bids.idempotencyKey, sql.placeholder("key"))))
    .where(
      and(
        eq(registrations.listingId, sql.placeholder("listing")),
        sql`${registrations.organisationId} = any(${sql.placeholder("orgs")}::uuid[])`,
      ),
    )
    .prepare("bid_context");

  async function bidContextOf(principal: Principal, listingId: string, idempotencyKey: string) {
    const orgs = biddingOrganisations(principal, listingId);
    const rows = orgs.length ? await bidContextQuery.execute({ key: idempotencyKey, listing: listingId, orgs }) : [];
    return approvedOf(rows, (r) => r.registration.status, listingId);
  }

  const keyUsedQuery = db
    .select({ seq: bids.seq })
    .from(bids)
    .where(and(eq(bids.registrationId, sql.placeholder("registration")), eq(bids.idempotencyKey, sql.placeholder("key"))))
    .prepare("bid_key_used");

  /** Whether a bid was placed under this key: a retry's original may have committed since its context was read. */
  async function keyUsed(registrationId: string, idempotencyKey: string): Promise<boolean> {
    const rows = await keyUsedQuery.execute({ registration: registrationId, key: idempotencyKey });
    return rows.length > 0;
  }

  return { registrationOf, bidContextOf, keyUsed };
}
