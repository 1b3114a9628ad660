/** The administrator's view of the scheduled jobs: what each does, when it last ran, and a run or dry run on demand. */
import { type AppDeps, todayOf } from "../context";
import type { JobView, RunReportView, RunView } from "./contract";
import { JOBS } from "./registry";
import { type JobRunResult, recentRuns, runJobs } from "./runner";

const SHOWN_ITEMS = 200;
const titleOf = (name: string) => JOBS.find((j) => j.name === name)?.title ?? name;

export async function loadJobsPage(
  deps: AppDeps,
): Promise<{ jobs: JobView[]; runs: RunView[]; today: string }> {
  const rows = await recentRuns(deps, 200);
  const runs: RunView[] = rows.map((r) => ({ ...r, jobTitle: titleOf(r.job) }));
  const jobs = JOBS.map((j) => ({
    name: j.name,
    title: j.title,
    description: j.description,
    lastRun: runs.find((r) => r.job === j.name && !r.dryRun) ?? null,
  }));
  return { jobs, runs: runs.slice(0, 50), today: todayOf(deps) };
}

/** Runs one job (or all) for today, for real or as a dry run; `null` when the job name is unknown. */
export async function runFromAdmin(
  deps: AppDeps,
  job: string | null,
  dryRun: boolean,
): Promise<RunReportView[] | null> {
  if (job !== null && !JOBS.some((j) => j.name === job)) return null;
  const today = todayOf(deps);
  const results = await runJobs(deps, today, { dryRun, trigger: "admin", only: job ? [job] : undefined });
  return results.map((r) => toReport(r, today));
}

function toReport(r: JobRunResult, today: string): RunReportView {
  const items = r.report?.items ?? [];
  return {
    title: r.title,
    dryRun: r.dryRun,
    today,
    changed: r.report?.changed ?? 0,
    summary: r.report?.summary ?? "",
    error: r.error,
    items: items.slice(0, SHOWN_ITEMS).map((i) => ({ label: i.label, reason: i.reason })),
    more: Math.max(0, items.length - SHOWN_ITEMS),
  };
}
