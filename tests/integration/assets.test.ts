import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assetParties, auditLog, registrations } from "../../db/schema";
import { makeListing, makeRegistration } from "../../db/seed/factories";
import * as assetsRoute from "../../app/routes/api.v1.assets._index";
import * as assetRoute from "../../app/routes/api.v1.assets.$id._index";
import * as partiesRoute from "../../app/routes/api.v1.assets.$id.parties";
import { sellerAssetSchema } from "../../core/contract/assets";
import { sealClearPersonalData } from "../../server/privacy/personal-data";
import { callApi } from "../support/api";
import { addInvestor, DAY, useLifecycleWorld, worldIds, yuan } from "../support/lifecycle-world";
import { refusal, rejection } from "../support/refusal";

const { clock, services: s, world, vault } = useLifecycleWorld();

/** A secured claim as a seller types it: a person borrows, a company guarantees, a flat secures it. */
const claim = (overrides: Record<string, unknown> = {}) => ({
  kind: "claim",
  title: "Secured claim on a Wenzhou shoe maker",
  region: "Zhejiang · Wenzhou",
  parties: [
    { role: "borrower", kind: "person", name: "Lin Xiaoyan", idNumber: "330302198506154421" },
    { role: "guarantor", kind: "company", name: "Wenzhou Lucheng Footwear Co., Ltd.", idNumber: worldIds.jadeRiver },
  ],
  claim: {
    loanId: "WZ-2021-0042",
    principal: yuan(2_400_000).toString(),
    accruedInterest: yuan(186_000).toString(),
    penaltyInterest: yuan(41_250).toString(),
    fees: "0",
    originatedOn: "2021-03-05",
    defaultedOn: "2024-06-30",
    classification: "doubtful",
    security: "collateral",
    litigationStatus: "judgment_obtained",
    court: "Wenzhou Lucheng District People's Court",
    caseNumber: "(2024)浙0302民初1234号",
    limitationExpiresOn: "2027-06-30",
    industry: "manufacturing",
    originatingOfficer: "Zhou Min",
    investigatingOfficer: "Gao Yun",
    collateral: [
      {
        type: "residential",
        location: "Lucheng District, Wenzhou",
        area: "128.50",
        appraisedValue: yuan(1_900_000).toString(),
        appraisedOn: "2026-09-01",
        lienRank: 1,
        certificateNumber: "浙(2019)温州市不动产权第0012345号",
      },
    ],
    ...overrides,
  },
});

/** Every text the asset's rows and the audit log hold, as one string to search. */
async function storedText() {
  const rows = await s().db.execute(sql`select row_to_json(p)::text as row from asset_parties p`);
  const audit = await s().db.select().from(auditLog);
  return JSON.stringify(rows) + JSON.stringify(audit);
}

