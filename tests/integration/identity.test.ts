import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { apiTokens, auditLog, memberships, notifications, organisations, sessions, users } from "../../db/schema";
import { makeOrganisation, makeUser, seedActor } from "../../db/seed/factories";
import { awaitingVerification, can, type Principal, type UserPrincipal } from "../../core/identity/access";
import { sha256 } from "../../server/identity/tokens";
import { createIdentityService, identityLimits } from "../../server/identity/service";
import { PRINCIPAL_TTL_MS } from "../../server/identity/principal-cache";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";
import { refusal } from "../support/refusal";

const DAY = 86_400_000;
const ip = { ip: "203.0.113.7" };
const password = "correct-horse-battery";

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
beforeEach(async () => {
  clock = manualClock();
  ctx = await testServices({ clock });
});
afterEach(async () => ctx.close());

const identity = () => ctx.services.identity;
const db = () => ctx.services.db;

const investorSignUp = (overrides: Record<string, unknown> = {}) => ({
  side: "investor",
  email: "hannah@harbour.example",
  password,
  displayName: "Hannah Lau",
  organisationName: "Harbour Capital Partners",
  organisationKind: "fund",
  region: "Hong Kong",
  ...overrides,
});

async function rowCounts() {
  const n = async (table: typeof users | typeof organisations | typeof memberships | typeof sessions | typeof auditLog) =>
    (await db().select({ n: count() }).from(table))[0]!.n;
  return {
    organisations: await n(organisations),
    users: await n(users),
    memberships: await n(memberships),
    sessions: await n(sessions),
    audit: await n(auditLog),
  };
}

async function userPrincipal(token: string): Promise<UserPrincipal> {
  const principal = await identity().principalFromSession(token);
  expect(principal).toMatchObject({ kind: "user" });
  return principal as UserPrincipal;
}

const auditActions = async () => (await ctx.services.audit.recent(db(), 1000)).map((row) => row.action).reverse();

