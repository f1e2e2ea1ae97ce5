import { and, eq } from "drizzle-orm";
import type { UserPrincipal } from "../../core/identity/access";
import type { Services } from "../../server/services";
import { listings } from "../schema";
import { buildDemoBook, coverPhoto } from "./demo-book";
import { makeRegistration } from "./factories";
import { liveThrough, throughReview, timesOf, type Moment, type Reviewers, type SeedClock } from "./demo-timeline";
import { listSold } from "./demo-closing";

/** Money in the demo is written in yuan and stored in fen (minor units). */
const yuan = (amount: number) => BigInt(Math.round(amount)) * 100n;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Org {
  id: string;
}
interface Investor {
  org: Org;
  user: UserPrincipal;
}

/** What a caller may change in the demo's listings. */
export interface DemoOptions {
  /**
   * How long after seeding the demo's ending auction (the Hangzhou textile claim) closes: 42
   * minutes by default, so a visitor sees it close; the end-to-end tests give it longer, to close it
   * themselves by moving the server's clock.
   */
  endingAuctionInMs?: number;
}

export interface DemoCast {
  bank: { id: string; people: Reviewers };
  amc: { id: string; people: Reviewers };
  harbour: Investor;
  jade: Investor;
  liMing: Investor;
}

export interface DemoLots {
  textile: string;
  steel: string;
  portfolio: string;
  shenzhenFlat: string;
  equity: string;
  logistics: string;
  excavators: string;
  villa: string;
  productionLines: string;
  autoParts: string;
  dyeing: string;
  restaurant: string;
  warehouse: string;
  garments: string;
  plastics: string;
  textileMachinery: string;
}

interface Plan {
  seller: "bank" | "amc";
  lot: { assetId: string } | { packageId: string };
  title: string;
  titleZh: string;
  summary: string;
  summaryZh: string;
  mode?: "auction" | "tender" | "designated" | "negotiated";
  start: number;
  increment: number;
  reserve?: number;
  /** Relative to the present: when the announcement is published, bidding starts and ends. */
  publishedAgo: number | null;
  startsIn: number;
  endsIn: number;
  extra?: Record<string, unknown>;
}

/** A listing's terms as its seller types them: a deposit of 10% of the start. */
function termsOf(plan: Plan, present: number) {
  return {
    ...plan.lot,
    title: plan.title,
    titleZh: plan.titleZh,
    summary: plan.summary,
    summaryZh: plan.summaryZh,
    mode: plan.mode ?? "auction",
    startingPrice: yuan(plan.start).toString(),
    reservePrice: plan.reserve ? yuan(plan.reserve).toString() : null,
    increment: yuan(plan.increment).toString(),
    deposit: yuan(plan.start / 10).toString(),
    startsAt: new Date(present + plan.startsIn).toISOString(),
    endsAt: new Date(present + plan.endsIn).toISOString(),
    ...plan.extra,
  };
}

/**
 * The demo's listings, each with the history a real one has: reviewed and announced in the past,
 * opened and closed by the system, bid on by the demo investors; one of each sale mode, a lot that
 * failed twice and is now offered at a fixed price, and a draft.
 */
