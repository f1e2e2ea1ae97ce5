import { bigint, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at } from "./columns";

/**
 * Append-only. Each row's hash covers its own content and the previous row's hash,
 * so an edit or a deletion anywhere breaks every later link (checked by `audit verify`).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    /** Assigned under a lock as last + 1, so a missing row shows as a gap. */
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: at("at").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

export type AuditRow = typeof auditLog.$inferSelect;
