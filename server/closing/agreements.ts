import { createHash } from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  agreements,
  agreementSignatures,
  assetParties,
  listings,
  memberships,
  organisations,
  packageAssets,
  registrations,
  sales,
  type Agreement,
  type Listing,
  type Sale,
} from "../../db/schema/index";
import { soldStatuses, type AgreementParty } from "../../core/enums";
import { activeRoles, organisationsWith, type Principal } from "../../core/identity/access";
import { agreementText, type AgreementFacts } from "../../core/transfer-agreement";
import { signAgreementSchema } from "../../core/contract/closing";
import { DEFAULT_TIME_ZONE, zonedParts } from "../../core/time";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import { listingNotFound, lotAssets } from "../listings/facts";
import type { NotificationService } from "../notifications/service";
import { advanceClosing } from "./progress";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const dayOf = (at: Date) => {
  const p = zonedParts(at, DEFAULT_TIME_ZONE);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};
const bothNames = (o: { name: string; nameZh: string | null }) =>
  o.nameZh && o.nameZh !== o.name ? `${o.nameZh} ${o.name}` : o.name;

/**
 * The sale's transfer agreement (docs/domain.md "Closing"): written from the sale's facts, issued
 * as a numbered version with its SHA-256, signed in the app by the seller's admin and by the buyer
 * (name, time, IP and the digest they read). A version whose facts or text changed is voided with
 * its signatures and a new one issued. Both signatures make the listing `contracted`; with the
 * balance in, `paid`.
 */
