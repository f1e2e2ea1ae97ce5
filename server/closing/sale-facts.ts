import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  assetParties,
  listings,
  memberships,
  organisations,
  packageAssets,
  registrations,
  sales,
  type Listing,
  type Sale,
} from "../../db/schema/index";
import { soldStatuses, type AgreementParty } from "../../core/enums";
import { activeRoles, organisationsWith, type Principal } from "../../core/identity/access";
import type { AgreementFacts } from "../../core/transfer-agreement";
import type { ConfirmationFacts } from "../../core/sale-confirmation";
import { displayReference } from "../../core/payment-reference";
import { DEFAULT_TIME_ZONE, formatInZone, zonedParts } from "../../core/time";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import { lotAssets } from "../listings/facts";

/** The sale after the hammer as its documents need it: who may see it, who signs for which side, the facts each document is written from. */

export const dayOf = (at: Date) => {
  const p = zonedParts(at, DEFAULT_TIME_ZONE);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};
const bothNames = (o: { name: string; nameZh: string | null }) =>
  o.nameZh && o.nameZh !== o.name ? `${o.nameZh} ${o.name}` : o.name;

/** The seller and the buyer by name (Chinese and English where both exist), and the buyer's bidder code. */
export async function partiesOf(tx: Db, listing: Listing, sale: Sale) {
  const [seller] = await tx.select().from(organisations).where(eq(organisations.id, listing.sellerOrgId));
  const [buyer] = await tx
    .select({ name: organisations.name, nameZh: organisations.nameZh, bidderCode: registrations.bidderCode })
    .from(registrations)
    .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(eq(registrations.id, sale.registrationId));
  return { seller: bothNames(seller!), buyer: bothNames(buyer!), bidderCode: buyer!.bidderCode };
}

/** The sale confirmation's facts (成交确认书): the buyer named, the price, the deposit, the balance and how to pay it. */
export async function confirmationFactsOf(tx: Db, listing: Listing, sale: Sale): Promise<ConfirmationFacts> {
  const { seller, buyer, bidderCode } = await partiesOf(tx, listing, sale);
  const closedAt = listing.closedAt ?? sale.createdAt;
  return {
    number: `SC-${dayOf(sale.createdAt).replaceAll("-", "")}-${sale.id.slice(0, 8).toUpperCase()}`,
    closedAt: `${formatInZone(closedAt, "zh-CN", { dateStyle: "medium", timeStyle: "medium" })}（北京时间）`,
    closedAtEn: `${formatInZone(closedAt, "en", { dateStyle: "medium", timeStyle: "medium" })} (UTC+8)`,
    seller,
    buyer,
    bidderCode,
    listing: { titleEn: listing.titleEn, titleZh: listing.titleZh },
    price: sale.price,
    currency: sale.currency,
    depositHeld: sale.depositHeld,
    balanceDue: sale.balanceDue,
    dueOn: dayOf(sale.dueAt),
    balanceReference: displayReference(sale.balanceReference),
  };
}

export async function agreementFactsOf(tx: Db, listing: Listing, sale: Sale): Promise<AgreementFacts> {
  const { seller, buyer } = await partiesOf(tx, listing, sale);
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
    seller: { name: seller },
    buyer: { name: buyer },
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
export async function saleOf(tx: Db, listing: Listing): Promise<Sale | null> {
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

/** Which side the principal signs for: the seller's admin, or an investor of the buying organisation. */
export async function partyOf(tx: Db, principal: Principal, listing: Listing, sale: Sale): Promise<AgreementParty | null> {
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
  return activeRoles(principal, listing.sellerOrgId).size > 0 || organisationsWith(principal, ["investor"]).includes(buyerOrgId);
}

/**
 * The listing's current sale as the principal may see it, under the listing's lock: the buyer, the
 * seller's people and operators; anyone else learns nothing of it (404).
 */
export async function openSale(tx: Db, principal: Principal, listingId: string) {
  // One answer whether the listing, its sale or the principal's part in it is missing: a guesser learns nothing.
  const nothing = () => new AppError("NOT_FOUND", "There is no sale of yours on this listing.");
  if (!isUuid(listingId)) throw nothing();
  const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
  if (!listing) throw nothing();
  const sale = await saleOf(tx, listing);
  const [reg] = sale ? await tx.select().from(registrations).where(eq(registrations.id, sale.registrationId)) : [];
  const party = sale ? await partyOf(tx, principal, listing, sale) : null;
  if (!sale || !reg || !mayRead(principal, listing, party, reg.organisationId)) {
    throw nothing();
  }
  return { listing, sale, party, buyer: reg };
}

/** Who hears for the buyer: the registration's user and its organisation's investors. */
export async function buyerPeopleOf(tx: Db, registrationId: string): Promise<string[]> {
  const [reg] = await tx.select().from(registrations).where(eq(registrations.id, registrationId));
  const colleagues = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, reg!.organisationId), eq(memberships.role, "investor")));
  return [reg!.userId, ...colleagues.map((c) => c.userId)];
}

/** Who hears for the seller: its people in the roles given (all its people by default). */
export async function sellerPeopleOf(tx: Db, listing: Listing, roles?: readonly ("seller_admin" | "seller_staff")[]) {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organisationId, listing.sellerOrgId));
  return rows.filter((r) => !roles || (roles as readonly string[]).includes(r.role)).map((r) => r.userId);
}
