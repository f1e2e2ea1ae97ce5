import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deposits, receipts, refunds, registrations, stripeCustomers } from "../../db/schema";
import { isTerminalDeposit, settledAmounts } from "../../core/deposits";
import { systemPaymentsActor } from "../../server/payments/deposits";
import { addInvestor, application, worldIds } from "../support/lifecycle-world";
import { signedEvent } from "../support/stripe-fake";
import { useStripeWorld } from "../support/stripe-world";

/**
 * The promise of the Stripe webhook, as a property: whatever the order in which transfers arrive,
 * Stripe's events are delivered (late, repeated, before older ones) and operators act, every deposit
 * ends in one final state and every cent that reached Stripe for a listing is accounted for once:
 * applied, released or forfeited with its deposit, or owed back as having come late.
 */
const secret = "whsec_nplexorderings";
const { clock, services: s, fake: stripeFake, euroListing } = useStripeWorld(secret);

const EXPECTED = 8_000_000n; // €80,000, the world's deposit.

type Command =
  | { kind: "fund"; who: 0 | 1 }
  | { kind: "deliver"; pick: number }
  | { kind: "process" }
  | { kind: "withdraw"; who: 0 | 1 }
  | { kind: "settle" };

const who = fc.constantFrom(0 as const, 1 as const);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("fund" as const), who }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("deliver" as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("process" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("settle" as const) }) },
);
/** Each investor's transfers, as parts of the deposit in thousandths: short, exact or over. */
const transfers = fc.array(fc.integer({ min: 100, max: 1_000 }), { minLength: 1, maxLength: 3 });
const outcome = fc.constantFrom("won_and_paid" as const, "won_and_defaulted" as const, "did_not_win" as const);