describe("sign up", () => {
  it("creates a pending organisation, its user as investor, and a session", async () => {
    const session = await identity().signUp(investorSignUp(), { ...ip, userAgent: "Mozilla/5.0" });

    expect(session.token).toEqual(expect.any(String));
    expect(session.expiresAt.getTime()).toBe(clock.now().getTime() + 30 * DAY);
    const principal = await userPrincipal(session.token);
    expect(principal).toMatchObject({
      email: "hannah@harbour.example",
      displayName: "Hannah Lau",
      via: "session",
      sessionId: session.sessionId,
      memberships: [
        {
          organisationName: "Harbour Capital Partners",
          organisationKind: "fund",
          organisationStatus: "pending",
          role: "investor",
        },
      ],
    });
    expect(awaitingVerification(principal)).toBe(true);
    expect(can(principal, "investor.bid")).toBe(false);
    expect(await identity().listOrganisations()).toMatchObject([
      { name: "Harbour Capital Partners", status: "pending", region: "Hong Kong" },
    ]);
  });

  it("makes the first user of a seller its seller_admin", async () => {
    const session = await identity().signUp(
      investorSignUp({
        side: "seller",
        email: "chen.jing@eastbank.example",
        organisationName: "Eastern Commercial Bank",
        organisationKind: "bank",
      }),
      ip,
    );

    const principal = await userPrincipal(session.token);
    expect(principal.memberships).toMatchObject([
      { organisationKind: "bank", organisationStatus: "pending", role: "seller_admin" },
    ]);
    expect(can(principal, "seller.listings.read")).toBe(false);
  });

  it("stores the password only as an argon2id hash", async () => {
    await identity().signUp(investorSignUp(), ip);

    const [user] = await db().select().from(users);
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user!.passwordHash).not.toContain(password);
    expect(JSON.stringify(await db().select().from(users))).not.toContain(password);
  });

  it("keeps only a hash of the session token", async () => {
    const session = await identity().signUp(investorSignUp(), ip);

    const rows = await db().select().from(sessions);
    expect(rows).toMatchObject([{ id: session.sessionId, tokenHash: sha256(session.token), userAgent: null }]);
    expect(JSON.stringify(rows)).not.toContain(session.token);
  });

  it("refuses an email already taken, in any case, with EMAIL_TAKEN and leaves no partial rows", async () => {
    await identity().signUp(investorSignUp(), ip);
    const before = await rowCounts();

    for (const email of ["hannah@harbour.example", "Hannah@Harbour.EXAMPLE", "  HANNAH@harbour.example "]) {
      const error = await refusal(identity().signUp(investorSignUp({ email, organisationName: "Another Fund" }), ip));
      expect(error.code).toBe("EMAIL_TAKEN");
      expect(error.status).toBe(409);
    }

    expect(await rowCounts()).toEqual(before);
    expect((await identity().listOrganisations()).map((o) => o.name)).toEqual(["Harbour Capital Partners"]);
  });

  it("refuses an email taken by an account made by an operator", async () => {
    const bank = await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank" });
    await makeUser(ctx.services, { email: "li.wei@ecb.example", organisationId: bank.id, roles: ["seller_admin"] });

    const error = await refusal(identity().signUp(investorSignUp({ email: "LI.WEI@ecb.example" }), ip));

    expect(error.code).toBe("EMAIL_TAKEN");
    expect(await identity().listOrganisations()).toHaveLength(1);
  });

  it("gives exactly one account to two simultaneous creations with the same email", async () => {
    const results = await Promise.allSettled([
      identity().createUser(seedActor, { email: "twin@harbour.example", password, displayName: "Twin A" }),
      identity().createUser(seedActor, { email: "Twin@Harbour.example", password, displayName: "Twin B" }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "EMAIL_TAKEN" });
    expect(await db().select({ n: count() }).from(users)).toEqual([{ n: 1 }]);
  });

  it('refuses to let anyone sign up an organisation of kind "platform"', async () => {
    await expect(identity().signUp(investorSignUp({ organisationKind: "platform" }), ip)).rejects.toBeInstanceOf(ZodError);
    await expect(identity().signUp(investorSignUp({ organisationKind: "platform" }), ip)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["organisationKind"] })],
    });

    expect(await rowCounts()).toEqual({ organisations: 0, users: 0, memberships: 0, sessions: 0, audit: 0 });
  });

  it("refuses an address its 11th sign-up within an hour, a taken email counting too, with RATE_LIMITED; another address may sign up", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (let i = 0; i < 9; i += 1) {
        await identity().signUp(investorSignUp({ email: `fund${i}@harbour.example`, organisationName: `Fund ${i}` }), ip);
      }
      expect((await refusal(identity().signUp(investorSignUp({ email: "fund0@harbour.example" }), ip))).code).toBe("EMAIL_TAKEN");

      const limited = await refusal(identity().signUp(investorSignUp({ email: "fund10@harbour.example" }), ip));
      expect(limited).toMatchObject({ code: "RATE_LIMITED", status: 429 });
      expect(limited.details.retryAfterSeconds).toBeGreaterThan(3500);
      expect(limited.details.retryAfterSeconds).toBeLessThanOrEqual(3600);
      await expect(
        identity().signUp(investorSignUp({ email: "fund10@harbour.example" }), { ip: "198.51.100.1" }),
      ).resolves.toBeDefined();
      vi.setSystemTime(Date.now() + 3600_000);
      await expect(identity().signUp(investorSignUp({ email: "fund11@harbour.example" }), ip)).resolves.toBeDefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a short password and a malformed email before writing anything", async () => {
    await expect(identity().signUp(investorSignUp({ password: "short" }), ip)).rejects.toBeInstanceOf(ZodError);
    await expect(identity().signUp(investorSignUp({ email: "not-an-email" }), ip)).rejects.toBeInstanceOf(ZodError);

    expect((await rowCounts()).organisations).toBe(0);
  });
});

