import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { eq } from "drizzle-orm";
import { listings as listingsTable } from "../../db/schema";
import { listingStatuses, type AssetKind, type ListingMode, type ListingStatus } from "../../core/enums";
import {
  makeAsset,
  makeListing,
  makeOrganisation,
  makePackage,
  makeRegistration,
  makeUser,
  recordBid,
} from "../../db/seed/factories";
import { publicStatuses } from "../../core/contract/listings";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";

const HOUR = 3_600_000;
const yuan = (amount: number) => BigInt(amount) * 100n;

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
let bankId: string;
beforeEach(async () => {
  clock = manualClock();
  ctx = await testServices({ clock });
  bankId = (await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank", region: "Zhejiang" })).id;
});
afterEach(async () => ctx.close());

const listings = () => ctx.services.listings;
const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs);

/** One asset listed on its own; the defaults make a live auction of a claim. */
async function listed(
  input: {
    title?: string;
    summary?: string;
    region?: string;
    kind?: AssetKind;
    status?: ListingStatus;
    mode?: ListingMode;
    startingPrice?: bigint;
    reservePrice?: bigint | null;
    endsAt?: Date | null;
    parties?: Parameters<typeof makeAsset>[1]["parties"];
  } = {},
) {
  const title = input.title ?? "Claim on Ningbo Haitong Logistics";
  const asset = await makeAsset(ctx.services, {
    sellerOrgId: bankId,
    kind: input.kind ?? "claim",
    title,
    region: input.region ?? "Zhejiang · Ningbo",
    principal: input.kind && input.kind !== "claim" ? null : yuan(6_200_000),
    appraisedValue: yuan(2_900_000),
    parties: input.parties,
  });
  const status = input.status ?? "live";
  return makeListing(ctx.services, {
    sellerOrgId: bankId,
    assetId: asset.id,
    title,
    summary: input.summary ?? "",
    mode: input.mode ?? "auction",
    status,
    startingPrice: input.startingPrice ?? yuan(2_400_000),
    reservePrice: input.reservePrice ?? null,
    startsAt: at(-HOUR),
    endsAt: input.endsAt === undefined ? at(status === "live" ? HOUR : status === "announced" ? 48 * HOUR : -HOUR) : input.endsAt,
  });
}

/** A bidder registered on a listing, so that bids can be recorded on it. */
async function bidder(listingId: string, code = "1017") {
  const fund = await makeOrganisation(ctx.services, { name: `Harbour Capital ${code}`, kind: "fund" });
  const user = await makeUser(ctx.services, {
    email: `investor-${code}@harbour.example`,
    organisationId: fund.id,
    roles: ["investor"],
  });
  return makeRegistration(ctx.services, { listingId, organisationId: fund.id, userId: user.id, bidderCode: code });
}

const titles = async (query: Record<string, unknown> = {}) =>
  (await listings().listPublic({ pageSize: 100, ...query })).items.map((item) => item.title);

