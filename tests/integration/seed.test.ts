import { and, eq, inArray, ne } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  announcements,
  assets,
  documents,
  listingApprovals,
  listings,
  memberships,
  organisations,
  packageAssets,
  packages,
  registrations,
  tapes,
  users,
} from "../../db/schema";
import { classifications } from "../../core/enums";
import { regionChoices } from "../../core/regions";
import { demoAccounts, demoParties, isEmpty, loadDemo } from "../../db/seed/demo";
import { can } from "../../core/identity/access";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";

const MIN = 60_000;
const HOUR = 60 * MIN;

// One demo, loaded once: every test below only reads it (sign-ins add sessions, nothing else).
let ctx: Awaited<ReturnType<typeof testServices>>;
let clock: ReturnType<typeof manualClock>;
let wasEmpty: boolean;
beforeAll(async () => {
  clock = manualClock();
  ctx = await testServices({ clock });
  wasEmpty = await isEmpty(ctx.services.db);
  await loadDemo({ database: ctx.database, clock, logger: pino({ level: "silent" }) });
});
afterAll(async () => ctx.close());

const db = () => ctx.services.db;
const now = () => clock.now().getTime();

async function membersWithRole(role: (typeof memberships.$inferSelect)["role"]) {
  return db()
    .select({ email: users.email, organisationId: organisations.id, kind: organisations.kind, status: organisations.status })
    .from(memberships)
    .innerJoin(users, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(memberships.organisationId, organisations.id))
    .where(eq(memberships.role, role));
}