describe("sign in", () => {
  beforeEach(async () => {
    await identity().signUp(investorSignUp(), ip);
  });

  it("opens a new session for the right email and password, whatever the email's case", async () => {
    const session = await identity().signIn({ email: "Hannah@Harbour.example", password }, { ...ip, userAgent: "curl/8" });

    expect(await identity().principalFromSession(session.token)).toMatchObject({
      email: "hannah@harbour.example",
      sessionId: session.sessionId,
    });
    expect(await db().select({ userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.id, session.sessionId))).toEqual(
      [{ userAgent: "curl/8" }],
    );
  });

  it("answers a wrong password and an unknown email in the same way", async () => {
    const wrongPassword = await refusal(identity().signIn({ email: "hannah@harbour.example", password: "wrong-password" }, ip));
    const unknownEmail = await refusal(identity().signIn({ email: "nobody@harbour.example", password }, ip));

    for (const error of [wrongPassword, unknownEmail]) {
      expect(error.code).toBe("INVALID_CREDENTIALS");
      expect(error.status).toBe(401);
    }
    expect(unknownEmail.message).toBe(wrongPassword.message);
    expect(unknownEmail.details).toEqual(wrongPassword.details);
  });

  it("refuses a disabled user with the same answer as a wrong password", async () => {
    await db().update(users).set({ disabledAt: clock.now() });

    const error = await refusal(identity().signIn({ email: "hannah@harbour.example", password }, ip));

    expect(error.code).toBe("INVALID_CREDENTIALS");
  });

  it("after 5 failed attempts refuses the 6th with RATE_LIMITED, even with the right password", async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await refusal(identity().signIn({ email: "hannah@harbour.example", password: `wrong-${i}` }, ip))).code).toBe(
        "INVALID_CREDENTIALS",
      );
    }

    const error = await refusal(identity().signIn({ email: "hannah@harbour.example", password }, ip));

    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect((await rowCounts()).sessions).toBe(1);
  });

  it("counts failures per email: another account from the same address can still sign in", async () => {
    await identity().signUp(investorSignUp({ email: "jiang@jaderiver.example", organisationName: "Jade River" }), ip);
    for (let i = 0; i < 5; i += 1)
      await refusal(identity().signIn({ email: "hannah@harbour.example", password: "wrong-password" }, ip));

    await expect(identity().signIn({ email: "jiang@jaderiver.example", password }, ip)).resolves.toMatchObject({
      token: expect.any(String),
    });
  });

  it("starts counting afresh after a successful sign-in", async () => {
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 4; i += 1)
        await refusal(identity().signIn({ email: "hannah@harbour.example", password: "wrong-password" }, ip));
      await expect(identity().signIn({ email: "hannah@harbour.example", password }, ip)).resolves.toBeDefined();
    }
  });
});

