import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./columns";
import { organisationKinds, organisationStatuses, roles } from "../../core/enums";

export const organisationKind = pgEnum("organisation_kind", organisationKinds);

export const organisationStatus = pgEnum("organisation_status", organisationStatuses);

export const role = pgEnum("role", roles);

export const organisations = pgTable("organisations", {
  id: id(),
  name: text("name").notNull(),
  /** The organisation's Chinese name, shown to Chinese readers when given. */
  nameZh: text("name_zh"),
  kind: organisationKind("kind").notNull(),
  status: organisationStatus("status").notNull().default("pending"),
  region: text("region"),
  createdAt: createdAt(),
  decidedAt: at("decided_at"),
});

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale"),
    createdAt: createdAt(),
    disabledAt: at("disabled_at"),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: role("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_role_key").on(t.userId, t.organisationId, t.role),
    index("memberships_org_idx").on(t.organisationId),
  ],
);

/** The cookie carries a random token; only its SHA-256 is stored, so a leaked table opens no session. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: at("last_used_at"),
    expiresAt: at("expires_at"),
    revokedAt: at("revoked_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