describe("listPublic", () => {
  it("shows only listings the public may see: never draft, in_review, approved or withdrawn", async () => {
    for (const status of listingStatuses) await listed({ title: `Listing ${status}`, status });

    const page = await listings().listPublic({ pageSize: 100 });

    expect(page.items.map((item) => item.status).sort()).toEqual([...publicStatuses].sort());
    expect(page.total).toBe(publicStatuses.length);
    for (const hidden of ["draft", "in_review", "approved", "withdrawn"]) {
      expect(page.items.map((item) => item.title)).not.toContain(`Listing ${hidden}`);
    }
  });

  it("filters by status, and refuses a status the public may not ask for", async () => {
    for (const status of listingStatuses) await listed({ title: `Listing ${status}`, status });

    expect(await titles({ status: "live" })).toEqual(["Listing live"]);
    expect(await titles({ status: "failed" })).toEqual(["Listing failed"]);
    for (const hidden of ["draft", "in_review", "approved", "withdrawn"]) {
      await expect(listings().listPublic({ status: hidden })).rejects.toBeInstanceOf(ZodError);
    }
  });

  it("filters by mode", async () => {
    await listed({ title: "Auctioned", mode: "auction" });
    await listed({ title: "Tendered", mode: "tender" });
    await listed({ title: "At a fixed price", mode: "fixed_price" });

    expect(await titles({ mode: "tender" })).toEqual(["Tendered"]);
    expect(await titles({ mode: "negotiated" })).toEqual([]);
  });

  it("filters by kind of asset, and by package", async () => {
    await listed({ title: "A claim", kind: "claim" });
    await listed({ title: "An office floor", kind: "real_estate" });
    const claims = [
      await makeAsset(ctx.services, {
        sellerOrgId: bankId,
        kind: "claim",
        title: "Claim one",
        region: "Zhejiang",
        principal: yuan(1_000_000),
      }),
      await makeAsset(ctx.services, {
        sellerOrgId: bankId,
        kind: "claim",
        title: "Claim two",
        region: "Zhejiang",
        principal: yuan(2_000_000),
      }),
    ];
    const pkg = await makePackage(ctx.services, {
      sellerOrgId: bankId,
      title: "SME portfolio",
      assetIds: claims.map((a) => a.id),
    });
    await makeListing(ctx.services, {
      sellerOrgId: bankId,
      packageId: pkg.id,
      title: "SME portfolio",
      status: "live",
      startingPrice: yuan(1_500_000),
      endsAt: at(HOUR),
    });

    expect(await titles({ kind: "claim" })).toEqual(["A claim"]);
    expect(await titles({ kind: "real_estate" })).toEqual(["An office floor"]);
    expect(await titles({ kind: "equity" })).toEqual([]);
    const packages = await listings().listPublic({ kind: "package" });
    expect(packages.items).toMatchObject([{ title: "SME portfolio", kind: "package", region: null }]);
    expect(packages.total).toBe(1);
  });

  it("finds the search text in the title, the summary or the region, ignoring case", async () => {
    await listed({ title: "Claim on Foshan Hongda Steel", region: "Guangdong · Foshan" });
    await listed({
      title: "Office floor in Futian",
      summary: "Vacant, clear TITLE, steel-framed tower",
      region: "Guangdong · Shenzhen",
    });
    await listed({ title: "Villa in Panyu", region: "Guangdong · Guangzhou" });

    expect((await titles({ q: "STEEL" })).sort()).toEqual(["Claim on Foshan Hongda Steel", "Office floor in Futian"]);
    expect(await titles({ q: "guangzhou" })).toEqual(["Villa in Panyu"]);
    expect(await titles({ q: "  panyu  " })).toEqual(["Villa in Panyu"]);
    expect(await titles({ q: "nothing like this" })).toEqual([]);
  });

  it("finds a listing in either language: its titles and summaries, its region and its seller's names", async () => {
    const hangzhou = await listed({ title: "Claim on a Hangzhou textile maker", region: "Zhejiang · Hangzhou" });
    await ctx.services.db
      .update(listingsTable)
      .set({ titleZh: "杭州纺织厂债权", summaryZh: "厂房抵押，已判决" })
      .where(eq(listingsTable.id, hangzhou.id));
    const amc = await makeOrganisation(ctx.services, { name: "Huaxin AMC", nameZh: "华信资产管理", kind: "amc" });
    const office = await makeAsset(ctx.services, {
      sellerOrgId: amc.id,
      kind: "real_estate",
      title: "深圳福田写字楼",
      region: "Guangdong · Shenzhen",
      appraisedValue: yuan(60_000_000),
    });
    await makeListing(ctx.services, {
      sellerOrgId: amc.id,
      assetId: office.id,
      titleZh: "深圳福田写字楼整层",
      status: "live",
      startingPrice: yuan(40_000_000),
      startsAt: at(-HOUR),
      endsAt: at(HOUR),
    });
    await listed({ title: "Villa in Panyu", region: "Guangdong · Guangzhou" });
    await listed({ title: "Claim on a Changzhou auto-parts maker", region: "Jiangsu · Changzhou" });

    expect(await titles({ q: "杭州" })).toEqual(["Claim on a Hangzhou textile maker"]);
    // A word is found from its start: Hangzhou is not in Changzhou.
    expect(await titles({ q: "hangzhou" })).toEqual(["Claim on a Hangzhou textile maker"]);
    expect(await titles({ region: "Hangzhou" })).toEqual(["Claim on a Hangzhou textile maker"]);
    expect(await titles({ q: "常州" })).toEqual(["Claim on a Changzhou auto-parts maker"]);
    expect(await titles({ q: "浙江省" })).toEqual(["Claim on a Hangzhou textile maker"]);
    expect(await titles({ q: "已判决" })).toEqual(["Claim on a Hangzhou textile maker"]);
    expect(await titles({ q: "深圳" })).toEqual(["深圳福田写字楼整层"]);
    expect(await titles({ q: "shenzhen" })).toEqual(["深圳福田写字楼整层"]);
    expect(await titles({ q: "华信" })).toEqual(["深圳福田写字楼整层"]);
    expect((await titles({ q: "广东" })).sort()).toEqual(["Villa in Panyu", "深圳福田写字楼整层"]);
    expect(await titles({ region: "广州" })).toEqual(["Villa in Panyu"]);

    // Both titles and both names go out; the title alone is the English one, else the Chinese.
    const [item] = (await listings().listPublic({ q: "华信" })).items;
    expect(item).toMatchObject({ title: "深圳福田写字楼整层", titleEn: null, titleZh: "深圳福田写字楼整层" });
    expect(item!.seller).toEqual({ id: amc.id, name: "Huaxin AMC", nameZh: "华信资产管理" });
    const detail = await listings().getPublic(hangzhou.id);
    expect(detail).toMatchObject({
      titleEn: "Claim on a Hangzhou textile maker",
      titleZh: "杭州纺织厂债权",
      summaryZh: "厂房抵押，已判决",
    });
  });

  it("treats % and _ in the search text as the characters themselves", async () => {
    await listed({ title: "100% secured claim" });
    await listed({ title: "1000 secured claim" });
    await listed({ title: "Lot_7 excavators" });
    await listed({ title: "LotX7 excavators" });
    await listed({ title: "Path a\\b claim" });

    expect(await titles({ q: "100%" })).toEqual(["100% secured claim"]);
    expect(await titles({ q: "%" })).toEqual(["100% secured claim"]);
    expect(await titles({ q: "lot_7" })).toEqual(["Lot_7 excavators"]);
    expect(await titles({ q: "_" })).toEqual(["Lot_7 excavators"]);
    expect(await titles({ q: "a\\b" })).toEqual(["Path a\\b claim"]);
  });

  it("pages through the results, giving the total on every page", async () => {
    for (let i = 0; i < 5; i += 1) await listed({ title: `Claim ${i}`, endsAt: at((i + 1) * HOUR) });

    const pages = await Promise.all([1, 2, 3, 4].map((page) => listings().listPublic({ page, pageSize: 2 })));

    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => [p.page, p.pageSize])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 2],
    ]);
    expect(pages.flatMap((p) => p.items.map((item) => item.title))).toEqual([
      "Claim 0",
      "Claim 1",
      "Claim 2",
      "Claim 3",
      "Claim 4",
    ]);
  });

  it("counts the total under the filters, not just the page", async () => {
    for (let i = 0; i < 3; i += 1) await listed({ title: `Live ${i}` });
    await listed({ title: "Ended", status: "ended" });

    expect(await listings().listPublic({ status: "live", pageSize: 1 })).toMatchObject({ total: 3, items: [{ status: "live" }] });
  });

  it("shows live listings first, ending soonest first, then announced ones, then the rest, latest first", async () => {
    await listed({ title: "Failed a week ago", status: "failed", endsAt: at(-168 * HOUR) });
    await listed({ title: "Announced, starts in 5 days", status: "announced", endsAt: at(6 * 24 * HOUR) });
    await listed({ title: "Live, ends in a day", status: "live", endsAt: at(24 * HOUR) });
    await listed({ title: "Ended yesterday", status: "ended", endsAt: at(-24 * HOUR) });
    await listed({ title: "Announced, starts tomorrow", status: "announced", endsAt: at(2 * 24 * HOUR) });
    await listed({ title: "Live, ends in 40 minutes", status: "live", endsAt: at(40 * 60_000) });
    await listed({ title: "Suspended", status: "suspended", endsAt: at(-2 * HOUR) });

    expect(await titles()).toEqual([
      "Live, ends in 40 minutes",
      "Live, ends in a day",
      "Announced, starts tomorrow",
      "Announced, starts in 5 days",
      "Suspended",
      "Ended yesterday",
      "Failed a week ago",
    ]);
  });

  it("summarises the bidding: current price, next minimum bid, bid count and the leader's bidder code", async () => {
    const listing = await listed({ startingPrice: yuan(2_400_000) });
    const registration = await bidder(listing.id, "4242");
    await recordBid(ctx.services, {
      listingId: listing.id,
      registrationId: registration.id,
      amount: yuan(2_400_000),
      placedAt: at(-60_000),
    });

    const [item] = (await listings().listPublic({})).items;

    expect(item).toMatchObject({
      id: listing.id,
      seller: { id: bankId, name: "Eastern Commercial Bank" },
      currency: "CNY",
      startingPrice: "240000000",
      currentPrice: "240000000",
      increment: listing.increment.toString(),
      nextMinimumBid: (yuan(2_400_000) + listing.increment).toString(),
      bidCount: 1,
      lastSeq: 1,
      leaderBidderCode: "4242",
    });
  });

  it("never shows a reserve price, only whether it is met", async () => {
    const reserve = yuan(7_391_357);
    await listed({ reservePrice: reserve, startingPrice: yuan(6_800_000) });

    const page = await listings().listPublic({});

    expect(page.items).toMatchObject([{ reserveMet: false }]);
    expect(JSON.stringify(page)).not.toContain("7391357");
    expect(JSON.stringify(page)).not.toMatch(/reserve(Price)?"/i);
  });
});