describe("sign in under attack", () => {
  const hannah = "hannah@harbour.example";
  const from = (n: number) => ({ ip: `198.51.100.${n}` });
  const wrong = (address = ip, email = hannah) => refusal(identity().signIn({ email, password: "wrong-password" }, address));
  const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
  const signedIn = { token: expect.any(String) };

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await identity().signUp(investorSignUp(), ip);
  });
  afterEach(() => vi.useRealTimers());

  it("never locks the owner out: after many failures from many addresses, the right password from an address that has not been failing signs in", async () => {
    for (let i = 0; i < 40; i += 1) expect((await wrong(from(i))).code).toBe("INVALID_CREDENTIALS");

    await expect(identity().signIn({ email: hannah, password }, { ip: "203.0.113.9" })).resolves.toMatchObject(signedIn);
  });

  it("makes an address that keeps failing wait longer after each further failure, 5 seconds at first and never more than 5 minutes", async () => {
    for (let i = 0; i < 5; i += 1) expect((await wrong()).code).toBe("INVALID_CREDENTIALS");

    const waits: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const limited = await wrong();
      expect(limited).toMatchObject({ code: "RATE_LIMITED", status: 429 });
      const seconds = limited.details.retryAfterSeconds as number;
      waits.push(seconds);
      later(seconds - 1);
      expect((await wrong()).details.retryAfterSeconds).toBe(1);
      later(1);
      expect((await wrong()).code).toBe("INVALID_CREDENTIALS");
    }

    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 300, 300, 300, 300]);
  });

  it("makes every address that has failed on an account wait for the account, but lets another address try", async () => {
    for (let i = 0; i < 5; i += 1) expect((await wrong(from(i))).code).toBe("INVALID_CREDENTIALS");

    for (let i = 0; i < 5; i += 1)
      expect(await wrong(from(i))).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 5 } });
    expect((await wrong(from(5))).code).toBe("INVALID_CREDENTIALS");
    expect(await wrong(from(0))).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 10 } });
  });

  it("keeps an attacking address waiting after the owner has signed in", async () => {
    for (let i = 0; i < 6; i += 1) await wrong();
    await identity().signIn({ email: hannah, password }, { ip: "203.0.113.9" });

    expect((await wrong()).code).toBe("RATE_LIMITED");
  });

  it("lets one attempt at a time through past the free failures, however many are sent at once", async () => {
    for (let i = 0; i < 5; i += 1) await wrong();
    later(5);

    const answers = await Promise.all(Array.from({ length: 12 }, () => wrong()));

    expect(answers.filter((e) => e.code === "INVALID_CREDENTIALS")).toHaveLength(1);
    expect(answers.filter((e) => e.code === "RATE_LIMITED")).toHaveLength(11);
  });

  it("makes an address that sprays wrong passwords over many emails wait after 50, for any account, while other addresses sign in", async () => {
    await identity().signUp(investorSignUp({ email: "jiang@jaderiver.example", organisationName: "Jade River" }), from(200));
    for (let i = 0; i < 50; i += 1) expect((await wrong(ip, `user${i}@harbour.example`)).code).toBe("INVALID_CREDENTIALS");

    const limited = await refusal(identity().signIn({ email: "jiang@jaderiver.example", password }, ip));
    expect(limited).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 60 } });
    await expect(identity().signIn({ email: hannah, password }, from(1))).resolves.toMatchObject(signedIn);
    later(60);
    await expect(identity().signIn({ email: "jiang@jaderiver.example", password }, ip)).resolves.toMatchObject(signedIn);
  });

  it("tells the owner once per burst of failures, when it reaches 10, and again after the next burst", async () => {
    const told = async () => {
      const audited = (await ctx.services.audit.recent(db(), 1000))
        .filter((row) => row.action === "user.sign_in_failures")
        .map((row) => row.after);
      // The owner reads it among its notifications; the audit log records it for the operators.
      const owner = await db().select({ id: users.id }).from(users).where(eq(users.email, hannah));
      const notified = await db()
        .select({ userId: notifications.userId, params: notifications.params })
        .from(notifications)
        .where(eq(notifications.kind, "sign_in_failures"));
      expect(notified).toEqual(
        audited.map((after) => ({
          userId: owner[0]!.id,
          params: { failures: String((after as { failures: number }).failures) },
        })),
      );
      return audited;
    };

    for (let i = 0; i < 9; i += 1) await wrong(from(i));
    expect(await told()).toEqual([]);
    await wrong(from(9));
    expect(await told()).toEqual([{ failures: 10 }]);
    for (let i = 10; i < 30; i += 1) await wrong(from(i));
    for (let i = 0; i < 12; i += 1) await wrong(from(100), "nobody@harbour.example");
    expect(await told()).toEqual([{ failures: 10 }]);

    await identity().signIn({ email: hannah, password }, { ip: "203.0.113.9" });
    for (let i = 30; i < 40; i += 1) await wrong(from(i));
    expect(await told()).toEqual([{ failures: 10 }, { failures: 10 }]);
  });
});

