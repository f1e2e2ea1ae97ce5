import { hash, argon2id } from "argon2";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, organisations, users } from "../../db/schema";
import { type Role } from "../../core/enums";
import type { Actor, AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError, isUniqueViolation } from "../errors";
import { isUuid } from "../ids";
import { can, type UserPrincipal } from "../../core/identity/access";
import { createOrganisationSchema, createUserSchema, membershipSchema } from "../../core/contract/identity";

/**
 * Organisations, people and their roles: created, decided and listed, each change audited. The
 * identity service offers these beside sign-up, sign-in and sessions.
 */

/** Hashing cost per OWASP's argon2id guidance (19 MiB, 2 passes). */
export const argonOptions = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const emailTaken = () => new AppError("EMAIL_TAKEN", "An account with this email already exists.", { field: "email" });

/** The audit trail's name for a signed-in person. */
export const actorOf = (principal: UserPrincipal): Actor => ({ userId: principal.userId, label: principal.email });
export const cliActor: Actor = { userId: null, label: "cli" };

export function createAccounts({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditService }) {
  async function insertUser(tx: Db, actor: Actor, input: { email: string; password: string; displayName: string }) {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email}`);
    if (existing) throw emailTaken();
    const passwordHash = await hash(input.password, argonOptions);
    // Two creations racing past the check above meet at the unique index: the loser gets EMAIL_TAKEN too.
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, passwordHash, createdAt: clock.now() })
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken() : error;
      });
    await audit.append(tx, {
      actor,
      action: "user.created",
      entityType: "user",
      entityId: user!.id,
      after: { email: user!.email, displayName: user!.displayName },
    });
    return user!;
  }

  /** An organisation, pending an operator's check unless `approved`, with its audit entry. */
  async function insertOrganisation(
    tx: Db,
    actor: Actor,
    input: {
      name: string;
      nameZh?: string | null;
      kind: (typeof organisations.$inferInsert)["kind"];
      region?: string | null;
      approved?: boolean;
    },
  ) {
    const now = clock.now();
    const [org] = await tx
      .insert(organisations)
      .values({
        name: input.name,
        nameZh: input.nameZh || null,
        kind: input.kind,
        region: input.region || null,
        status: input.approved ? "approved" : "pending",
        decidedAt: input.approved ? now : null,
        createdAt: now,
      })
      .returning();
    await audit.append(tx, {
      actor,
      action: "organisation.created",
      entityType: "organisation",
      entityId: org!.id,
      after: { name: org!.name, kind: org!.kind, status: org!.status },
    });
    return org!;
  }

  async function insertMembership(tx: Db, actor: Actor, input: { userId: string; organisationId: string; role: Role }) {
    const [row] = await tx
      .insert(memberships)
      .values({ ...input, createdAt: clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("CONFLICT", "That person already holds this role in this organisation.");
    await audit.append(tx, { actor, action: "membership.created", entityType: "membership", entityId: row.id, after: input });
    return row;
  }

  return {
    insertOrganisation,
    insertUser,
    insertMembership,
    commands: {
      async createOrganisation(actor: Actor, raw: unknown) {
        const input = createOrganisationSchema.parse(raw);
        return db.transaction((tx) => insertOrganisation(tx, actor, input));
      },

      async createUser(actor: Actor, raw: unknown) {
        const input = createUserSchema.parse(raw);
        return db.transaction((tx) => insertUser(tx, actor, input));
      },

      async addMembership(actor: Actor, raw: unknown) {
        const input = membershipSchema.parse(raw);
        return db.transaction(async (tx) => {
          const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
          if (!org) throw new AppError("NOT_FOUND", "No such organisation.");
          if (input.role === "operator" && org.kind !== "platform") {
            throw new AppError("VALIDATION_FAILED", "Operators belong to the platform organisation.", { field: "role" });
          }
          return insertMembership(tx, actor, input);
        });
      },

      /** Operators are made only by the CLI or by another operator. */
      async createOperator(by: UserPrincipal, raw: unknown) {
        if (!can(by, "user.create_operator")) throw new AppError("FORBIDDEN", "Only an operator can create operators.");
        const input = createUserSchema.parse(raw);
        const platformOrg = by.memberships.find(
          (m) => m.role === "operator" && m.organisationKind === "platform" && m.organisationStatus === "approved",
        );
        return db.transaction(async (tx) => {
          const user = await insertUser(tx, actorOf(by), input);
          await insertMembership(tx, actorOf(by), {
            userId: user.id,
            organisationId: platformOrg!.organisationId,
            role: "operator",
          });
          return user;
        });
      },

      async decideOrganisation(actor: Actor, organisationId: string, decision: "approved" | "rejected", reason?: string) {
        if (!isUuid(organisationId)) throw new AppError("NOT_FOUND", "No such organisation.");
        return db.transaction(async (tx) => {
          const [before] = await tx.select().from(organisations).where(eq(organisations.id, organisationId)).for("no key update");
          if (!before) throw new AppError("NOT_FOUND", "No such organisation.");
          if (before.status === decision) throw new AppError("CONFLICT", `The organisation is already ${decision}.`);
          const [after] = await tx
            .update(organisations)
            .set({ status: decision, decidedAt: clock.now() })
            .where(eq(organisations.id, organisationId))
            .returning();
          await audit.append(tx, {
            actor,
            action: `organisation.${decision}`,
            entityType: "organisation",
            entityId: organisationId,
            before: { status: before.status },
            after: { status: after!.status },
            reason: reason || null,
          });
          return after!;
        });
      },

      async listOrganisations(filter: { status?: "pending" | "approved" | "rejected" | "suspended" } = {}) {
        const rows = await db
          .select()
          .from(organisations)
          .where(filter.status ? eq(organisations.status, filter.status) : undefined)
          .orderBy(asc(organisations.createdAt));
        return rows;
      },

      /** The people of these organisations and their roles, one row per membership, for an operator's review. */
      async membersOf(organisationIds: readonly string[]) {
        if (organisationIds.length === 0) return [];
        return db
          .select({
            organisationId: memberships.organisationId,
            userId: users.id,
            email: users.email,
            displayName: users.displayName,
            role: memberships.role,
            disabledAt: users.disabledAt,
          })
          .from(memberships)
          .innerJoin(users, eq(memberships.userId, users.id))
          .where(inArray(memberships.organisationId, [...organisationIds]))
          .orderBy(asc(users.displayName), asc(memberships.role));
      },
    },
  };
}
