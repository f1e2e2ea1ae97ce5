import { eq, sql } from "drizzle-orm";
import { organisations } from "../../db/schema";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedActor, makeOrganisation } from "../../db/seed/factories";
import { testServices } from "../support/db";

let ctx: Awaited<ReturnType<typeof testServices>>;
beforeEach(async () => {
  ctx = await testServices();
});
afterEach(async () => ctx.close());

async function someOrg(name: string) {
  const [org] = await ctx.services.db.select().from(organisations).where(eq(organisations.name, name));
  return org!;
}

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
    // The approval follows the bank's creation in the bank's chain; the fund starts a chain of its own.
    const [fund, approved, created] = rows;
    expect(approved!.chain).toBe(`organisation:${org.id}`);
    expect([created!.chain, created!.chainSeq, approved!.chainSeq]).toEqual([approved!.chain, 1, 2]);
    expect(approved!.prevHash).toBe(created!.hash);
    expect([fund!.chainSeq, fund!.chain === approved!.chain]).toEqual([1, false]);
    expect(await ctx.services.audit.verify(ctx.services.db)).toEqual({ ok: true, checked: 3, chains: 2 });
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
    expect(await ctx.services.audit.verify(ctx.services.db)).toMatchObject({
      ok: false,
      chain: `organisation:${(await someOrg("Eastern Commercial Bank")).id}`,
      brokenAt: 2,
      problem: "hash_mismatch",
    });
  });

  it("finds a deleted row", async () => {
    await someHistory();
    await ctx.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await ctx.services.db.execute(sql`delete from audit_log where seq = 1`);
    // The bank's first entry is gone: its chain now starts at the approval.
    expect(await ctx.services.audit.verify(ctx.services.db)).toMatchObject({ ok: false, brokenAt: 2, problem: "gap" });
  });

  it("finds a chain's last entry deleted, by its head; and by the checkpoint when the head was moved back too", async () => {
    const org = await someHistory();
    const chain = `organisation:${org.id}`;
    expect(await ctx.services.audit.checkpoint()).toBe(2);
    await ctx.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await ctx.services.db.execute(sql`delete from audit_log where chain = ${chain} and chain_seq = 2`);
    expect(await ctx.services.audit.verify(ctx.services.db)).toMatchObject({
      ok: false,
      chain,
      brokenAt: 1,
      problem: "missing_tail",
    });
    await ctx.services.db.execute(
      sql`update audit_chain_heads set seq = 1, hash = (select hash from audit_log where chain = ${chain} and chain_seq = 1) where chain = ${chain}`,
    );
    expect(await ctx.services.audit.verify(ctx.services.db)).toMatchObject({
      ok: false,
      chain,
      brokenAt: 1,
      problem: "missing_tail",
    });
  });

  it("finds an altered checkpoint, which is chained on the platform chain", async () => {
    await someHistory();
    await ctx.services.audit.checkpoint();
    await ctx.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await ctx.services.db.execute(sql`update audit_log set after = '{"heads": {}}' where action = 'audit.checkpoint'`);
    expect(await ctx.services.audit.verify(ctx.services.db)).toMatchObject({
      ok: false,
      chain: "platform",
      problem: "hash_mismatch",
    });
  });

  it("records each grown chain's head once, then only the chains that grew again", async () => {
    await someHistory();
    expect(await ctx.services.audit.checkpoint()).toBe(2);
    expect(await ctx.services.audit.checkpoint()).toBe(0);
    const fund = await makeOrganisation(ctx.services, { name: "Jade River", kind: "fund" });
    expect(await ctx.services.audit.checkpoint()).toBe(1);
    const [checkpoint] = await ctx.services.audit.recent(ctx.services.db, 1);
    expect(checkpoint).toMatchObject({ chain: "platform", chainSeq: 2, action: "audit.checkpoint" });
    expect(Object.keys((checkpoint!.after as { heads: object }).heads)).toEqual([`organisation:${fund.id}`]);
    expect(await ctx.services.audit.verify(ctx.services.db)).toEqual({ ok: true, checked: 6, chains: 4 });
  });

  it("keeps every chain unbroken when many changes commit concurrently, each entity in its own chain", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => makeOrganisation(ctx.services, { name: `Fund ${i}`, kind: "fund" })));
    expect(await ctx.services.audit.verify(ctx.services.db)).toEqual({ ok: true, checked: 12, chains: 12 });
  });

  it("refuses an entry written outside a transaction, where its chain could not be held", async () => {
    await expect(
      ctx.services.audit.append(ctx.services.db, { actor: seedActor, action: "x", entityType: "organisation", entityId: "x" }),
    ).rejects.toThrow(/inside the transaction/);
  });
});