describe("sessions", () => {
  let token: string;
  let sessionId: string;
  beforeEach(async () => {
    ({ token, sessionId } = await identity().signUp(investorSignUp(), ip));
  });

  it("resolves a valid session to its user", async () => {
    expect(await identity().principalFromSession(token)).toMatchObject({ kind: "user", via: "session", sessionId });
  });

  it("resolves nothing for a missing, empty or unknown token", async () => {
    expect(await identity().principalFromSession(undefined)).toBeNull();
    expect(await identity().principalFromSession(null)).toBeNull();
    expect(await identity().principalFromSession("")).toBeNull();
    expect(await identity().principalFromSession(`${token}x`)).toBeNull();
  });

  it("stays valid until 30 days have passed, and not a moment longer", async () => {
    clock.advance(30 * DAY - 1000);
    expect(await identity().principalFromSession(token)).not.toBeNull();
    clock.advance(1000);
    expect(await identity().principalFromSession(token)).toBeNull();
    clock.advance(DAY);
    expect(await identity().principalFromSession(token)).toBeNull();
  });

  it("no longer lists a session once it has expired", async () => {
    clock.advance(30 * DAY);
    const again = await identity().signIn({ email: "hannah@harbour.example", password }, ip);

    const listed = await identity().listSessions(await userPrincipal(again.token));

    expect(listed.map((s) => s.id)).toEqual([again.sessionId]);
  });

  it("ends on sign-out, and the sign-out is in the audit log", async () => {
    await identity().signOut(token);

    expect(await identity().principalFromSession(token)).toBeNull();
    expect((await auditActions()).at(-1)).toBe("session.closed");
  });

  it("ends on every node within a second of a sign-out elsewhere: another node may answer from its last look for a second, never longer", async () => {
    const otherNode = createIdentityService({
      db: db(),
      clock,
      audit: ctx.services.audit,
      limits: identityLimits(),
      notifications: ctx.services.notifications,
    });
    expect(await otherNode.principalFromSession(token)).toMatchObject({ sessionId });
    await identity().signOut(token);
    expect(await identity().principalFromSession(token)).toBeNull();
    clock.advance(PRINCIPAL_TTL_MS - 1);
    expect(await otherNode.principalFromSession(token)).toMatchObject({ sessionId });
    clock.advance(1);
    expect(await otherNode.principalFromSession(token)).toBeNull();
  });

  it("is revoked by its owner, and only by its owner", async () => {
    const owner = await userPrincipal(token);
    const other = await userPrincipal(
      (await identity().signUp(investorSignUp({ email: "jiang@jaderiver.example", organisationName: "Jade River" }), ip)).token,
    );

    expect((await refusal(identity().revokeSession(other, sessionId))).code).toBe("NOT_FOUND");
    expect(await identity().principalFromSession(token)).not.toBeNull();

    await identity().revokeSession(owner, sessionId);
    expect(await identity().principalFromSession(token)).toBeNull();
    expect((await refusal(identity().revokeSession(owner, sessionId))).code).toBe("NOT_FOUND");
  });

  it("answers NOT_FOUND for a session id that is not a uuid", async () => {
    const owner = await userPrincipal(token);

    expect((await refusal(identity().revokeSession(owner, "not-a-uuid"))).code).toBe("NOT_FOUND");
  });

  it("lists the user's own active sessions only", async () => {
    const second = await identity().signIn({ email: "hannah@harbour.example", password }, ip);
    await identity().signUp(investorSignUp({ email: "jiang@jaderiver.example", organisationName: "Jade River" }), ip);
    const owner = await userPrincipal(token);

    expect((await identity().listSessions(owner)).map((s) => s.id).sort()).toEqual([sessionId, second.sessionId].sort());
    await identity().revokeSession(owner, second.sessionId);
    expect((await identity().listSessions(owner)).map((s) => s.id)).toEqual([sessionId]);
  });

  it("ends every session of a user who is disabled", async () => {
    await db().update(users).set({ disabledAt: clock.now() });

    expect(await identity().principalFromSession(token)).toBeNull();
  });
});

