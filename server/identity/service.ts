import { randomBytes } from "node:crypto";
import { hash, verify } from "argon2";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiTokens, memberships, organisations, sessions, users } from "../../db/schema";
import type { Actor, AuditService } from "../audit/service";
import type { NotificationService } from "../notifications/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { isUuid } from "../ids";
import { createBackoff, createRateLimiter, type Backoff, type BackoffTurn, type RateLimiter } from "../rate-limit";
import { normaliseEmail, type MembershipView, type Principal, type UserPrincipal } from "../../core/identity/access";
import { signInSchema, signUpSchema } from "../../core/contract/identity";
import { newApiToken, newSessionToken, sha256 } from "./tokens";
import { actorOf, argonOptions, createAccounts } from "./accounts";
import { createPrincipalCache } from "./principal-cache";

export const SESSION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * How sign-in and sign-up slow attackers down without locking an owner out: failures earn growing
 * waits, but only addresses that have been failing are made to wait for an account.
 */
export interface IdentityLimits {
  /** Per email, from anywhere: the account's waits, imposed on every address that has failed on it. */
  account: Backoff;
  /** Per address and email: what one address has earned on one account, kept after the owner signs in. */
  pair: Backoff;
  /** Per address across every email: wrong passwords spread over many accounts. */
  address: Backoff;
  /** Once per burst of failures on an account: it is recorded against the owner's account. */
  ownerAlert: RateLimiter;
  /** Sign-ups per address. */
  signUp: RateLimiter;
}

const DAY_SECONDS = 86_400;
/** A burst is recorded for its owner once it reaches this many failures. */
export const OWNER_ALERT_FAILURES = 10;

/** The limits the platform runs with; shared across nodes when a Redis client is given. */
export function identityLimits(redis?: unknown): IdentityLimits {
  // 5 failures a day cost nothing; then 5 s, 10 s, 20 s ... never more than 5 minutes between two attempts.
  const perAccount = { freeFailures: 5, firstDelaySeconds: 5, maxDelaySeconds: 300, windowSeconds: DAY_SECONDS };
  return {
    account: createBackoff({ name: "signin-account", ...perAccount }, redis),
    pair: createBackoff({ name: "signin-pair", ...perAccount }, redis),
    // Generous, for offices behind one address: 50 wrong passwords an hour, then a minute, doubling up to an hour.
    address: createBackoff(
      { name: "signin-address", freeFailures: 50, firstDelaySeconds: 60, maxDelaySeconds: 3600, windowSeconds: 3600 },
      redis,
    ),
    ownerAlert: createRateLimiter({ name: "signin-owner-alert", points: 1, durationSeconds: DAY_SECONDS }, redis),
    signUp: createRateLimiter({ name: "signup", points: 10, durationSeconds: 3600 }, redis),
  };
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  limits: IdentityLimits;
  /** Tells an account's owner of a burst of failed sign-ins. */
  notifications: Pick<NotificationService, "notify">;
}

