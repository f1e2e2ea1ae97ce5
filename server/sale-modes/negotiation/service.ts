import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, memberships, negotiationOffers, registrations, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError, type ErrorCode } from "../../errors";
import { actorOf } from "../../identity/accounts";
import { activeRoles, organisationsWith, type Principal, type UserPrincipal } from "../../../core/identity/access";
import type { NotificationService } from "../../notifications/service";
import type { EventBus } from "../../realtime/bus";
import { isUuid, listingNotFound } from "../../listings/facts";
import { negotiationStep, type Offer } from "../rules";
import { createTransitionRunner } from "../../listings/transitions";
import { offerSchema } from "../../../core/contract/negotiation";

type Party = "seller" | "investor";

/**
 * A negotiated transfer (协议转让): once the listing is live, a private thread of offers between
 * the seller and its one approved counterparty. Each offer binds its maker until it is answered or
 * expires; the other side may counter it or accept it, and acceptance awards the listing at the
 * agreed price. Nobody else sees the thread but the platform's operators.
 */
export function createNegotiationService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  bus: EventBus;
  notifications: NotificationService;
}) {
  const { db, clock, audit, notifications } = deps;
  const { act } = createTransitionRunner(deps);

  /** The counterparty's approved registration: the only one a negotiated listing has. */
  async function counterpartyRegistration(tx: Db, listing: Listing) {
    if (!listing.counterpartyOrgId) return null;
    const [row] = await tx
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.listingId, listing.id),
          eq(registrations.organisationId, listing.counterpartyOrgId),
          eq(registrations.status, "approved"),
        ),
      );
    return row ?? null;
  }

  /** Which side of the thread the principal is on, if any; operators read it without a side. */
  function partyOf(principal: Principal, listing: Listing): Party | "operator" | null {
    if (principal.kind !== "user") return null;
    const sellerRoles = activeRoles(principal, listing.sellerOrgId);
    if (sellerRoles.has("seller_admin") || sellerRoles.has("seller_staff")) return "seller";
    if (listing.counterpartyOrgId && organisationsWith(principal, ["investor"]).includes(listing.counterpartyOrgId)) {
      return "investor";
    }
    return activeRoles(principal).has("operator") ? "operator" : null;
  }

  async function load(tx: Db, principal: Principal, listingId: string, lock: boolean) {
    if (!isUuid(listingId)) throw listingNotFound();
    const query = tx.select().from(listings).where(eq(listings.id, listingId));
    const [listing] = lock ? await query.for("no key update") : await query;
    if (!listing || listing.mode !== "negotiated") throw listingNotFound();
    const party = partyOf(principal, listing);
    // Outsiders learn nothing of the thread, not even that there is one.
    if (!party) throw listingNotFound();
    const rows = await tx
      .select()
      .from(negotiationOffers)
      .where(eq(negotiationOffers.listingId, listing.id))
      .orderBy(asc(negotiationOffers.createdAt));
    const thread: Offer[] = rows.map((r) => ({
      id: r.id,
      from: r.party,
      amount: r.amount,
      expiresAt: r.expiresAt,
      status: r.status,
    }));
    return { listing, party, thread };
  }

  /** Writes the offers whose status the step changed, and the new one. */
  async function persist(
    tx: Db,
    listing: Listing,
    before: Offer[],
    after: Offer[],
    registrationId: string,
    userId: string,
    now: Date,
  ) {
    for (const offer of after) {
      const previous = before.find((o) => o.id === offer.id);
      if (!previous) {
        await tx.insert(negotiationOffers).values({
          id: offer.id,
          listingId: listing.id,
          registrationId,
          party: offer.from,
          amount: offer.amount,
          expiresAt: offer.expiresAt,
          status: offer.status,
          madeBy: userId,
          createdAt: now,
        });
      } else if (previous.status !== offer.status) {
        await tx
          .update(negotiationOffers)
          .set({ status: offer.status, answeredAt: now })
          .where(eq(negotiationOffers.id, offer.id));
      }
    }
  }

  /** The other side's people: the seller's admins and staff, or the counterparty's investors. */
  async function otherSide(tx: Db, listing: Listing, party: Party): Promise<string[]> {
    const [orgId, roles] =
      party === "seller"
        ? [listing.counterpartyOrgId!, ["investor" as const]]
        : [listing.sellerOrgId, ["seller_admin" as const, "seller_staff" as const]];
    const rows = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, orgId), inArray(memberships.role, roles)));
    return rows.map((r) => r.userId);
  }

  const refuse = (step: { code: string; message: string }) => new AppError(step.code as ErrorCode, step.message);

  function requireOpen(listing: Listing, now: Date) {
    if (listing.status !== "live") throw new AppError("LISTING_NOT_LIVE", "The negotiation is not open.");
    if (listing.endsAt && now >= listing.endsAt) throw new AppError("LISTING_ENDED", "The negotiation period has ended.");
  }

  return {
    /** The thread as one side (or an operator) sees it, with what the viewer may do now. */
    async thread(principal: Principal, listingId: string) {
      const { listing, party, thread } = await load(db, principal, listingId, false);
      const now = clock.now();
      const open = listing.status === "live" && (!listing.endsAt || now < listing.endsAt);
      const standing = [...thread].reverse().find((o) => o.status === "open" && o.expiresAt > now) ?? null;
      const agreed = thread.find((o) => o.status === "accepted") ?? null;
      const canAct = open && !agreed && (party === "seller" || party === "investor");
      const registered = party === "investor" ? (await counterpartyRegistration(db, listing)) !== null : true;
      const isAdmin = principal.kind === "user" && activeRoles(principal, listing.sellerOrgId).has("seller_admin");
      return {
        party,
        status: listing.status,
        endsAt: listing.endsAt?.toISOString() ?? null,
        offers: thread.map((o) => ({
          id: o.id,
          from: o.from,
          amount: o.amount.toString(),
          expiresAt: o.expiresAt.toISOString(),
          status: o.status === "open" && o.expiresAt <= now ? ("expired" as const) : o.status,
        })),
        agreed: agreed ? agreed.amount.toString() : null,
        canOffer: canAct && registered && (!standing || standing.from !== party),
        canAccept: canAct && registered && standing !== null && standing.from !== party && (party === "investor" || isAdmin),
      };
    },

    /** A new offer or a counter-offer: it replaces the other side's standing offer and binds its maker. */
    async offer(principal: Principal, listingId: string, raw: unknown) {
      const input = offerSchema.parse(raw);
      return db.transaction(async (tx) => {
        const { listing, party, thread } = await load(tx, principal, listingId, true);
        if (party !== "seller" && party !== "investor") throw new AppError("FORBIDDEN", "Only the two parties negotiate.");
        const now = clock.now();
        requireOpen(listing, now);
        const registration = await counterpartyRegistration(tx, listing);
        if (!registration) {
          throw new AppError("NOT_REGISTERED", "The counterparty must be registered and approved before offers are made.");
        }
        if (listing.endsAt && input.expiresAt > listing.endsAt) {
          throw new AppError("BAD_EXPIRY", "An offer may not stand beyond the end of the negotiation period.", {
            endsAt: listing.endsAt.toISOString(),
          });
        }
        const id = randomUUID();
        const step = negotiationStep(
          thread,
          { type: "offer", from: party, id, amount: input.amount, expiresAt: input.expiresAt },
          now,
        );
        if (!step.ok) throw refuse(step);
        const user = principal as UserPrincipal;
        await persist(tx, listing, thread, step.thread, registration.id, user.userId, now);
        await audit.append(tx, {
          actor: actorOf(user),
          action: "negotiation.offer",
          entityType: "listing",
          entityId: listing.id,
          after: { offerId: id, party, amount: input.amount, expiresAt: input.expiresAt },
        });
        await notifications.notify(tx, {
          userIds: await otherSide(tx, listing, party),
          kind: "offer_received",
          listingId: listing.id,
        });
        return { id, party, amount: input.amount.toString(), expiresAt: input.expiresAt.toISOString() };
      });
    },

    /**
     * Accepts the other side's standing offer: the listing is awarded to the counterparty at that
     * price, in the same transaction as the thread's last step. The seller's side accepts by its admin.
     */
    async accept(principal: Principal, listingId: string) {
      let agreed: bigint | null = null;
      const listing = await act(principal, listingId, "agree", {}, async (tx, locked, _to, now) => {
        const { party, thread } = await load(tx, principal, locked.id, false);
        if (party !== "seller" && party !== "investor") throw new AppError("FORBIDDEN", "Only the two parties negotiate.");
        if (party === "seller" && !activeRoles(principal, locked.sellerOrgId).has("seller_admin")) {
          throw new AppError("FORBIDDEN", "Accepting binds the seller: its admin accepts.");
        }
        requireOpen(locked, now);
        const registration = await counterpartyRegistration(tx, locked);
        if (!registration) throw new AppError("NOT_REGISTERED", "The counterparty is not registered and approved.");
        const step = negotiationStep(thread, { type: "accept", by: party }, now);
        if (!step.ok) throw refuse(step);
        agreed = step.agreed;
        await persist(tx, locked, thread, step.thread, registration.id, (principal as UserPrincipal).userId, now);
        await notifications.notify(tx, {
          userIds: [...(await otherSide(tx, locked, "seller")), ...(await otherSide(tx, locked, "investor"))],
          kind: "offer_accepted",
          listingId: locked.id,
        });
        return {
          outcome: "sold" as const,
          winnerRegistrationId: registration.id,
          hammerPrice: step.agreed,
          currentPrice: step.agreed,
          closedAt: now,
        };
      });
      return { status: listing.status, price: String(agreed) };
    },
  };
}

export type NegotiationService = ReturnType<typeof createNegotiationService>;
