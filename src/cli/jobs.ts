/**
 * npm run jobs -- [--job NAME]... [--dry-run] [--today YYYY-MM-DD]
 * Runs the scheduled jobs (src/jobs/registry.ts) once against DATABASE_URL: for system cron, a manual catch-up, or to
 * see with --dry-run what each job would do today without writing anything. Exit 1 if a job failed.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { chinaDateOf } from "../domain/working-days";
import { JOBS } from "../jobs/registry";
import { runJobs } from "../jobs/runner";
import { migrateDatabase, openNodeDatabase } from "../node-db";

const { values } = parseArgs({
  options: {
    job: { type: "string", multiple: true },
    "dry-run": { type: "boolean", default: false },
    today: { type: "string" },
    list: { type: "boolean", default: false },
  },
});

if (values.list) {
  for (const j of JOBS) console.log(`${j.name.padEnd(28)} ${j.title}`);
  process.exit(0);
}
const today = values.today ?? chinaDateOf(new Date());
if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) {
  console.error(`--today must be a date YYYY-MM-DD, got "${today}"`);
  process.exit(2);
}
const unknown = (values.job ?? []).filter((n) => !JOBS.some((j) => j.name === n));
if (unknown.length > 0) {
  console.error(`unknown job(s): ${unknown.join(", ")}; known: ${JOBS.map((j) => j.name).join(", ")}`);
  process.exit(2);
}

const config = loadConfig(process.env);
const { db } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
await migrateDatabase(db);
const now = () => new Date(`${today}T12:00:00+08:00`);
const results = await runJobs({ db, config, now }, today, {
  dryRun: values["dry-run"],
  trigger: "cli",
  only: values.job,
});
let failed = false;
for (const r of results) {
  if (r.error) {
    failed = true;
    console.log(`✗ ${r.job} (${r.ms} ms): ${r.error}`);
    continue;
  }
  const verb = r.dryRun ? "would change" : "changed";
  console.log(`✓ ${r.job} (${r.ms} ms): ${verb} ${r.report!.changed} — ${r.report!.summary}`);
  for (const item of r.report!.items.slice(0, r.dryRun ? 50 : 10))
    console.log(`    ${item.label}: ${item.reason}`);
}
process.exit(failed ? 1 : 0);
