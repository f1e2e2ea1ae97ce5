import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeOrganisation, seedActor } from "../../db/seed/factories";
import { runCli } from "../../server/cli";
import { can } from "../../core/identity/access";
import { projectRoot } from "../../server/paths";
import type { Services } from "../../server/services";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  lastLine: string;
}

async function run(argv: string[], options: { services?: Services; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    ...options,
  });
  return { code, stdout, stderr, lastLine: stdout.trimEnd().split("\n").at(-1) ?? "" };
}

/** An environment under which opening the database can only fail, to prove a command never tries. */
const unreachableDatabase = {
  NODE_ENV: "test",
  DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
  SESSION_SECRET: "x".repeat(32),
} as const;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("command line, against a database", () => {
  let ctx: Awaited<ReturnType<typeof testServices>>;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock();
    ctx = await testServices({ clock });
  });
  afterEach(async () => ctx.close());

  const cli = (...argv: string[]) => run(argv, { services: ctx.services });
  const auditActions = async () => (await ctx.services.audit.recent(ctx.services.db, 1000)).map((row) => row.action).reverse();

  /** A user with a seller role in an approved bank, made through the CLI itself. */
  async function sellerViaCli(email = "li.wei@ecb.example") {
    await cli("org", "create", "--name", "Eastern Commercial Bank", "--kind", "bank", "--approved");
    await cli("user", "create", "--email", email, "--name", "Li Wei", "--password", "correct-horse-battery");
    await cli("membership", "add", "--email", email, "--org", "Eastern Commercial Bank", "--role", "seller_admin");
  }

  describe("org", () => {
    it("creates an organisation pending review and prints its id on the last line", async () => {
      const result = await cli("org", "create", "--name", "Eastern Commercial Bank", "--kind", "bank", "--region", "Shanghai");

      expect(result.code).toBe(0);
      expect(result.lastLine).toMatch(uuid);
      const [org] = await ctx.services.identity.listOrganisations();
      expect(org).toMatchObject({
        id: result.lastLine,
        name: "Eastern Commercial Bank",
        kind: "bank",
        region: "Shanghai",
        status: "pending",
      });
      const [entry] = await ctx.services.audit.recent(ctx.services.db);
      expect(entry).toMatchObject({ action: "organisation.created", entityId: org!.id, actorLabel: "cli" });
    });

    it("creates an organisation already approved with --approved", async () => {
      const result = await cli("org", "create", "--name", "Harbour Capital", "--kind", "fund", "--approved");

      expect(result.code).toBe(0);
      expect(await ctx.services.identity.listOrganisations({ status: "approved" })).toMatchObject([{ id: result.lastLine }]);
    });

    it("approves an organisation given by its exact name, recording the cli as actor and the reason", async () => {
      const org = await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank", approved: false });

      const result = await cli("org", "approve", "Eastern Commercial Bank", "--reason", "licence checked");

      expect(result.code).toBe(0);
      expect(result.stdout).toContain("is now approved");
      expect(await ctx.services.identity.listOrganisations({ status: "approved" })).toMatchObject([{ id: org.id }]);
      const [entry] = await ctx.services.audit.recent(ctx.services.db);
      expect(entry).toMatchObject({
        action: "organisation.approved",
        entityId: org.id,
        actorLabel: "cli",
        before: { status: "pending" },
        after: { status: "approved" },
        reason: "licence checked",
      });
      expect(await ctx.services.audit.verify(ctx.services.db)).toEqual({ ok: true, checked: 2, chains: 1 });
    });

    it("rejects an organisation given by its id", async () => {
      const org = await makeOrganisation(ctx.services, { name: "Dubious Lending", kind: "micro_lender", approved: false });

      const result = await cli("org", "reject", org.id, "--reason", "no licence");

      expect(result.code).toBe(0);
      expect(await ctx.services.identity.listOrganisations({ status: "rejected" })).toMatchObject([{ id: org.id }]);
      expect(await auditActions()).toEqual(["organisation.created", "organisation.rejected"]);
    });

    it("refuses to approve by a name two organisations share, and names their ids", async () => {
      const first = await makeOrganisation(ctx.services, { name: "Harbour Capital", kind: "fund", approved: false });
      const second = await makeOrganisation(ctx.services, { name: "Harbour Capital", kind: "fund", approved: false });

      const result = await cli("org", "approve", "Harbour Capital");

      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('2 organisations are named "Harbour Capital"');
      expect(result.stderr).toContain(first.id);
      expect(result.stderr).toContain(second.id);
      expect(await ctx.services.identity.listOrganisations({ status: "approved" })).toEqual([]);
    });

    it("refuses to approve an organisation that is already approved", async () => {
      await makeOrganisation(ctx.services, { name: "Harbour Capital", kind: "fund" });

      const result = await cli("org", "approve", "Harbour Capital");

      expect(result.code).toBe(1);
      expect(result.stderr).toBe("error: The organisation is already approved.\n");
    });

    it("lists organisations as a table, and only those with the status asked for", async () => {
      await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank", region: "Shanghai" });
      await makeOrganisation(ctx.services, { name: "Harbour Capital", kind: "fund", approved: false });

      const all = await cli("org", "list");
      const pending = await cli("org", "list", "--status", "pending");

      expect(all.code).toBe(0);
      const [header, ...rows] = all.stdout.trimEnd().split("\n");
      expect(header).toMatch(/^ID\s+NAME\s+KIND\s+STATUS\s+REGION\s+CREATED$/);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/Eastern Commercial Bank\s+bank\s+approved\s+Shanghai\s+2026-11-20/);
      expect(pending.stdout).toContain("Harbour Capital");
      expect(pending.stdout).not.toContain("Eastern Commercial Bank");
      expect((await cli("org", "list", "--status", "suspended")).stdout).toBe("No suspended organisations.\n");
    });
  });

  describe("user, membership and token", () => {
    it("issues an API token, alone on the last line, that authenticates the user with their role", async () => {
      await sellerViaCli();

      const result = await cli("token", "create", "--email", "li.wei@ecb.example", "--name", "loan-tape upload");

      expect(result.code).toBe(0);
      expect(result.stdout.trimEnd().split("\n").length).toBeGreaterThan(1);
      const principal = await ctx.services.identity.principalFromApiToken(result.lastLine);
      expect(principal).toMatchObject({
        kind: "user",
        email: "li.wei@ecb.example",
        via: "token",
        memberships: [{ organisationName: "Eastern Commercial Bank", role: "seller_admin" }],
      });
      expect(await auditActions()).toEqual(["organisation.created", "user.created", "membership.created", "api_token.created"]);
    });

    it("stops accepting a token once its --expires-days have passed", async () => {
      await sellerViaCli();

      const { lastLine: token } = await cli("token", "create", "--email", "li.wei@ecb.example", "--expires-days", "7");

      clock.advance(6 * 86_400_000);
      expect(await ctx.services.identity.principalFromApiToken(token)).not.toBeNull();
      clock.advance(2 * 86_400_000);
      expect(await ctx.services.identity.principalFromApiToken(token)).toBeNull();
    });

    it("generates a strong password when none is given, shows it once, and it signs in", async () => {
      const result = await cli("user", "create", "--email", "Zhang.Min@Harbour.example", "--name", "Zhang Min");

      expect(result.code).toBe(0);
      expect(result.lastLine).toMatch(uuid);
      const password = /\(shown once\): (\S+)/.exec(result.stdout)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const session = await ctx.services.identity.signIn({ email: "zhang.min@harbour.example", password }, { ip: "127.0.0.1" });
      expect(await ctx.services.identity.principalFromSession(session.token)).toMatchObject({ userId: result.lastLine });
    });

    it("prints no password when one is given", async () => {
      const result = await cli("user", "create", "--email", "a@b.example", "--name", "A", "--password", "correct-horse-battery");

      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain("correct-horse-battery");
      expect(result.stdout).not.toContain("shown once");
    });

    it("creates operators in one platform organisation, creating it the first time", async () => {
      const first = await cli("operator", "create", "--email", "ops1@nplex.example", "--name", "Ops One");
      const second = await cli("operator", "create", "--email", "ops2@nplex.example", "--name", "Ops Two");

      expect([first.code, second.code]).toEqual([0, 0]);
      expect(await ctx.services.identity.listOrganisations()).toMatchObject([
        { name: "nplex Operations", kind: "platform", status: "approved" },
      ]);
      for (const email of ["ops1@nplex.example", "ops2@nplex.example"]) {
        const { lastLine: token } = await cli("token", "create", "--email", email);
        const principal = await ctx.services.identity.principalFromApiToken(token);
        expect(principal && can(principal, "organisation.review")).toBe(true);
      }
    });
  });

  describe("audit verify", () => {
    it("exits 0 and counts the entries when the chain is intact", async () => {
      await sellerViaCli();

      const result = await cli("audit", "verify");

      expect(result).toMatchObject({ code: 0, stdout: "Audit log intact: 3 entries checked in 3 chains.\n" });
    });

    it("exits 1 and names the first broken entry after a row is altered in the database", async () => {
      const org = await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank", approved: false });
      await ctx.services.identity.decideOrganisation(seedActor, org.id, "approved", "licence checked");
      await makeOrganisation(ctx.services, { name: "Harbour Capital", kind: "fund" });
      // Tampering by someone who can bypass the guard trigger.
      await ctx.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await ctx.services.db.execute(sql`update audit_log set reason = 'no reason' where seq = 2`);

      const result = await cli("audit", "verify");

      expect(result).toMatchObject({
        code: 1,
        stdout: `Audit chain organisation:${org.id} broken at entry #2 (hash_mismatch).\n`,
      });
    });
  });

  describe("bad input", () => {
    const expectOneLineError = (result: CliRun, ...fragments: string[]) => {
      expect(result.code).not.toBe(0);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^error: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      for (const fragment of fragments) expect(result.stderr).toContain(fragment);
    };

    it("rejects an unknown role, naming the roles there are, and writes nothing", async () => {
      await sellerViaCli();
      const before = await auditActions();

      const result = await cli(
        "membership",
        "add",
        "--email",
        "li.wei@ecb.example",
        "--org",
        "Eastern Commercial Bank",
        "--role",
        "boss",
      );

      expectOneLineError(result, "--role", "boss", "seller_admin", "valuer");
      expect(await auditActions()).toEqual(before);
    });

    it("rejects a malformed email, naming the option", async () => {
      const result = await cli("user", "create", "--email", "not-an-email", "--name", "Li Wei");

      expectOneLineError(result, "--email", "Enter a valid email address");
      expect(await auditActions()).toEqual([]);
    });

    it("rejects a password that is too short, naming the option", async () => {
      const result = await cli("user", "create", "--email", "li@ecb.example", "--name", "Li", "--password", "short");

      expectOneLineError(result, "--password", "at least 10 characters");
    });

    it("rejects an organisation that does not exist, by name or by id", async () => {
      await sellerViaCli();

      expectOneLineError(
        await cli("membership", "add", "--email", "li.wei@ecb.example", "--org", "Western Bank", "--role", "investor"),
        'No organisation named "Western Bank"',
      );
      expectOneLineError(
        await cli("org", "approve", "00000000-0000-4000-8000-000000000000"),
        "No organisation with id 00000000-0000-4000-8000-000000000000",
      );
    });

    it("refuses an operator role outside the platform organisation", async () => {
      await sellerViaCli();

      const result = await cli(
        "membership",
        "add",
        "--email",
        "li.wei@ecb.example",
        "--org",
        "Eastern Commercial Bank",
        "--role",
        "operator",
      );

      expectOneLineError(result, "Operators belong to the platform organisation.");
    });

    it("refuses a token for an unknown user and prints no token", async () => {
      const result = await cli("token", "create", "--email", "nobody@ecb.example");

      expectOneLineError(result, "No user with email nobody@ecb.example");
      expect(result.stdout).toBe("");
    });

    it("rejects an expiry that is not a whole number of days", async () => {
      await sellerViaCli();

      expectOneLineError(
        await cli("token", "create", "--email", "li.wei@ecb.example", "--expires-days", "1.5"),
        "--expires-days",
      );
      expectOneLineError(await cli("token", "create", "--email", "li.wei@ecb.example", "--expires-days", "0"), "--expires-days");
    });

    it("rejects an unknown organisation kind and a missing required option", async () => {
      expectOneLineError(await cli("org", "create", "--name", "X Bank", "--kind", "hedge"), "--kind", "hedge", "bank");
      expectOneLineError(await cli("org", "create", "--kind", "bank"), "--name");
      expect(await ctx.services.identity.listOrganisations()).toEqual([]);
    });
  });
});

