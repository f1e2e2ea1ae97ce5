import path from "node:path";
import { openDatabase, type Database } from "../db/client";
import type { Config } from "./config";

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded database under DATA_DIR. */
export async function openConfiguredDatabase(config: Pick<Config, "DATABASE_URL" | "DATA_DIR">): Promise<Database> {
  const database = config.DATABASE_URL
    ? await openDatabase({ url: config.DATABASE_URL })
    : await openDatabase({ dataDir: path.join(config.DATA_DIR, "pglite") });
  await database.migrate();
  return database;
}
