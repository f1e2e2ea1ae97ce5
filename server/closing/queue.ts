import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  agreements,
  agreementSignatures,
  debtorNotices,
  handoverItems,
  listings,
  organisations,
  registrations,
  sales,
} from "../../db/schema/index";
import { activeRoles, type Principal } from "../../core/identity/access";
import type { Clock } from "../clock";
import { AppError } from "../errors";

/**
 * The operator's closing queue: every sold listing not yet closed, soonest due first, with where
 * its closing stands (the agreement's signatures of its current text, the balance, the hand-over,
 * the notice to the debtors) and whether its due date has passed unpaid.
 */
export function createClosingQueue(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async pending(principal: Principal) {
      if (principal.kind !== "user" || !activeRoles(principal).has("operator")) {
        throw new AppError("FORBIDDEN", "Only operators follow every sale's closing.");
      }
      const rows = await db
        .select({
          listingId: listings.id,
          title: listings.title,
          titleEn: listings.titleEn,
          titleZh: listings.titleZh,
          status: listings.status,
          buyer: organisations.name,
          buyerZh: organisations.nameZh,
          dueAt: sales.dueAt,
          paidAt: sales.paidAt,
          signatures: sql<number>`(select count(*)::int from ${agreementSignatures} join ${agreements} on ${agreements.id} = ${agreementSignatures.agreementId} where ${agreements.saleId} = ${sales.id} and ${agreements.voidedAt} is null and ${agreementSignatures.sha256} = ${agreements.sha256})`,
          items: sql<number>`(select count(*)::int from ${handoverItems} where ${handoverItems.saleId} = ${sales.id})`,
          confirmed: sql<number>`(select count(*)::int from ${handoverItems} where ${handoverItems.saleId} = ${sales.id} and ${handoverItems.confirmedAt} is not null)`,
          noticeAt: sql<Date | null>`(select ${debtorNotices.publishedAt} from ${debtorNotices} where ${debtorNotices.listingId} = ${listings.id})`,
        })
        .from(listings)
        .innerJoin(
          sales,
          and(
            eq(sales.listingId, listings.id),
            eq(sales.registrationId, listings.winnerRegistrationId),
            isNull(sales.defaultedAt),
          ),
        )
        .innerJoin(registrations, eq(registrations.id, sales.registrationId))
        .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
        .where(inArray(listings.status, ["awarded", "contracted", "paid"]))
        .orderBy(asc(sales.dueAt))
        .limit(200);
      const now = clock.now();
      return rows.map((r) => ({
        ...r,
        noticeAt: r.noticeAt ? new Date(r.noticeAt) : null,
        overdue: r.paidAt === null && r.dueAt <= now,
      }));
    },
  };
}

export type ClosingQueue = ReturnType<typeof createClosingQueue>;
