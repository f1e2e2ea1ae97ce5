import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreements, agreementSignatures, handoverItems, listings, sales, type Listing } from "../../db/schema/index";
import type { ListingStatus } from "../../core/enums";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { lifecycleFacts, systemActor } from "../listings/facts";
import { transition, type LifecycleAction } from "../listings/rules/lifecycle";

const closingActor = { userId: null, label: "system:closing" };

/** Whether the buyer's current agreement carries both sides' signatures of its present text. */
async function signedByBoth(tx: Db, saleId: string): Promise<boolean> {
  const rows = await tx
    .select({ party: agreementSignatures.party, signed: agreementSignatures.sha256, current: agreements.sha256 })
    .from(agreementSignatures)
    .innerJoin(agreements, eq(agreements.id, agreementSignatures.agreementId))
    .where(and(eq(agreements.saleId, saleId), isNull(agreements.voidedAt)));
  return new Set(rows.filter((r) => r.signed === r.current).map((r) => r.party)).size === 2;
}

/** Whether the sale's hand-over checklist exists and the buyer has confirmed every item on it. */
async function handedOver(tx: Db, saleId: string): Promise<boolean> {
  const items = await tx
    .select({ confirmedAt: handoverItems.confirmedAt })
    .from(handoverItems)
    .where(eq(handoverItems.saleId, saleId));
  return items.length > 0 && items.every((i) => i.confirmedAt !== null);
}

/**
 * Moves a sold listing along as far as its facts allow, inside the caller's transaction: awarded
 * to `contracted` once both sides signed the agreement, contracted to `paid` once the balance is in,
 * paid to `closed` once the buyer has confirmed every item handed over (docs/domain.md "Closing"). Each step is the lifecycle's, audited and on the listing's timeline.
 * Called whenever a signature or a payment lands; a call with nothing to do changes nothing.
 */
export async function advanceClosing(
  tx: Db,
  deps: { audit: AuditService; clock: Clock },
  listingId: string,
): Promise<ListingStatus> {
  const read = (lock: boolean) => {
    const query = tx.select().from(listings).where(eq(listings.id, listingId));
    return lock ? query.for("no key update") : query;
  };
  let [listing] = (await read(false)) as Listing[];
  let locked = false;
  for (;;) {
    if (!listing) throw new Error(`listing ${listingId} not found`);
    const [sale] = listing.winnerRegistrationId
      ? await tx
          .select()
          .from(sales)
          .where(
            and(
              eq(sales.listingId, listing.id),
              eq(sales.registrationId, listing.winnerRegistrationId),
              isNull(sales.defaultedAt),
            ),
          )
      : [];
    if (!sale) return listing.status;
    const action: LifecycleAction | null =
      listing.status === "awarded" && (await signedByBoth(tx, sale.id))
        ? "contract"
        : listing.status === "contracted" && sale.paidAt
          ? "settle"
          : listing.status === "paid" && (await handedOver(tx, sale.id))
            ? "complete"
            : null;
    if (!action) return listing.status;
    // Locked only to move it: a payment holds its sale's lock when it gets here, and most calls move nothing.
    if (!locked) {
      [listing] = (await read(true)) as Listing[];
      locked = true;
      continue;
    }
    const now = deps.clock.now();
    const decided = transition(await lifecycleFacts(tx, listing), action, systemActor, { now });
    if (!decided.ok) return listing.status;
    const [after] = await tx
      .update(listings)
      .set({ status: decided.to, updatedAt: now })
      .where(eq(listings.id, listing.id))
      .returning();
    await deps.audit.append(tx, {
      actor: closingActor,
      action: `listing.${action}`,
      entityType: "listing",
      entityId: listing.id,
      before: { status: listing.status },
      after: { status: decided.to, saleId: sale.id },
    });
    listing = after!;
  }
}
