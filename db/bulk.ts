import { getTableColumns, getTableName, is, sql, type SQL } from "drizzle-orm";
import { PgJson, PgJsonb, type PgTable } from "drizzle-orm/pg-core";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "./client";

/**
 * Many rows into one table, a few thousand per statement, each statement one parameter: the rows
 * as a JSON array that PostgreSQL turns back into rows of the table's own type
 * (`jsonb_populate_recordset`). Building a drizzle insert of thousands of rows with every value a
 * parameter spends most of a 100,000-loan tape's time in the query builder; this spends it in the
 * database. Values go through each column's own mapping (bigint to text, dates to ISO), so they
 * arrive as a drizzle insert would send them; a column left out of every row takes its default.
 */

/** Rows per statement: a few megabytes of JSON at the widest. */
const ROWS_PER_STATEMENT = 5000;

type Row = Record<string, unknown>;

/**
 * A row of the table as the database spells it: each property under its column's name, each
 * value as the column's driver sends it (a bigint as its digits, a JSON column's value as the
 * JSON it holds). Properties the row leaves out stay out, so that the database gives them their
 * default. What `jsonb_populate_record(null::table, ...)` reads back into the table's own row type.
 */
export function columnRows<T extends PgTable>(table: T): (row: Partial<T["$inferInsert"]>) => Row {
  const columns = Object.entries(getTableColumns(table));
  const keys = columns.map(([key]) => key);
  const names = columns.map(([, column]) => column.name);
  const maps = columns.map(([, column]) =>
    is(column, PgJsonb) || is(column, PgJson) ? null : (value: unknown) => column.mapToDriverValue(value),
  );
  return (row) => {
    const out: Row = {};
    for (let i = 0; i < keys.length; i++) {
      const value = (row as Row)[keys[i]!];
      if (value === undefined) continue;
      const map = maps[i];
      const spelled = value === null || !map ? value : map(value);
      out[names[i]!] = typeof spelled === "bigint" ? spelled.toString() : spelled;
    }
    return out;
  };
}

/**
 * Rows in COPY's text format (tab-separated, `\N` for null, escaped by `copyText`) into the
 * table's named columns by one COPY, on whichever engine and connection `db` runs: a transaction's
 * own (PGlite's `/dev/blob`, PostgreSQL's COPY FROM STDIN). The fastest way in; the bytes go as
 * they are.
 */
export async function copyRows(db: Db, table: PgTable, columns: readonly string[], data: readonly Uint8Array[]) {
  const statement = `copy "${getTableName(table)}" (${columns.map((c) => `"${c}"`).join(", ")}) from`;
  // drizzle keeps the driver's connection (or the transaction's) on its session.
  const client = (db as unknown as { session: { client: CopyClient } }).session.client;
  if ("unsafe" in client) await pipeline(Readable.from(data), await client.unsafe(`${statement} stdin`).writable());
  else await client.query(`${statement} '/dev/blob'`, [], { blob: new Blob(data as Uint8Array<ArrayBuffer>[]) });
}
type CopyClient =
  | { unsafe(query: string): { writable(): Promise<NodeJS.WritableStream> } }
  | { query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown> };

/** A value as COPY's text format writes it. */
export function copyText(value: string | null): string {
  return value === null ? "\\N" : value.replace(/[\\\n\r\t]/g, (c) => copyEscapes[c]!);
}
const copyEscapes: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
/** JSON as PostgreSQL reads it back (a bigint inside a JSON column's value as its digits). */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  }
}

/**
 * Rows already spelled by `columnRows` and written as JSON, each naming the same `columns`, into
 * the table: a few thousand per statement. For a caller that turns each row into text as it goes,
 * so that thousands of rows waiting for their statement are strings, not objects.
 */
export async function insertJsonRows(db: Db, table: PgTable, columns: readonly string[], rows: readonly string[]) {
  const tableName = sql.raw(`"${getTableName(table)}"`);
  const names = sql.raw(columns.map((name) => `"${name}"`).join(", "));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const json = `[${rows.slice(start, start + ROWS_PER_STATEMENT).join(",")}]`;
    const statement: SQL = sql`insert into ${tableName} (${names}) select ${names} from jsonb_populate_recordset(null::${tableName}, ${json}::jsonb)`;
    await db.execute(statement);
  }
}

export async function insertMany<T extends PgTable>(db: Db, table: T, rows: readonly T["$inferInsert"][]): Promise<void> {
  const spell = columnRows(table);
  // Rows that name the same columns go together; a column a row leaves out takes its default.
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const spelled = spell(row);
    const signature = Object.keys(spelled).join(",");
    const group = groups.get(signature);
    if (group) group.push(toJson(spelled));
    else groups.set(signature, [toJson(spelled)]);
  }
  for (const [signature, group] of groups) await insertJsonRows(db, table, signature.split(","), group);
}