export function createIdentityService({ db, clock, audit, limits, notifications }: IdentityDeps) {
  const accounts = createAccounts({ db, clock, audit });
  const { insertOrganisation, insertUser, insertMembership } = accounts;
  // Unknown emails are checked against this, so they cost as much time as a wrong password.
  let dummyHash: Promise<string> | undefined;
  const unknownUserHash = () => (dummyHash ??= hash(randomBytes(16).toString("hex"), argonOptions));

  async function membershipsOf(userId: string): Promise<MembershipView[]> {
    return db
      .select({
        organisationId: organisations.id,
        organisationName: organisations.name,
        organisationKind: organisations.kind,
        organisationStatus: organisations.status,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(organisations, eq(memberships.organisationId, organisations.id))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organisations.name));
  }

  const principals = createPrincipalCache(clock);
  /** A change to who may do what, after which this node looks its principals up afresh. */
  const forgetting =
    <A extends unknown[], R>(change: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await change(...args);
      } finally {
        principals.clear();
      }
    };

  async function principalFor(
    user: { id: string; email: string; displayName: string },
    via: "session" | "token",
    sessionId?: string,
  ): Promise<UserPrincipal> {
    return {
      kind: "user",
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      memberships: await membershipsOf(user.id),
      via,
      sessionId,
    };
  }

  async function sessionPrincipal(tokenHash: string): Promise<Principal | null> {
    const [row] = await db
      .select({ sessionId: sessions.id, id: users.id, email: users.email, displayName: users.displayName })
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, clock.now()),
          isNull(users.disabledAt),
        ),
      );
    return row ? principalFor(row, "session", row.sessionId) : null;
  }

  async function tokenPrincipal(tokenHash: string): Promise<Principal | null> {
    const now = clock.now();
    const [row] = await db
      .select({ tokenId: apiTokens.id, id: users.id, email: users.email, displayName: users.displayName })
      .from(apiTokens)
      .innerJoin(users, eq(apiTokens.userId, users.id))
      .where(
        and(
          eq(apiTokens.tokenHash, tokenHash),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          isNull(users.disabledAt),
        ),
      );
    if (!row) return null;
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
    return principalFor(row, "token");
  }

  async function findUserByEmail(email: string) {
    const [user] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${normaliseEmail(email)}`)
      .limit(1);
    return user;
  }

  async function openSession(user: { id: string; email: string }, userAgent?: string) {
    const userId = user.id;
    const token = newSessionToken();
    const now = clock.now();
    const [row] = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(sessions)
        .values({
          tokenHash: sha256(token),
          userId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS),
          userAgent: userAgent?.slice(0, 300),
        })
        .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
      await audit.append(tx, {
        actor: { userId, label: user.email },
        action: "session.opened",
        entityType: "session",
        entityId: inserted[0]!.id,
      });
      return inserted;
    });
    return { token, sessionId: row!.id, expiresAt: row!.expiresAt };
  }

  /** Gives back attempts already started when a later limit refuses, then passes the refusal on. */
  const giveBack =
    (...turns: BackoffTurn[]) =>
    async (error: unknown): Promise<never> => {
      await Promise.all(turns.map((turn) => turn.cancel()));
      throw error;
    };

  /** Once per burst, the audit log records the failures against the owner's account. */
  async function alertOwner(user: { id: string; email: string }, failures: number) {
    const first = await limits.ownerAlert.consume(user.email).then(
      () => true,
      (error: unknown) => {
        if (AppError.is(error) && error.code === "RATE_LIMITED") return false;
        throw error;
      },
    );
    if (!first) return;
    await db.transaction(async (tx) => {
      await audit.append(tx, {
        actor: { userId: null, label: "sign-in" },
        action: "user.sign_in_failures",
        entityType: "user",
        entityId: user.id,
        after: { failures },
      });
      await notifications.notify(tx, { userIds: [user.id], kind: "sign_in_failures", params: { failures: String(failures) } });
    });
  }

  return {
    /** An investor or seller organisation signs itself up; it stays unverified until an operator approves it. */
    async signUp(raw: unknown, meta: { ip: string; userAgent?: string }) {
      const input = signUpSchema.parse(raw);
      // Counted once the form is valid: a taken email answers too, so it costs the same.
      await limits.signUp.consume(meta.ip);
      const created = await db.transaction(async (tx) => {
        const actor: Actor = { userId: null, label: `signup:${input.email}` };
        const org = await insertOrganisation(tx, actor, {
          name: input.organisationName,
          kind: input.organisationKind as (typeof organisations.$inferInsert)["kind"],
          region: input.region,
        });
        const user = await insertUser(tx, actor, input);
        await insertMembership(tx, actor, {
          userId: user.id,
          organisationId: org.id,
          role: input.side === "investor" ? "investor" : "seller_admin",
        });
        return user;
      });
      return openSession(created, meta.userAgent);
    },

    /**
     * The same answer for an unknown email and a wrong password. Failures earn growing waits (the
     * refusal says how long); an address that has not failed on an account is never made to wait for it.
     */
    async signIn(raw: unknown, meta: { ip: string; userAgent?: string }) {
      const input = signInSchema.parse(raw);
      const address = await limits.address.attempt(meta.ip);
      const pair = await limits.pair.attempt(`${meta.ip}|${input.email}`).catch(giveBack(address));
      const account = await limits.account.attempt(input.email, { wait: pair.failuresBefore > 0 }).catch(giveBack(address, pair));
      const checked = async () => {
        const user = await findUserByEmail(input.email);
        return { user, matches: await verify(user?.passwordHash ?? (await unknownUserHash()), input.password) };
      };
      const { user, matches } = await checked().catch(giveBack(address, pair, account));
      if (!user || user.disabledAt || !matches) {
        const [, , burst] = await Promise.all([address.fail(), pair.fail(), account.fail()]);
        if (user && burst.failures >= OWNER_ALERT_FAILURES) await alertOwner(user, burst.failures);
        throw new AppError("INVALID_CREDENTIALS", "Email or password is incorrect.");
      }
      // The address's count across emails stays: a few right guesses among many must not wipe it.
      await Promise.all([address.cancel(), pair.succeed(), account.succeed(), limits.ownerAlert.reset(input.email)]);
      return openSession(user, meta.userAgent);
    },

    /** The session's user, looked up at most once a second per session (server/identity/principal-cache.ts). */
    async principalFromSession(token: string | undefined | null): Promise<Principal | null> {
      if (!token) return null;
      const tokenHash = sha256(token);
      return principals.get(`s:${tokenHash}`, () => sessionPrincipal(tokenHash));
    },

    /**
     * A user as the services see them, for code that acts in their name in-process with no sign-in
     * (the demo's seed). Never reached from a request.
     */
    async principalOfUser(userId: string): Promise<UserPrincipal> {
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user) throw new AppError("NOT_FOUND", "No such user.");
      return principalFor(user, "token");
    },

    /** The token's user, looked up at most once a second per token (its last use recorded as often). */
    async principalFromApiToken(token: string): Promise<Principal | null> {
      const tokenHash = sha256(token);
      return principals.get(`t:${tokenHash}`, () => tokenPrincipal(tokenHash));
    },

    async signOut(token: string) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(sessions)
          .set({ revokedAt: clock.now() })
          .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)))
          .returning({ id: sessions.id, userId: sessions.userId });
        if (!row) return;
        const [owner] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
        await audit.append(tx, {
          actor: { userId: row.userId, label: owner?.email ?? row.userId },
          action: "session.closed",
          entityType: "session",
          entityId: row.id,
        });
      });
      principals.clear();
    },

    async listSessions(principal: UserPrincipal) {
      return db
        .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
        .from(sessions)
        .where(and(eq(sessions.userId, principal.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, clock.now())))
        .orderBy(asc(sessions.createdAt));
    },

    async revokeSession(principal: UserPrincipal, sessionId: string) {
      if (!isUuid(sessionId)) throw new AppError("NOT_FOUND", "No such active session.");
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(sessions)
          .set({ revokedAt: clock.now() })
          .where(and(eq(sessions.id, sessionId), eq(sessions.userId, principal.userId), isNull(sessions.revokedAt)))
          .returning({ id: sessions.id });
        if (!row) throw new AppError("NOT_FOUND", "No such active session.");
        await audit.append(tx, { actor: actorOf(principal), action: "session.revoked", entityType: "session", entityId: row.id });
      });
      principals.clear();
    },

    /** The token is returned once and never stored: only its hash is. */
    async createApiToken(actor: Actor, input: { email: string; name?: string; expiresAt?: Date }) {
      const user = await findUserByEmail(input.email);
      if (!user) throw new AppError("NOT_FOUND", `No user with email ${input.email}.`);
      const { token, prefix } = newApiToken();
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(apiTokens)
          .values({
            userId: user.id,
            name: input.name?.trim() || "API token",
            prefix,
            tokenHash: sha256(token),
            createdAt: clock.now(),
            expiresAt: input.expiresAt ?? null,
          })
          .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
        await audit.append(tx, {
          actor,
          action: "api_token.created",
          entityType: "api_token",
          entityId: inserted!.id,
          after: { userId: user.id, name: inserted!.name, prefix },
        });
        return inserted!;
      });
      return { ...row, token };
    },

    async listApiTokens(principal: UserPrincipal) {
      return db
        .select({
          id: apiTokens.id,
          name: apiTokens.name,
          prefix: apiTokens.prefix,
          createdAt: apiTokens.createdAt,
          lastUsedAt: apiTokens.lastUsedAt,
          expiresAt: apiTokens.expiresAt,
        })
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, principal.userId), isNull(apiTokens.revokedAt)))
        .orderBy(asc(apiTokens.createdAt));
    },

    async revokeApiToken(principal: UserPrincipal, tokenId: string) {
      if (!isUuid(tokenId)) throw new AppError("NOT_FOUND", "No such active token.");
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(apiTokens)
          .set({ revokedAt: clock.now() })
          .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, principal.userId), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        if (!row) throw new AppError("NOT_FOUND", "No such active token.");
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "api_token.revoked",
          entityType: "api_token",
          entityId: row.id,
        });
      });
      principals.clear();
    },

    findUserByEmail,
    ...accounts.commands,
    // Who belongs where, and whether an organisation is approved, shows on this node's next request.
    addMembership: forgetting((actor: Actor, raw: unknown) => accounts.commands.addMembership(actor, raw)),
    createOperator: forgetting((by: UserPrincipal, raw: unknown) => accounts.commands.createOperator(by, raw)),
    decideOrganisation: forgetting((actor: Actor, organisationId: string, decision: "approved" | "rejected", reason?: string) =>
      accounts.commands.decideOrganisation(actor, organisationId, decision, reason),
    ),
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
