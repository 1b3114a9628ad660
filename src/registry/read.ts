/**
 * Public reads that run on the read pool when there is one (Node with a file database: worker threads with their own
 * connection and prepared statements, src/registry/read-pool.ts), and on the app's connection otherwise (Workers,
 * tests). Preparing a statement costs libSQL more than running it — a SELECT of the ~40 columns of `organizations`
 * takes ~130 µs to prepare and ~25 µs to run — so the public pages about one organization read through here.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db";
import { readPoolOf } from "./read-pool-handle";

const dialect = new SQLiteAsyncDialect();

/** Rows as objects keyed by column name (or alias), like `db.all`. */
export async function readAll<T>(db: Db, query: SQL): Promise<T[]> {
  const pool = readPoolOf(db);
  if (!pool) return (await db.all(query)) as T[];
  const { sql: text, params } = dialect.sqlToQuery(query);
  return pool.all<T>(text, params);
}

/** The column lists already written, per table and alias (they are asked for on every uncached page). */
const columnLists = new WeakMap<SQLiteTable, Map<string, string>>();

/** `alias."column" AS "key", …` for every column of a table: rows come back keyed like drizzle's select. */
export function columnsOf(table: SQLiteTable, alias: string, prefix = ""): SQL {
  let lists = columnLists.get(table);
  if (!lists) {
    lists = new Map();
    columnLists.set(table, lists);
  }
  const key = `${alias}\u0000${prefix}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = Object.entries(getTableColumns(table))
      .map(([name, col]) => `${alias}."${col.name}" AS "${prefix}${name}"`)
      .join(", ");
    lists.set(key, list);
  }
  return sql.raw(list);
}

/** Converts a raw row (from `columnsOf`) to the table's TypeScript values (booleans, JSON…), as drizzle would. */
export function rowOf<T extends SQLiteTable>(
  table: T,
  raw: Record<string, unknown>,
  prefix = "",
): T["$inferSelect"] {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const v = raw[`${prefix}${key}`];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as T["$inferSelect"];
}
