import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { createDb, type Db } from "./db";

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), "..", "db", "migrations");

/**
 * Each connection's page cache in KiB (`SQLITE_CACHE_MB`, default 64 MiB; SQLite's own default is 2 MiB): at a million
 * organizations a statistics or search statement touches more pages than 2 MiB holds, and reads them again from the
 * OS every time.
 */
export const SQLITE_CACHE_KIB = Math.max(2, Number(process.env.SQLITE_CACHE_MB ?? 64)) * 1024;

/** Opens the database for Node: a local file (WAL, busy timeout) or a libSQL server URL. */
export async function openNodeDatabase(url: string, authToken?: string): Promise<{ client: Client; db: Db }> {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path && !path.startsWith(":")) mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({ url, authToken, timeout: 5000 });
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode=WAL");
    await client.execute("PRAGMA synchronous=NORMAL");
    await client.execute(`PRAGMA cache_size=-${SQLITE_CACHE_KIB}`);
  }
  return { client, db: createDb(client) };
}

/** Applies pending migrations (idempotent, a few ms when up to date). */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** A fresh in-memory database with every migration applied: for tests and tools. */
export async function openMemoryDatabase(): Promise<{ client: Client; db: Db }> {
  const client = createClient({ url: ":memory:" });
  const db = createDb(client);
  await migrateDatabase(db);
  return { client, db };
}