export async function listDemo(services: Services, clock: SeedClock, cast: DemoCast, lots: DemoLots, options: DemoOptions = {}) {
  const present = clock.now().getTime();
  const at = (offset: number) => new Date(present + offset);
  const investors = [cast.harbour, cast.jade, cast.liMing];
  const moments: Moment[] = [];

  const list = async (plan: Plan, beforeSubmit?: (id: string) => Promise<void>) => {
    const seller = cast[plan.seller];
    const id = await throughReview(services, clock, seller.people, termsOf(plan, present), {
      publishAt: plan.publishedAgo === null ? null : at(-plan.publishedAgo),
      beforeSubmit,
    });
    if (plan.publishedAgo !== null) {
      const { startsAt, endsAt } = await timesOf(services, id);
      moments.push({ at: startsAt }, { at: new Date(endsAt.getTime() + 1000) });
    }
    return id;
  };

  /** Every demo investor registered (deposit shown, NDA accepted) on a listing open to bidders. */
  const codes = new Map<string, string[]>();
  let next = 0;
  const registerAll = async (listingId: string) => {
    const ids: string[] = [];
    for (const [ii, investor] of investors.entries()) {
      const registration = await makeRegistration(services, {
        listingId,
        organisationId: investor.org.id,
        userId: investor.user.userId,
        bidderCode: String(1000 + ((next * 37 + ii * 211 + 17) % 9000)),
      });
      ids.push(registration.id);
    }
    next += 1;
    codes.set(listingId, ids);
  };
  const bid = (listingId: string, investor: number, amount: number, offset: number) =>
    moments.push({
      at: at(offset),
      run: async () => {
        await services.auction.placeBid(investors[investor]!.user, listingId, {
          amount: yuan(amount).toString(),
          idempotencyKey: `demo-${listingId.slice(0, 8)}-${Math.round(-offset / 1000)}`,
        });
      },
    });

  // The bank's 200-loan book, built from its tape as a seller would, and the photos of three lots.
  const book = await buildDemoBook(services, clock, cast.bank.people.author, at(-50 * DAY));
  await coverPhoto(services, cast.bank.people.author, lots.textile, "The mortgaged factory in Xiaoshan", "factory");
  await coverPhoto(services, cast.amc.people.author, lots.shenzhenFlat, "The tower in Futian", "office");
  await coverPhoto(services, cast.amc.people.author, lots.villa, "The villa from the garden", "villa");
  const { totals } = await services.packages.stratification(cast.bank.people.author, book.packageId);
  // Bad books sell at a fraction of their principal: here a fifth, in round ten thousands of yuan.
  const bookStart = Math.max(10_000, Math.round(Number(BigInt(totals.principal) / 100n) / 5 / 10_000) * 10_000);
  const bookListing = await list({
    seller: "bank",
    lot: { packageId: book.packageId },
    title: "Eastern Commercial Bank 2026 Q4 SME and retail portfolio (200 loans)",
    titleZh: "华东商业银行 2026 年第四季度小微及零售不良贷款包（200 户）",
    summary:
      "200 loans across eight provinces, every classification and security type; loan tape and loan files in the data room under NDA.",
    summaryZh: "200 户贷款，分布于八个省市，涵盖各五级分类及担保方式；贷款明细及档案在资料室，签署保密协议后查阅。",
    start: bookStart,
    increment: Math.max(1_000, Math.round(bookStart / 200 / 1_000) * 1_000),
    publishedAgo: 34 * DAY,
    startsIn: -DAY,
    endsIn: 3 * DAY,
    extra: {
      valuationExceptionReason:
        "Sold as a portfolio at the price investors pay for such books; the credit committee accepted the discount.",
    },
  });

  const textile = await list({
    seller: "bank",
    lot: { assetId: lots.textile },
    title: "Secured claim on a Hangzhou textile manufacturer",
    titleZh: "杭州某纺织企业抵押债权",
    summary: "First-mortgage claim with judgment; collateral appraised at ¥9.6M.",
    summaryZh: "第一顺位抵押债权，已取得胜诉判决；抵押物评估价 960 万元。",
    start: 6_800_000,
    reserve: 7_400_000,
    increment: 50_000,
    publishedAgo: 40 * DAY,
    startsIn: -24 * HOUR,
    endsIn: options.endingAuctionInMs ?? 42 * MIN,
  });
  const steel = await list({
    seller: "amc",
    lot: { assetId: lots.steel },
    title: "Secured claim on a Foshan steel-structure contractor",
    titleZh: "佛山某钢结构工程公司抵押债权",
    summary: "Large secured claim in enforcement; two land-use rights in Shunde.",
    summaryZh: "大额抵押债权，已进入执行程序；抵押物含顺德两宗土地使用权。",
    start: 19_500_000,
    increment: 100_000,
    publishedAgo: 42 * DAY,
    startsIn: -2 * DAY,
    endsIn: 23 * HOUR,
  });
  const portfolio = await list({
    seller: "bank",
    lot: { packageId: lots.portfolio },
    title: "Eastern Commercial Bank Q4 2026 SME portfolio (4 claims)",
    titleZh: "华东商业银行 2026 年第四季度小微企业不良贷款包（4 户）",
    summary: "Four SME claims sold together; data tape available to registered bidders.",
    summaryZh: "四户小微企业债权打包转让；报名竞买人可在资料室查阅贷款明细。",
    start: 5_100_000,
    increment: 25_000,
    publishedAgo: 38 * DAY,
    startsIn: -5 * HOUR,
    endsIn: DAY + 4 * HOUR,
    extra: {
      valuationExceptionReason:
        "Two of the four borrowers have ceased trading since the valuation; the credit committee accepted the discount.",
    },
  });
  await list({
    seller: "amc",
    lot: { assetId: lots.shenzhenFlat },
    title: "Foreclosed office floor, Futian CBD, Shenzhen",
    titleZh: "深圳福田中心区以物抵债写字楼整层",
    summary: "Vacant office floor with clear title; 20 working days' announcement.",
    summaryZh: "空置写字楼整层，权属清晰；公告期 20 个工作日。",
    start: 43_260_000,
    reserve: 46_000_000,
    increment: 200_000,
    publishedAgo: 2 * DAY,
    startsIn: 40 * DAY,
    endsIn: 41 * DAY,
  });
  await list({
    seller: "amc",
    lot: { assetId: lots.equity },
    title: "35% equity in a Zhuhai marine-technology company",
    titleZh: "珠海某海洋科技公司 35% 股权",
    summary: "Minority stake from a debt-to-equity swap; shareholder agreement in the data room.",
    summaryZh: "债转股取得的少数股权；股东协议见资料室。",
    start: 9_940_000,
    increment: 50_000,
    publishedAgo: DAY,
    startsIn: 30 * DAY,
    endsIn: 31 * DAY,
  });
  const logistics = await list({
    seller: "bank",
    lot: { assetId: lots.logistics },
    title: "Guaranteed claim on a Ningbo logistics company",
    titleZh: "宁波某物流公司保证债权",
    summary: "Guaranteed claim in litigation.",
    summaryZh: "保证担保债权，诉讼中。",
    start: 2_400_000,
    increment: 10_000,
    publishedAgo: 36 * DAY,
    startsIn: -3 * HOUR,
    endsIn: 2 * DAY,
  });
  const excavators = await list({
    seller: "bank",
    lot: { assetId: lots.excavators },
    title: "Six excavators and two cranes, Suzhou depot",
    titleZh: "苏州堆场六台挖掘机及两台起重机",
    summary: "Repossessed construction machinery.",
    summaryZh: "收回的工程机械设备。",
    start: 2_190_000,
    increment: 10_000,
    publishedAgo: 35 * DAY,
    startsIn: -3 * DAY,
    endsIn: -2 * DAY,
  });
  const tender = await list({
    seller: "amc",
    lot: { assetId: lots.productionLines },
    title: "Sealed tender: production lines of a Dongguan electronics maker",
    titleZh: "密封竞价：东莞某电子企业生产线",
    summary: "Sealed bids, opened together at the deadline; the highest bid at or above the start wins.",
    summaryZh: "密封报价，截止时统一开标；不低于起始价的最高报价者中标。",
    mode: "tender",
    start: 3_500_000,
    increment: 10_000,
    publishedAgo: 37 * DAY,
    startsIn: -DAY,
    endsIn: 3 * DAY,
  });
  // A designated purchase: Jade River committed to buy at the start if nobody else bids.
  await list(
    {
      seller: "amc",
      lot: { assetId: lots.autoParts },
      title: "Designated purchase: secured claim on a Changzhou auto-parts maker",
      titleZh: "指定收购：常州某汽车零部件企业抵押债权",
      summary: "An investor has committed to the starting price; open to every qualified bidder during the announcement.",
      summaryZh: "已有投资人承诺以起拍价受让；公告期内所有合格竞买人均可参与。",
      mode: "designated",
      start: 4_070_000,
      increment: 20_000,
      publishedAgo: 2 * DAY,
      startsIn: 30 * DAY,
      endsIn: 31 * DAY,
      extra: { designatedOrgId: cast.jade.org.id },
    },
    async (id) => {
      const commitment = await makeRegistration(services, {
        listingId: id,
        organisationId: cast.jade.org.id,
        userId: cast.jade.user.userId,
        bidderCode: "5150",
      });
      await services.db
        .update(listings)
        .set({ designatedRegistrationId: commitment.id, designatedFloor: yuan(4_070_000) })
        .where(eq(listings.id, id));
    },
  );
  // A negotiated transfer with Harbour, the holder of the only other pledge: the bank's offer stands.
  const negotiated = await list({
    seller: "bank",
    lot: { assetId: lots.dyeing },
    title: "Negotiated transfer: secured claim on a Shaoxing dyeing works",
    titleZh: "协议转让：绍兴某印染企业抵押债权",
    summary: "Negotiated with one counterparty, approved at the bank's top tier; the agreed price is published.",
    summaryZh: "与特定受让方协商转让，经银行最高审批层级批准；成交价将予公布。",
    mode: "negotiated",
    start: 2_750_000,
    increment: 10_000,
    publishedAgo: 40 * DAY,
    startsIn: -2 * DAY,
    endsIn: 12 * DAY,
    extra: {
      counterpartyOrgId: cast.harbour.org.id,
      negotiationJustification: "Harbour holds the first-ranking pledge over the works; an open sale would not clear it.",
    },
  });
  // Failed for want of bidders ten days ago: the AMC may still put it up again.
  await list({
    seller: "amc",
    lot: { assetId: lots.warehouse },
    title: "Cold-storage warehouse in Shunde, Foshan (foreclosed)",
    titleZh: "佛山顺德以物抵债冷库",
    summary: "Vacant cold store with its land-use right; no bids in its first round.",
    summaryZh: "空置冷库及其土地使用权；首轮无人出价。",
    start: 3_640_000,
    increment: 10_000,
    publishedAgo: 45 * DAY,
    startsIn: -11 * DAY,
    endsIn: -10 * DAY,
  });
  // Kept private: a draft the bank is still preparing.
  await list({
    seller: "bank",
    lot: { assetId: lots.restaurant },
    title: "Unsecured claim on a Wenzhou restaurant chain",
    titleZh: "温州某餐饮连锁企业信用债权",
    summary: "Draft.",
    summaryZh: "",
    start: 175_000,
    increment: 1_000,
    publishedAgo: null,
    startsIn: 40 * DAY,
    endsIn: 41 * DAY,
  });

  for (const id of [textile, steel, portfolio, logistics, excavators, tender, bookListing]) await registerAll(id);
  await makeRegistration(services, {
    listingId: negotiated,
    organisationId: cast.harbour.org.id,
    userId: cast.harbour.user.userId,
    bidderCode: "6620",
  });
  moments.push({
    at: at(-6 * HOUR),
    run: async () => {
      await services.negotiation.offer(cast.bank.people.author, negotiated, {
        amount: yuan(2_980_000).toString(),
        expiresAt: at(2 * DAY).toISOString(),
      });
    },
  });

  bid(textile, 0, 6_800_000, -20 * HOUR);
  bid(textile, 1, 6_900_000, -9 * HOUR);
  bid(textile, 0, 7_050_000, -3 * HOUR);
  bid(textile, 2, 7_100_000, -50 * MIN);
  bid(steel, 1, 19_500_000, -30 * HOUR);
  bid(steel, 0, 19_800_000, -6 * HOUR);
  bid(excavators, 2, 2_190_000, -2.5 * DAY);
  bid(excavators, 0, 2_260_000, -2.2 * DAY);

  const signer = (user: UserPrincipal, name: string) => ({ user, name });
  await listSold(
    services,
    { list, registerAll, bid, moments, endOf: async (id) => new Date((await timesOf(services, id)).endsAt.getTime() + 1000) },
    lots,
    {
      bank: signer(cast.bank.people.author, "Chen Jing"),
      amc: signer(cast.amc.people.author, "Zhou Min"),
      harbour: signer(cast.harbour.user, "Hannah Lau"),
      jade: signer(cast.jade.user, "Jiang Tao"),
      liMing: signer(cast.liMing.user, "Li Ming"),
      operator: cast.bank.people.operator,
    },
  );

  await villaRounds(services, clock, cast, lots, present, moments);
  await liveThrough(services, clock, moments);
  // The fixed-price sale is open to every demo investor too.
  const [offer] = await services.db
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.assetId, lots.villa), eq(listings.mode, "fixed_price")));
  await registerAll(offer!.id);
}

