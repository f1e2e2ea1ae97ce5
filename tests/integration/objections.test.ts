import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listings, objections } from "../../db/schema";
import * as decideRoute from "../../app/routes/api.v1.objections.$id";
import * as objectionsRoute from "../../app/routes/api.v1.listings.$id.objections";
import { callApi } from "../support/api";
import { goodTerms, announcedListing as announced, useLifecycleWorld } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

const { clock, services: s, world } = useLifecycleWorld();

const announcedListing = () => announced(s(), world(), clock().now());

const reasons = { reasons: "The valuation report in the data room is two years out of date." };
const listingStatus = async (id: string) => (await s().db.select().from(listings).where(eq(listings.id, id)))[0]!.status;

describe("deciding an objection", () => {
  it("upheld and dismissed at once: one decision stands, the other is told ALREADY_DECIDED (409), never a failure", async () => {
    const id = await announcedListing();
    // Several rounds, so that the two decisions meet in every order the database may run them.
    for (let round = 0; round < 4; round += 1) {
      const { id: objectionId } = await s().objections.file(round % 2 ? world().investor1 : world().investor2, id, reasons);
      const decide = (decision: "uphold" | "dismiss") =>
        callApi(s(), decideRoute.action, {
          params: { id: objectionId },
          body: { decision, reason: `Decided as ${decision} after review.` },
          principal: world().operator,
        });
      const answers = await Promise.all([decide("uphold"), decide("dismiss")]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const loser = answers.find((a) => a.status === 409)!;
      expect(loser.body.error.code).toBe("ALREADY_DECIDED");
      const winner = answers.find((a) => a.status === 200)!;
      const [row] = await s().db.select().from(objections).where(eq(objections.id, objectionId));
      expect(row!.status).toBe(winner.body.objection.status);
      expect(await listingStatus(id)).toBe(row!.status === "upheld" ? "suspended" : "announced");
      if (row!.status === "upheld") await s().workflow.resume(world().operator, id, { reason: "Disclosure updated." });
    }
  });

  it("answers a second decision on a decided objection ALREADY_DECIDED, whichever it is", async () => {
    const id = await announcedListing();
    const { id: objectionId } = await s().objections.file(world().investor2, id, reasons);
    await s().objections.decide(world().operator, objectionId, { decision: "uphold", reason: "The report is out of date." });
    for (const decision of ["uphold", "dismiss"] as const) {
      const again = await refusal(s().objections.decide(world().operator, objectionId, { decision, reason: "Once more." }));
      expect(again).toMatchObject({ code: "ALREADY_DECIDED", status: 409 });
    }
  });
});

describe("who may object", () => {
  it("refuses the seller's own staff and the platform's operators (INSIDER_OBJECTION, 403)", async () => {
    const id = await announcedListing();
    for (const insider of [world().seller, world().staff, world().approver1, world().operator]) {
      const answer = await callApi(s(), objectionsRoute.action, { params: { id }, body: reasons, principal: insider });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe("INSIDER_OBJECTION");
    }
    expect(await s().objections.outcomes(id)).toEqual([]);
    expect((await s().objections.file(world().investor2, id, reasons)).id).toEqual(expect.any(String));
  });

  it("answers 404 for a listing the public may not see, withdrawn or never announced, as for one that does not exist", async () => {
    const withdrawn = await announcedListing();
    await s().workflow.withdraw(world().seller, withdrawn, { reason: "The borrower repaid in full." });
    const { id: draft } = await s().workflow.createDraft(world().seller, goodTerms(world().asset.id, clock().now()));
    for (const id of [withdrawn, draft, "5b0f8c2e-6f0a-4a53-9a47-4f2c1d0e9b11"]) {
      const answer = await callApi(s(), objectionsRoute.action, { params: { id }, body: reasons, principal: world().investor2 });
      expect(answer.status, id).toBe(404);
      expect(answer.body.error.code).toBe("NOT_FOUND");
    }
  });

  it("allows one account five objections an hour, then refuses (RATE_LIMITED) and files nothing more", async () => {
    const id = await announcedListing();
    for (let i = 0; i < 5; i += 1) await s().objections.file(world().investor2, id, reasons);
    const limited = await callApi(s(), objectionsRoute.action, { params: { id }, body: reasons, principal: world().investor2 });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: expect.any(Number) } });
    expect(await s().objections.outcomes(id)).toHaveLength(5);
    // Others may still object.
    expect((await s().objections.file(world().investor1, id, reasons)).id).toEqual(expect.any(String));
  });
});
