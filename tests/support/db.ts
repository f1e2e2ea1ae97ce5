import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import pino from "pino";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import type { Clock } from "../../server/clock";
import type { StripeConnection } from "../../server/payments/stripe";
import type { MailTransport } from "../../server/notifications/mail";
import { createServices } from "../../server/services";
import { createVault } from "../../server/privacy/vault";
import { manualClock } from "./clock";
import { withDatabase } from "./global-setup";

/**
 * A fresh, migrated, empty database for one test: PGlite by default, PostgreSQL when
 * DATABASE_URL is set. The same tests run on both.
 */
export async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const template = inject("pgTemplate");
  if (url && template) {
    const name = `nplex_t_${randomBytes(6).toString("hex")}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    await admin.end();
    const database = await openDatabase({ url: withDatabase(url, name) });
    return {
      ...database,
      async close() {
        await database.close();
        const dropper = postgres(url, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const file = inject("pgliteTemplate");
  if (!file) throw new Error("tests/support/global-setup.ts did not run");
  const pg = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
  await pg.waitReady;
  return openDatabase({ pglite: pg });
}

/** Services over a fresh database with a clock the test controls (and, if asked, another bid rate limit). */
export async function testServices(
  options: {
    clock?: Clock;
    bidsPerTenSeconds?: number;
    stripeWebhookSecret?: string;
    stripe?: StripeConnection;
    mailTransport?: MailTransport;
  } = {},
) {
  const database = await freshDatabase();
  const clock = options.clock ?? manualClock();
  // Known to the test, so that it can open what the services sealed and check what the rows hold.
  const dataKey = randomBytes(32).toString("hex");
  const services = createServices({
    database,
    clock,
    logger: pino({ level: "silent" }),
    bidsPerTenSeconds: options.bidsPerTenSeconds,
    dataKey,
    stripeWebhookSecret: options.stripeWebhookSecret,
    stripe: options.stripe,
    mailTransport: options.mailTransport,
  });
  return { services, database, clock, vault: createVault(dataKey), close: () => database.close() };
}
