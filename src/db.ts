import type { Client } from "@libsql/client";
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
