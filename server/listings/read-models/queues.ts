import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, organisations } from "../../../db/schema/index";
import { type ListingStatus } from "../../../core/enums";
import type { Clock } from "../../clock";
import { activeRoles, type Principal } from "../../../core/identity/access";
import { lifecycleActor, lifecycleFacts } from "../facts";
import { transition } from "../rules/lifecycle";

/** The work waiting for reviewers and operators: what to approve, what to announce, what stands suspended. */
export function createQueueService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Listings under review that this principal may act on: approvers of the seller, or operators for all. */
    async reviewQueue(principal: Principal) {
      if (principal.kind !== "user") return [];
      const operator = activeRoles(principal).has("operator");
      const orgs = principal.memberships
        .filter((m) => m.organisationStatus === "approved" && (m.role === "approver" || m.role === "seller_admin"))
        .map((m) => m.organisationId);
      if (!operator && orgs.length === 0) return [];
      const rows = await db
        .select()
        .from(listings)
        .where(and(eq(listings.status, "in_review"), operator ? undefined : inArray(listings.sellerOrgId, orgs)))
        .orderBy(asc(listings.submittedAt));
      return Promise.all(
        rows.map(async (listing) => {
          const facts = await lifecycleFacts(db, listing);
          const actor = lifecycleActor(principal, listing.sellerOrgId);
          const now = clock.now();
          return {
            id: listing.id,
            title: listing.title,
            currency: listing.currency,
            startingPrice: listing.startingPrice.toString(),
            value: facts.value.toString(),
            submittedAt: (listing.submittedAt ?? listing.updatedAt).toISOString(),
            required: facts.review.required,
            approvals: facts.review.approvals.length,
            disclosureChecked: facts.review.disclosureChecked,
            valuationException: listing.valuationExceptionReason,
            canApprove: transition(facts, "approve", actor, { now }).ok,
            canCheckDisclosure: transition(facts, "check_disclosure", actor, { now }).ok && !listing.disclosureCheckedAt,
          };
        }),
      );
    },

    /** Approved listings awaiting their announcement (operators only). */
    async publishQueue(principal: Principal) {
      if (principal.kind !== "user" || !activeRoles(principal).has("operator")) return [];
      return db
        .select({
          id: listings.id,
          title: listings.title,
          currency: listings.currency,
          startingPrice: listings.startingPrice,
          startsAt: listings.startsAt,
          endsAt: listings.endsAt,
          sellerName: organisations.name,
        })
        .from(listings)
        .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id))
        .where(eq(listings.status, "approved"))
        .orderBy(asc(listings.updatedAt));
    },

    /** Listings not yet finished, for the operator's overview of what is suspended or announced. */
    async operatorListings(principal: Principal, statuses: ListingStatus[]) {
      if (principal.kind !== "user" || !activeRoles(principal).has("operator")) return [];
      return db
        .select({ id: listings.id, title: listings.title, status: listings.status, startsAt: listings.startsAt })
        .from(listings)
        .where(and(inArray(listings.status, statuses), notInArray(listings.status, ["draft"])))
        .orderBy(asc(listings.startsAt));
    },
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
