import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { approvalTiers, organisations, platformSettings } from "../../../db/schema/index";
import type { Actor, AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { announcementSettings } from "../facts";
import { roundsSetting, roundsSettingSchema } from "../../sale-modes/rounds/settings";
import { saleModesSetting, saleModesSettingSchema } from "../../sale-modes/settings";
import { announcementSettingsSchema, defaultApprovalTiers } from "../rules/approval";
import { minorUnits } from "../../../core/money";

/** A seller's approval tiers: the first starts at zero, thresholds differ, each names a role that approves. */
export const approvalTiersSchema = z
  .array(
    z.object({
      minValue: minorUnits("a threshold is a whole number of minor units"),
      approvalsRequired: z.number().int().min(1).max(10),
      role: z.enum(["approver", "seller_admin"]),
    }),
  )
  .min(1)
  .max(10)
  .refine((tiers) => tiers.some((t) => t.minValue === 0n), { message: "one tier must start at 0" })
  .refine((tiers) => new Set(tiers.map((t) => t.minValue)).size === tiers.length, { message: "thresholds must differ" });

/**
 * The rules a platform and each seller tune: announcement periods by value and the rounds after a
 * failed auction (platform-wide), and approval tiers (per seller organisation). Every change is audited.
 */
export function createSettingsService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditService }) {
  /** Stores one platform-wide setting, audited with what it replaced. */
  async function save<T>(actor: Actor, key: string, value: T, read: (tx: Db) => Promise<T>): Promise<T> {
    await db.transaction(async (tx) => {
      const before = await read(tx);
      await tx
        .insert(platformSettings)
        .values({ key, value, updatedAt: clock.now() })
        .onConflictDoUpdate({ target: platformSettings.key, set: { value, updatedAt: clock.now() } });
      await audit.append(tx, { actor, action: `settings.${key}`, entityType: "settings", entityId: key, before, after: value });
    });
    return value;
  }

  return {
    announcement: () => announcementSettings(db),

    async setAnnouncement(actor: Actor, raw: unknown) {
      const value = announcementSettingsSchema.parse(raw);
      if (!value.tiers.some((t) => t.upTo === null)) {
        throw new AppError("VALIDATION_FAILED", "The last tier must cover every value above the others (upTo: null).");
      }
      return save(actor, "announcement", value, announcementSettings);
    },

    /** Re-listing rounds and the fixed-price sale: windows, the deepest cut, the shorter announcement. */
    rounds: () => roundsSetting(db),

    async setRounds(actor: Actor, raw: unknown) {
      const value = roundsSettingSchema.parse(raw);
      return save(actor, "rounds", value, roundsSetting);
    },

    /** Which sale modes the platform opens beyond the defaults (a negotiated transfer of a package). */
    saleModes: () => saleModesSetting(db),

    async setSaleModes(actor: Actor, raw: unknown) {
      const value = saleModesSettingSchema.parse(raw);
      return save(actor, "sale_modes", value, saleModesSetting);
    },

    /** The organisation's own tiers, or the defaults it falls back to. */
    async approvalTiers(organisationId: string) {
      const rows = await db
        .select()
        .from(approvalTiers)
        .where(eq(approvalTiers.organisationId, organisationId))
        .orderBy(asc(approvalTiers.minValue));
      return { own: rows.length > 0, tiers: rows.length ? rows : defaultApprovalTiers };
    },

    async setApprovalTiers(actor: Actor, organisationId: string, raw: unknown) {
      const tiers = approvalTiersSchema.parse(raw);
      await db.transaction(async (tx) => {
        const [org] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
        if (!org) throw new AppError("NOT_FOUND", "Organisation not found.");
        const before = await tx.select().from(approvalTiers).where(eq(approvalTiers.organisationId, organisationId));
        await tx.delete(approvalTiers).where(eq(approvalTiers.organisationId, organisationId));
        await tx.insert(approvalTiers).values(tiers.map((t) => ({ ...t, organisationId })));
        await audit.append(tx, {
          actor,
          action: "settings.approval_tiers",
          entityType: "organisation",
          entityId: organisationId,
          before,
          after: tiers,
        });
      });
      return tiers;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
