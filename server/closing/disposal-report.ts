import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { bids, listings, registrations, type Listing } from "../../db/schema/index";
import { soldStatuses } from "../../core/enums";
import { activeRoles, organisationsWith, type Principal } from "../../core/identity/access";
import { disposalRatios, formatBp, overallRecoveryBp } from "../../core/disposal-report";
import { formatMoney } from "../../core/money";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import { listingNotFound, lotAssets, valuationOf } from "../listings/facts";
import type { WorkspaceService } from "../listings/read-models/workspace";
import type { Clock } from "../clock";
import { renderPdf } from "./pdf";
import { dayOf } from "./sale-facts";

const reported = [...soldStatuses, "failed"] as const;
const sellerRoles = ["seller_admin", "seller_staff", "approver", "valuer"] as const;

/**
 * The disposal report (处置说明, docs/domain.md "Closing") of a sold or failed listing, for the
 * seller's people and operators: the price against what the debtors owed, the valuation and the
 * start; the bidders, bids and extensions; the timeline. And a seller's recovery across its sales.
 */
export function createDisposalReportService(deps: { db: Db; clock: Clock; workspace: WorkspaceService }) {
  const { db, clock, workspace } = deps;

  async function figuresOf(tx: Db, listing: Listing) {
    const lots = await lotAssets(tx, listing);
    const claims = lots.filter((a) => a.kind === "claim");
    const principal = claims.reduce((s, a) => s + (a.principal ?? 0n), 0n);
    const interest = claims.reduce((s, a) => s + (a.accruedInterest ?? 0n) + (a.penaltyInterest ?? 0n), 0n);
    const valuation = valuationOf(lots);
    const price = listing.status === "failed" ? null : listing.hammerPrice;
    return {
      principal,
      interest,
      valuation,
      price,
      start: listing.startingPrice,
      assets: lots.length,
      ...disposalRatios({ price, principal, interest, valuation, start: listing.startingPrice }),
    };
  }

  function mayRead(principal: Principal, listing: Listing) {
    if (principal.kind !== "user") return false;
    const roles = activeRoles(principal, listing.sellerOrgId);
    return activeRoles(principal).has("operator") || sellerRoles.some((r) => roles.has(r));
  }

  async function report(principal: Principal, listingId: string) {
    if (!isUuid(listingId)) throw listingNotFound();
    const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
    if (!listing || !mayRead(principal, listing)) throw listingNotFound();
    if (!(reported as readonly string[]).includes(listing.status)) {
      throw new AppError("INVALID_TRANSITION", "A listing is reported on once it is sold or has failed.", {
        status: listing.status,
      });
    }
    const [figures, [bidders], bidRows, timeline] = await Promise.all([
      figuresOf(db, listing),
      db
        .select({ n: count() })
        .from(registrations)
        .where(and(eq(registrations.listingId, listing.id), eq(registrations.status, "approved"))),
      db
        .select({ seq: bids.seq, amount: bids.amount, placedAt: bids.placedAt, bidderCode: registrations.bidderCode })
        .from(bids)
        .innerJoin(registrations, eq(registrations.id, bids.registrationId))
        .where(eq(bids.listingId, listing.id))
        .orderBy(asc(bids.seq)),
      workspace.timeline(listing.id, activeRoles(principal).has("operator") ? "operator" : "seller"),
    ]);
    return {
      listing: {
        id: listing.id,
        title: listing.title,
        titleEn: listing.titleEn,
        titleZh: listing.titleZh,
        mode: listing.mode,
        status: listing.status,
        currency: listing.currency,
        startsAt: listing.startsAt,
        endsAt: listing.endsAt,
        closedAt: listing.closedAt,
        extensions: listing.extensionCount,
      },
      figures,
      bidders: bidders?.n ?? 0,
      bids: bidRows,
      timeline,
    };
  }

  return {
    report,

    /** The report as CSV rows: the figures, then every bid. */
    async csv(principal: Principal, listingId: string) {
      const r = await report(principal, listingId);
      const m = (v: bigint | null) => (v === null ? "" : formatMoney(v, r.listing.currency, "en").replace(/[^\d.-]/g, ""));
      const rows: string[][] = [
        ["figure", "value"],
        ["listing", r.listing.title],
        ["status", r.listing.status],
        ["currency", r.listing.currency],
        ["price", m(r.figures.price)],
        ["principal", m(r.figures.principal)],
        ["interest", m(r.figures.interest)],
        ["owed", m(r.figures.owed)],
        ["valuation", m(r.figures.valuation)],
        ["starting_price", m(r.figures.start)],
        ["recovery_rate", formatBp(r.figures.recoveryBp, "en")],
        ["price_of_valuation", formatBp(r.figures.ofValuationBp, "en")],
        ["price_of_start", formatBp(r.figures.ofStartBp, "en")],
        ["bidders", String(r.bidders)],
        ["bids", String(r.bids.length)],
        ["extensions", String(r.listing.extensions)],
        [],
        ["bid", "bidder", "amount", "placed_at"],
        ...r.bids.map((b) => [String(b.seq), b.bidderCode ?? "", m(b.amount), b.placedAt.toISOString()]),
      ];
      return { rows, fileName: `disposal-report-${r.listing.id.slice(0, 8)}.csv` };
    },

    /** The report as PDF, Chinese and English line by line. */
    async pdf(principal: Principal, listingId: string) {
      const r = await report(principal, listingId);
      const en = (v: bigint | null) => (v === null ? "—" : formatMoney(v, r.listing.currency, "en"));
      const f = r.figures;
      const lines = [
        `标的 Lot: ${r.listing.titleZh ?? r.listing.title} / ${r.listing.titleEn ?? r.listing.title}`,
        `状态 Status: ${r.listing.status} · 成交日 Closed: ${r.listing.closedAt ? dayOf(r.listing.closedAt) : "—"}`,
        "",
        `成交价 Price: ${en(f.price)}`,
        `本金 Principal: ${en(f.principal)} · 利息 Interest: ${en(f.interest)} · 合计 Owed: ${en(f.owed)}`,
        `评估值 Valuation: ${en(f.valuation)} · 起拍价 Starting price: ${en(f.start)}`,
        `回收率 Recovery rate (price / principal and interest): ${formatBp(f.recoveryBp, "en")}`,
        `成交价/评估值 Price of valuation: ${formatBp(f.ofValuationBp, "en")} · 成交价/起拍价 Price of start: ${formatBp(f.ofStartBp, "en")}`,
        "",
        `竞买人 Bidders: ${r.bidders} · 出价 Bids: ${r.bids.length} · 延时 Extensions: ${r.listing.extensions}`,
        "",
        "出价记录 Bids",
        ...r.bids.map((b) => `#${b.seq} | ${b.bidderCode ?? "—"} | ${en(b.amount)} | ${b.placedAt.toISOString().slice(0, 19)}Z`),
        "",
        "过程 Timeline",
        ...r.timeline.map((t) => `${t.at.slice(0, 19)}Z | ${t.action} | ${t.status ?? ""}`),
      ];
      const bytes = await renderPdf({
        title: ["处置说明", "Disposal Report"],
        lines,
        footer: `nplex · ${r.listing.id.slice(0, 8)} · ${dayOf(clock.now())}`,
        info: { title: `处置说明 Disposal Report ${r.listing.title}` },
        createdAt: clock.now(),
      });
      return { bytes, fileName: `disposal-report-${r.listing.id.slice(0, 8)}.pdf` };
    },

    /** A seller's sales and failures, newest first, each with its recovery, and the recovery across them. */
    async recovery(principal: Principal) {
      const orgs = organisationsWith(principal, [...sellerRoles]);
      if (principal.kind !== "user" || orgs.length === 0)
        throw new AppError("FORBIDDEN", "Only a seller's people see its recovery.");
      const rows = await db
        .select()
        .from(listings)
        .where(and(inArray(listings.sellerOrgId, orgs), inArray(listings.status, [...reported])))
        .orderBy(desc(listings.closedAt))
        .limit(500);
      const items = await Promise.all(
        rows.map(async (listing) => {
          const f = await figuresOf(db, listing);
          return {
            id: listing.id,
            title: listing.title,
            titleEn: listing.titleEn,
            titleZh: listing.titleZh,
            status: listing.status,
            currency: listing.currency,
            closedAt: listing.closedAt,
            price: f.price,
            owed: f.owed,
            valuation: f.valuation,
            recoveryBp: f.recoveryBp,
            ofValuationBp: f.ofValuationBp,
          };
        }),
      );
      // Amounts in different currencies are not added up: one overall rate per currency.
      const currencies = [...new Set(items.map((i) => i.currency))];
      return {
        items,
        overall: currencies.map((currency) => ({
          currency,
          recoveryBp: overallRecoveryBp(items.filter((i) => i.currency === currency)),
        })),
      };
    },
  };
}

export type DisposalReportService = ReturnType<typeof createDisposalReportService>;
