import { createHash } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { assetParties, debtorNotices, listings, packageAssets, type Listing, type Sale } from "../../db/schema/index";
import { activeRoles, type Principal } from "../../core/identity/access";
import { debtorLetterText, debtorNoticeText, type NoticeClaim, type NoticeFacts } from "../../core/debtor-notice";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import { lotAssets } from "../listings/facts";
import type { Vault } from "../privacy/vault";
import { renderPdf } from "./pdf";
import type { NotificationService } from "../notifications/service";
import { buyerPeopleOf, dayOf, openSale, partiesOf } from "./sale-facts";

/**
 * The notice of assignment to the debtors (docs/domain.md "Closing"), published once a sale is
 * paid: a public page and PDF naming borrower and guarantor companies and masking natural persons,
 * kept as published; and the letters the seller serves on each debtor, named in full, opened for
 * the seller's people and operators only, each opening audited.
 */
export function createDebtorNoticeService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  vault: Vault;
  notifications: NotificationService;
}) {
  const { db, clock, audit, vault, notifications } = deps;

  /** The lot's claims with their parties; `full` opens every name, otherwise only companies' (persons stay masked). */
  async function claimsOf(tx: Db, listing: Listing, full: boolean) {
    const lots = (await lotAssets(tx, listing)).filter((a) => a.kind === "claim");
    const parties = await tx
      .select()
      .from(assetParties)
      .where(
        listing.packageId
          ? sql`${assetParties.assetId} in (select ${packageAssets.assetId} from ${packageAssets} where ${packageAssets.packageId} = ${listing.packageId})`
          : eq(assetParties.assetId, listing.assetId!),
      )
      .orderBy(asc(assetParties.position));
    const nameOf = (p: (typeof parties)[number]) =>
      full || p.kind === "company" ? vault.open(p.nameSealed, "party.name") : (p.nameMasked ?? "*");
    return lots.map((a): NoticeClaim & { assetId: string; people: { name: string; full: string }[] } => ({
      assetId: a.id,
      loanId: a.loanId,
      title: a.title,
      principal: a.principal,
      interest: (a.accruedInterest ?? 0n) + (a.penaltyInterest ?? 0n),
      parties: parties.filter((p) => p.assetId === a.id).map((p) => ({ role: p.role, name: nameOf(p) })),
      people: parties
        .filter((p) => p.assetId === a.id)
        .map((p) => ({ name: nameOf(p), full: vault.open(p.nameSealed, "party.name") })),
    }));
  }

  async function factsOf(
    tx: Db,
    listing: Listing,
    sale: Sale,
    publishedAt: Date,
    claims: readonly NoticeClaim[],
  ): Promise<NoticeFacts> {
    const { seller, buyer } = await partiesOf(tx, listing, sale);
    return {
      number: `DN-${dayOf(publishedAt).replaceAll("-", "")}-${listing.id.slice(0, 8).toUpperCase()}`,
      publishedOn: dayOf(publishedAt),
      seller,
      buyer,
      currency: sale.currency,
      claims,
    };
  }

  const mayServe = (principal: Principal, listing: Listing) =>
    principal.kind === "user" &&
    (activeRoles(principal).has("operator") || activeRoles(principal, listing.sellerOrgId).has("seller_admin"));

  return {
    /** What the principal may do about the notice: publish it now, open the letters once it is published. */
    async standing(principal: Principal, listingId: string) {
      return db.transaction(async (tx) => {
        const { listing } = await openSale(tx, principal, listingId);
        const serves =
          principal.kind === "user" &&
          (activeRoles(principal, listing.sellerOrgId).size > 0 || activeRoles(principal).has("operator"));
        return {
          canPublish:
            mayServe(principal, listing) &&
            (listing.status === "paid" || listing.status === "closed") &&
            (await lotAssets(tx, listing)).some((a) => a.kind === "claim"),
          canOpenLetters: serves,
        };
      });
    },

    /** The seller's admin or an operator publishes the notice of a paid sale, once; its date is recorded. */
    async publish(principal: Principal, listingId: string) {
      return db.transaction(async (tx) => {
        const { listing, sale } = await openSale(tx, principal, listingId);
        if (principal.kind !== "user" || !mayServe(principal, listing)) {
          throw new AppError("FORBIDDEN", "Only the seller's admin or an operator publishes the notice to the debtors.");
        }
        if (listing.status !== "paid" && listing.status !== "closed") {
          throw new AppError("INVALID_TRANSITION", "The debtors are notified once the price is paid.", {
            status: listing.status,
          });
        }
        const [existing] = await tx.select().from(debtorNotices).where(eq(debtorNotices.listingId, listing.id));
        if (existing) throw new AppError("ALREADY_DECIDED", "The notice to the debtors is already published.");
        const now = clock.now();
        const claims = await claimsOf(tx, listing, false);
        if (claims.length === 0) throw new AppError("NO_CLAIMS", "The lot holds no claim: there are no debtors to notify.");
        const facts = await factsOf(tx, listing, sale, now, claims);
        const text = debtorNoticeText(facts);
        const sha256 = createHash("sha256").update(text, "utf8").digest("hex");
        await tx.insert(debtorNotices).values({
          listingId: listing.id,
          saleId: sale.id,
          number: facts.number,
          text,
          sha256,
          publishedAt: now,
          publishedBy: principal.userId,
        });
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.debtor_notice_published",
          entityType: "listing",
          entityId: listing.id,
          after: { number: facts.number, sha256, claims: claims.length },
        });
        await notifications.notify(tx, {
          userIds: await buyerPeopleOf(tx, sale.registrationId),
          kind: "debtor_notice_published",
          listingId: listing.id,
          params: { number: facts.number },
        });
        return { number: facts.number, publishedAt: now };
      });
    },

    /** The published notice as anyone reads it, or null while there is none. Nothing sealed is opened. */
    async published(listingId: string) {
      if (!isUuid(listingId)) return null;
      const [row] = await db
        .select({ notice: debtorNotices, title: listings.title })
        .from(debtorNotices)
        .innerJoin(listings, eq(listings.id, debtorNotices.listingId))
        .where(eq(debtorNotices.listingId, listingId));
      return row ? { ...row.notice, listingTitle: row.title } : null;
    },

    async publishedPdf(listingId: string) {
      const notice = await this.published(listingId);
      if (!notice) return null;
      const [zh, en, ...lines] = notice.text.split("\n");
      const bytes = await renderPdf({
        title: [zh!, en!],
        lines,
        footer: `nplex · ${notice.number} · SHA-256 ${notice.sha256.slice(0, 16)}…`,
        info: { title: `债权转让通知暨催收公告 Notice of Assignment ${notice.number}` },
        createdAt: notice.publishedAt,
      });
      return { bytes, fileName: `${notice.number}.pdf` };
    },

    /**
     * The letters to serve, one per debtor (borrower or guarantor) with its claims, names in full:
     * for the seller's people and operators, each opening audited.
     */
    async letters(principal: Principal, listingId: string) {
      return db.transaction(async (tx) => {
        const { listing, sale } = await openSale(tx, principal, listingId);
        const seller = principal.kind === "user" && activeRoles(principal, listing.sellerOrgId).size > 0;
        if (principal.kind !== "user" || !(seller || activeRoles(principal).has("operator"))) {
          throw new AppError("FORBIDDEN", "Only the seller's people and operators open the letters to the debtors.");
        }
        const [notice] = await tx.select().from(debtorNotices).where(eq(debtorNotices.listingId, listing.id));
        if (!notice) throw new AppError("INVALID_TRANSITION", "Publish the notice first: the letters carry its number and date.");
        const claims = await claimsOf(tx, listing, true);
        const facts = await factsOf(tx, listing, sale, notice.publishedAt, claims);
        facts.number = notice.number;
        const debtors = new Map<string, NoticeClaim[]>();
        for (const claim of claims) for (const p of claim.people) debtors.set(p.full, [...(debtors.get(p.full) ?? []), claim]);
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.debtor_letters_revealed",
          entityType: "listing",
          entityId: listing.id,
          after: { debtors: debtors.size },
        });
        return {
          number: notice.number,
          letters: [...debtors].map(([name, owed]) => debtorLetterText(facts, { name, claims: owed })),
        };
      });
    },

    /** The letters as one PDF, a page (or more) per debtor. */
    async lettersPdf(principal: Principal, listingId: string) {
      const { letters, number } = await this.letters(principal, listingId);
      const [first, ...rest] = letters.length ? letters : [""];
      const [zh, en, ...lines] = first!.split("\n");
      const bytes = await renderPdf({
        title: [zh ?? "", en ?? ""],
        lines: [...lines, ...rest.flatMap((letter) => ["\f", ...letter.split("\n")])],
        footer: `nplex · ${number}`,
        info: { title: `债权转让通知书 Notices of Assignment ${number}` },
        createdAt: clock.now(),
      });
      return { bytes, fileName: `${number}-letters.pdf` };
    },
  };
}

export type DebtorNoticeService = ReturnType<typeof createDebtorNoticeService>;