describe("deposits through Stripe, whatever happens in whatever order", () => {
  it(
    "each end in one final state, and what reached Stripe is applied, released, forfeited or owed back, once",
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(transfers, transfers),
          fc.array(command, { minLength: 5, maxLength: 30 }),
          fc.tuple(outcome, outcome),
          async (parts, commands, outcomes) => {
            const listingId = await euroListing();
            // Investors of their own each run: one account may apply only so often in an hour.
            const run = randomUUID().slice(0, 8);
            const investors = [
              await addInvestor(s(), `Harbour ${run}`, `harbour-${run}@fund.test`),
              await addInvestor(s(), `Jade ${run}`, `jade-${run}@fund.test`),
            ] as const;
            const applicants = [
              application(1),
              application(1, { applicantName: "Jade River", applicantIdNumber: worldIds.jadeRiver }),
            ];
            const regs: string[] = [];
            for (const i of [0, 1] as const)
              regs.push((await s().registrations.apply(investors[i], listingId, applicants[i]!)).id);
            await s().stripeDeposits!.prepareDue(10);
            const customers = await Promise.all(
              [0, 1].map(
                async (i) =>
                  (
                    await s()
                      .db.select()
                      .from(stripeCustomers)
                      .where(eq(stripeCustomers.organisationId, investors[i]!.memberships[0]!.organisationId))
                  )[0]!.customerId,
              ),
            );
            const intents = await Promise.all(
              regs.map(
                async (id) => (await s().db.select().from(deposits).where(eq(deposits.registrationId, id)))[0]!.providerRef!,
              ),
            );

            const events: { id: string; intent: string; created: Date }[] = [];
            const next = [0, 0];
            const withdrawn = new Set<number>();
            const deliver = async (event: (typeof events)[number]) => {
              const { payload, signature } = signedEvent({
                id: event.id,
                type: "payment_intent.partially_funded",
                object: { id: event.intent, object: "payment_intent" },
                created: event.created,
                secret,
                signedAt: clock().now(),
              });
              await s().stripeWebhooks.receive(payload, signature);
            };
            const drain = async () => {
              while ((await s().stripeDeposits!.processEvents(10)) > 0);
            };

            for (const c of commands) {
              clock().advance(1_000);
              if (c.kind === "fund") {
                const part = parts[c.who][next[c.who]!];
                if (part === undefined) continue;
                next[c.who]! += 1;
                stripeFake().fund(customers[c.who]!, Number((EXPECTED * BigInt(part)) / 1_000n), "eur");
                events.push({ id: `evt_${randomUUID().replace(/-/g, "")}`, intent: intents[c.who]!, created: clock().now() });
              } else if (c.kind === "deliver") {
                if (events.length) await deliver(events[c.pick % events.length]!);
              } else if (c.kind === "process") {
                await drain();
              } else if (c.kind === "withdraw") {
                if (withdrawn.has(c.who)) continue;
                withdrawn.add(c.who);
                await s().registrations.withdraw(investors[c.who], regs[c.who]!);
              } else {
                await s().stripeDeposits!.settleAtStripe(10);
              }
            }
            // Every event reaches us in the end, newest first; then the listing is decided.
            for (const event of [...events].reverse()) await deliver(event);
            await drain();
            for (const i of [0, 1] as const) {
              if (withdrawn.has(i)) continue;
              const [open] = await s()
                .db.select()
                .from(deposits)
                .where(and(eq(deposits.registrationId, regs[i]!), inArray(deposits.status, ["required", "pending", "held"])));
              if (!open) continue;
              const decided = open.status === "held" ? outcomes[i] : "did_not_win";
              await s().db.transaction((tx) => s().deposits.settleFor(tx, regs[i]!, decided, systemPaymentsActor));
            }
            await s().stripeDeposits!.settleAtStripe(20);
            await drain();
            await s().stripeDeposits!.settleAtStripe(20);

            const rows = await s().db.select().from(deposits).where(eq(deposits.listingId, listingId));
            for (const d of rows) expect(isTerminalDeposit(d.status), `deposit ${d.status}`).toBe(true);
            const settled = rows.map((d) => settledAmounts({ status: d.status, expected: d.expected, received: d.received }));
            const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
            // What reached Stripe, as Stripe knows it, and what nplex recorded of it.
            const arrived = BigInt(intents.reduce((total, intent) => total + stripeFake().funded(intent), 0));
            const recorded = sum(
              (await s().db.select().from(receipts).where(eq(receipts.listingId, listingId))).map((r) => r.amount),
            );
            expect(recorded).toBe(arrived);
            const owed = await s().db.select().from(refunds).where(eq(refunds.listingId, listingId));
            const late = sum(owed.filter((r) => r.reason === "late").map((r) => r.amount));
            const applied = sum(settled.map((x) => x.applied));
            const released = sum(settled.map((x) => x.released));
            const forfeited = sum(settled.map((x) => x.forfeited));
            expect(arrived).toBe(applied + released + forfeited + late);
            // What is owed back went back through Stripe, and exactly that.
            expect(owed.every((r) => r.status === "sent")).toBe(true);
            expect(sum(owed.map((r) => r.amount))).toBe(released + late);
            // Stripe's record agrees with ours.
            expect(await s().stripeDeposits!.reconcile()).toBe(0);
            await s().db.update(registrations).set({ status: "withdrawn" }).where(eq(registrations.listingId, listingId));
          },
        ),
        {
          numRuns: 40,
          examples: [
            // Found on PostgreSQL: a withdrawal before a transfer's event is processed, then more money
            // into the same payment before its refund cancels it: all of it must be recorded and go back.
            [
              [[100], [100, 100]],
              [
                { kind: "fund", who: 1 },
                { kind: "deliver", pick: 0 },
                { kind: "withdraw", who: 1 },
                { kind: "process" },
                { kind: "fund", who: 1 },
                { kind: "settle" },
                { kind: "process" },
                { kind: "deliver", pick: 0 },
                { kind: "fund", who: 0 },
              ],
              ["won_and_paid", "won_and_paid"],
            ],
          ],
        },
      );
    },
  );
});
