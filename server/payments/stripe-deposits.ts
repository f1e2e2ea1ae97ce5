import { and, eq, inArray, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  deposits,
  listings,
  organisations,
  receipts,
  refunds,
  registrations,
  stripeCustomers,
  stripeEvents,
  type Deposit,
  type ProviderDetails,
} from "../../db/schema/index";
import { soldStatuses } from "../../core/enums";
import { isWaitingDeposit } from "../../core/deposits";
import { cardHoldFits } from "../../core/card-hold";
import { newlyArrived } from "../../core/stripe-payments";
import { organisationsWith, type Principal } from "../../core/identity/access";
import type { Actor, AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import type { Logger } from "../logger";
import { openDepositStatuses, type DepositService } from "./deposits";
import { idempotencyKey, type HeldPayment, type StripeProvider } from "./stripe";
import { createStripeReconciliation } from "./stripe-reconciliation";

export const systemStripeActor: Actor = { userId: null, label: "system:stripe" };

/**
 * Deposits paid through Stripe (docs/domain.md "Payments", Stripe): set up with Stripe once opened,
 * moved by what Stripe reports, settled at Stripe when our record settles, and compared with
 * Stripe's record for the operator.
 *
 * Every report is acted on by reading the payment afresh, so a replayed, duplicated, late or
 * reordered event changes nothing that its present state does not; every call that moves money at
 * Stripe carries an idempotency key, and each step here runs under the deposit's row lock.
 */
export function createStripeDeposits(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  deposits: DepositService;
  stripe: StripeProvider;
  logger?: Logger;
}) {
  const { db, clock, audit, deposits: depositService, stripe, logger } = deps;

  /** The organisation's Stripe customer, created once; `conn` is the caller's transaction when it is in one. */
  async function customerOf(organisationId: string, conn: Db = db) {
    const known = async () =>
      (
        await conn
          .select({ customerId: stripeCustomers.customerId })
          .from(stripeCustomers)
          .where(eq(stripeCustomers.organisationId, organisationId))
      )[0]?.customerId;
    const found = await known();
    if (found) return found;
    const [organisation] = await conn
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    const customerId = await stripe.customer(organisationId, organisation!.name);
    await conn.insert(stripeCustomers).values({ organisationId, customerId, createdAt: clock.now() }).onConflictDoNothing();
    return (await known())!;
  }

  const lockDeposit = async (tx: Db, depositId: string) =>
    (await tx.select().from(deposits).where(eq(deposits.id, depositId)).for("no key update"))[0];

  const metadataOf = (deposit: Deposit) => ({
    depositId: deposit.id,
    listingId: deposit.listingId,
    registrationId: deposit.registrationId,
  });

  async function factsOf(deposit: Deposit, conn: Db = db) {
    const [row] = await conn
      .select({ organisationId: registrations.organisationId, endsAt: listings.endsAt, title: listings.title })
      .from(registrations)
      .innerJoin(listings, eq(listings.id, registrations.listingId))
      .where(eq(registrations.id, deposit.registrationId));
    return row!;
  }

  /** Records what Stripe's payment now says about its deposit: money newly arrived, or a card checkout that ended unpaid. */
  async function applyPayment(tx: Db, payment: HeldPayment) {
    const depositId = payment.metadata.depositId;
    if (!depositId || !isUuid(depositId)) return;
    const deposit = await lockDeposit(tx, depositId);
    if (!deposit || deposit.provider !== "stripe") return;
    if (deposit.providerRef && deposit.providerRef !== payment.id) {
      logger?.warn({ depositId, paymentIntent: payment.id }, "a second Stripe payment names a deposit: left for the operator");
      return;
    }
    if (!deposit.providerRef) {
      await tx.update(deposits).set({ providerRef: payment.id, updatedAt: clock.now() }).where(eq(deposits.id, deposit.id));
      deposit.providerRef = payment.id;
    }
    const [{ recorded }] = (await tx
      .select({ recorded: sql<string>`coalesce(sum(${receipts.amount}), 0)::text` })
      .from(receipts)
      .where(and(eq(receipts.source, "stripe"), like(receipts.externalId, `${payment.id}:%`)))) as [{ recorded: string }];
    const arrived = newlyArrived(payment, BigInt(recorded));
    if (arrived > 0n) {
      // The id names the payment and how much of it had arrived: the same state reported twice is one receipt.
      await depositService.receive(
        tx,
        deposit,
        { source: "stripe", externalId: `${payment.id}:${payment.arrived}`, amount: arrived, currency: payment.currency },
        systemStripeActor,
      );
      return;
    }
    // A card checkout that ended without a hold: the investor may start again with a fresh one.
    if (
      payment.status === "canceled" &&
      payment.method === "card" &&
      isWaitingDeposit(deposit.status) &&
      deposit.received === 0n
    ) {
      const attempt = deposit.providerDetails?.method === "card" ? deposit.providerDetails.attempt + 1 : 1;
      await tx
        .update(deposits)
        .set({ providerRef: null, providerDetails: { method: "card", attempt }, updatedAt: clock.now() })
        .where(eq(deposits.id, deposit.id));
    }
  }

  /** Sets a transfer up at Stripe for a deposit: the payment that the investor's transfers fund. */
  async function setUpTransfer(deposit: Deposit, organisationId: string) {
    const customerId = await customerOf(organisationId);
    const { payment, account } = await stripe.payByTransfer({
      customerId,
      amount: deposit.expected - deposit.received,
      currency: deposit.currency,
      key: idempotencyKey(deposit.listingId, deposit.registrationId, `deposit:${deposit.id}:transfer`),
      metadata: metadataOf(deposit),
    });
    if (!account) throw new Error(`Stripe gave no account to pay payment ${payment.id} to`);
    const details: ProviderDetails = { method: "bank_transfer", ...account };
    await db.transaction(async (tx) => {
      await tx
        .update(deposits)
        .set({ providerRef: payment.id, providerDetails: details, updatedAt: clock.now() })
        .where(and(eq(deposits.id, deposit.id), isNull(deposits.providerRef)));
      await applyPayment(tx, payment);
    });
  }

  /**
   * Sets a new Stripe deposit up: a card hold when it fits one (core/card-hold.ts), otherwise a
   * transfer into the investor's virtual account. Done once; a deposit already set up is left.
   */
  async function prepare(depositId: string) {
    const [deposit] = await db.select().from(deposits).where(eq(deposits.id, depositId));
    if (!deposit || deposit.provider !== "stripe" || deposit.providerDetails || !isWaitingDeposit(deposit.status)) return;
    const facts = await factsOf(deposit);
    const card =
      deposit.received === 0n &&
      facts.endsAt !== null &&
      cardHoldFits({ amount: deposit.expected, currency: deposit.currency, closesAt: facts.endsAt, now: clock.now() }).fits;
    if (card) {
      await db
        .update(deposits)
        .set({ providerDetails: { method: "card", attempt: 0 }, updatedAt: clock.now() })
        .where(and(eq(deposits.id, deposit.id), isNull(deposits.providerDetails)));
      return;
    }
    await setUpTransfer(deposit, facts.organisationId);
  }

  /**
   * Money owed back on a Stripe deposit, sent through Stripe: a hold let go, a payment refunded, or
   * a cash balance paid back. Stripe is called outside any transaction, under keys of the refund's
   * own, so that nodes racing (or a retry after a crash) make one refund; the record follows under
   * the refund's row lock.
   */
  async function sendRefund(refundId: string) {
    const [refund] = await db
      .select()
      .from(refunds)
      .where(and(eq(refunds.id, refundId), eq(refunds.status, "due")));
    if (!refund || !refund.depositId) return false;
    const [deposit] = await db.select().from(deposits).where(eq(deposits.id, refund.depositId));
    const key = `nplex:refund:${refund.id}`;
    const payment = deposit?.providerRef ? await stripe.find(deposit.providerRef) : null;
    let reference: string;
    if (payment?.status === "requires_capture") {
      reference = (await stripe.cancel(payment.id, key)).id;
    } else if (payment?.status === "succeeded") {
      reference = (await stripe.refund({ paymentIntentId: payment.id, amount: refund.amount, key })).id;
    } else if (payment && deposit?.providerDetails?.method === "bank_transfer") {
      // A transfer that had partly arrived: cancelling returns it to the cash balance, which is paid
      // back. Whatever reached the payment and is not yet recorded is recorded first (as late money,
      // owed back in its own refund), or it would be left in the cash balance unseen.
      if (payment.status !== "canceled") {
        await db.transaction((tx) => applyPayment(tx, payment));
        await stripe.cancel(payment.id, `${key}:cancel`);
      }
      const customerId = await customerOf((await factsOf(deposit)).organisationId);
      reference = (await stripe.refundCashBalance({ customerId, amount: refund.amount, currency: refund.currency, key })).id;
    } else {
      logger?.warn({ refundId: refund.id }, "a Stripe refund has no payment to send it from: left for the operator");
      return false;
    }
    return db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(refunds)
        .where(and(eq(refunds.id, refund.id), eq(refunds.status, "due")))
        .for("no key update");
      if (!locked) return false;
      await depositService.refundSent(tx, locked, reference, systemStripeActor, null);
      return true;
    });
  }

  /**
   * Takes the money of a card hold whose deposit is due to be kept: the winner's at the close, or one
   * applied or forfeited. Captured outside any transaction under the deposit's key, then recorded once.
   */
  async function capture(depositId: string) {
    const [deposit] = await db.select().from(deposits).where(eq(deposits.id, depositId));
    if (!deposit?.providerRef || deposit.capturedAt) return false;
    const payment = await stripe.find(deposit.providerRef);
    if (!payment) return false;
    const done =
      payment.status === "succeeded"
        ? payment
        : payment.status === "requires_capture"
          ? await stripe.capture(payment.id, `nplex:capture:${deposit.id}`)
          : null;
    if (!done || done.status !== "succeeded") return false;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const [marked] = await tx
        .update(deposits)
        .set({ capturedAt: now, updatedAt: now })
        .where(and(eq(deposits.id, deposit.id), isNull(deposits.capturedAt)))
        .returning({ id: deposits.id });
      if (!marked) return false;
      await audit.append(tx, {
        actor: systemStripeActor,
        action: "deposit.captured",
        entityType: "listing",
        entityId: deposit.listingId,
        after: { registrationId: deposit.registrationId, depositId: deposit.id, amount: done.amount, paymentIntent: done.id },
      });
      return true;
    });
  }

  /** One piece of Stripe work, its failure logged and left for the next round rather than stopping the others. */
  async function attempt(what: string, id: string, work: () => Promise<boolean>) {
    try {
      return await work();
    } catch (error) {
      logger?.warn({ err: error, id }, `${what} at Stripe failed; retrying later`);
      return false;
    }
  }

  /** Card holds to take: held by the winner of a sold listing, or applied or forfeited, and not yet captured. */
  const captureDue = and(
    eq(deposits.provider, "stripe"),
    sql`${deposits.providerDetails}->>'method' = 'card'`,
    isNull(deposits.capturedAt),
    isNotNull(deposits.providerRef),
    or(
      inArray(deposits.status, ["applied", "forfeited"]),
      and(
        eq(deposits.status, "held"),
        inArray(listings.status, [...soldStatuses]),
        sql`${listings.winnerRegistrationId} = ${deposits.registrationId}`,
      ),
    ),
  );

  return {
    prepare,
    /** Stripe deposits opened and not yet set up (a failed attempt is tried again). Returns how many were set up. */
    async prepareDue(limit: number) {
      const due = await db
        .select({ id: deposits.id })
        .from(deposits)
        .where(
          and(
            eq(deposits.provider, "stripe"),
            isNull(deposits.providerDetails),
            inArray(deposits.status, ["required", "pending"]),
          ),
        )
        .orderBy(deposits.createdAt)
        .limit(limit);
      let done = 0;
      for (const { id } of due) {
        try {
          await prepare(id);
          done += 1;
        } catch (error) {
          logger?.warn({ err: error, depositId: id }, "setting a deposit up at Stripe failed; retrying later");
        }
      }
      return done;
    },

    /**
     * Sends the investor to Stripe's hosted page to hold its deposit on a card. Refused when the
     * deposit is not to be held on a card, or when a hold made now would lapse before the close: the
     * deposit is then set up for a transfer instead.
     */
    async startCardHold(principal: Principal, registrationId: string, urls: { successUrl: string; cancelUrl: string }) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      if (!isUuid(registrationId)) throw new AppError("NOT_FOUND", "Registration not found.");
      const [registration] = await db
        .select({ organisationId: registrations.organisationId })
        .from(registrations)
        .where(
          and(
            eq(registrations.id, registrationId),
            inArray(registrations.organisationId, organisationsWith(principal, ["investor"])),
          ),
        );
      if (!registration) throw new AppError("NOT_FOUND", "Registration not found.");
      const [deposit] = await db
        .select()
        .from(deposits)
        .where(and(eq(deposits.registrationId, registrationId), inArray(deposits.status, [...openDepositStatuses])));
      if (
        !deposit ||
        deposit.provider !== "stripe" ||
        deposit.providerDetails?.method !== "card" ||
        !isWaitingDeposit(deposit.status)
      ) {
        throw new AppError("NOT_BY_CARD", "This deposit is not held on a card.");
      }
      const facts = await factsOf(deposit);
      const fits =
        facts.endsAt !== null &&
        cardHoldFits({ amount: deposit.expected, currency: deposit.currency, closesAt: facts.endsAt, now: clock.now() }).fits;
      if (!fits) {
        await db.update(deposits).set({ providerDetails: null }).where(eq(deposits.id, deposit.id));
        await setUpTransfer({ ...deposit, providerDetails: null }, facts.organisationId);
        throw new AppError(
          "CARD_HOLD_TOO_SHORT",
          "A card hold would lapse before the close: pay by transfer to the account now shown.",
        );
      }
      const checkout = await stripe.cardCheckout({
        customerId: await customerOf(registration.organisationId),
        amount: deposit.expected,
        currency: deposit.currency,
        description: `Deposit: ${facts.title}`,
        key: idempotencyKey(deposit.listingId, registrationId, `deposit:${deposit.id}:card:${deposit.providerDetails.attempt}`),
        metadata: metadataOf(deposit),
        ...urls,
      });
      return checkout.url;
    },

    /**
     * Acts on the events Stripe delivered, oldest first by Stripe's clock: each one's payment read
     * afresh (outside any transaction) and applied under the deposit's lock, then the event marked
     * done. Nodes racing over one event apply the same state once; a failure leaves the event for
     * the next round without holding up the others.
     */
    async processEvents(limit: number) {
      const waiting = await db
        .select()
        .from(stripeEvents)
        .where(isNull(stripeEvents.processedAt))
        .orderBy(stripeEvents.createdAt, stripeEvents.id)
        .limit(limit);
      let done = 0;
      for (const event of waiting) {
        const processed = await attempt("processing an event", event.id, async () => {
          // Read outside any transaction; an older read applied after a newer one adds nothing.
          const payment = event.paymentIntentId ? await stripe.find(event.paymentIntentId) : null;
          return db.transaction(async (tx) => {
            if (payment) await applyPayment(tx, payment);
            const [marked] = await tx
              .update(stripeEvents)
              .set({ processedAt: clock.now() })
              .where(and(eq(stripeEvents.id, event.id), isNull(stripeEvents.processedAt)))
              .returning({ id: stripeEvents.id });
            return Boolean(marked);
          });
        });
        if (processed) done += 1;
      }
      return done;
    },

    /** Our settled steps carried out at Stripe: refunds due sent, card holds due taken. Returns how many. */
    async settleAtStripe(limit: number) {
      const dueRefunds = await db
        .select({ id: refunds.id })
        .from(refunds)
        .where(and(eq(refunds.provider, "stripe"), eq(refunds.status, "due")))
        .orderBy(refunds.createdAt)
        .limit(limit);
      const dueCaptures = await db
        .select({ id: deposits.id })
        .from(deposits)
        .innerJoin(listings, eq(listings.id, deposits.listingId))
        .where(captureDue)
        .limit(limit);
      let done = 0;
      for (const { id } of dueRefunds) if (await attempt("sending a refund", id, () => sendRefund(id))) done += 1;
      for (const { id } of dueCaptures) if (await attempt("capturing a card hold", id, () => capture(id))) done += 1;
      return done;
    },

    ...createStripeReconciliation({ db, clock, stripe }),
  };
}

export type StripeDeposits = ReturnType<typeof createStripeDeposits>;
