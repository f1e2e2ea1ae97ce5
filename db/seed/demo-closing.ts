import { eq } from "drizzle-orm";
import type { UserPrincipal } from "../../core/identity/access";
import type { Services } from "../../server/services";
import { sales } from "../schema";
import type { Moment } from "./demo-timeline";

const DAY = 86_400_000;

/** The demo's hands for the closing: who signs for each side and under what name. */
export interface Signer {
  user: UserPrincipal;
  name: string;
}

/**
 * What happens after a demo auction's hammer, as moments of the past: the sale opened, the
 * agreement signed by both sides, the balance recorded by the operator, the notice to the debtors
 * published, the files handed over. `upTo` says how far the listing gets: `contracted`, `paid` or
 * `closed`.
 */
export function closingMoments(
  services: Services,
  {
    listingId,
    closedAt,
    seller,
    buyer,
    operator,
    upTo,
  }: {
    listingId: string;
    closedAt: Date;
    seller: Signer;
    buyer: Signer;
    operator: UserPrincipal;
    upTo: "contracted" | "paid" | "closed";
  },
): Moment[] {
  const after = (days: number, run: () => Promise<void>): Moment => ({ at: new Date(closedAt.getTime() + days * DAY), run });
  const saleOf = async () => (await services.db.select().from(sales).where(eq(sales.listingId, listingId)))[0]!;
  const moments = [
    after(0.1, async () => {
      await services.deposits.releaseDue(500);
      await services.sales.openDue(500);
    }),
    after(1.2, async () => {
      const { sha256 } = await services.agreements.view(seller.user, listingId);
      await services.agreements.sign(seller.user, listingId, { name: seller.name, sha256 }, "127.0.0.1");
    }),
    after(1.8, async () => {
      const { sha256 } = await services.agreements.view(buyer.user, listingId);
      await services.agreements.sign(buyer.user, listingId, { name: buyer.name, sha256 }, "127.0.0.1");
    }),
  ];
  if (upTo === "contracted") return moments;
  moments.push(
    after(4, async () => {
      const sale = await saleOf();
      await services.sales.recordBalance(operator, sale.id, {
        amount: (sale.balanceDue - sale.balanceReceived).toString(),
        bankReference: `CMB-DEMO-${listingId.slice(0, 8).toUpperCase()}`,
      });
    }),
  );
  if (upTo === "paid") return moments;
  moments.push(
    after(5, async () => {
      await services.debtorNotices.publish(seller.user, listingId);
    }),
    after(6, async () => {
      const { items } = await services.handover.checklist(seller.user, listingId);
      for (const item of items) await services.handover.deliver(seller.user, listingId, item.id);
    }),
    after(7, async () => {
      const { items } = await services.handover.checklist(buyer.user, listingId);
      for (const item of items) await services.handover.confirm(buyer.user, listingId, item.id);
    }),
  );
  return moments;
}

/** What listDemo lends the closing demo: its way of listing, registering the investors and bidding. */
interface Lister {
  list: (plan: {
    seller: "bank" | "amc";
    lot: { assetId: string };
    title: string;
    titleZh: string;
    summary: string;
    summaryZh: string;
    start: number;
    increment: number;
    publishedAgo: number;
    startsIn: number;
    endsIn: number;
  }) => Promise<string>;
  registerAll: (listingId: string) => Promise<void>;
  /** Investor 0 is Harbour, 1 Jade River, 2 Li Ming. */
  bid: (listingId: string, investor: number, amount: number, offset: number) => void;
  endOf: (listingId: string) => Promise<Date>;
  moments: Moment[];
}

/**
 * Three claims sold in the last weeks, one at each step after the agreement: a secured claim the
 * AMC sold to Harbour, signed by both (contracted); an unsecured one the bank sold to Jade River,
 * paid; a guaranteed one the bank sold to Li Ming, its debtors notified and its files handed over
 * (closed).
 */
export async function listSold(
  services: Services,
  lister: Lister,
  lots: { garments: string; plastics: string; textileMachinery: string },
  people: { bank: Signer; amc: Signer; harbour: Signer; jade: Signer; liMing: Signer; operator: UserPrincipal },
) {
  const { list, registerAll, bid, endOf, moments } = lister;
  const closed = await list({
    seller: "bank",
    lot: { assetId: lots.garments },
    title: "Guaranteed claim on a Hangzhou garment exporter",
    titleZh: "杭州某服装进出口企业保证债权",
    summary: "Judgment obtained against the borrower and its founder-guarantor.",
    summaryZh: "已取得对借款人及其创始人保证人的胜诉判决。",
    start: 1_100_000,
    increment: 10_000,
    publishedAgo: 40 * DAY,
    startsIn: -16 * DAY,
    endsIn: -15 * DAY,
  });
  const paid = await list({
    seller: "bank",
    lot: { assetId: lots.plastics },
    title: "Unsecured claim on a Ningbo plastics maker",
    titleZh: "宁波某塑料制品企业信用债权",
    summary: "Unsecured; the founder's personal guarantee is the main source of recovery.",
    summaryZh: "信用债权；主要回收来源为创始人个人保证。",
    start: 260_000,
    increment: 5_000,
    publishedAgo: 32 * DAY,
    startsIn: -9 * DAY,
    endsIn: -8 * DAY,
  });
  const contracted = await list({
    seller: "amc",
    lot: { assetId: lots.textileMachinery },
    title: "Secured claim on a Wuxi textile-machinery maker",
    titleZh: "无锡某纺织机械企业抵押债权",
    summary: "Secured on the maker's workshop; enforcement under way.",
    summaryZh: "以企业厂房抵押；正在执行中。",
    start: 1_600_000,
    increment: 10_000,
    publishedAgo: 28 * DAY,
    startsIn: -5 * DAY,
    endsIn: -4 * DAY,
  });
  for (const id of [closed, paid, contracted]) await registerAll(id);
  bid(closed, 2, 1_100_000, -15.6 * DAY);
  bid(closed, 1, 1_150_000, -15.4 * DAY);
  bid(closed, 2, 1_200_000, -15.2 * DAY);
  bid(paid, 0, 260_000, -8.5 * DAY);
  bid(paid, 1, 280_000, -8.3 * DAY);
  bid(contracted, 2, 1_600_000, -4.6 * DAY);
  bid(contracted, 0, 1_650_000, -4.4 * DAY);
  const { bank, amc, harbour, jade, liMing, operator } = people;
  moments.push(
    ...closingMoments(services, {
      listingId: closed,
      closedAt: await endOf(closed),
      seller: bank,
      buyer: liMing,
      operator,
      upTo: "closed",
    }),
    ...closingMoments(services, {
      listingId: paid,
      closedAt: await endOf(paid),
      seller: bank,
      buyer: jade,
      operator,
      upTo: "paid",
    }),
    ...closingMoments(services, {
      listingId: contracted,
      closedAt: await endOf(contracted),
      seller: amc,
      buyer: harbour,
      operator,
      upTo: "contracted",
    }),
  );
}
