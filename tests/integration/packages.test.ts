import { describe, expect, it } from "vitest";
import { z } from "zod";
import { packageSchema, stratificationSchema } from "../../core/contract/packages";
import { auditLog } from "../../db/schema";
import { makeListing, makeOrganisation, makeUser } from "../../db/seed/factories";
import * as packageRoute from "../../app/routes/api.v1.packages.$id._index";
import * as stratificationRoute from "../../app/routes/api.v1.packages.$id.stratification";
import * as packagesRoute from "../../app/routes/api.v1.packages._index";
import { eq } from "drizzle-orm";
import { callApi } from "../support/api";
import { DAY, principalOf, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { line, tape } from "../support/tapes";

const { services: s, world, clock } = useLifecycleWorld();

/** Three loans of a tape in the book: 1,000,001.50 + 1,000,002.50 + 1,000,003.50 yuan, doubtful but the last (loss). */
async function tapeInBook() {
  const uploaded = await s().tapes.upload(world().staff, {
    data: tape([line(1), line(2), line(3, { classification: "损失" })]),
    fileName: "tape.csv",
  });
  await s().tapes.settled();
  await s().tapes.apply(world().staff, uploaded.id);
  return uploaded.id;
}

const stratificationAnswer = z.object({ stratification: stratificationSchema });

describe("packages", () => {
  it("are built from every loan of a tape, and stratified as buyers read them", async () => {
    const tapeId = await tapeInBook();
    const created = await callApi(s(), packagesRoute.action, {
      principal: world().staff,
      body: { title: "Hangzhou textiles portfolio", tapeId },
      answers: z.object({ package: packageSchema }),
    });
    expect(created.status).toBe(201);
    expect(created.body.package).toMatchObject({ assetCount: 3, principal: "300000750", currency: "CNY" });
    const id = created.body.package.id as string;

    const read = await callApi(s(), stratificationRoute.loader, {
      params: { id },
      principal: world().staff,
      answers: stratificationAnswer,
    });
    const { totals, dimensions } = read.body.stratification;
    expect(totals).toEqual({ count: 3, principal: "300000750", interest: "3600000", collateral: "0" });
    expect(dimensions.classification.map((g: { key: string; count: number }) => [g.key, g.count])).toEqual([
      ["doubtful", 2],
      ["loss", 1],
    ]);
    expect(dimensions.province.map((g: { key: string }) => g.key)).toEqual(["Zhejiang"]);
    expect(dimensions.city.map((g: { key: string }) => g.key)).toEqual(["Hangzhou"]);
    expect(dimensions.security.map((g: { key: string; principalShareBp: number }) => [g.key, g.principalShareBp])).toEqual([
      ["guaranteed", 10_000],
    ]);

    const [entry] = await s().db.select().from(auditLog).where(eq(auditLog.action, "package.created"));
    expect(entry).toMatchObject({ entityId: id, after: { assets: 3, tapeId } });
  });

  it("hold every loan a re-issued tape lists, those it left unchanged too", async () => {
    await tapeInBook();
    const again = await s().tapes.upload(world().staff, {
      data: tape([line(1), line(2), line(3, { classification: "损失" }), line(4)]),
      fileName: "v2.csv",
    });
    await s().tapes.settled();
    expect(await s().tapes.apply(world().staff, again.id)).toMatchObject({ created: 1, unchanged: 3 });
    expect(await s().packages.create(world().staff, { title: "Version two", tapeId: again.id })).toMatchObject({ assetCount: 4 });
  });

  it("are built from picked assets of the seller's own book only", async () => {
    const ok = await s().packages.create(world().staff, { title: "One claim", assetIds: [world().asset.id] });
    expect(ok).toMatchObject({ assetCount: 1 });
    const other = await makeOrganisation(s(), { name: "Western Rural Bank", kind: "bank" });
    await makeUser(s(), { email: "staff@western.test", organisationId: other.id, roles: ["seller_staff"] });
    const stranger = await principalOf(s(), "staff@western.test");
    const refused = await callApi(s(), packagesRoute.action, {
      principal: stranger,
      body: { title: "Not mine", assetIds: [world().asset.id] },
    });
    expect(refused).toMatchObject({ status: 422 });
    const neither = await callApi(s(), packagesRoute.action, { principal: world().staff, body: { title: "Nothing" } });
    expect(neither.status).toBe(422);
    expect(
      (
        await callApi(s(), packagesRoute.action, {
          principal: world().investor1,
          body: { title: "x", assetIds: [world().asset.id] },
        })
      ).status,
    ).toBe(403);
    expect((await callApi(s(), packageRoute.loader, { params: { id: ok.id }, principal: stranger })).status).toBe(404);
    expect((await callApi(s(), packagesRoute.loader, { principal: stranger })).body.packages).toEqual([]);
  });

  it("show the public their aggregates once a listing of them is public, never before, and never a borrower", async () => {
    const pkg = await s().packages.create(world().staff, { title: "Jiaxing claim", assetIds: [world().asset.id] });
    const anonymous = () => callApi(s(), stratificationRoute.loader, { params: { id: pkg.id } });
    expect((await anonymous()).status).toBe(404);
    expect(
      (await callApi(s(), stratificationRoute.loader, { params: { id: pkg.id }, principal: world().investor1 })).status,
    ).toBe(404);

    await makeListing(s(), {
      sellerOrgId: world().bank.id,
      packageId: pkg.id,
      title: "Jiaxing claim",
      startingPrice: yuan(800_000),
      status: "announced",
      announcedAt: clock().now(),
      startsAt: new Date(clock().now().getTime() + 10 * DAY),
      endsAt: new Date(clock().now().getTime() + 12 * DAY),
    });
    const open = await callApi(s(), stratificationRoute.loader, { params: { id: pkg.id }, answers: stratificationAnswer });
    expect(open.status).toBe(200);
    expect(open.body.stratification.totals).toMatchObject({ count: 1, principal: yuan(3_860_000).toString() });
    const text = JSON.stringify(open.body);
    for (const secret of ["Hengfeng", "Feng Hengda", world().asset.id]) expect(text).not.toContain(secret);
    expect((await callApi(s(), stratificationRoute.loader, { params: { id: "not-a-uuid" } })).status).toBe(404);
  });
});