export function createAgreementService(deps: { db: Db; clock: Clock; audit: AuditService; notifications: NotificationService }) {
  const { db, clock, audit, notifications } = deps;

  async function factsOf(tx: Db, listing: Listing, sale: Sale): Promise<AgreementFacts> {
    const [seller] = await tx.select().from(organisations).where(eq(organisations.id, listing.sellerOrgId));
    const [buyer] = await tx
      .select({ name: organisations.name, nameZh: organisations.nameZh })
      .from(registrations)
      .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
      .where(eq(registrations.id, sale.registrationId));
    const lots = await lotAssets(tx, listing);
    const borrowers = listing.packageId
      ? await tx
          .select({ assetId: assetParties.assetId, name: assetParties.nameMasked })
          .from(assetParties)
          .innerJoin(packageAssets, eq(packageAssets.assetId, assetParties.assetId))
          .where(and(eq(packageAssets.packageId, listing.packageId), eq(assetParties.role, "borrower")))
          .orderBy(asc(assetParties.position))
      : await tx
          .select({ assetId: assetParties.assetId, name: assetParties.nameMasked })
          .from(assetParties)
          .where(and(eq(assetParties.assetId, listing.assetId!), eq(assetParties.role, "borrower")))
          .orderBy(asc(assetParties.position));
    const borrowerOf = new Map<string, string | null>();
    for (const b of borrowers) if (!borrowerOf.has(b.assetId)) borrowerOf.set(b.assetId, b.name);
    return {
      number: `TA-${dayOf(sale.createdAt).replaceAll("-", "")}-${sale.id.slice(0, 8).toUpperCase()}`,
      awardedOn: dayOf(listing.closedAt ?? sale.createdAt),
      seller: { name: bothNames(seller!) },
      buyer: { name: bothNames(buyer!) },
      listing: { titleEn: listing.titleEn, titleZh: listing.titleZh },
      price: sale.price,
      currency: sale.currency,
      depositHeld: sale.depositHeld,
      balanceDue: sale.balanceDue,
      dueOn: dayOf(sale.dueAt),
      assets: lots.map((a) => ({
        kind: a.kind,
        title: a.title,
        loanId: a.loanId,
        // Borrowers as the public sees them: the agreement is kept in clear, so it names no natural person.
        borrower: a.kind === "claim" ? (borrowerOf.get(a.id) ?? null) : null,
        principal: a.principal,
        interest: a.kind === "claim" ? (a.accruedInterest ?? 0n) + (a.penaltyInterest ?? 0n) : null,
      })),
    };
  }

  /** The sale the listing's agreement is about: its current buyer's, unless that buyer defaulted. */
  async function saleOf(tx: Db, listing: Listing): Promise<Sale | null> {
    if (!listing.winnerRegistrationId || !(soldStatuses as readonly string[]).includes(listing.status)) return null;
    const [sale] = await tx
      .select()
      .from(sales)
      .where(
        and(eq(sales.listingId, listing.id), eq(sales.registrationId, listing.winnerRegistrationId), isNull(sales.defaultedAt)),
      );
    // Not locked: a payment locks the sale before the listing, and the listing's lock orders signatures.
    return sale ?? null;
  }

  /**
   * The current version, issued now if there is none, or re-issued when the facts changed or the
   * stored text no longer matches its digest (either voids the signatures given). Under the sale's lock.
   */
  async function currentVersion(tx: Db, listing: Listing, sale: Sale): Promise<Agreement> {
    const facts = await factsOf(tx, listing, sale);
    const factsDigest = sha256(JSON.stringify(facts, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
    const [current] = await tx
      .select()
      .from(agreements)
      .where(and(eq(agreements.saleId, sale.id), isNull(agreements.voidedAt)));
    if (current && current.factsDigest === factsDigest && sha256(current.text) === current.sha256) return current;
    const now = clock.now();
    const system = { userId: null, label: "system:closing" };
    if (current) {
      const voidReason =
        current.factsDigest !== factsDigest ? "the sale's facts changed" : "the text no longer matches its digest";
      await tx.update(agreements).set({ voidedAt: now, voidReason }).where(eq(agreements.id, current.id));
      await audit.append(tx, {
        actor: system,
        action: "listing.agreement_voided",
        entityType: "listing",
        entityId: listing.id,
        before: { version: current.version, sha256: current.sha256 },
        reason: voidReason,
      });
    }
    const [last] = await tx
      .select({ version: agreements.version })
      .from(agreements)
      .where(eq(agreements.saleId, sale.id))
      .orderBy(desc(agreements.version))
      .limit(1);
    const text = agreementText(facts);
    const [issued] = await tx
      .insert(agreements)
      .values({
        saleId: sale.id,
        listingId: listing.id,
        version: (last?.version ?? 0) + 1,
        text,
        sha256: sha256(text),
        factsDigest,
        issuedAt: now,
      })
      .returning();
    await audit.append(tx, {
      actor: system,
      action: "listing.agreement_issued",
      entityType: "listing",
      entityId: listing.id,
      after: { version: issued!.version, sha256: issued!.sha256 },
    });
    return issued!;
  }

  /** Which side the principal signs for: the seller's admin, or an investor of the buying organisation. */
  async function partyOf(tx: Db, principal: Principal, listing: Listing, sale: Sale): Promise<AgreementParty | null> {
    if (principal.kind !== "user") return null;
    const [reg] = await tx.select().from(registrations).where(eq(registrations.id, sale.registrationId));
    if (reg && (reg.userId === principal.userId || organisationsWith(principal, ["investor"]).includes(reg.organisationId))) {
      return "buyer";
    }
    if (activeRoles(principal, listing.sellerOrgId).has("seller_admin")) return "seller";
    return null;
  }

  /** Whether the principal may read the agreement: either side's people, or an operator. Others learn nothing of it. */
  function mayRead(principal: Principal, listing: Listing, party: AgreementParty | null, buyerOrgId: string) {
    if (principal.kind !== "user") return false;
    if (party || activeRoles(principal).has("operator")) return true;
    return (
      activeRoles(principal, listing.sellerOrgId).size > 0 || organisationsWith(principal, ["investor"]).includes(buyerOrgId)
    );
  }

  async function open(tx: Db, principal: Principal, listingId: string) {
    if (!isUuid(listingId)) throw listingNotFound();
    const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
    if (!listing) throw listingNotFound();
    const sale = await saleOf(tx, listing);
    const [reg] = sale ? await tx.select().from(registrations).where(eq(registrations.id, sale.registrationId)) : [];
    const party = sale ? await partyOf(tx, principal, listing, sale) : null;
    if (!sale || !reg || !mayRead(principal, listing, party, reg.organisationId)) {
      throw new AppError("NOT_FOUND", "There is no agreement of yours for this listing.");
    }
    return { listing, sale, party, agreement: await currentVersion(tx, listing, sale) };
  }

  async function signaturesOf(tx: Db, agreementId: string) {
    return tx
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.agreementId, agreementId))
      .orderBy(asc(agreementSignatures.signedAt));
  }

  return {
    /** The agreement as it stands: the text, its digest, who has signed, and whether the reader signs and may now. */
    async view(principal: Principal, listingId: string) {
      return db.transaction(async (tx) => {
        const { listing, sale, party, agreement } = await open(tx, principal, listingId);
        const signatures = await signaturesOf(tx, agreement.id);
        const operator = principal.kind === "user" && activeRoles(principal).has("operator");
        return {
          listingId: listing.id,
          listingStatus: listing.status,
          version: agreement.version,
          text: agreement.text,
          sha256: agreement.sha256,
          issuedAt: agreement.issuedAt,
          dueAt: sale.dueAt,
          party,
          canSign: party !== null && !signatures.some((s) => s.party === party) && listing.status === "awarded",
          // Where a signature came from is the operator's evidence, not the other side's business.
          signatures: signatures.map((s) => ({
            party: s.party,
            name: s.name,
            signedAt: s.signedAt,
            ...(operator ? { ip: s.ip } : {}),
          })),
        };
      });
    },

    /** One side signs the version it read: refused when the text changed since, or when its side has signed. */
    async sign(principal: Principal, listingId: string, raw: unknown, ip: string) {
      const input = signAgreementSchema.parse(raw);
      return db.transaction(async (tx) => {
        const { listing, sale, party, agreement } = await open(tx, principal, listingId);
        if (!party || principal.kind !== "user") {
          throw new AppError("FORBIDDEN", "Only the seller's admin and the buyer sign the transfer agreement.");
        }
        if (listing.status !== "awarded") {
          throw new AppError("INVALID_TRANSITION", "The agreement is signed only while the lot is awarded.", {
            status: listing.status,
          });
        }
        if (input.sha256 !== agreement.sha256) {
          throw new AppError("AGREEMENT_CHANGED", "The agreement has changed since you read it: read it again before you sign.", {
            sha256: agreement.sha256,
          });
        }
        const now = clock.now();
        const [signature] = await tx
          .insert(agreementSignatures)
          .values({
            agreementId: agreement.id,
            party,
            userId: principal.userId,
            name: input.name,
            ip,
            sha256: agreement.sha256,
            signedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!signature) throw new AppError("ALREADY_SIGNED", "Your side has already signed this agreement.");
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.agreement_signed",
          entityType: "listing",
          entityId: listing.id,
          after: { party, version: agreement.version, sha256: agreement.sha256, name: input.name, ip },
        });
        const signatures = await signaturesOf(tx, agreement.id);
        const complete = signatures.length === 2;
        const [reg] = await tx.select().from(registrations).where(eq(registrations.id, sale.registrationId));
        const otherSide =
          party === "seller"
            ? await tx
                .select({ userId: memberships.userId })
                .from(memberships)
                .where(and(eq(memberships.organisationId, reg!.organisationId), eq(memberships.role, "investor")))
            : await tx
                .select({ userId: memberships.userId })
                .from(memberships)
                .where(and(eq(memberships.organisationId, listing.sellerOrgId), eq(memberships.role, "seller_admin")));
        await notifications.notify(tx, {
          userIds: [...(party === "seller" ? [reg!.userId] : []), ...otherSide.map((m) => m.userId)],
          kind: "agreement_signed",
          listingId: listing.id,
          params: { party, complete: complete ? "yes" : "no" },
        });
        const status = complete ? await advanceClosing(tx, { audit, clock }, listing.id) : listing.status;
        return { party, signedAt: now, complete, status };
      });
    },
  };
}

export type AgreementService = ReturnType<typeof createAgreementService>;
