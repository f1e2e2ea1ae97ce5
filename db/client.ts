import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { projectPath } from "../server/paths";
import * as schema from "./schema";

/** One drizzle type for both engines: services never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction is a Db too, so a service can run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /** Raw SQL returning rows, the same shape on both engines (PGlite wraps them in `{ rows }`). */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = projectPath("db", "migrations");

export type DatabaseOptions = { url: string; max?: number } | { dataDir: string } | { pglite: PGlite };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ("url" in options) return openPostgres(options.url, options.max ?? 10);
  if ("pglite" in options) return wrapPglite(options.pglite, async () => options.pglite.close());
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const releaseLock = lockDataDir(dir);
  try {
    const client = new PGlite(dir);
    await client.waitReady;
    return wrapPglite(client, async () => {
      await client.close();
      releaseLock();
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function wrapPglite(client: PGlite, close: () => Promise<void>): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    async rows<T extends Record<string, unknown>>(query: SQL) {
      const result = (await db.execute(query)) as { rows: T[] };
      return result.rows;
    },
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
    },
    close,
  };
}

/**
 * drizzle sends its ordinary queries to postgres.js as unprepared, and postgres.js then asks the
 * server for the types of a query's parameters before it sends the values: two round trips and
 * two socket writes for every query with a parameter (measured with --cpu-prof under the bid
 * bench: socket writes were a third of the server's time). Prepared, a query's statement is
 * kept per connection after its first run and each later run is one round trip. Each connection
 * keeps the statements of the query shapes it has run; connections are replaced after 30 to 60
 * minutes (postgres.js's max_lifetime), which bounds what they keep. Each execution is still
 * planned for its own parameters (`plan_cache_mode`, set by `openPostgres`), as an unprepared
 * query is: a plan made once for any parameters chose badly for a tape's ranges of rows
 * (measured: a 100,000-loan tape's rows applied in 141 s instead of 7).
 */
function preparedByDefault<T extends postgres.Sql>(client: T): T {
  return new Proxy(client, {
    get(target, property) {
      if (property === "unsafe") {
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const work = args.pop() as (scoped: postgres.Sql) => unknown;
          const open = Reflect.get(target, property, target) as (...a: unknown[]) => unknown;
          return open.call(target, ...args, (scoped: postgres.Sql) => work(preparedByDefault(scoped)));
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function openPostgres(url: string, max: number): Database {
  const client = postgres(url, { max, onnotice: () => {}, connection: { plan_cache_mode: "force_custom_plan" } });
  const db = drizzlePostgres(preparedByDefault(client), { schema }) as unknown as Db;
  return {
    db,
    engine: "postgres",
    async rows<T extends Record<string, unknown>>(query: SQL) {
      return (await db.execute(query)) as T[];
    },
    async migrate() {
      // Several nodes may start at once: one migrates while the others wait on the lock.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const lockDb = drizzlePostgres(single);
        await lockDb.execute(sql`select pg_advisory_lock(727274)`);
        try {
          await migratePostgres(lockDb, { migrationsFolder });
        } finally {
          await lockDb.execute(sql`select pg_advisory_unlock(727274)`);
        }
      } finally {
        await single.end();
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A pid file turns that mistake into a clear message.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, "nplex.pid");
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${pid}. Stop that process first, or set DATABASE_URL to use PostgreSQL.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