describe("API tokens", () => {
  let owner: UserPrincipal;
  beforeEach(async () => {
    owner = await userPrincipal((await identity().signUp(investorSignUp(), ip)).token);
  });

  it("returns the token once and stores only its sha256", async () => {
    const created = await identity().createApiToken(seedActor, { email: "hannah@harbour.example", name: "loan-tape upload" });

    expect(created.token).toMatch(new RegExp(`^npx_${created.prefix}_[A-Za-z0-9_-]+$`));
    const rows = await db().select().from(apiTokens);
    expect(rows).toMatchObject([
      { id: created.id, name: "loan-tape upload", prefix: created.prefix, tokenHash: sha256(created.token) },
    ]);
    expect(JSON.stringify(rows)).not.toContain(created.token);
    const listed = await identity().listApiTokens(owner);
    expect(listed).toMatchObject([{ id: created.id, prefix: created.prefix }]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain(sha256(created.token));
  });

  it("authenticates its user, and records when it was last used", async () => {
    const { token, id } = await identity().createApiToken(seedActor, { email: "hannah@harbour.example" });
    clock.advance(60_000);

    expect(await identity().principalFromApiToken(token)).toMatchObject({ kind: "user", userId: owner.userId, via: "token" });
    expect(await db().select({ lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id))).toEqual([
      { lastUsedAt: clock.now() },
    ]);
  });

  it("rejects a token that was altered or never issued", async () => {
    const { token } = await identity().createApiToken(seedActor, { email: "hannah@harbour.example" });

    expect(await identity().principalFromApiToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await identity().principalFromApiToken("")).toBeNull();
  });

  it("is rejected once revoked, and only its owner may revoke it", async () => {
    const { token, id } = await identity().createApiToken(seedActor, { email: "hannah@harbour.example" });
    const other = await userPrincipal(
      (await identity().signUp(investorSignUp({ email: "jiang@jaderiver.example", organisationName: "Jade River" }), ip)).token,
    );

    expect((await refusal(identity().revokeApiToken(other, id))).code).toBe("NOT_FOUND");
    expect(await identity().principalFromApiToken(token)).not.toBeNull();

    await identity().revokeApiToken(owner, id);
    expect(await identity().principalFromApiToken(token)).toBeNull();
    expect(await identity().listApiTokens(owner)).toEqual([]);
    expect((await refusal(identity().revokeApiToken(owner, "not-a-uuid"))).code).toBe("NOT_FOUND");
  });

  it("is rejected once it has expired", async () => {
    const { token } = await identity().createApiToken(seedActor, {
      email: "hannah@harbour.example",
      expiresAt: new Date(clock.now().getTime() + 7 * DAY),
    });

    clock.advance(7 * DAY - 1000);
    expect(await identity().principalFromApiToken(token)).not.toBeNull();
    clock.advance(1000);
    expect(await identity().principalFromApiToken(token)).toBeNull();
  });

  it("refuses to issue a token for an unknown email", async () => {
    expect((await refusal(identity().createApiToken(seedActor, { email: "nobody@harbour.example" }))).code).toBe("NOT_FOUND");
    expect(await db().select().from(apiTokens)).toEqual([]);
  });
});

describe("organisation review", () => {
  it("approving a pending organisation makes its members' roles count", async () => {
    const { token } = await identity().signUp(investorSignUp(), ip);
    const before = await userPrincipal(token);
    const orgId = before.memberships[0]!.organisationId;

    const decided = await identity().decideOrganisation(seedActor, orgId, "approved", "licence checked");

    expect(decided).toMatchObject({ id: orgId, status: "approved", decidedAt: clock.now() });
    const after = await userPrincipal(token);
    expect(can(after, "investor.bid")).toBe(true);
    expect(can(after, "investor.bid", orgId)).toBe(true);
    expect(awaitingVerification(after)).toBe(false);
    expect(await identity().listOrganisations({ status: "approved" })).toMatchObject([{ id: orgId }]);
  });

  it("rejecting an organisation leaves its roles without effect", async () => {
    const { token } = await identity().signUp(investorSignUp(), ip);
    const orgId = (await userPrincipal(token)).memberships[0]!.organisationId;

    await identity().decideOrganisation(seedActor, orgId, "rejected", "no licence");

    const after = await userPrincipal(token);
    expect(can(after, "investor.bid")).toBe(false);
    expect(awaitingVerification(after)).toBe(false);
  });

  it("refuses the same decision twice, and an organisation that does not exist", async () => {
    const org = await makeOrganisation(ctx.services, { name: "Harbour Capital", kind: "fund", approved: false });
    await identity().decideOrganisation(seedActor, org.id, "approved");

    expect((await refusal(identity().decideOrganisation(seedActor, org.id, "approved"))).code).toBe("CONFLICT");
    expect(
      (await refusal(identity().decideOrganisation(seedActor, "00000000-0000-4000-8000-000000000000", "approved"))).code,
    ).toBe("NOT_FOUND");
    expect((await refusal(identity().decideOrganisation(seedActor, "Harbour Capital", "approved"))).code).toBe("NOT_FOUND");
  });
});

describe("operators and memberships", () => {
  async function operator(): Promise<Principal> {
    const platform = await makeOrganisation(ctx.services, { name: "nplex Operations", kind: "platform" });
    await makeUser(ctx.services, { email: "ops@nplex.example", password, organisationId: platform.id, roles: ["operator"] });
    return userPrincipal((await identity().signIn({ email: "ops@nplex.example", password }, ip)).token);
  }

  it("lets an operator create another operator in the platform organisation", async () => {
    const by = (await operator()) as UserPrincipal;

    await identity().createOperator(by, { email: "ops2@nplex.example", password, displayName: "Ops Two" });

    const created = await userPrincipal((await identity().signIn({ email: "ops2@nplex.example", password }, ip)).token);
    expect(created.memberships).toMatchObject([{ organisationKind: "platform", role: "operator" }]);
    expect(can(created, "organisation.review")).toBe(true);
  });

  it("refuses operator creation to anyone else", async () => {
    const investor = await userPrincipal((await identity().signUp(investorSignUp(), ip)).token);

    expect(
      (await refusal(identity().createOperator(investor, { email: "x@nplex.example", password, displayName: "X" }))).code,
    ).toBe("FORBIDDEN");
    expect(await identity().findUserByEmail("x@nplex.example")).toBeUndefined();
  });

  it("refuses an operator role outside the platform organisation, and a role held twice", async () => {
    const bank = await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank" });
    const user = await makeUser(ctx.services, { email: "li.wei@ecb.example", organisationId: bank.id, roles: ["seller_admin"] });

    const operatorInBank = await refusal(
      identity().addMembership(seedActor, { userId: user.id, organisationId: bank.id, role: "operator" }),
    );
    const twice = await refusal(
      identity().addMembership(seedActor, { userId: user.id, organisationId: bank.id, role: "seller_admin" }),
    );

    expect(operatorInBank.code).toBe("VALIDATION_FAILED");
    expect(twice.code).toBe("CONFLICT");
    expect(await db().select({ n: count() }).from(memberships)).toEqual([{ n: 1 }]);
  });
});

describe("audit trail", () => {
  it("records every state change in one chain that verifies", async () => {
    const signUp = await identity().signUp(investorSignUp(), ip);
    const owner = await userPrincipal(signUp.token);
    const signIn = await identity().signIn({ email: "hannah@harbour.example", password }, ip);
    await refusal(identity().signIn({ email: "hannah@harbour.example", password: "wrong-password" }, ip));
    const apiToken = await identity().createApiToken(seedActor, { email: "hannah@harbour.example" });
    await identity().principalFromApiToken(apiToken.token);
    await identity().revokeApiToken(owner, apiToken.id);
    await identity().revokeSession(owner, signIn.sessionId);
    await identity().decideOrganisation(seedActor, owner.memberships[0]!.organisationId, "approved", "licence checked");
    await identity().signOut(signUp.token);

    expect(await auditActions()).toEqual([
      "organisation.created",
      "user.created",
      "membership.created",
      "session.opened",
      "session.opened",
      "api_token.created",
      "api_token.revoked",
      "session.revoked",
      "organisation.approved",
      "session.closed",
    ]);
    const rows = await ctx.services.audit.recent(db(), 1000);
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(JSON.stringify(rows)).not.toContain(apiToken.token);
    expect(JSON.stringify(rows)).not.toContain(signUp.token);
    expect(await ctx.services.audit.verify(db())).toEqual({ ok: true, checked: 10, chains: expect.any(Number) as number });
  });
});
