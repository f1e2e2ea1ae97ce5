import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  deposits,
  listings,
  organisations,
  receipts,
  refunds,
  registrations,
  type Deposit,
  type Listing,
  type Refund,
} from "../../db/schema/index";
import type { Actor, AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import type { NotificationService } from "../notifications/service";
import { soldStatuses, type NotificationKind } from "../../core/enums";
import {
  depositAfter,
  isTerminalDeposit,
  settlingEvent,
  type DepositEvent,
  type DepositOutcome,
  type DepositState,
  type DepositStatus,
} from "../../core/deposits";
import { freshReference, type PaymentProviderName, type PaymentProviders } from "./providers";
import { activeRoles, type Principal, type UserPrincipal } from "../../core/identity/access";
import { refundSentSchema } from "../../core/contract/payments";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";

export const openDepositStatuses = ["required", "pending", "held"] as const satisfies readonly DepositStatus[];

/**
 * What of a deposit's money came through its provider (all of it, for a bank-transfer deposit): a
 * Stripe deposit may also be credited by an operator or a statement, for a transfer into escrow.
 */
export async function receivedThroughProvider(conn: Db, deposit: Deposit) {
  if (deposit.provider === "bank_transfer") return deposit.received;
  const [{ total }] = (await conn
    .select({ total: sql<string>`coalesce(sum(${receipts.amount}), 0)::text` })
    .from(receipts)
    .where(and(eq(receipts.depositId, deposit.id), eq(receipts.source, deposit.provider), eq(receipts.counted, true)))) as [
    { total: string },
  ];
  const through = BigInt(total);
  return through < deposit.received ? through : deposit.received;
}

export const systemPaymentsActor: Actor = { userId: null, label: "system:payments" };

/** Money on the escrow account is the operators' to record and send back. */
export function requirePaymentsOperator(principal: Principal): UserPrincipal {
  if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!activeRoles(principal).has("operator")) throw new AppError("FORBIDDEN", "Only operators handle the escrow account.");
  return principal;
}

const stateOf = (d: Deposit): DepositState => ({ status: d.status, expected: d.expected, received: d.received });

const told: Partial<Record<DepositStatus, NotificationKind>> = {
  held: "deposit_held",
  released: "deposit_released",
  forfeited: "deposit_forfeited",
};

/** A report of money that arrived, from one source, with that source's id for it. */
export interface ArrivedMoney {
  source: "operator" | "statement" | "stripe";
  externalId: string;
  amount: bigint;
  currency: string;
  bookedOn?: string | null;
  recordedBy?: string | null;
}

export type Arrival =
  | { outcome: "credited"; deposit: Deposit; receiptId: string }
  /** The same report came before: nothing changed. */
  | { outcome: "duplicate"; deposit: Deposit }
  /** The deposit was settled before the money came: it is owed back. */
  | { outcome: "refund_due"; deposit: Deposit; receiptId: string };

/**
 * Deposits held for registrations (docs/domain.md "Payments"): each step is the pure machine's
 * (core/deposits.ts), taken under the deposit's row lock inside the caller's transaction, with its
 * audit entry and the bidder told. Money that goes back becomes a refund row whose key makes it
 * happen once, however many nodes or replays report the step.
 */
