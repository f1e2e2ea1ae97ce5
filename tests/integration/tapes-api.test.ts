import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tapeAppliedSchema, tapeSchema, tapeSummarySchema } from "../../core/contract/tapes";
import { assets, tapes } from "../../db/schema";
import { makeOrganisation, makeUser } from "../../db/seed/factories";
import { z } from "zod";
import * as applyRoute from "../../app/routes/api.v1.tapes.$id.apply";
import * as diffRoute from "../../app/routes/api.v1.tapes.$id.diff";
import * as errorsRoute from "../../app/routes/api.v1.tapes.$id.errors[.]csv";
import * as mappingRoute from "../../app/routes/api.v1.tapes.$id.mapping";
import * as tapeRoute from "../../app/routes/api.v1.tapes.$id._index";
import * as tapesRoute from "../../app/routes/api.v1.tapes._index";
import { buildOpenApiDocument } from "../../server/http/openapi";
import { callApi, callApiRaw } from "../support/api";
import { principalOf, useLifecycleWorld } from "../support/lifecycle-world";
import { line, tape } from "../support/tapes";

const { services: s, world } = useLifecycleWorld();

const tapeAnswer = z.object({ tape: tapeSchema });

function form(data: Uint8Array, fileName = "tape.csv", fields: Record<string, string> = {}) {
  const body = new FormData();
  body.set("file", new File([new Uint8Array(data)], fileName, { type: "text/csv" }));
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

async function upload(data: Uint8Array, fileName = "tape.csv", fields: Record<string, string> = {}) {
  const answer = await callApi(s(), tapesRoute.action, {
    path: "/api/v1/tapes",
    principal: world().staff,
    form: form(data, fileName, fields),
    answers: tapeAnswer,
  });
  expect(answer.status).toBe(202);
  await s().tapes.settled();
  return answer.body.tape.id as string;
}

const get = (id: string) =>
  callApi(s(), tapeRoute.loader, { path: `/api/v1/tapes/${id}`, params: { id }, principal: world().staff, answers: tapeAnswer });

describe("the tapes API", () => {
  it("takes a multipart upload (202), reports the problems by row and column, lists them as CSV, and applies the tape once fixed", async () => {
    const bad = await upload(tape([line(1), line(2, { principal: "12.345" }), line(3, { classification: '=HYPERLINK("x")' })]));
    const read = await get(bad);
    expect(read.status).toBe(200);
    expect(read.body.tape).toMatchObject({ status: "invalid", rows: 3, validRows: 1, errorCount: 2 });
    expect(read.body.tape.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, "本金余额"],
      [4, "五级分类"],
    ]);

    const csv = await callApiRaw(s(), errorsRoute.loader, {
      path: `/api/v1/tapes/${bad}/errors.csv`,
      params: { id: bad },
      principal: world().staff,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(csv.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const lines = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe("row,column,value,message");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^3,本金余额,12\.345,/);
    // A cell a spreadsheet would run as a formula is written as text.
    expect(lines[2]).toMatch(/^4,五级分类,"'=HYPERLINK\(""x""\)",/);

    const refused = await callApi(s(), applyRoute.action, { method: "POST", params: { id: bad }, principal: world().staff });
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: "TAPE_INVALID", details: { errorCount: 2, validRows: 1 } } },
    });
    expect((await s().db.select({ n: count() }).from(assets).where(eq(assets.sellerOrgId, world().bank.id)))[0]!.n).toBe(1);

    const good = await upload(tape([line(1), line(2), line(3)]), "tape-fixed.csv");
    expect((await get(good)).body.tape).toMatchObject({ status: "valid", rows: 3, validRows: 3, errors: [] });
    const diff = await callApi(s(), diffRoute.loader, { params: { id: good }, principal: world().staff });
    expect(diff.body.diff).toMatchObject({ created: 3, changedCount: 0, missing: [] });
    const applied = await callApi(s(), applyRoute.action, {
      method: "POST",
      params: { id: good },
      principal: world().staff,
      answers: tapeAppliedSchema,
    });
    expect(applied).toMatchObject({ status: 200, body: { created: 3, updated: 0, tape: { status: "applied" } } });

    const list = await callApi(s(), tapesRoute.loader, {
      principal: world().staff,
      answers: z.object({ tapes: z.array(tapeSummarySchema) }),
    });
    expect(list.body.tapes.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      [good, "applied"],
      [bad, "invalid"],
    ]);
  });

  it("applies the valid rows only by explicit choice, and reads the tape again under a new mapping", async () => {
    const id = await upload(tape([line(1), line(2, { principal: "-5" })]));
    const remapped = await callApi(s(), mappingRoute.action, {
      method: "PUT",
      params: { id },
      principal: world().staff,
      body: {
        mapping: [
          "loanId",
          "borrowerName",
          "borrowerId",
          "principal",
          null,
          "classification",
          "security",
          "region",
          "guarantorName",
          "guarantorId",
        ],
      },
      answers: tapeAnswer,
    });
    expect(remapped.body.tape.status).toBe("validating");
    await s().tapes.settled();
    expect((await get(id)).body.tape).toMatchObject({ status: "invalid", validRows: 1, errorCount: 1 });
    const applied = await callApi(s(), applyRoute.action, {
      params: { id },
      principal: world().staff,
      body: { validOnly: true },
      answers: tapeAppliedSchema,
    });
    expect(applied).toMatchObject({ status: 200, body: { created: 1, tape: { status: "applied" } } });
    const again = await callApi(s(), tapeRoute.action, { method: "DELETE", params: { id }, principal: world().staff });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
  });

  it("answers a bad upload with a clear 4xx, never a 500, and stores nothing", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const cases: [string, FormData, number][] = [
      ["an image named .csv", form(png, "tape.csv"), 422],
      ["a zip that is no workbook", form(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), "tape.xlsx"), 415],
      [
        "no file",
        (() => {
          const f = new FormData();
          f.set("mapping", "[]");
          return f;
        })(),
        422,
      ],
      ["a mapping that is no JSON", form(tape([line(1)]), "tape.csv", { mapping: "[loanId" }), 400],
      ["a mapping of the wrong length", form(tape([line(1)]), "tape.csv", { mapping: JSON.stringify(["loanId"]) }), 422],
      [
        "a mapping naming no field",
        form(tape([line(1)]), "tape.csv", { mapping: JSON.stringify(Array(10).fill("colour")) }),
        422,
      ],
    ];
    for (const [what, body, status] of cases) {
      const answer = await callApi(s(), tapesRoute.action, { principal: world().staff, form: body });
      expect(answer.status, what).toBe(status);
      expect(answer.body.error.message, what).toBeTruthy();
    }
    const json = await callApi(s(), tapesRoute.action, { principal: world().staff, body: { file: "x" } });
    expect(json.status).toBe(415);
    expect((await s().db.select({ n: count() }).from(tapes))[0]!.n).toBe(0);
  });

  it("is for the seller's staff: 401 without credentials, 403 for an investor, 404 for another seller's tape", async () => {
    const id = await upload(tape([line(1)]));
    expect((await callApi(s(), tapesRoute.action, { form: form(tape([line(1)])) })).status).toBe(401);
    expect((await callApi(s(), tapesRoute.action, { principal: world().investor1, form: form(tape([line(1)])) })).status).toBe(
      403,
    );
    expect((await callApi(s(), tapeRoute.loader, { params: { id }, principal: world().investor1 })).status).toBe(403);

    const other = await makeOrganisation(s(), { name: "Western Rural Bank", kind: "bank" });
    await makeUser(s(), { email: "staff@western.test", organisationId: other.id, roles: ["seller_staff"] });
    const stranger = await principalOf(s(), "staff@western.test");
    for (const route of [tapeRoute.loader, diffRoute.loader, errorsRoute.loader]) {
      expect((await callApi(s(), route, { params: { id }, principal: stranger })).status).toBe(404);
    }
    expect((await callApi(s(), applyRoute.action, { params: { id }, principal: stranger, body: {} })).status).toBe(404);
    expect((await callApi(s(), tapesRoute.loader, { principal: stranger })).body.tapes).toEqual([]);
  });

  it("is described in the OpenAPI document", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths["/api/v1/tapes"]!)).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/tapes/{id}"]!)).toEqual(["get", "delete"]);
    for (const path of [
      "/api/v1/tapes/{id}/apply",
      "/api/v1/tapes/{id}/diff",
      "/api/v1/tapes/{id}/mapping",
      "/api/v1/tapes/{id}/errors.csv",
    ]) {
      expect(paths[path], path).toBeDefined();
    }
  });
});