/**
 * The villa: two auctions that found no bidder, and now the fixed-price sale (变卖) at the second
 * round's start, offered for 60 days from that round's close.
 */
async function villaRounds(
  services: Services,
  clock: SeedClock,
  cast: DemoCast,
  lots: DemoLots,
  present: number,
  moments: Moment[],
) {
  const first = await throughReview(
    services,
    clock,
    cast.amc.people,
    termsOf(
      {
        seller: "amc",
        lot: { assetId: lots.villa },
        title: "Villa in Panyu, Guangzhou (foreclosed)",
        titleZh: "广州番禺以物抵债独栋别墅",
        summary: "Occupied villa, 386 m² with garden; sold with its tenancy.",
        summaryZh: "独栋别墅，建筑面积 386 平方米，带花园；现有租户，带租约转让。",
        start: 8_270_000,
        increment: 20_000,
        publishedAgo: 80 * DAY,
        startsIn: -48 * DAY,
        endsIn: -47 * DAY,
      },
      present,
    ),
    { publishAt: new Date(present - 80 * DAY) },
  );
  const firstTimes = await timesOf(services, first);
  moments.push({ at: firstTimes.startsAt }, { at: new Date(firstTimes.endsAt.getTime() + 1000) });
  // Five days after the first round failed, the AMC puts it up 20% lower.
  const secondAt = new Date(firstTimes.endsAt.getTime() + 5 * DAY);
  moments.push({
    at: secondAt,
    run: async () => {
      const listing = await services.rounds.relist(cast.amc.people.author, first, {
        mode: "auction",
        startingPrice: yuan(6_616_000).toString(),
        increment: yuan(20_000).toString(),
        deposit: yuan(661_600).toString(),
        startsAt: new Date(secondAt.getTime() + 20 * DAY).toISOString(),
        endsAt: new Date(secondAt.getTime() + 21 * DAY).toISOString(),
      });
      clock.at(new Date(secondAt.getTime() + HOUR));
      await services.workflow.publish(cast.amc.people.operator, listing.id);
      const second = await timesOf(services, listing.id);
      // When the second round has failed too: the fixed-price sale, set up two days later.
      const thirdAt = new Date(second.endsAt.getTime() + 2 * DAY);
      return [
        { at: second.startsAt },
        { at: new Date(second.endsAt.getTime() + 1000) },
        {
          at: thirdAt,
          run: async () => {
            const offer = await services.rounds.relist(cast.amc.people.author, listing.id, { mode: "fixed_price" });
            clock.at(new Date(thirdAt.getTime() + HOUR));
            await services.workflow.publish(cast.amc.people.operator, offer.id);
            return [{ at: (await timesOf(services, offer.id)).startsAt }];
          },
        },
      ];
    },
  });
}
