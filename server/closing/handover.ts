import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { documents, handoverItems, packageAssets, type HandoverItem, type Listing, type Sale } from "../../db/schema/index";
import { handoverItemKinds, type HandoverItemKind } from "../../core/enums";
import { activeRoles, type Principal } from "../../core/identity/access";
import { addHandoverItemSchema } from "../../core/contract/closing";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import { advanceClosing } from "./progress";
import type { NotificationService } from "../notifications/service";
import { buyerPeopleOf, openSale, sellerPeopleOf } from "./sale-facts";

/** The originals every sold claim's file has, listed before the data room's documents. */
const standardKinds = handoverItemKinds.filter(
  (k): k is Exclude<HandoverItemKind, "document" | "other"> => k !== "document" && k !== "other",
);

/**
 * The hand-over after the sale (docs/domain.md "Closing"): a checklist of what the seller delivers,
 * drawn up from the lot's data room and the originals every claim has, to which the seller may add.
 * The seller's people tick each item delivered once the agreement is signed; the buyer confirms each
 * received; the last confirmation of a paid sale closes the listing.
 */
export function createHandoverService(deps: { db: Db; clock: Clock; audit: AuditService; notifications: NotificationService }) {
  const { db, clock, audit, notifications } = deps;

  /** The checklist of the sale, drawn up the first time anyone opens it. */
  async function itemsOf(tx: Db, listing: Listing, sale: Sale): Promise<HandoverItem[]> {
    const existing = await tx
      .select()
      .from(handoverItems)
      .where(eq(handoverItems.saleId, sale.id))
      .orderBy(asc(handoverItems.position));
    if (existing.length > 0) return existing;
    const room = await tx
      .select({ id: documents.id, title: documents.title })
      .from(documents)
      .where(
        and(
          isNull(documents.removedAt),
          eq(documents.cover, false),
          or(
            eq(documents.listingId, listing.id),
            listing.assetId ? eq(documents.assetId, listing.assetId) : undefined,
            listing.packageId ? eq(documents.packageId, listing.packageId) : undefined,
            listing.packageId
              ? sql`${documents.assetId} in (select ${packageAssets.assetId} from ${packageAssets} where ${packageAssets.packageId} = ${listing.packageId})`
              : undefined,
          ),
        ),
      )
      .orderBy(asc(documents.createdAt));
    const now = clock.now();
    const rows = [
      ...standardKinds.map((kind) => ({ kind, label: null, documentId: null })),
      ...room.map((d) => ({ kind: "document" as const, label: d.title, documentId: d.id })),
    ];
    return tx
      .insert(handoverItems)
      .values(rows.map((r, position) => ({ ...r, saleId: sale.id, listingId: listing.id, position, createdAt: now })))
      .returning();
  }

  const sellerSide = (principal: Principal, listing: Listing) => {
    const roles = activeRoles(principal, listing.sellerOrgId);
    return roles.has("seller_admin") || roles.has("seller_staff");
  };

  async function lockedItem(tx: Db, saleId: string, itemId: string) {
    if (!isUuid(itemId)) throw new AppError("NOT_FOUND", "No such item on this checklist.");
    const [item] = await tx
      .select()
      .from(handoverItems)
      .where(and(eq(handoverItems.id, itemId), eq(handoverItems.saleId, saleId)))
      .for("no key update");
    if (!item) throw new AppError("NOT_FOUND", "No such item on this checklist.");
    return item;
  }

  const view = (listing: Listing, items: HandoverItem[], principal: Principal, party: string | null) => {
    const seller = sellerSide(principal, listing);
    const open = listing.status === "contracted" || listing.status === "paid";
    return {
      listingId: listing.id,
      listingStatus: listing.status,
      side: party === "buyer" ? ("buyer" as const) : seller ? ("seller" as const) : null,
      canAdd: seller && listing.status !== "closed",
      canDeliver: seller && open,
      canConfirm: party === "buyer" && open,
      items: items.map((i) => ({
        id: i.id,
        kind: i.kind,
        label: i.label,
        documentId: i.documentId,
        deliveredAt: i.deliveredAt,
        confirmedAt: i.confirmedAt,
      })),
    };
  };

  return {
    /** The checklist as the buyer, the seller's people or an operator sees it, with what the reader may do. */
    async checklist(principal: Principal, listingId: string) {
      return db.transaction(async (tx) => {
        const { listing, sale, party } = await openSale(tx, principal, listingId);
        return view(listing, await itemsOf(tx, listing, sale), principal, party);
      });
    },

    /** The seller adds something it will deliver that the list does not name. */
    async add(principal: Principal, listingId: string, raw: unknown) {
      const { label } = addHandoverItemSchema.parse(raw);
      return db.transaction(async (tx) => {
        const { listing, sale } = await openSale(tx, principal, listingId);
        if (principal.kind !== "user" || !sellerSide(principal, listing)) {
          throw new AppError("FORBIDDEN", "Only the seller's people add to the hand-over checklist.");
        }
        if (listing.status === "closed")
          throw new AppError("INVALID_TRANSITION", "The hand-over is complete.", { status: listing.status });
        const items = await itemsOf(tx, listing, sale);
        const [item] = await tx
          .insert(handoverItems)
          .values({
            saleId: sale.id,
            listingId: listing.id,
            kind: "other",
            label,
            position: items.length,
            createdAt: clock.now(),
          })
          .returning();
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.handover_item_added",
          entityType: "listing",
          entityId: listing.id,
          after: { itemId: item!.id, label },
        });
        return { id: item!.id };
      });
    },

    /** The seller's people tick an item delivered, once the agreement is signed by both sides. */
    async deliver(principal: Principal, listingId: string, itemId: string) {
      return db.transaction(async (tx) => {
        const { listing, sale } = await openSale(tx, principal, listingId);
        if (principal.kind !== "user" || !sellerSide(principal, listing)) {
          throw new AppError("FORBIDDEN", "Only the seller's people tick items delivered.");
        }
        if (listing.status !== "contracted" && listing.status !== "paid") {
          throw new AppError("INVALID_TRANSITION", "Files are handed over once the agreement is signed.", {
            status: listing.status,
          });
        }
        await itemsOf(tx, listing, sale);
        const item = await lockedItem(tx, sale.id, itemId);
        if (item.deliveredAt) return { deliveredAt: item.deliveredAt };
        const now = clock.now();
        await tx
          .update(handoverItems)
          .set({ deliveredAt: now, deliveredBy: principal.userId })
          .where(eq(handoverItems.id, item.id));
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.handover_delivered",
          entityType: "listing",
          entityId: listing.id,
          after: { itemId: item.id, kind: item.kind, label: item.label },
        });
        await notifications.notify(tx, {
          userIds: await buyerPeopleOf(tx, sale.registrationId),
          kind: "handover_delivered",
          listingId: listing.id,
        });
        return { deliveredAt: now };
      });
    },

    /** The buyer confirms a delivered item received; the last confirmation of a paid sale closes the listing. */
    async confirm(principal: Principal, listingId: string, itemId: string) {
      return db.transaction(async (tx) => {
        const { listing, sale, party } = await openSale(tx, principal, listingId);
        if (principal.kind !== "user" || party !== "buyer") {
          throw new AppError("FORBIDDEN", "Only the buyer confirms what it received.");
        }
        if (listing.status !== "contracted" && listing.status !== "paid") {
          throw new AppError("INVALID_TRANSITION", "There is nothing to confirm now.", { status: listing.status });
        }
        const item = await lockedItem(tx, sale.id, itemId);
        if (!item.deliveredAt) throw new AppError("NOT_DELIVERED", "The seller has not marked this item delivered yet.");
        if (!item.confirmedAt) {
          await tx
            .update(handoverItems)
            .set({ confirmedAt: clock.now(), confirmedBy: principal.userId })
            .where(eq(handoverItems.id, item.id));
          await audit.append(tx, {
            actor: actorOf(principal),
            action: "listing.handover_confirmed",
            entityType: "listing",
            entityId: listing.id,
            after: { itemId: item.id, kind: item.kind, label: item.label },
          });
        }
        const status = await advanceClosing(tx, { audit, clock }, listing.id);
        if (status === "closed") {
          await notifications.notify(tx, {
            userIds: [...(await sellerPeopleOf(tx, listing)), ...(await buyerPeopleOf(tx, sale.registrationId))],
            kind: "sale_completed",
            listingId: listing.id,
          });
        }
        return { status };
      });
    },
  };
}

export type HandoverService = ReturnType<typeof createHandoverService>;
