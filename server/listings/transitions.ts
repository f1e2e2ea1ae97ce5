import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { listings, type Listing } from "../../db/schema";
import { type ListingStatus } from "../../core/enums";
import type { Actor, AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { actorOf } from "../identity/accounts";
import type { Principal } from "../../core/identity/access";
import type { PublicAuctionEvent } from "../../core/contract/room";
import type { EventBus } from "../realtime/bus";
import {
  isInsider,
  isPublicStatus,
  isUuid,
  lifecycleActor,
  lifecycleFacts,
  listingNotFound,
  statusEvent,
  systemActor,
} from "./facts";
import { transition, type LifecycleAction } from "./rules/lifecycle";

const systemAuditActor: Actor = { userId: null, label: "system:lifecycle" };

/** What happens after a transition commits: room events and nothing else (notifications commit with it). */
interface Applied {
  listing: Listing;
  events: PublicAuctionEvent[];
}

export type ApplyTransition = (
  tx: Db,
  listing: Listing,
  to: ListingStatus,
  now: Date,
  auditActor: Actor,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

/**
 * Runs one lifecycle action: lock the listing's row, ask the state machine, write the change with
 * its audit record in one transaction, and tell the live room only after commit.
 */
export function createTransitionRunner({ db, clock, audit, bus }: { db: Db; clock: Clock; audit: AuditService; bus: EventBus }) {
  async function lock(tx: Db, listingId: string): Promise<Listing> {
    if (!isUuid(listingId)) throw listingNotFound();
    const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
    if (!listing) throw listingNotFound();
    return listing;
  }

  /**
   * One lifecycle action. Someone with no part in a private listing learns nothing of it (404);
   * the machine's refusals become errors with its code.
   */
  async function act(
    principal: Principal | "system",
    listingId: string,
    action: LifecycleAction,
    options: { reason?: string | null; hasWinner?: boolean },
    apply: ApplyTransition,
  ): Promise<Listing> {
    const result = await db.transaction(async (tx): Promise<Applied> => {
      const listing = await lock(tx, listingId);
      const actor = principal === "system" ? systemActor : lifecycleActor(principal, listing.sellerOrgId);
      if (principal !== "system" && !isPublicStatus(listing.status) && !isInsider(actor)) throw listingNotFound();
      const now = clock.now();
      const facts = await lifecycleFacts(tx, listing);
      const decided = transition(facts, action, actor, { now, reason: options.reason, hasWinner: options.hasWinner });
      if (!decided.ok) throw new AppError(decided.code, decided.message, decided.details ?? {});
      const auditActor = principal === "system" ? systemAuditActor : actorOf(principal as Principal & { kind: "user" });
      const extra = await apply(tx, listing, decided.to, now, auditActor);
      const [after] = await tx
        .update(listings)
        .set({ status: decided.to, updatedAt: now, ...extra })
        .where(eq(listings.id, listing.id))
        .returning();
      await audit.append(tx, {
        actor: auditActor,
        action: `listing.${action}`,
        entityType: "listing",
        entityId: listing.id,
        before: { status: listing.status },
        after: { status: decided.to, role: decided.role, ...auditable(extra) },
        reason: options.reason?.trim() || null,
      });
      const visible = isPublicStatus(listing.status) || isPublicStatus(decided.to);
      return { listing: after!, events: visible && listing.status !== decided.to ? [await statusEvent(tx, after!)] : [] };
    });
    bus.publish(result.events);
    return result.listing;
  }

  return { act };
}

export type TransitionRunner = ReturnType<typeof createTransitionRunner>;

export const reasonOf = (raw: unknown): string => {
  const value = (raw as { reason?: unknown } | null)?.reason;
  return typeof value === "string" ? value.trim().slice(0, 2000) : "";
};
export const noteOf = (raw: unknown): string | null => reasonOf(raw) || null;

/** Audit `after` without the bulky or private parts of a column update. */
function auditable(extra: Record<string, unknown>) {
  const { rightOfFirstRefusalHolders: _holders, specialTerms: _terms, summary: _summary, ...rest } = extra;
  return rest;
}