describe("command line, before any database", () => {
  it("prints help listing every command and exits 0 without opening a database", async () => {
    const result = await run(["--help"], { env: unreachableDatabase });

    expect(result.code).toBe(0);
    for (const command of ["org", "user", "membership", "operator", "token", "audit"]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\s`, "m"));
    }
    expect(result.stderr).toBe("");
  });

  it("prints each command's help with its options", async () => {
    const token = await run(["token", "create", "--help"], { env: unreachableDatabase });
    const membership = await run(["membership", "add", "--help"], { env: unreachableDatabase });

    expect(token.code).toBe(0);
    expect(token.stdout).toContain("--expires-days <n>");
    expect(token.stdout.replace(/\s+/g, " ")).toContain("alone on the last line");
    expect(membership.stdout).toContain("seller_admin");
  });

  it("exits non-zero with one line for an unknown command", async () => {
    const result = await run(["orgs", "list"], { env: unreachableDatabase });

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^error: unknown command 'orgs'/);
  });

  it("reports an invalid configuration in one line", async () => {
    const result = await run(["audit", "verify"], { env: { NODE_ENV: "test", DATABASE_URL: "mysql://db.example/nplex" } });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: Invalid configuration: DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://db.example/nplex")\n',
    );
  });

  it("reports an embedded database held by another process in one line", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "nplex-cli-"));
    try {
      mkdirSync(path.join(dataDir, "pglite"));
      // The parent process is alive for the whole test, so the lock is held.
      writeFileSync(path.join(dataDir, "pglite", "nplex.pid"), String(process.ppid));

      const result = await run(["audit", "verify"], {
        env: { NODE_ENV: "test", DATA_DIR: dataDir, SESSION_SECRET: "x".repeat(32) },
      });

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^error: The embedded database in .* is in use by process ${process.ppid}\\.`));
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("runs as a program: `npx tsx server/cli.ts --help` prints usage and exits 0", { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)("npx", ["tsx", "server/cli.ts", "--help"], {
      cwd: projectRoot,
      timeout: 55_000,
    });

    expect(stdout).toMatch(/^Usage: npm run cli -- /);
    expect(stdout).toContain("audit verify");
  });
});
