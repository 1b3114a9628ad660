/**
 * npm run backup -- --out FILE
 * A consistent copy of the live database (DATABASE_URL, a file) while the app keeps serving: SQLite's VACUUM INTO
 * writes one transaction's snapshot, compacted, to FILE (which must not exist). Restore: stop the app, move the copy to
 * the database's path (remove any -wal and -shm files beside the old one), start the app; `npm run audit:verify`
 * against the copy proves its audit chain. A Turso database is backed up by Turso (point-in-time restore), not here.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { verifyAuditChain } from "../audit/chain";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../node-db";

const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("Usage: npm run backup -- --out FILE");
  process.exit(2);
}
const config = loadConfig(process.env);
if (!config.databaseUrl.startsWith("file:")) {
  console.error(
    "DATABASE_URL is not a file: back up a Turso database with Turso's own point-in-time restore.",
  );
  process.exit(2);
}
const out = resolve(values.out);
if (existsSync(out)) {
  console.error(`${out} already exists: choose a new file (a backup never overwrites).`);
  process.exit(2);
}
const started = Date.now();
const { db, client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await db.run(sql`VACUUM INTO ${out}`);
client.close();
const copy = await openNodeDatabase(`file:${out}`);
const [integrity] = (await copy.db.all(sql`PRAGMA integrity_check`)) as { integrity_check: string }[];
const chain = await verifyAuditChain(copy.db);
copy.client.close();
if (integrity?.integrity_check !== "ok" || chain.firstBroken) {
  console.error(
    `Backup written to ${out} but it does not check out: integrity ${integrity?.integrity_check}, audit chain ${chain.firstBroken ? `broken at #${chain.firstBroken.id}` : "ok"}.`,
  );
  process.exit(1);
}
console.log(
  `Backup written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s: integrity ok, audit chain intact (${chain.checked} events).`,
);
