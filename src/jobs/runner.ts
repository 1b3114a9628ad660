/**
 * Runs scheduled jobs and records each run in job_runs (with an audit event as `system` when it changed something).
 * The same function serves the Node daily timer, the Workers cron, `npm run jobs` and /admin/jobs.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { jobRuns } from "../../db/schema";
import { commitWithAudit, systemActor } from "../audit/audit";
import type { AppDeps } from "../context";
import { depsOn } from "../settings/service";
import { JOBS } from "./registry";
import type { Job, JobReport } from "./types";

export type JobTrigger = "timer" | "cron" | "cli" | "admin";

export interface JobRunResult {
  job: string;
  title: string;
  dryRun: boolean;
  report: JobReport | null;
  error: string | null;
  ms: number;
}

const TIME_ZONE_OFFSET_MS = 8 * 60 * 60 * 1000; // Asia/Shanghai has no daylight saving time.

/** Milliseconds from `now` until the next `hh:mm` in Asia/Shanghai (the Node timer's wait). */
export function msUntilNextLocalTime(now: Date, hour: number, minute: number): number {
  const local = new Date(now.getTime() + TIME_ZONE_OFFSET_MS);
  const target = new Date(local);
  target.setUTCHours(hour, minute, 0, 0);
  if (target.getTime() <= local.getTime()) target.setUTCDate(target.getUTCDate() + 1);
  return target.getTime() - local.getTime();
}

/**
 * Runs the given jobs (all of them by default) for `today`, one after another; a failing job is recorded with its
 * error and does not stop the next one.
 */
export async function runJobs(
  deps: AppDeps,
  today: string,
  options: { dryRun: boolean; trigger: JobTrigger; only?: string[] },
  jobs: readonly Job[] = JOBS,
): Promise<JobRunResult[]> {
  const selected = options.only ? jobs.filter((j) => options.only!.includes(j.name)) : jobs;
  const results: JobRunResult[] = [];
  // A job applies the settings in force on the day it runs for (src/settings).
  const dayDeps = await depsOn(deps, today);
  for (const job of selected) results.push(await runOne(dayDeps, job, today, options));
  return results;
}

async function runOne(
  deps: AppDeps,
  job: Job,
  today: string,
  options: { dryRun: boolean; trigger: JobTrigger },
): Promise<JobRunResult> {
  const started = Date.now();
  const [run] = await deps.db
    .insert(jobRuns)
    .values({ job: job.name, today, dryRun: options.dryRun, trigger: options.trigger })
    .returning({ id: jobRuns.id });
  const runId = run!.id;
  const finishedAt = () => new Date().toISOString();
  try {
    const report = await job.run(deps, today, { dryRun: options.dryRun });
    const finish = deps.db
      .update(jobRuns)
      .set({ finishedAt: finishedAt(), changed: report.changed, summary: report.summary })
      .where(eq(jobRuns.id, runId));
    if (!options.dryRun && report.changed > 0) {
      await commitWithAudit(deps.db, systemActor(job.name), [finish], {
        action: "job.run",
        objectType: "job_run",
        objectId: runId,
        summary: { job: job.name, today, changed: report.changed, summary: report.summary },
      });
    } else {
      await finish;
    }
    return {
      job: job.name,
      title: job.title,
      dryRun: options.dryRun,
      report,
      error: null,
      ms: Date.now() - started,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`job ${job.name} failed for ${today}:`, err);
    await deps.db
      .update(jobRuns)
      .set({ finishedAt: finishedAt(), error: message.slice(0, 2000) })
      .where(eq(jobRuns.id, runId));
    return {
      job: job.name,
      title: job.title,
      dryRun: options.dryRun,
      report: null,
      error: message,
      ms: Date.now() - started,
    };
  }
}

/** The most recent runs, newest first, for /admin/jobs. */
export async function recentRuns(deps: AppDeps, limit = 50) {
  return deps.db.select().from(jobRuns).orderBy(desc(jobRuns.id)).limit(limit);
}

/**
 * Runs the jobs that have not run (for real) for `today`: at start-up on Node, so a day the server was down at the
 * timer's hour is caught up, and a fresh demo database shows the day's results at once.
 */
export async function runMissedJobs(
  deps: AppDeps,
  today: string,
  trigger: JobTrigger,
): Promise<JobRunResult[]> {
  const done = await deps.db
    .select({ job: jobRuns.job })
    .from(jobRuns)
    .where(and(eq(jobRuns.today, today), eq(jobRuns.dryRun, false), isNull(jobRuns.error)));
  const ran = new Set(done.map((r) => r.job));
  const missing = JOBS.filter((j) => !ran.has(j.name)).map((j) => j.name);
  if (missing.length === 0) return [];
  return runJobs(deps, today, { dryRun: false, trigger, only: missing });
}
