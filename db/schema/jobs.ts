/**
 * Scheduled jobs (定时任务): one row per run of a job (src/jobs/registry.ts lists the jobs).
 * A run records when it started and finished, what it changed (or, for a dry run, what it would change), and its
 * error if it failed. Runs are never updated after they finish.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    job: text("job").notNull(),
    /** The day the job ran for (Asia/Shanghai, YYYY-MM-DD); `--today` sets it in tests and manual runs. */
    today: text("today").notNull(),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull().default(false),
    /** `timer` (Node's daily timer), `cron` (Workers), `cli` (npm run jobs) or `admin` (/admin/jobs). */
    trigger: text("trigger").notNull(),
    startedAt: text("started_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    finishedAt: text("finished_at"),
    changed: integer("changed").notNull().default(0),
    summary: text("summary"),
    error: text("error"),
  },
  (t) => [index("job_runs_job_idx").on(t.job, t.id)],
);
