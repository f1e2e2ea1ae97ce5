import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  deposits,
  listings,
  memberships,
  organisations,
  receipts,
  refunds,
  registrations,
  sales,
  type Sale,
} from "../../db/schema/index";
import type { Actor, AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import type { NotificationService } from "../notifications/service";
import { organisationsWith, type Principal } from "../../core/identity/access";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import { recordTransferSchema } from "../../core/contract/payments";
import { displayReference } from "../../core/payment-reference";
import { advanceClosing } from "../closing/progress";
import { buyerPeopleOf } from "../closing/sale-facts";
import { freshReference, type PaymentProviders } from "./providers";
import { requirePaymentsOperator, systemPaymentsActor, type ArrivedMoney, type DepositService } from "./deposits";

const DAY_MS = 86_400_000;
/** Reminders before the balance is due (docs/domain.md "Payments"): 3 days and 1 day before. */
export const reminderDays = { early: 3, late: 1 } as const;

export type BalanceArrival =
  | { outcome: "credited"; sale: Sale; receiptId: string }
  | { outcome: "duplicate"; sale: Sale }
  | { outcome: "refund_due"; sale: Sale; receiptId: string };

/**
 * The money side of a sale after the hammer: the buyer's balance (the price less its deposit) with
 * its own reference and due date, recorded as it arrives (an operator's record, a statement line),
 * the deposit counted towards the price once the balance is in, an overpayment owed back, the
 * reminders before the due date, and the overdue sales the operator must decide on.
 */
export function createSaleService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  providers: PaymentProviders;
  deposits: DepositService;
}) {
  const { db, clock, audit, notifications, providers } = deps;

  async function lockSale(tx: Db, saleId: string) {
    const [sale] = await tx.select().from(sales).where(eq(sales.id, saleId)).for("no key update");
    return sale;
  }

  /** Money towards a locked sale's balance, reported once per source and id. */
  async function receive(tx: Db, sale: Sale, money: ArrivedMoney, actor: Actor): Promise<BalanceArrival> {
    if (money.currency !== sale.currency) {
      throw new AppError("CURRENCY_MISMATCH", `The balance is owed in ${sale.currency}; record what arrived in that currency.`);
    }
    const [registration] = await tx.select().from(registrations).where(eq(registrations.id, sale.registrationId));
    const [receipt] = await tx
      .insert(receipts)
      .values({
        listingId: sale.listingId,
        registrationId: sale.registrationId,
        saleId: sale.id,
        source: money.source,
        externalId: money.externalId,
        amount: money.amount,
        currency: money.currency,
        bookedOn: money.bookedOn ?? null,
        recordedBy: money.recordedBy ?? null,
        createdAt: clock.now(),
      })
      .onConflictDoNothing({ target: [receipts.source, receipts.externalId] })
      .returning({ id: receipts.id });
    if (!receipt) return { outcome: "duplicate", sale };
    const owe = (key: string, reason: "overpaid" | "late", amount: bigint) =>
      tx
        .insert(refunds)
        .values({
          key,
          listingId: sale.listingId,
          registrationId: sale.registrationId,
          saleId: sale.id,
          receiptId: receipt.id,
          reason,
          amount,
          currency: sale.currency,
          createdAt: clock.now(),
        })
        .onConflictDoNothing();
    if (sale.paidAt || sale.defaultedAt) {
      await tx.update(receipts).set({ counted: false }).where(eq(receipts.id, receipt.id));
      await owe(`receipt:${receipt.id}:late`, "late", money.amount);
      return { outcome: "refund_due", sale, receiptId: receipt.id };
    }
    const now = clock.now();
    const received = sale.balanceReceived + money.amount;
    const paid = received >= sale.balanceDue;
    const [row] = await tx
      .update(sales)
      .set({ balanceReceived: received, paidAt: paid ? now : null })
      .where(eq(sales.id, sale.id))
      .returning();
    await audit.append(tx, {
      actor,
      action: paid ? "sale.balance_paid" : "sale.balance_received",
      entityType: "listing",
      entityId: sale.listingId,
      before: { balanceReceived: sale.balanceReceived },
      after: { saleId: sale.id, amount: money.amount, balanceReceived: received, balanceDue: sale.balanceDue },
    });
    if (paid) {
      // The deposit now counts towards the price; anything over the balance goes back.
      await deps.deposits.settleFor(tx, sale.registrationId, "won_and_paid", actor, "balance paid");
      if (received > sale.balanceDue) await owe(`sale:${sale.id}:overpaid`, "overpaid", received - sale.balanceDue);
      await notifications.notify(tx, {
        userIds: [registration!.userId],
        kind: "balance_paid",
        listingId: sale.listingId,
        params: { amount: sale.price.toString(), currency: sale.currency },
      });
      await advanceClosing(tx, { audit, clock }, sale.listingId);
    }
    return { outcome: "credited", sale: row!, receiptId: receipt.id };
  }

  return {
    receive,

    /**
     * Opens the sale of each awarded listing whose buyer has none yet (every sale mode ends in an
     * award; a runner-up that accepts becomes the buyer), tells the buyer what it owes by when,
     * the seller that the lot sold, and the other bidders that they did not win. Claimed with SKIP
     * LOCKED and guarded by the sale's unique key, so that racing nodes open each sale once.
     */
    async openDue(limit: number): Promise<number> {
      return db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(listings)
          .where(
            and(
              eq(listings.status, "awarded"),
              sql`${listings.winnerRegistrationId} is not null`,
              sql`${listings.hammerPrice} is not null`,
              sql`not exists (select 1 from ${sales} where ${sales.listingId} = ${listings.id} and ${sales.registrationId} = ${listings.winnerRegistrationId})`,
            ),
          )
          .orderBy(asc(listings.closedAt))
          .limit(limit)
          .for("no key update", { skipLocked: true });
        const now = clock.now();
        for (const listing of due) {
          const buyer = listing.winnerRegistrationId!;
          const [held] = await tx
            .select({ received: deposits.received })
            .from(deposits)
            .where(and(eq(deposits.registrationId, buyer), eq(deposits.status, "held")));
          const depositHeld = held?.received ?? 0n;
          const price = listing.hammerPrice!;
          const balanceDue = price > depositHeld ? price - depositHeld : 0n;
          const dueAt = new Date((listing.closedAt ?? now).getTime() + listing.balanceDueDays * DAY_MS);
          const [sale] = await tx
            .insert(sales)
            .values({
              listingId: listing.id,
              registrationId: buyer,
              price,
              currency: listing.currency,
              depositHeld,
              balanceReference: freshReference("balance"),
              balanceDue,
              // A deposit that covers the whole price leaves nothing to pay.
              paidAt: balanceDue === 0n ? now : null,
              dueAt,
              createdAt: now,
            })
            .onConflictDoNothing()
            .returning();
          if (!sale) continue;
          await audit.append(tx, {
            actor: systemPaymentsActor,
            action: "sale.opened",
            entityType: "listing",
            entityId: listing.id,
            after: { saleId: sale.id, registrationId: buyer, price, depositHeld, balanceDue, dueAt },
          });
          if (balanceDue === 0n)
            await deps.deposits.settleFor(tx, buyer, "won_and_paid", systemPaymentsActor, "deposit covers the price");
          const params = {
            amount: price.toString(),
            currency: listing.currency,
            balance: balanceDue.toString(),
            due: dueAt.toISOString(),
            reference: displayReference(sale.balanceReference),
          };
          await notifications.notify(tx, {
            userIds: await buyerPeopleOf(tx, buyer),
            kind: "auction_won",
            listingId: listing.id,
            params,
          });
          const sellerPeople = await tx
            .select({ userId: memberships.userId })
            .from(memberships)
            .where(eq(memberships.organisationId, listing.sellerOrgId));
          await notifications.notify(tx, {
            userIds: sellerPeople.map((p) => p.userId),
            kind: "listing_sold",
            listingId: listing.id,
            params: { amount: price.toString(), currency: listing.currency },
          });
          // Told once, when the first sale of the listing opens: a runner-up's later sale tells no one else.
          const earlier = await tx.select({ id: sales.id }).from(sales).where(eq(sales.listingId, listing.id));
          if (earlier.length === 1) {
            const others = await tx
              .select({ userId: registrations.userId })
              .from(registrations)
              .where(
                and(
                  eq(registrations.listingId, listing.id),
                  eq(registrations.status, "approved"),
                  sql`${registrations.id} <> ${buyer}`,
                ),
              );
            await notifications.notify(tx, { userIds: others.map((o) => o.userId), kind: "auction_lost", listingId: listing.id });
          }
        }
        return due.length;
      });
    },

    /**
     * Reminds buyers whose balance is due within 3 days, and again within 1 day: each reminder
     * once, by a conditional update, whichever node gets there first.
     */
    async remindDue(): Promise<number> {
      const now = clock.now();
      let sent = 0;
      for (const [which, days] of [
        ["early", reminderDays.early],
        ["late", reminderDays.late],
      ] as const) {
        const column = which === "early" ? sales.remindedEarlyAt : sales.remindedLateAt;
        sent += await db.transaction(async (tx) => {
          const claimed = await tx
            .update(sales)
            .set(which === "early" ? { remindedEarlyAt: now } : { remindedLateAt: now })
            .where(
              and(
                isNull(sales.paidAt),
                isNull(sales.defaultedAt),
                isNull(column),
                lte(sales.dueAt, new Date(now.getTime() + days * DAY_MS)),
                gt(sales.dueAt, now),
              ),
            )
            .returning();
          for (const sale of claimed) {
            await notifications.notify(tx, {
              userIds: await buyerPeopleOf(tx, sale.registrationId),
              kind: "balance_reminder",
              listingId: sale.listingId,
              params: {
                amount: (sale.balanceDue - sale.balanceReceived).toString(),
                currency: sale.currency,
                due: sale.dueAt.toISOString(),
                reference: displayReference(sale.balanceReference),
              },
            });
          }
          return claimed.length;
        });
      }
      return sent;
    },

    /** The operator records a transfer received towards a sale's balance. */
    async recordBalance(principal: Principal, saleId: string, raw: unknown) {
      const operator = requirePaymentsOperator(principal);
      const input = recordTransferSchema.parse(raw);
      if (!isUuid(saleId)) throw new AppError("NOT_FOUND", "Sale not found.");
      return db.transaction(async (tx) => {
        const sale = await lockSale(tx, saleId);
        if (!sale) throw new AppError("NOT_FOUND", "Sale not found.");
        if (!input.bankReference)
          throw new AppError("VALIDATION_FAILED", "Enter the bank's reference of the transfer.", { field: "bankReference" });
        const arrival = await receive(
          tx,
          sale,
          {
            source: "operator",
            externalId: input.bankReference,
            amount: input.amount ?? (sale.balanceDue > sale.balanceReceived ? sale.balanceDue - sale.balanceReceived : 0n),
            currency: input.currency ?? sale.currency,
            bookedOn: input.bookedOn ?? null,
            recordedBy: operator.userId,
          },
          actorOf(operator),
        );
        if (arrival.outcome === "duplicate")
          throw new AppError("ALREADY_DECIDED", "That bank transfer has already been recorded.");
        return arrival;
      });
    },

    /** The buyer's sale of a listing, as its organisation's investors see it: what to pay, by when, how. */
    async forBuyer(principal: Principal, listingId: string) {
      if (principal.kind !== "user" || !isUuid(listingId)) return null;
      const orgs = organisationsWith(principal, ["investor"]);
      if (orgs.length === 0) return null;
      const [row] = await db
        .select({ sale: sales })
        .from(sales)
        .innerJoin(registrations, eq(registrations.id, sales.registrationId))
        .where(and(eq(sales.listingId, listingId), inArray(registrations.organisationId, orgs), isNull(sales.defaultedAt)));
      if (!row) return null;
      const { sale } = row;
      const outstanding = sale.balanceDue > sale.balanceReceived ? sale.balanceDue - sale.balanceReceived : 0n;
      return {
        ...sale,
        outstanding,
        instructions:
          outstanding > 0n
            ? providers.bank.instructions({ reference: sale.balanceReference, amount: outstanding, currency: sale.currency })
            : null,
      };
    },

    /** Sales whose balance is outstanding, soonest due first, for the operator; overdue ones say so. */
    async awaitingBalance(principal: Principal) {
      requirePaymentsOperator(principal);
      const rows = await db
        .select({ sale: sales, listingTitle: listings.title, buyerName: organisations.name })
        .from(sales)
        .innerJoin(listings, eq(listings.id, sales.listingId))
        .innerJoin(registrations, eq(registrations.id, sales.registrationId))
        .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
        .where(and(isNull(sales.paidAt), isNull(sales.defaultedAt)))
        .orderBy(asc(sales.dueAt))
        .limit(500);
      const now = clock.now();
      return rows.map(({ sale, listingTitle, buyerName }) => ({ ...sale, listingTitle, buyerName, overdue: sale.dueAt <= now }));
    },

    /** The buyer's sale is over by default (the runner-up work records it): no more money counts towards it. */
    async markDefaulted(tx: Db, listingId: string, registrationId: string) {
      await tx
        .update(sales)
        .set({ defaultedAt: clock.now() })
        .where(and(eq(sales.listingId, listingId), eq(sales.registrationId, registrationId), isNull(sales.paidAt)));
    },

    /** Finds a sale by its balance reference, locked: for the statement import. */
    async lockByReferences(tx: Db, references: readonly string[]) {
      if (references.length === 0) return [];
      return tx
        .select()
        .from(sales)
        .where(inArray(sales.balanceReference, [...references]))
        .orderBy(asc(sales.id))
        .for("no key update");
    },
  };
}

export type SaleService = ReturnType<typeof createSaleService>;
