import { getTableColumns, getTableName, is, sql, type SQL } from "drizzle-orm";
import { PgJson, PgJsonb, type PgTable } from "drizzle-orm/pg-core";
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

export async function insertMany<T extends PgTable>(db: Db, table: T, rows: readonly T["$inferInsert"][]): Promise<void> {
  const columns = Object.entries(getTableColumns(table));
  const tableName = sql.raw(`"${getTableName(table)}"`);
  // Rows that name the same columns go together; a column a row leaves out takes its default.
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as readonly Record<string, unknown>[]) {
    const signature = columns.map(([key]) => (row[key] === undefined ? "0" : "1")).join("");
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  for (const [signature, group] of groups) {
    const present = columns.filter((_, i) => signature[i] === "1");
    const names = sql.raw(present.map(([, column]) => `"${column.name}"`).join(", "));
    for (let start = 0; start < group.length; start += ROWS_PER_STATEMENT) {
      const json = JSON.stringify(
        group.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
          const out: Record<string, unknown> = {};
          for (const [key, column] of present) {
            const value = row[key];
            if (value === null) out[column.name] = null;
            // JSON columns travel as the JSON they hold, not as a string of it.
            else if (is(column, PgJsonb) || is(column, PgJson)) out[column.name] = value;
            else out[column.name] = column.mapToDriverValue(value);
          }
          return out;
        }),
        (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
      );
      const statement: SQL = sql`insert into ${tableName} (${names}) select ${names} from jsonb_populate_recordset(null::${tableName}, ${json}::jsonb)`;
      await db.execute(statement);
    }
  }
}
