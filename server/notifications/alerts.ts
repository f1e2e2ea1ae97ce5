import { and, eq, gt, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { alertSettings, listingAlerts, listings } from "../../db/schema";
import {
  alertDefaults,
  alertKeys,
  alertKinds,
  alertNotificationKind,
  endingAlertDue,
  endingAlertMinutes,
  outbidRegistration,
  type AlertChoice,
  type AlertKind,
} from "../../core/alerts";
import type { Principal } from "../../core/identity/access";
import { alertSettingsSchema } from "../../core/contract/alerts";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { listingAudience } from "./service";

/** Whom an alert goes to: users by id, or the user who holds a registration. */
type Audience = { userIds: readonly string[] } | { registrationId: string };

/**
 * Alerts (core/alerts.ts) as notifications: each reader's choice applied as it is raised (listed in
 * the app or not, e-mailed or not, or not at all), and each raised once per reader by its key,
 * whichever node raises it, however often, before or after a restart.
 */
export function createAlerts({ db, clock }: { db: Db; clock: Clock }) {
  /** One statement: the audience, each reader's choice, the notification, unless it was raised before. */
  async function raise(
    tx: Db,
    alert: AlertKind,
    input: { audience: Audience; listingId: string; key: string; params: Record<string, string> },
  ): Promise<number> {
    const defaults = alertDefaults[alert];
    const readers =
      "registrationId" in input.audience
        ? sql`(select user_id as id from registrations where id = ${input.audience.registrationId})`
        : sql`(select unnest(${`{${input.audience.userIds.join(",")}}`}::uuid[]) as id)`;
    const rows = await tx.execute(sql`
      insert into notifications (user_id, kind, listing_id, params, created_at, shown, mail_status, alert_key)
      select u.id, ${alertNotificationKind[alert]}, ${input.listingId}, ${JSON.stringify(input.params)}::jsonb,
        ${clock.now().toISOString()}::timestamptz, coalesce(s.in_app, ${defaults.inApp}),
        (case when coalesce(s.email, ${defaults.email}) then 'queued' else 'off' end)::mail_status, ${input.key}
      from ${readers} u
      left join ${alertSettings} s on s.user_id = u.id and s.alert = ${alert}
      where coalesce(s.in_app, ${defaults.inApp}) or coalesce(s.email, ${defaults.email})
      on conflict (user_id, alert_key) do nothing
      returning id`);
    return rowCount(rows);
  }

  /**
   * Claims a listing's alert for its whole audience, then raises it, in one transaction: of the
   * nodes sweeping at once, one claims it; a crash before the commit leaves it to the next sweep.
   */
  async function raiseOnce(
    listingId: string,
    claim: string,
    alert: AlertKind,
    input: { key: string; params: Record<string, string>; approvedOnly: boolean },
  ) {
    return db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(listingAlerts)
        .values({ listingId, alert: claim, raisedAt: clock.now() })
        .onConflictDoNothing()
        .returning({ listingId: listingAlerts.listingId });
      if (!claimed) return 0;
      const userIds = await listingAudience(tx, listingId, { approvedOnly: input.approvedOnly });
      if (userIds.length === 0) return 0;
      return raise(tx, alert, { audience: { userIds }, listingId, key: input.key, params: input.params });
    });
  }

  return {
    /**
     * In the command's transaction: the bidder that led before a bid or a new maximum and leads
     * no longer is told, with the price that passed it.
     */
    async outbid(
      tx: Db,
      listingId: string,
      before: { leader: { registrationId: string } | null },
      after: { leader: { registrationId: string } | null; lastSeq: number; currentPrice: bigint | null },
      currency: string,
    ) {
      const passed = outbidRegistration(before.leader?.registrationId ?? null, after.leader?.registrationId ?? null);
      if (!passed) return;
      await raise(tx, "outbid", {
        audience: { registrationId: passed },
        listingId,
        key: alertKeys.outbid(listingId, after.lastSeq),
        params: { amount: String(after.currentPrice ?? 0n), currency },
      });
    },

    /**
     * Every live auction due an ending alert, and every one extended since its last extension alert:
     * raised to its approved registrants and its watchers. Run every few seconds on every node.
     * Answers how many notifications it wrote.
     */
    async sweep(limit = 1000): Promise<number> {
      const now = clock.now();
      const furthest = new Date(now.getTime() + Math.max(...endingAlertMinutes) * 60_000);
      let raised = 0;
      // The auctions ending within the hour, with the ending alerts they have had; which one is due
      // is the rule's (core/alerts.ts) to say.
      const ending = await db
        .select({
          id: listings.id,
          endsAt: listings.endsAt,
          raised: sql<string[]>`array(select a.alert from ${listingAlerts} a where a.listing_id = ${listings.id})`,
        })
        .from(listings)
        .where(
          and(
            eq(listings.status, "live"),
            ne(listings.mode, "tender"),
            lte(listings.startsAt, now),
            gt(listings.endsAt, now),
            lte(listings.endsAt, furthest),
          ),
        )
        .orderBy(listings.endsAt)
        .limit(limit);
      for (const listing of ending) {
        const minutes = endingAlertDue(listing.endsAt!, now);
        if (minutes === null || listing.raised.includes(`ending:${minutes}`)) continue;
        raised += await raiseOnce(listing.id, `ending:${minutes}`, "ending", {
          key: alertKeys.ending(listing.id, minutes),
          params: { minutes: String(minutes), due: listing.endsAt!.toISOString() },
          approvedOnly: true,
        });
      }
      const extended = await db
        .select({ id: listings.id, endsAt: listings.endsAt, extensionCount: listings.extensionCount })
        .from(listings)
        .where(
          and(
            eq(listings.status, "live"),
            gt(listings.extensionCount, 0),
            sql`not exists (select 1 from ${listingAlerts} a where a.listing_id = ${listings.id}
              and a.alert = 'extended:' || ${listings.extensionCount})`,
          ),
        )
        .limit(limit);
      for (const listing of extended) {
        raised += await raiseOnce(listing.id, `extended:${listing.extensionCount}`, "extended", {
          key: alertKeys.extended(listing.id, listing.extensionCount),
          params: { due: listing.endsAt!.toISOString() },
          approvedOnly: true,
        });
      }
      return raised;
    },

    /** The signed-in user's choice for each alert, its defaults where it has not chosen. */
    async settings(principal: Principal): Promise<Record<AlertKind, AlertChoice>> {
      const user = signedIn(principal);
      const rows = await db.select().from(alertSettings).where(eq(alertSettings.userId, user.userId));
      const chosen = new Map(rows.map((r) => [r.alert, { inApp: r.inApp, email: r.email }]));
      return Object.fromEntries(alertKinds.map((kind) => [kind, chosen.get(kind) ?? alertDefaults[kind]])) as Record<
        AlertKind,
        AlertChoice
      >;
    },

    async saveSettings(principal: Principal, raw: unknown): Promise<Record<AlertKind, AlertChoice>> {
      const user = signedIn(principal);
      const input = alertSettingsSchema.parse(raw);
      await db.transaction(async (tx) => {
        for (const kind of alertKinds) {
          const choice = input[kind];
          await tx
            .insert(alertSettings)
            .values({ userId: user.userId, alert: kind, ...choice })
            .onConflictDoUpdate({ target: [alertSettings.userId, alertSettings.alert], set: choice });
        }
      });
      return this.settings(principal);
    },
  };
}

function signedIn(principal: Principal) {
  if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return principal;
}

/** Rows a statement wrote, as either driver reports them. */
function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { rows?: unknown[] }).rows;
  return rows?.length ?? 0;
}

export type Alerts = ReturnType<typeof createAlerts>;
