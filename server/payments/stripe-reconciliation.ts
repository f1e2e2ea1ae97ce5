import { and, eq, gt, isNotNull, isNull, like, lt, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deposits, listings, organisations, paymentMismatches, refunds, registrations } from "../../db/schema/index";
import { soldStatuses } from "../../core/enums";
import { isWaitingDeposit } from "../../core/deposits";
import { mismatchesOf, refundMismatch, type DepositSeen, type Mismatch, type RefundSeen } from "../../core/stripe-payments";
import type { Principal } from "../../core/identity/access";
import type { Clock } from "../clock";
import { receivedThroughProvider, requirePaymentsOperator } from "./deposits";
import type { StripeProvider } from "./stripe";

/** How long a settled deposit's payment is still compared with Stripe's. */
const RECONCILE_DAYS = 30;
/** A deposit Stripe has not set up after this long is listed for the operator. */
const PREPARE_GRACE_MS = 15 * 60_000;

/**
 * Stripe's record of every deposit's payment compared with ours (docs/domain.md "Payments",
 * reconciliation): each disagreement (core/stripe-payments.ts) kept on a list for the operators
 * until the two sides agree again.
 */
export function createStripeReconciliation(deps: { db: Db; clock: Clock; stripe: StripeProvider }) {
  const { db, clock, stripe } = deps;

  /** The deposit's refunds sent as Stripe refunds (a hold let go has no refund of its own), each as Stripe now has it. */
  async function refundsSeen(depositId: string): Promise<RefundSeen[]> {
    const sent = await db
      .select({ reference: refunds.sentReference, amount: refunds.amount })
      .from(refunds)
      .where(
        and(
          eq(refunds.depositId, depositId),
          eq(refunds.provider, "stripe"),
          eq(refunds.status, "sent"),
          like(refunds.sentReference, "re\\_%"),
        ),
      );
    const seen: RefundSeen[] = [];
    for (const { reference, amount } of sent) {
      const theirs = await stripe.findRefund(reference!);
      seen.push({ sent: { reference: reference!, amount }, theirs: theirs && { status: theirs.status, amount: theirs.amount } });
    }
    return seen;
  }

  return {
    /**
     * Compares each Stripe deposit still open, or settled in the last 30 days, with Stripe's record
     * of its payment, and keeps the list of disagreements current: new ones recorded, gone ones
     * marked resolved. Returns how many are open.
     */
    async reconcile(pageSize = 500) {
      const now = clock.now();
      const since = new Date(now.getTime() - RECONCILE_DAYS * 86_400_000);
      // Page by id, so that every deposit is compared however many there are.
      let after = "00000000-0000-0000-0000-000000000000";
      for (;;) {
        const rows = await db
          .select({ deposit: deposits, listingStatus: listings.status, winner: listings.winnerRegistrationId })
          .from(deposits)
          .innerJoin(listings, eq(listings.id, deposits.listingId))
          .where(
            and(
              eq(deposits.provider, "stripe"),
              or(isNull(deposits.settledAt), gt(deposits.settledAt, since)),
              or(isNotNull(deposits.providerRef), lt(deposits.createdAt, new Date(now.getTime() - PREPARE_GRACE_MS))),
              gt(deposits.id, after),
            ),
          )
          .orderBy(deposits.id)
          .limit(pageSize);
        for (const { deposit, listingStatus, winner } of rows) {
          const method = deposit.providerDetails?.method ?? "bank_transfer";
          let found: Mismatch[];
          if (!deposit.providerRef) {
            // A card deposit waits for the investor; anything else should have been set up by now.
            found =
              method === "card" || !isWaitingDeposit(deposit.status)
                ? []
                : [
                    {
                      kind: "not_set_up" as const,
                      ours: `${deposit.status} ${deposit.received}/${deposit.expected}`,
                      theirs: "no payment",
                    },
                  ];
          } else {
            const seen: DepositSeen = {
              status: deposit.status,
              expected: deposit.expected,
              // What reached the deposit through Stripe: a part credited to escrow is not Stripe's to hold.
              received: await receivedThroughProvider(db, deposit),
              method,
              captured: deposit.capturedAt !== null,
              captureDue:
                method === "card" &&
                (deposit.status === "applied" ||
                  deposit.status === "forfeited" ||
                  (deposit.status === "held" &&
                    (soldStatuses as readonly string[]).includes(listingStatus) &&
                    winner === deposit.registrationId)),
            };
            found = mismatchesOf(seen, await stripe.find(deposit.providerRef));
          }
          const refundFailed = refundMismatch(await refundsSeen(deposit.id));
          if (refundFailed) found.push(refundFailed);
          await db.transaction(async (tx) => {
            for (const m of found) {
              await tx
                .insert(paymentMismatches)
                .values({ depositId: deposit.id, kind: m.kind, ours: m.ours, theirs: m.theirs, foundAt: now, seenAt: now })
                .onConflictDoUpdate({
                  target: [paymentMismatches.depositId, paymentMismatches.kind],
                  targetWhere: isNull(paymentMismatches.resolvedAt),
                  set: { ours: m.ours, theirs: m.theirs, seenAt: now },
                });
            }
            const kinds = found.map((m) => m.kind);
            await tx
              .update(paymentMismatches)
              .set({ resolvedAt: now })
              .where(
                and(
                  eq(paymentMismatches.depositId, deposit.id),
                  isNull(paymentMismatches.resolvedAt),
                  kinds.length ? notInArray(paymentMismatches.kind, kinds) : undefined,
                ),
              );
          });
        }
        if (rows.length < pageSize) break;
        after = rows.at(-1)!.deposit.id;
      }
      const [{ open }] = (await db
        .select({ open: sql<number>`count(*)::int` })
        .from(paymentMismatches)
        .where(isNull(paymentMismatches.resolvedAt))) as [{ open: number }];
      return open;
    },

    /** The disagreements with Stripe still open, newest first: the operator's list. */
    async mismatches(principal: Principal) {
      requirePaymentsOperator(principal);
      return db
        .select({
          mismatch: paymentMismatches,
          reference: deposits.reference,
          paymentIntent: deposits.providerRef,
          listingId: deposits.listingId,
          listingTitle: listings.title,
          organisationName: organisations.name,
        })
        .from(paymentMismatches)
        .innerJoin(deposits, eq(deposits.id, paymentMismatches.depositId))
        .innerJoin(listings, eq(listings.id, deposits.listingId))
        .innerJoin(registrations, eq(registrations.id, deposits.registrationId))
        .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
        .where(isNull(paymentMismatches.resolvedAt))
        .orderBy(sql`${paymentMismatches.foundAt} desc`)
        .limit(500);
    },
  };
}
