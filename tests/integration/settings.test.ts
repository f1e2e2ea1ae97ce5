import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeOrganisation } from "../../db/seed/factories";
import { runCli } from "../../server/cli";
import { announcementPeriod } from "../../server/listings/rules/approval";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";

let ctx: Awaited<ReturnType<typeof testServices>>;
beforeEach(async () => {
  ctx = await testServices({ clock: manualClock() });
});
afterEach(async () => ctx.close());

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    services: ctx.services,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe("announcement periods and approval tiers", () => {
  it("starts from the default periods of docs/domain.md 'Announcements and their periods': 7, 10, 15 and 20 working days by value", async () => {
    const settings = await ctx.services.settings.announcement();
    const days = [5_000_000, 30_000_000, 80_000_000, 200_000_000].map(
      (yuan) => announcementPeriod(BigInt(yuan) * 100n, settings).days,
    );
    expect(days).toEqual([7, 10, 15, 20]);
  });

  it("lets the platform set its own periods from the command line, audited", async () => {
    const set = await cli("settings", "announcement", "--tier", "20000000:15:calendar", "--tier", "max:30:calendar");
    expect(set).toMatchObject({ code: 0, stdout: "Announcement periods set: 2 tier(s).\n" });
    const settings = await ctx.services.settings.announcement();
    expect(announcementPeriod(20_000_000_00n, settings)).toEqual({ days: 15, workingDays: false });
    expect(announcementPeriod(20_000_000_01n, settings)).toEqual({ days: 30, workingDays: false });
    const shown = await cli("settings", "show");
    expect(shown.stdout).toContain("up to ¥20000000: 15 days");
    const [entry] = await ctx.services.audit.recent(ctx.services.db, 1);
    expect(entry).toMatchObject({ action: "settings.announcement", actorLabel: "cli" });
  });

  it("refuses periods without a tier for the largest values, and amounts that are not whole yuan", async () => {
    expect((await cli("settings", "announcement", "--tier", "20000000:15:working")).stderr).toMatch(/last tier must cover/);
    expect((await cli("settings", "announcement", "--tier", "12.5:15:working")).stderr).toBe(
      'error: "12.5" is not a whole amount\n',
    );
    expect(announcementPeriod(0n, await ctx.services.settings.announcement()).days).toBe(7);
  });

  it("sets a seller's approval tiers, replacing the defaults", async () => {
    const bank = await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank" });
    expect((await ctx.services.settings.approvalTiers(bank.id)).own).toBe(false);
    const set = await cli(
      "settings",
      "approval-tiers",
      "--org",
      "Eastern Commercial Bank",
      "--tier",
      "0:2:approver",
      "--tier",
      "50000000:1:seller_admin",
    );
    expect(set.code).toBe(0);
    const { own, tiers } = await ctx.services.settings.approvalTiers(bank.id);
    expect(own).toBe(true);
    expect(tiers.map((t) => [t.minValue, t.approvalsRequired, t.role])).toEqual([
      [0n, 2, "approver"],
      [5_000_000_000n, 1, "seller_admin"],
    ]);
    const refused = await cli("settings", "approval-tiers", "--org", bank.id, "--tier", "100:2:approver");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/one tier must start at 0/);
    expect((await ctx.services.settings.approvalTiers(bank.id)).tiers).toHaveLength(2);
  });
});