describe("the demo seed", () => {
  it("starts from an empty database and leaves it no longer empty", async () => {
    expect(wasEmpty).toBe(true);
    expect(await isEmpty(db())).toBe(false);
  });

  it("has an operator in an approved platform organisation", async () => {
    const operators = await membersWithRole("operator");
    expect(operators).toContainEqual(
      expect.objectContaining({ email: "operator@nplex.example", kind: "platform", status: "approved" }),
    );
  });

  it("has a bank and an AMC as approved sellers, each with a seller admin", async () => {
    const admins = await membersWithRole("seller_admin");
    expect(
      admins
        .filter((a) => a.status === "approved")
        .map((a) => a.kind)
        .sort(),
    ).toEqual(["amc", "bank"]);
  });

  it("has three approved investor organisations, each with a user", async () => {
    const investors = await membersWithRole("investor");
    const approved = investors.filter((i) => i.status === "approved");
    expect(new Set(approved.map((i) => i.organisationId)).size).toBe(3);
    expect(approved.map((i) => i.email).sort()).toEqual(
      demoAccounts.users
        .filter((u) => u.role === "investor")
        .map((u) => u.email)
        .sort(),
    );
  });

  it("has at least 12 assets of several kinds, and one package of several assets", async () => {
    const rows = await db().select({ kind: assets.kind }).from(assets);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.kind)).size).toBeGreaterThanOrEqual(4);

    const pkgs = await db().select().from(packages);
    const sizes = await Promise.all(
      pkgs.map(async (p) => (await db().select().from(packageAssets).where(eq(packageAssets.packageId, p.id))).length),
    );
    expect(sizes.sort((a, b) => a - b)).toEqual([4, 200]);
  });

  it("imports the bank's 200-loan tape as a package, its data room holding a cover photo, a valuation summary and the loan files", async () => {
    const [tape] = await db().select().from(tapes);
    expect(tape).toMatchObject({ status: "applied", rows: 200 });
    const [book] = await db()
      .select()
      .from(packages)
      .where(eq(packages.title, "Eastern Commercial Bank 2026 Q4 SME and retail portfolio (200 loans)"));
    const claims = await db()
      .select({ classification: assets.classification, security: assets.security, region: assets.region })
      .from(packageAssets)
      .innerJoin(assets, eq(assets.id, packageAssets.assetId))
      .where(eq(packageAssets.packageId, book!.id));
    expect(new Set(claims.map((c) => c.classification))).toEqual(new Set(classifications));
    expect(new Set(claims.map((c) => c.security))).toEqual(new Set(["unsecured", "collateral", "guaranteed"]));
    expect(claims.filter((c) => !regionChoices().some((r) => r.value === c.region)).map((c) => c.region)).toEqual([]);
    const room = await db().select().from(documents).where(eq(documents.packageId, book!.id));
    expect(room.map((d) => [d.tier, d.contentType, d.cover]).sort()).toEqual([
      ["nda", "application/pdf", false],
      ["public", "image/png", true],
      ["registered", "application/pdf", false],
    ]);
    const page = await ctx.services.listings.listPublic({ kind: "package", status: "live" });
    const listed = page.items.find((l) => l.titleEn?.includes("200 loans"));
    expect(listed).toMatchObject({ status: "live", coverId: expect.any(String), titleZh: expect.stringContaining("200 户") });
  });

  it("has listings announced, live ending within the hour, live ending in about a day, and awarded", async () => {
    const rows = await db().select().from(listings);
    const endsIn = (l: (typeof rows)[number]) => l.endsAt!.getTime() - now();
    const live = rows.filter((l) => l.status === "live");

    expect(rows.some((l) => l.status === "announced")).toBe(true);
    // Closed by the closing job at its end, awarded to its leader.
    expect(rows.some((l) => l.status === "awarded" && l.outcome === "sold")).toBe(true);
    expect(live.some((l) => endsIn(l) > 0 && endsIn(l) <= HOUR)).toBe(true);
    expect(live.some((l) => endsIn(l) >= 20 * HOUR && endsIn(l) <= 28 * HOUR)).toBe(true);
    expect(live.every((l) => endsIn(l) > 0)).toBe(true);
  });

  it("shows a package listing to the public", async () => {
    const page = await ctx.services.listings.listPublic({ kind: "package" });
    expect(page.total).toBe(2);
    const detail = await ctx.services.listings.getPublic(page.items[0]!.id);
    expect(detail!.assets.length).toBeGreaterThan(1);
  });

  it("shows no borrower's or guarantor's name or ID number to the public", async () => {
    const page = await ctx.services.listings.listPublic({ pageSize: 100 });
    const details = await Promise.all(page.items.map((item) => ctx.services.listings.getPublic(item.id)));
    const json = JSON.stringify({ page, details });

    expect(details.flatMap((d) => d!.assets.flatMap((a) => a.parties)).length).toBeGreaterThan(10);
    for (const party of Object.values(demoParties).flat(2)) {
      expect(json).not.toContain(party.name);
      expect(json).not.toContain(party.idNumber);
    }
  });

  it("registers every demo investor, approved, on every live listing open to bidders, and only the counterparty on a negotiated one", async () => {
    const live = await db()
      .select({ id: listings.id, title: listings.title })
      .from(listings)
      .where(and(eq(listings.status, "live"), ne(listings.mode, "negotiated")));
    const investorEmails = demoAccounts.users.filter((u) => u.role === "investor").map((u) => u.email);
    const investorUsers = await db()
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, investorEmails));
    expect(investorUsers).toHaveLength(investorEmails.length);

    for (const listing of live) {
      for (const investor of investorUsers) {
        const held = await db()
          .select({ status: registrations.status, bidderCode: registrations.bidderCode })
          .from(registrations)
          .where(and(eq(registrations.listingId, listing.id), eq(registrations.userId, investor.id)));
        expect(held, `${investor.email} on "${listing.title}"`).toMatchObject([
          { status: "approved", bidderCode: expect.any(String) },
        ]);
      }
    }
  });

  it("holds one of each other sale mode: a negotiated transfer with Harbour only, and a designated purchase with Jade River committed", async () => {
    const [negotiated] = await db().select().from(listings).where(eq(listings.mode, "negotiated"));
    const counterparty = await db()
      .select({ email: users.email, status: registrations.status })
      .from(registrations)
      .innerJoin(users, eq(registrations.userId, users.id))
      .where(eq(registrations.listingId, negotiated!.id));
    expect(counterparty).toEqual([{ email: "investor@harbour.example", status: "approved" }]);
    const [designated] = await db().select().from(listings).where(eq(listings.mode, "designated"));
    expect(designated).toMatchObject({ status: "announced", designatedFloor: designated!.startingPrice });
    const [commitment] = await db()
      .select({ email: users.email, status: registrations.status })
      .from(registrations)
      .innerJoin(users, eq(registrations.userId, users.id))
      .where(eq(registrations.id, designated!.designatedRegistrationId!));
    expect(commitment).toEqual({ email: "investor@jaderiver.example", status: "approved" });
  });

  it("takes every published listing through the review a real one has: approvals, the disclosure check, the announcement", async () => {
    const published = await db()
      .select()
      .from(listings)
      .where(inArray(listings.status, ["announced", "live", "awarded", "failed"]));
    expect(published.length).toBeGreaterThanOrEqual(10);
    for (const listing of published) {
      const approvals = await db().select().from(listingApprovals).where(eq(listingApprovals.listingId, listing.id));
      const [announcement] = await db().select().from(announcements).where(eq(announcements.listingId, listing.id));
      expect(announcement, listing.title).toBeDefined();
      expect(announcement!.publishedAt.getTime()).toBe(listing.announcedAt!.getTime());
      // A later round is approved by the platform's rule; a first one by the seller's committee and the operator.
      if (listing.round === 1) {
        expect(approvals.length, listing.title).toBeGreaterThanOrEqual(1);
        expect(listing.disclosureCheckedAt, listing.title).not.toBeNull();
        expect(listing.disclosureCheckedAt!.getTime()).toBeLessThan(listing.announcedAt!.getTime());
      }
      expect(listing.announcedAt!.getTime()).toBeLessThan(now());
    }
  });

  it("announces in Chinese with the Chinese title, the seller's Chinese name and the region in Chinese", async () => {
    const [textile] = await db()
      .select()
      .from(listings)
      .where(eq(listings.titleEn, "Secured claim on a Hangzhou textile manufacturer"));
    const [announcement] = await db().select().from(announcements).where(eq(announcements.listingId, textile!.id));
    expect(announcement).toMatchObject({
      titleEn: "Disposal announcement: Secured claim on a Hangzhou textile manufacturer",
      titleZh: "处置公告：杭州某纺织企业抵押债权",
    });
    expect(announcement!.bodyZh).toContain("华东商业银行拟通过 nplex");
    expect(announcement!.bodyZh).toContain("浙江 · 杭州");
    expect(announcement!.bodyEn).toContain("Eastern Commercial Bank will sell");
    expect(announcement!.bodyEn).toContain("Zhejiang · Hangzhou");
  });

  it("offers a lot at a fixed price after two failed rounds, live and open to every demo investor", async () => {
    const [offer] = await db().select().from(listings).where(eq(listings.mode, "fixed_price"));
    expect(offer).toMatchObject({ status: "live", round: 3 });
    const [second] = await db().select().from(listings).where(eq(listings.id, offer!.previousListingId!));
    expect(second).toMatchObject({ status: "failed", round: 2 });
    expect(offer!.startingPrice).toBe(second!.startingPrice);
    const [first] = await db().select().from(listings).where(eq(listings.id, second!.previousListingId!));
    expect(first).toMatchObject({ status: "failed", round: 1 });
    expect(second!.startingPrice * 100n).toBeGreaterThanOrEqual(first!.startingPrice * 80n);
    const registered = await db().select().from(registrations).where(eq(registrations.listingId, offer!.id));
    expect(registered.filter((r) => r.status === "approved")).toHaveLength(3);
  });

  it("keeps its audit chain intact", async () => {
    const check = await ctx.services.audit.verify(db());
    expect(check.ok).toBe(true);
    expect(check.checked).toBeGreaterThan(20);
  });

  it("lets every demo account sign in with the demo password, with the role it is listed under", async () => {
    const permissionOf = {
      operator: "organisation.review",
      seller: "seller.listings.read",
      approver: "seller.listings.read",
      investor: "investor.bid",
    } as const;
    for (const account of demoAccounts.users) {
      const session = await ctx.services.identity.signIn(
        { email: account.email, password: demoAccounts.password },
        { ip: "127.0.0.1" },
      );
      const principal = await ctx.services.identity.principalFromSession(session.token);
      expect(principal, account.email).toMatchObject({ kind: "user", email: account.email });
      expect(can(principal!, permissionOf[account.role]), account.email).toBe(true);
    }
  });
});