describe("assets by hand", () => {
  it("records a claim with its balances apart, its collateral and its parties, the parties masked to its reader", async () => {
    const created = await s().assets.commands.create(world().staff, claim());
    expect(sellerAssetSchema.safeParse(created).success).toBe(true);
    expect(created).toMatchObject({
      kind: "claim",
      loanId: "WZ-2021-0042",
      principal: "240000000",
      accruedInterest: "18600000",
      penaltyInterest: "4125000",
      fees: "0",
      classification: "doubtful",
      security: "collateral",
      litigationStatus: "judgment_obtained",
      defaultedOn: "2024-06-30",
      collateral: [{ type: "residential", area: "128.50", appraisedValue: "190000000", lienRank: 1 }],
      lockedBy: [],
      archived: false,
    });
    expect(created.parties).toEqual([
      {
        id: expect.any(String),
        role: "borrower",
        kind: "person",
        idType: "resident_id",
        name: "L*****",
        idNumber: "33**************21",
      },
      {
        id: expect.any(String),
        role: "guarantor",
        kind: "company",
        idType: "credit_code",
        name: "W*****",
        idNumber: "91**************XX",
      },
    ]);
    const audit = await s().db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(["asset.created"]);
  });

  it("keeps names and ID numbers sealed at rest, and out of the audit log", async () => {
    await s().assets.commands.create(world().staff, claim());
    const stored = await storedText();
    for (const secret of ["Lin Xiaoyan", "330302198506154421", "Wenzhou Lucheng Footwear", worldIds.jadeRiver]) {
      expect(stored).not.toContain(secret);
    }
    // The world's claim, written by the seed's factory, is sealed the same way.
    expect(stored).not.toContain("Feng Hengda");
    expect(stored).not.toContain(worldIds.guarantor);
  });

  it("refuses what a bank would not accept, field by field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { ...claim(), parties: [{ role: "borrower", kind: "person", name: "Lin Xiaoyan", idNumber: "330302198506154422" }] },
        "parties.0.idNumber",
      ],
      [{ ...claim(), parties: [] }, "parties"],
      [claim({ collateral: [] }), "claim.collateral"],
      [claim({ principal: "12.50" }), "claim.principal"],
      [claim({ principal: "-100" }), "claim.principal"],
      [claim({ defaultedOn: "2020-01-01" }), "claim.defaultedOn"],
      [claim({ originatedOn: "2023-02-30" }), "claim.originatedOn"],
      [claim({ litigationStatus: "none" }), "claim.litigationStatus"],
      [
        { ...claim(), kind: "equity", equity: { company: "Zhuhai Lanhai", stakeBasisPoints: 10_001, registeredCapital: "100" } },
        "equity.stakeBasisPoints",
      ],
    ];
    for (const [input, path] of cases) {
      const error = (await rejection(s().assets.commands.create(world().staff, input))) as unknown as {
        issues: { path: PropertyKey[] }[];
      };
      expect(
        error.issues.map((i) => i.path.join(".")),
        path,
      ).toContain(path);
    }
  });

  it("holds one asset per loan id in a seller's book (LOAN_ID_TAKEN), and lets another seller use the same id", async () => {
    const first = await s().assets.commands.create(world().staff, claim());
    const taken = await refusal(s().assets.commands.create(world().seller, claim()));
    expect(taken).toMatchObject({
      code: "LOAN_ID_TAKEN",
      status: 409,
      details: { field: "claim.loanId", loanId: "WZ-2021-0042" },
    });
    const second = await s().assets.commands.create(world().staff, claim({ loanId: "WZ-2021-0099" }));
    expect((await refusal(s().assets.commands.update(world().staff, second.id, claim()))).code).toBe("LOAN_ID_TAKEN");
    expect((await s().assets.commands.update(world().staff, first.id, claim({ fees: "100" }))).fees).toBe("100");
    const api = await callApi(s(), assetsRoute.action, { principal: world().staff, body: claim() });
    expect(api).toMatchObject({ status: 409, body: { error: { code: "LOAN_ID_TAKEN" } } });
  });

  it("records every other kind with its own details", async () => {
    const common = {
      title: "Office floor, Futian, Shenzhen",
      region: "Guangdong · Shenzhen",
      appraisedValue: yuan(61_800_000).toString(),
    };
    const inputs = [
      {
        ...common,
        kind: "real_estate",
        realEstate: { location: "Futian CBD", area: "1480", use: "office", occupancy: "vacant" },
      },
      { ...common, kind: "movable", movable: { location: "Suzhou depot", quantity: 8, condition: "Inspected October 2026" } },
      {
        ...common,
        kind: "equity",
        equity: { company: "Zhuhai Lanhai Marine Technology", stakeBasisPoints: 3500, registeredCapital: "5000000000" },
      },
      {
        ...common,
        kind: "foreclosed",
        foreclosed: { acquiredHow: "court_ruling", acquiredOn: "2025-04-18", formerAssetKind: "real_estate" },
      },
    ];
    for (const input of inputs) {
      const asset = await s().assets.commands.create(world().seller, input);
      expect(asset).toMatchObject({ kind: input.kind, principal: null, appraisedValue: "6180000000" });
      expect(asset.details).toMatchObject(Object.values(input).find((v) => typeof v === "object" && v !== null) as object);
    }
    const { assets, total } = await s().assets.reads.list(world().approver1, { kind: "equity" });
    expect(total).toBe(1);
    expect(assets[0]!.details).toMatchObject({ stakeBasisPoints: 3500 });
  });

  it("lets only the seller's own staff edit, and its reviewers read, and tells no one else the asset exists", async () => {
    const asset = await s().assets.commands.create(world().staff, claim());
    expect((await s().assets.reads.get(world().approver1, asset.id)).id).toBe(asset.id);
    for (const outsider of [world().investor1, world().operator, world().approver1]) {
      expect((await refusal(s().assets.commands.update(outsider, asset.id, claim()))).code).toBe("NOT_FOUND");
    }
    expect((await refusal(s().assets.reads.get(world().investor1, asset.id))).code).toBe("NOT_FOUND");
    expect((await refusal(s().assets.commands.create(world().investor1, claim()))).code).toBe("FORBIDDEN");
    expect((await refusal(s().assets.reads.get(world().seller, "not-a-uuid"))).code).toBe("NOT_FOUND");
  });

  it("changes an unlisted asset as a whole, audited without its parties' names", async () => {
    const asset = await s().assets.commands.create(world().staff, claim());
    const changed = await s().assets.commands.update(world().seller, asset.id, {
      ...claim({ principal: yuan(2_350_000).toString(), security: "guaranteed", collateral: [] }),
    });
    expect(changed).toMatchObject({ principal: "235000000", security: "guaranteed", collateral: [] });
    const [entry] = await s().db.select().from(auditLog).where(eq(auditLog.action, "asset.updated"));
    expect(entry).toMatchObject({
      entityId: asset.id,
      before: { principal: "240000000" },
      after: { principal: "235000000", parties: 2 },
    });
    expect(JSON.stringify(entry)).not.toContain("Lin Xiaoyan");
  });

  it("keeps parties by id on a change, never asking for their names again, and refuses a stranger's id or a party kept twice", async () => {
    const asset = await s().assets.commands.create(world().staff, claim());
    const [borrower, guarantor] = asset.parties;
    const change = (keepParties: string[], parties: unknown[] = [], security = "collateral") =>
      s().assets.commands.update(world().staff, asset.id, { ...claim({ security }), keepParties, parties });
    const changed = await change(
      [borrower!.id],
      [{ role: "guarantor", kind: "person", name: "Gao Yun", idNumber: worldIds.guarantor }],
    );
    expect(changed.parties.map((p) => [p.id === borrower!.id, p.role, p.name])).toEqual([
      [true, "borrower", "L*****"],
      [false, "guarantor", "G*****"],
    ]);
    expect(await s().assets.commands.revealParties(world().staff, asset.id)).toEqual([
      expect.objectContaining({ name: "Lin Xiaoyan", idNumber: "330302198506154421" }),
      expect.objectContaining({ name: "Gao Yun", idNumber: worldIds.guarantor }),
    ]);
    const other = await s().assets.commands.create(world().staff, claim({ loanId: "WZ-2021-0043" }));
    // Another asset's party, a party kept twice, a party this change already dropped.
    for (const keep of [[other.parties[0]!.id], [borrower!.id, borrower!.id], [guarantor!.id]]) {
      const error = (await rejection(change(keep))) as unknown as { issues: { path: PropertyKey[] }[] };
      expect(error.issues.map((i) => i.path.join("."))).toEqual(["keepParties"]);
    }
    // A guaranteed claim still names its guarantor when its parties are kept.
    const unguaranteed = (await rejection(change([borrower!.id], [], "guaranteed"))) as unknown as {
      issues: { message: string }[];
    };
    expect(unguaranteed.issues[0]!.message).toMatch(/guarantor/);
  });

  it("refuses to change or archive an asset whose listing is under review or public (ASSET_LOCKED), and allows it again once withdrawn", async () => {
    const asset = world().asset;
    const listing = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      assetId: asset.id,
      title: "Unsecured claim on a Jiaxing packaging maker",
      startingPrice: yuan(800_000),
      status: "announced",
      announcedAt: clock().now(),
      startsAt: new Date(clock().now().getTime() + 10 * DAY),
      endsAt: new Date(clock().now().getTime() + 12 * DAY),
    });
    const edit = {
      kind: "claim",
      title: "Unsecured claim on a Jiaxing packaging maker",
      region: "Zhejiang · Jiaxing",
      parties: [
        { role: "borrower", kind: "company", name: "Jiaxing Hengfeng Packaging Co., Ltd.", idNumber: worldIds.borrower },
        { role: "guarantor", kind: "person", name: "Feng Hengda", idNumber: worldIds.guarantor },
      ],
      claim: { principal: "1", classification: "loss", security: "guaranteed" },
    };
    const locked = await refusal(s().assets.commands.update(world().seller, asset.id, edit));
    expect(locked).toMatchObject({ code: "ASSET_LOCKED", status: 409, details: { listingId: listing.id, status: "announced" } });
    expect((await refusal(s().assets.commands.archive(world().seller, asset.id))).code).toBe("ASSET_LOCKED");
    expect((await s().assets.reads.get(world().seller, asset.id)).lockedBy).toEqual([
      { listingId: listing.id, status: "announced" },
    ]);

    await s().db.execute(sql`update listings set status = 'withdrawn' where id = ${listing.id}`);
    expect((await s().assets.commands.update(world().seller, asset.id, edit)).principal).toBe("1");
  });

  it("archives and restores; an archived asset leaves the book and cannot be changed", async () => {
    const asset = await s().assets.commands.create(world().staff, claim());
    expect((await s().assets.commands.archive(world().staff, asset.id)).archived).toBe(true);
    expect((await s().assets.reads.list(world().staff)).assets.map((a) => a.id)).not.toContain(asset.id);
    expect((await s().assets.reads.list(world().staff, { archived: true })).assets.map((a) => a.id)).toEqual([asset.id]);
    expect((await refusal(s().assets.commands.update(world().staff, asset.id, claim()))).code).toBe("ASSET_ARCHIVED");
    expect((await s().assets.commands.archive(world().staff, asset.id, false)).archived).toBe(false);
  });
});

