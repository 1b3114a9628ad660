import type { Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "../db/schema";

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };
/** Any statement `db.batch` accepts. */
export type BatchItem = Parameters<Db["batch"]>[0][number];

export function createDb(client: Client): Db {
  return drizzle(client, { schema });
}

/** Runs statements as one atomic batch (one round trip on Turso). An empty list is a no-op. */
export async function runBatch(db: Db, items: BatchItem[]): Promise<void> {
  if (items.length === 0) return;
  await db.batch(items as [BatchItem, ...BatchItem[]]);
}

/**
 * The id the next row of `table` will take, chosen before a batch so that the batch's audit events (and child rows)
 * can name it. A concurrent insert that takes the same id fails the batch on the primary key; the caller retries.
 */
export async function nextId(
  db: Db,
  table: "credit_cases" | "cadre_posts" | "zombie_cases" | "rectification_notices",
): Promise<number> {
  const [row] = (await db.all(sql`SELECT coalesce(max(id), 0) + 1 AS id FROM ${sql.raw(table)}`)) as {
    id: number;
  }[];
  return Number(row!.id);
}

// ---------------------------------------------------------------------------------------------------------------
// The versioned write: one guard for every feature

/**
 * Aborts the batch when the statement just before it changed no row (a conditional UPDATE naming a version that is
 * no longer current). The CHECK on write_guard fails, the batch rolls back, and `isStaleWrite` recognises the error.
 */
export function staleGuard(db: Db): BatchItem {
  return db.run(sql`INSERT OR REPLACE INTO write_guard (id, ok) VALUES (1, changes())`);
}

export function isStaleWrite(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    if (String((x as Error).message ?? "").includes("write_guard_stale_ck")) return true;
  }
  return false;
}
