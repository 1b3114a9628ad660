/**
 * npm run db:synthetic -- --orgs N [--seed S] [--chunk C]
 *
 * Adds N realistic synthetic organizations to DATABASE_URL (default file:data/registry.db; migrated first), spread
 * over fictional provinces with a hundred-odd city and district authorities each (db/seed/synthetic.ts), with their
 * name index rows and 公告 for some. Appendable: running it again adds N more (new names, continuing code sequences).
 * For a local file it loads with synchronous=OFF and no rollback journal, then returns the file to WAL.
 */
import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadSynthetic } from "../../db/seed/synthetic";
import { loadConfig } from "../config";
import { migrateDatabase, openNodeDatabase } from "../node-db";

const { values } = parseArgs({
  options: {
    orgs: { type: "string" },
    seed: { type: "string", default: "7" },
    chunk: { type: "string", default: "10000" },
  },
});
const orgs = Number(values.orgs);
const seed = Number(values.seed);
const chunk = Number(values.chunk);
if (!Number.isInteger(orgs) || orgs < 1 || !Number.isInteger(seed) || !Number.isInteger(chunk) || chunk < 1) {
  console.error("Usage: npm run db:synthetic -- --orgs N [--seed S] [--chunk C]   (N ≥ 1; integers)");
  process.exit(2);
}

const config = loadConfig(process.env);
const url = config.databaseUrl;
const file = url.startsWith("file:") && !url.startsWith("file::") ? url.slice("file:".length) : null;
const { client, db } = await openNodeDatabase(url, config.databaseAuthToken);
await migrateDatabase(db);
if (file) {
  // A bulk load into a local file: no fsync, no journal (a crash mid-load leaves a file to delete, not a register).
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  await client.execute("PRAGMA journal_mode=OFF");
  await client.execute("PRAGMA synchronous=OFF");
  await client.execute("PRAGMA cache_size=-262144"); // 256 MiB
  await client.execute("PRAGMA temp_store=MEMORY");
}

const started = performance.now();
let lastPrint = 0;
const result = await loadSynthetic(client, {
  orgs,
  seed,
  chunk,
  log: (line) => console.log(line),
  progress: (done, total) => {
    const now = performance.now();
    if (done < total && now - lastPrint < 1000) return;
    lastPrint = now;
    const secs = (now - started) / 1000;
    const rss = Math.round(process.memoryUsage().rss / 1048576);
    console.log(
      `${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} organizations, ${secs.toFixed(1)} s, ${Math.round(done / secs).toLocaleString("en-US")}/s, RSS ${rss} MiB`,
    );
  },
});
if (file) {
  await client.execute("PRAGMA journal_mode=WAL");
}
client.close();

const secs = (performance.now() - started) / 1000;
const size = file
  ? `${(((existsSync(file) ? statSync(file).size : 0) + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0)) / 1024 / 1024).toFixed(0)} MiB`
  : "n/a (not a local file)";
console.log(
  `Done: ${orgs.toLocaleString("en-US")} organizations (${result.announcements.toLocaleString("en-US")} 公告, ${result.authorities} authorities${result.existingBefore ? `, appended to ${result.existingBefore.toLocaleString("en-US")}` : ""}) in ${secs.toFixed(1)} s — ${Math.round(orgs / secs).toLocaleString("en-US")} rows/s; ${url} is ${size}.`,
);