describe("getPublic", () => {
  const borrower = {
    role: "borrower",
    kind: "company",
    name: "Hangzhou Xinyuan Textile Co., Ltd.",
    idNumber: "91330109MA2B7Q4X1K",
  } as const;
  const guarantor = { role: "guarantor", kind: "person", name: "Zhang Weiguo", idNumber: "330109196805121235" } as const;
  const chineseGuarantor = { role: "guarantor", kind: "person", name: "欧阳娜娜", idNumber: "110101199003078765" } as const;

  it("shows borrowers and guarantors only in masked form", async () => {
    const listing = await listed({ title: "Secured textile claim", parties: [borrower, guarantor, chineseGuarantor] });

    const detail = await listings().getPublic(listing.id);

    expect(detail!.assets).toHaveLength(1);
    expect(detail!.assets[0]!.parties).toEqual([
      { role: "borrower", kind: "company", name: "H*****", idNumber: "91**************1K" },
      { role: "guarantor", kind: "person", name: "Z*****", idNumber: "33**************35" },
      { role: "guarantor", kind: "person", name: "欧***", idNumber: "11**************65" },
    ]);
    const json = JSON.stringify(detail);
    for (const party of [borrower, guarantor, chineseGuarantor]) {
      expect(json).not.toContain(party.name);
      expect(json).not.toContain(party.idNumber);
    }
    for (const fragment of ["Xinyuan", "Weiguo", "娜娜", "0109MA2B", "19680512", "19900307"])
      expect(json).not.toContain(fragment);
  });

  it("never shows the reserve price", async () => {
    const reserve = yuan(7_391_357);
    const listing = await listed({ reservePrice: reserve, startingPrice: yuan(6_800_000) });
    const registration = await bidder(listing.id);
    await recordBid(ctx.services, {
      listingId: listing.id,
      registrationId: registration.id,
      amount: reserve + yuan(1),
      placedAt: at(-1000),
    });

    const json = JSON.stringify(await listings().getPublic(listing.id));

    expect(json).not.toContain(reserve.toString());
    expect(json).not.toContain("7391357");
    expect(json).not.toMatch(/reserve(Price)?"/i);
  });

  it("tells whether the reserve is met: not before it is reached, and from the bid that reaches it", async () => {
    const reserve = yuan(7_400_000);
    const listing = await listed({ reservePrice: reserve, startingPrice: yuan(6_800_000) });
    const registration = await bidder(listing.id);
    const bid = (amount: bigint) =>
      recordBid(ctx.services, { listingId: listing.id, registrationId: registration.id, amount, placedAt: at(-1000) });
    const met = async () => {
      const detail = await listings().getPublic(listing.id);
      const [summary] = (await listings().listPublic({})).items;
      expect(summary!.reserveMet).toBe(detail!.reserveMet);
      return detail!.reserveMet;
    };

    expect(await met()).toBe(false);
    await bid(yuan(6_800_000));
    expect(await met()).toBe(false);
    await bid(reserve - 1n);
    expect(await met()).toBe(false);
    await bid(reserve);
    expect(await met()).toBe(true);
    await bid(reserve + yuan(50_000));
    expect(await met()).toBe(true);
  });

  it("counts a listing without a reserve as met", async () => {
    const listing = await listed({ reservePrice: null });

    expect(await listings().getPublic(listing.id)).toMatchObject({ reserveMet: true, currentPrice: null });
  });

  it("returns null for listings the public may not see", async () => {
    for (const status of ["draft", "in_review", "approved", "withdrawn"] as const) {
      const listing = await listed({ status });
      expect(await listings().getPublic(listing.id), status).toBeNull();
    }
  });

  it("returns null for an id that names no listing, or is not an id at all", async () => {
    await listed();
    for (const id of [
      "00000000-0000-4000-8000-000000000000",
      "not-a-uuid",
      "",
      "a".repeat(36),
      "-".repeat(36),
      "0000000000000000000000000000000000-0",
      "00000000-0000-4000-8000-0000000000000",
      "'; drop table listings; --",
    ]) {
      expect(await listings().getPublic(id), JSON.stringify(id)).toBeNull();
    }
  });

  it("never fails on whatever id it is given (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-f-]{36}$/)), async (id) => {
        expect(await listings().getPublic(id)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it("describes the listing: mode, status, times, anti-sniping and its lot", async () => {
    const listing = await listed({ title: "Claim on Ningbo Haitong Logistics", summary: "Guaranteed claim in litigation." });

    const detail = await listings().getPublic(listing.id);

    expect(detail).toMatchObject({
      id: listing.id,
      title: "Claim on Ningbo Haitong Logistics",
      summary: "Guaranteed claim in litigation.",
      mode: "auction",
      status: "live",
      kind: "claim",
      region: "Zhejiang · Ningbo",
      endsAt: at(HOUR).toISOString(),
      antiSniping: { windowSeconds: 300, extensionSeconds: 300, maxExtensions: null, extensionCount: 0 },
      assets: [
        { kind: "claim", title: "Claim on Ningbo Haitong Logistics", principal: "620000000", appraisedValue: "290000000" },
      ],
    });
  });

  it("lists every asset of a package listing, each with its masked parties", async () => {
    const assets = [];
    for (const [i, name] of ["Shaoxing Meida Printing", "Jinhua Kaisheng Hardware", "Taizhou Ruifeng Auto Parts"].entries()) {
      assets.push(
        await makeAsset(ctx.services, {
          sellerOrgId: bankId,
          kind: i === 2 ? "real_estate" : "claim",
          title: `Claim ${i + 1}`,
          region: "Zhejiang",
          principal: yuan(1_000_000 * (i + 1)),
          parties: [{ role: "borrower", kind: "company", name, idNumber: `9133060${i}MA29F6JE2R` }],
        }),
      );
    }
    const pkg = await makePackage(ctx.services, {
      sellerOrgId: bankId,
      title: "SME portfolio",
      assetIds: assets.map((a) => a.id),
    });
    const listing = await makeListing(ctx.services, {
      sellerOrgId: bankId,
      packageId: pkg.id,
      title: "SME portfolio (3 claims)",
      status: "announced",
      startingPrice: yuan(5_100_000),
      endsAt: at(48 * HOUR),
    });

    const detail = await listings().getPublic(listing.id);

    expect(detail).toMatchObject({ kind: "package", status: "announced" });
    expect(detail!.assets.map((a) => a.id).sort()).toEqual(assets.map((a) => a.id).sort());
    expect(detail!.assets.map((a) => a.parties.map((p) => p.name))).toEqual([["S*****"], ["J*****"], ["T*****"]]);
    const json = JSON.stringify(detail);
    for (const name of ["Meida", "Kaisheng", "Ruifeng", "MA29F6JE"]) expect(json).not.toContain(name);
  });
});