export function createDepositService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  providers: PaymentProviders;
}) {
  const { db, clock, audit, notifications, providers } = deps;

  async function registrationUser(tx: Db, registrationId: string) {
    const [row] = await tx
      .select({ userId: registrations.userId })
      .from(registrations)
      .where(eq(registrations.id, registrationId));
    return row!.userId;
  }

  /**
   * Money owed back, by the way it came: what came through the provider goes back through it, what
   * an operator or a statement credited (a transfer into escrow) goes back by bank transfer.
   */
  async function owe(
    tx: Db,
    input: {
      key: string;
      deposit: Deposit;
      reason: "released" | "overpaid" | "late";
      amount: bigint;
      receiptId?: string;
      provider?: PaymentProviderName;
    },
  ) {
    if (input.amount <= 0n) return;
    await tx
      .insert(refunds)
      .values({
        key: input.key,
        listingId: input.deposit.listingId,
        registrationId: input.deposit.registrationId,
        depositId: input.deposit.id,
        receiptId: input.receiptId ?? null,
        reason: input.reason,
        provider: input.provider ?? input.deposit.provider,
        amount: input.amount,
        currency: input.deposit.currency,
        createdAt: clock.now(),
      })
      .onConflictDoNothing();
  }

  /**
   * One step of a locked deposit. A step that does not fit changes nothing and is returned as
   * refused: the caller decides whether that is an error (an operator's click) or expected (a
   * replayed report).
   */
  async function step(tx: Db, deposit: Deposit, event: DepositEvent, actor: Actor, reason?: string | null) {
    const next = depositAfter(stateOf(deposit), event);
    if (!next.ok || !next.changed) return { ...next, row: deposit };
    const now = clock.now();
    const status = next.deposit.status;
    const [row] = await tx
      .update(deposits)
      .set({
        status,
        received: next.deposit.received,
        heldAt: status === "held" && !deposit.heldAt ? now : deposit.heldAt,
        settledAt: isTerminalDeposit(status) ? now : null,
        updatedAt: now,
      })
      .where(eq(deposits.id, deposit.id))
      .returning();
    await audit.append(tx, {
      actor,
      action: `deposit.${event.kind}`,
      entityType: "listing",
      entityId: deposit.listingId,
      before: { status: deposit.status, received: deposit.received },
      after: { registrationId: deposit.registrationId, depositId: deposit.id, status, received: next.deposit.received },
      reason: reason ?? null,
    });
    if (status === "released") {
      const byProvider = await receivedThroughProvider(tx, row!);
      await owe(tx, { key: `deposit:${deposit.id}:released`, deposit: row!, reason: "released", amount: byProvider });
      await owe(tx, {
        key: `deposit:${deposit.id}:released:escrow`,
        deposit: row!,
        reason: "released",
        amount: row!.received - byProvider,
        provider: "bank_transfer",
      });
    }
    const kind = status !== deposit.status ? told[status] : undefined;
    if (kind) {
      await notifications.notify(tx, {
        userIds: [await registrationUser(tx, deposit.registrationId)],
        kind,
        listingId: deposit.listingId,
        params: { amount: row!.received.toString(), currency: row!.currency },
      });
    }
    return { ...next, row: row! };
  }

  /** A refund has gone (sent by an operator, or through the provider): recorded once, audited, and the payer told. */
  async function refundSent(tx: Db, refund: Refund, reference: string, actor: Actor, sentBy: string | null) {
    await tx
      .update(refunds)
      .set({ status: "sent", sentReference: reference, sentAt: clock.now(), sentBy })
      .where(eq(refunds.id, refund.id));
    await audit.append(tx, {
      actor,
      action: "refund.sent",
      entityType: "listing",
      entityId: refund.listingId,
      after: { refundId: refund.id, registrationId: refund.registrationId, amount: refund.amount, bankReference: reference },
    });
    await notifications.notify(tx, {
      userIds: [await registrationUser(tx, refund.registrationId)],
      kind: "refund_sent",
      listingId: refund.listingId,
      params: { amount: refund.amount.toString(), currency: refund.currency, reference },
    });
  }

  const lockOpen = async (tx: Db, registrationId: string) =>
    (
      await tx
        .select()
        .from(deposits)
        .where(and(eq(deposits.registrationId, registrationId), inArray(deposits.status, [...openDepositStatuses])))
        .for("no key update")
    )[0];

  return {
    step,
    lockOpen,
    refundSent,

    /**
     * Asks for the listing's deposit for a registration that has none open (a listing without a
     * deposit asks for none): a fresh platform reference, instructions at once, so it is pending.
     */
    async open(tx: Db, listing: Listing, registrationId: string): Promise<Deposit | null> {
      if (listing.deposit <= 0n) return null;
      const existing = await lockOpen(tx, registrationId);
      if (existing) return existing;
      const provider = providers.forPayment(listing.currency, listing.deposit);
      const now = clock.now();
      // A reference drawn twice (one in 8.5 x 10^11) is drawn again.
      for (;;) {
        const [row] = await tx
          .insert(deposits)
          .values({
            listingId: listing.id,
            registrationId,
            provider: provider.name,
            reference: freshReference("deposit"),
            currency: listing.currency,
            expected: listing.deposit,
            status: "pending",
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: deposits.reference })
          .returning();
        if (row) return row;
      }
    },

    /**
     * Money that arrived for a locked deposit, reported once per source and id: counted towards the
     * deposit while it waits for money; once it is settled, owed back.
     */
    async receive(tx: Db, deposit: Deposit, money: ArrivedMoney, actor: Actor): Promise<Arrival> {
      if (money.currency !== deposit.currency) {
        throw new AppError("CURRENCY_MISMATCH", `The deposit is in ${deposit.currency}; record what arrived in that currency.`);
      }
      const [receipt] = await tx
        .insert(receipts)
        .values({
          listingId: deposit.listingId,
          registrationId: deposit.registrationId,
          depositId: deposit.id,
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
      if (!receipt) return { outcome: "duplicate", deposit };
      const moved = await step(tx, deposit, { kind: "received", amount: money.amount }, actor);
      if (moved.ok) return { outcome: "credited", deposit: moved.row, receiptId: receipt.id };
      await tx.update(receipts).set({ counted: false }).where(eq(receipts.id, receipt.id));
      await owe(tx, {
        key: `receipt:${receipt.id}:late`,
        deposit,
        reason: "late",
        amount: money.amount,
        receiptId: receipt.id,
        provider: money.source === "stripe" ? "stripe" : "bank_transfer",
      });
      await audit.append(tx, {
        actor,
        action: "deposit.received_late",
        entityType: "listing",
        entityId: deposit.listingId,
        after: { registrationId: deposit.registrationId, depositId: deposit.id, amount: money.amount, status: deposit.status },
        reason: moved.reason,
      });
      return { outcome: "refund_due", deposit, receiptId: receipt.id };
    },

    /** Settles a registration's open deposit for how the registration ended; nothing open, nothing to do. */
    async settleFor(tx: Db, registrationId: string, outcome: DepositOutcome, actor: Actor, reason?: string | null) {
      const deposit = await lockOpen(tx, registrationId);
      if (!deposit) return null;
      return step(tx, deposit, settlingEvent(stateOf(deposit), outcome), actor, reason);
    },

    /**
     * The closing job's part: deposits that no one will count towards a price go back (SPC 2016
     * art. 23: losers' within 24 hours of the close). Claimed with SKIP LOCKED and settled by a
     * conditional step, so that nodes racing release each deposit once. Returns how many moved.
     */
    async releaseDue(limit: number): Promise<number> {
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ deposit: deposits })
          .from(deposits)
          .innerJoin(registrations, eq(registrations.id, deposits.registrationId))
          .innerJoin(listings, eq(listings.id, deposits.listingId))
          .where(
            and(
              inArray(deposits.status, [...openDepositStatuses]),
              or(
                inArray(registrations.status, ["withdrawn", "rejected"]),
                inArray(listings.status, ["failed", "withdrawn"]),
                and(
                  inArray(listings.status, [...soldStatuses]),
                  or(isNull(listings.winnerRegistrationId), sql`${listings.winnerRegistrationId} <> ${deposits.registrationId}`),
                ),
              ),
            ),
          )
          .orderBy(deposits.createdAt)
          .limit(limit)
          .for("no key update", { of: deposits, skipLocked: true });
        for (const { deposit } of due) {
          await step(tx, deposit, settlingEvent(stateOf(deposit), "did_not_win"), systemPaymentsActor, "did not win");
        }
        return due.length;
      });
    },

    /** How to pay a deposit: the provider's instructions with the deposit's reference and what is outstanding. */
    instructions(deposit: Pick<Deposit, "provider" | "reference" | "expected" | "received" | "currency" | "providerDetails">) {
      return providers.byName(deposit.provider).instructions({
        reference: deposit.reference,
        amount: deposit.expected > deposit.received ? deposit.expected - deposit.received : 0n,
        currency: deposit.currency,
        details: deposit.providerDetails,
      });
    },

    /** The latest deposit of each registration given (an open one before any that ended). */
    async latestOf(registrationIds: readonly string[]): Promise<Map<string, Deposit>> {
      if (registrationIds.length === 0) return new Map();
      const rows = await db
        .select()
        .from(deposits)
        .where(inArray(deposits.registrationId, [...registrationIds]))
        .orderBy(sql`${deposits.settledAt} is null`, deposits.createdAt);
      // Ordered so that the row kept last for each registration is its open one, else its newest.
      return new Map(rows.map((d) => [d.registrationId, d]));
    },

    /** Money owed back and not yet sent, oldest first, with whom it goes to: the operator's list. */
    async refundsDue(principal: Principal) {
      requirePaymentsOperator(principal);
      return db
        .select({
          refund: refunds,
          listingTitle: listings.title,
          organisationName: organisations.name,
          reference: deposits.reference,
        })
        .from(refunds)
        .innerJoin(listings, eq(listings.id, refunds.listingId))
        .innerJoin(registrations, eq(registrations.id, refunds.registrationId))
        .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
        .leftJoin(deposits, eq(deposits.id, refunds.depositId))
        .where(eq(refunds.status, "due"))
        .orderBy(refunds.createdAt)
        .limit(500);
    },

    /** The operator has sent money back: the bank's reference of the transfer is recorded and the payer told. */
    async markRefundSent(principal: Principal, refundId: string, raw: unknown) {
      const operator = requirePaymentsOperator(principal);
      const input = refundSentSchema.parse(raw);
      if (!isUuid(refundId)) throw new AppError("NOT_FOUND", "Refund not found.");
      return db.transaction(async (tx) => {
        const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("no key update");
        if (!refund) throw new AppError("NOT_FOUND", "Refund not found.");
        if (refund.status === "sent") throw new AppError("ALREADY_DECIDED", "This refund has already been sent.");
        await refundSent(tx, refund, input.bankReference, actorOf(operator), operator.userId);
        return { status: "sent" as const };
      });
    },

    /** The deposits of a registration, the open one first. */
    async ofRegistration(tx: Db, registrationId: string) {
      return tx
        .select()
        .from(deposits)
        .where(eq(deposits.registrationId, registrationId))
        .orderBy(sql`${deposits.settledAt} is not null`, desc(deposits.createdAt));
    },
  };
}

export type DepositService = ReturnType<typeof createDepositService>;