describe("revealing borrowers and guarantors", () => {
  const revealed = [
    {
      role: "borrower",
      kind: "company",
      idType: "credit_code",
      name: "Jiaxing Hengfeng Packaging Co., Ltd.",
      idNumber: worldIds.borrower,
    },
    { role: "guarantor", kind: "person", idType: "resident_id", name: "Feng Hengda", idNumber: worldIds.guarantor },
  ];
  const reveals = async () => s().db.select().from(auditLog).where(eq(auditLog.action, "asset.parties_revealed"));

  it("shows them in full to the seller's staff and to operators, each reveal audited", async () => {
    expect(await s().assets.commands.revealParties(world().approver1, world().asset.id)).toEqual(revealed);
    expect(await s().assets.commands.revealParties(world().operator, world().asset.id)).toEqual(revealed);
    expect((await reveals()).map((r) => [r.actorLabel, (r.after as { as: string }).as])).toEqual([
      ["approver1@bank.test", "seller"],
      ["operator@platform.test", "operator"],
    ]);
    expect(JSON.stringify(await reveals())).not.toContain("Feng Hengda");
  });

  it("shows them to an approved registrant who accepted the NDA of a listing of the asset, and to no other investor", async () => {
    const listing = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      assetId: world().asset.id,
      title: "Unsecured claim on a Jiaxing packaging maker",
      startingPrice: yuan(800_000),
      status: "announced",
      announcedAt: clock().now(),
      startsAt: new Date(clock().now().getTime() + 10 * DAY),
      endsAt: new Date(clock().now().getTime() + 12 * DAY),
    });
    const third = await addInvestor(s(), "Lion City Capital", "investor3@fund.test");
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[0]!.id,
      userId: world().investor1.userId,
      bidderCode: "1001",
    });
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[1]!.id,
      userId: world().investor2.userId,
      bidderCode: "1002",
      status: "pending",
    });
    expect(await s().assets.commands.revealParties(world().investor1, world().asset.id)).toEqual(revealed);
    for (const investor of [world().investor2, third]) {
      expect((await refusal(s().assets.commands.revealParties(investor, world().asset.id))).code).toBe("NOT_FOUND");
    }
    // Without the NDA accepted, approval alone is not enough.
    await s()
      .db.update(registrations)
      .set({ ndaAcceptedAt: null })
      .where(eq(registrations.organisationId, world().investors[0]!.id));
    expect((await refusal(s().assets.commands.revealParties(world().investor1, world().asset.id))).code).toBe("NOT_FOUND");
    expect((await reveals()).map((r) => (r.after as { as: string; listingId: string }).listingId)).toEqual([listing.id]);
  });

  it("answers the API's reveal with the parties, and a 404 to anyone not entitled", async () => {
    const ok = await callApi(s(), partiesRoute.loader, { principal: world().seller, params: { id: world().asset.id } });
    expect(ok).toMatchObject({ status: 200, body: { parties: revealed } });
    const refused = await callApi(s(), partiesRoute.loader, { principal: world().investor1, params: { id: world().asset.id } });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain("Feng");
    expect((await callApi(s(), partiesRoute.loader, { params: { id: world().asset.id } })).status).toBe(401);
  });
});

