import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedActor, makeOrganisation } from "../../db/seed/factories";
import { testServices } from "../support/db";

let ctx: Awaited<ReturnType<typeof testServices>>;
beforeEach(async () => {
  ctx = await testServices();
});
afterEach(async () => ctx.close());

async function someHistory() {
  const org = await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank", approved: false });
  await ctx.services.identity.decideOrganisation(seedActor, org.id, "approved", "licence checked");
  await makeOrganisation(ctx.services, { name: "Harbour Capital", kind: "fund" });
  return org;
}

describe("audit log", () => {
  it("appends one chained row per state change, with who, what and why", async () => {
    const org = await someHistory();
    const rows = await ctx.services.audit.recent(ctx.services.db);
    expect(rows.map((r) => r.action)).toEqual(["organisation.created", "organisation.approved", "organisation.created"]);
    const approval = rows.find((r) => r.action === "organisation.approved")!;
    expect(approval).toMatchObject({
      entityType: "organisation",
      entityId: org.id,
      actorLabel: "seed",
      before: { status: "pending" },
      after: { status: "approved" },
      reason: "licence checked",
    });
    expect(rows[0]!.prevHash).toBe(rows[1]!.hash);
    expect(await ctx.services.audit.verify(ctx.services.db)).toEqual({ ok: true, checked: 3 });
  });

  it("refuses updates and deletes at the database", async () => {
    await someHistory();
    await expect(ctx.services.db.execute(sql`update audit_log set reason = 'x' where seq = 1`)).rejects.toThrow();
    await expect(ctx.services.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
  });

  it("finds a row altered directly in the database, and names it", async () => {
    await someHistory();
    // Tampering by someone who can bypass the guard trigger.
    await ctx.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await ctx.services.db.execute(sql`update audit_log set reason = 'no reason' where seq = 2`);
    expect(await ctx.services.audit.verify(ctx.services.db)).toMatchObject({ ok: false, brokenAt: 2, problem: "hash_mismatch" });
  });

  it("finds a deleted row", async () => {
    await someHistory();
    await ctx.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await ctx.services.db.execute(sql`delete from audit_log where seq = 2`);
    expect(await ctx.services.audit.verify(ctx.services.db)).toMatchObject({ ok: false, brokenAt: 3, problem: "gap" });
  });

  it("keeps one unbroken chain when many changes commit concurrently", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => makeOrganisation(ctx.services, { name: `Fund ${i}`, kind: "fund" })));
    expect(await ctx.services.audit.verify(ctx.services.db)).toEqual({ ok: true, checked: 12 });
  });
});
