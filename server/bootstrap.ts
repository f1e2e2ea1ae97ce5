import path from "node:path";
import { openDatabase, type Database } from "../db/client";
import type { Config } from "./config";
import { sealClearPersonalData } from "./privacy/personal-data";
import { createVault } from "./privacy/vault";

/**
 * PostgreSQL when DATABASE_URL is set; otherwise the embedded database under DATA_DIR. Migrated,
 * and any personal data written before sealing existed sealed under DATA_KEY.
 */
export async function openConfiguredDatabase(config: Pick<Config, "DATABASE_URL" | "DATA_DIR" | "DATA_KEY">): Promise<Database> {
  const database = config.DATABASE_URL
    ? await openDatabase({ url: config.DATABASE_URL })
    : await openDatabase({ dataDir: path.join(config.DATA_DIR, "pglite") });
  await database.migrate();
  await sealClearPersonalData(database.db, createVault(config.DATA_KEY));
  return database;
}
