import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { listings, memberships, notifications, organisations, registrations, watchlist } from "../../db/schema";
import { type NotificationKind } from "../../core/enums";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import type { Principal } from "../../core/identity/access";
import { publicStatuses } from "../../core/contract/listings";

/** Who hears about a listing: its registered bidders (not withdrawn or rejected) and its watchers. */
export async function listingAudience(tx: Db, listingId: string, options: { approvedOnly?: boolean } = {}) {
  const regs = await tx
    .select({ userId: registrations.userId })
    .from(registrations)
    .where(
      and(
        eq(registrations.listingId, listingId),
        inArray(registrations.status, options.approvedOnly ? ["approved"] : ["pending", "approved"]),
      ),
    );
  const watchers = await tx.select({ userId: watchlist.userId }).from(watchlist).where(eq(watchlist.listingId, listingId));
  return [...new Set([...regs, ...watchers].map((r) => r.userId))];
}

/** In-app notifications and the watchlist: what a user follows and what it has been told. */
export function createNotificationService({ db, clock }: { db: Db; clock: Clock }) {
  const userOf = (principal: Principal) => {
    if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
    return principal;
  };

  return {
    /** Inside the caller's transaction, so a notification exists exactly when what it reports does. */
    async notify(
      tx: Db,
      input: { userIds: readonly string[]; kind: NotificationKind; listingId?: string | null; params?: Record<string, string> },
    ) {
      const userIds = [...new Set(input.userIds)];
      if (userIds.length === 0) return;
      const createdAt = clock.now();
      await tx.insert(notifications).values(
        userIds.map((userId) => ({
          userId,
          kind: input.kind,
          listingId: input.listingId ?? null,
          params: input.params ?? {},
          createdAt,
        })),
      );
    },

    /** Every member of an approved investor organisation: told when an announcement is published. */
    async investors(tx: Db): Promise<string[]> {
      const rows = await tx
        .selectDistinct({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(organisations, eq(memberships.organisationId, organisations.id))
        .where(and(eq(memberships.role, "investor"), eq(organisations.status, "approved")));
      return rows.map((r) => r.userId);
    },

    async list(principal: Principal, limit = 50) {
      const user = userOf(principal);
      return db
        .select({
          id: notifications.id,
          kind: notifications.kind,
          listingId: notifications.listingId,
          listingTitle: listings.title,
          params: notifications.params,
          createdAt: notifications.createdAt,
          readAt: notifications.readAt,
        })
        .from(notifications)
        .leftJoin(listings, eq(notifications.listingId, listings.id))
        .where(and(eq(notifications.userId, user.userId), eq(notifications.shown, true)))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
    },

    async unreadCount(principal: Principal): Promise<number> {
      if (principal.kind !== "user") return 0;
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, principal.userId), eq(notifications.shown, true), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },

    async markAllRead(principal: Principal) {
      const user = userOf(principal);
      await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where(and(eq(notifications.userId, user.userId), isNull(notifications.readAt)));
    },

    async watch(principal: Principal, listingId: string, on: boolean) {
      const user = userOf(principal);
      if (!isUuid(listingId)) throw new AppError("NOT_FOUND", "Listing not found.");
      const [listing] = await db
        .select({ id: listings.id })
        .from(listings)
        .where(and(eq(listings.id, listingId), inArray(listings.status, [...publicStatuses])));
      if (!listing) throw new AppError("NOT_FOUND", "Listing not found.");
      if (on) {
        await db.insert(watchlist).values({ userId: user.userId, listingId, createdAt: clock.now() }).onConflictDoNothing();
      } else {
        await db.delete(watchlist).where(and(eq(watchlist.userId, user.userId), eq(watchlist.listingId, listingId)));
      }
      return { watching: on };
    },

    async isWatching(principal: Principal, listingId: string): Promise<boolean> {
      if (principal.kind !== "user" || !isUuid(listingId)) return false;
      const [row] = await db
        .select({ one: sql`1` })
        .from(watchlist)
        .where(and(eq(watchlist.userId, principal.userId), eq(watchlist.listingId, listingId)));
      return Boolean(row);
    },

    /** The listing ids a user watches, newest first; the listings themselves come from the public listing service. */
    async watchedIds(principal: Principal): Promise<string[]> {
      const user = userOf(principal);
      const rows = await db
        .select({ listingId: watchlist.listingId })
        .from(watchlist)
        .innerJoin(listings, eq(watchlist.listingId, listings.id))
        .where(and(eq(watchlist.userId, user.userId), inArray(listings.status, [...publicStatuses])))
        .orderBy(desc(watchlist.createdAt));
      return rows.map((r) => r.listingId);
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