describe("the assets API", () => {
  it("creates (201), reads, replaces and archives, and answers a bad request with 422 naming the field, never 500", async () => {
    const created = await callApi(s(), assetsRoute.action, { principal: world().staff, body: claim() });
    expect(created.status).toBe(201);
    const id = created.body.asset.id as string;
    const list = await callApi(s(), assetsRoute.loader, {
      principal: world().seller,
      path: "/api/v1/assets?kind=claim&q=WZ-2021",
    });
    expect(list.body).toMatchObject({ total: 1, assets: [{ id }] });
    const put = await callApi(s(), assetRoute.action, {
      method: "PUT",
      principal: world().staff,
      params: { id },
      body: claim({ fees: "1500" }),
    });
    expect(put).toMatchObject({ status: 200, body: { asset: { fees: "1500" } } });
    // A party to keep that the asset does not name is the caller's mistake, found only by the server: still a 422.
    for (const [route, method, params] of [
      [assetRoute.action, "PUT", { id }],
      [assetsRoute.action, "POST", {}],
    ] as const) {
      const stranger = await callApi(s(), route, {
        method,
        principal: world().staff,
        params,
        body: { ...claim(), keepParties: [world().asset.id] },
      });
      expect(stranger.status, method).toBe(422);
      expect(stranger.body.error.details.issues).toEqual([expect.objectContaining({ path: "keepParties" })]);
    }
    const archived = await callApi(s(), assetRoute.action, { method: "DELETE", principal: world().staff, params: { id } });
    expect(archived.body.asset.archived).toBe(true);

    const bad = await callApi(s(), assetsRoute.action, { principal: world().staff, body: claim({ principal: 12.5 }) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues).toEqual([expect.objectContaining({ path: "claim.principal" })]);
    for (const body of [null, [], "claim", { kind: "spaceship" }, { kind: "claim" }]) {
      expect((await callApi(s(), assetsRoute.action, { principal: world().staff, body })).status, JSON.stringify(body)).toBe(422);
    }
    expect((await callApi(s(), assetsRoute.loader, { principal: world().staff, path: "/api/v1/assets?page=0" })).status).toBe(
      400,
    );
    expect((await callApi(s(), assetsRoute.action, { principal: world().investor1, body: claim() })).status).toBe(403);
  });
});

describe("personal data written before sealing existed", () => {
  it("is sealed in place at start, once, and opens to what it was", async () => {
    const [row] = await s()
      .db.insert(assetParties)
      .values({
        assetId: world().asset.id,
        role: "guarantor",
        kind: "person",
        nameSealed: "张三",
        idNumberSealed: "110101199003076632",
        position: 9,
      })
      .returning();
    expect(await sealClearPersonalData(s().db, vault())).toBe(1);
    expect(await sealClearPersonalData(s().db, vault())).toBe(0);
    const [sealed] = await s().db.select().from(assetParties).where(eq(assetParties.id, row!.id));
    expect(sealed!.nameSealed).toMatch(/^pd1\./);
    expect(vault().open(sealed!.nameSealed, "party.name")).toBe("张三");
    expect(vault().open(sealed!.idNumberSealed, "party.id_number")).toBe("110101199003076632");
    expect(sealed).toMatchObject({
      nameMasked: "张*",
      idNumberMasked: "11**************32",
      idNumberDigest: vault().idDigest("110101199003076632"),
    });
  });
});
