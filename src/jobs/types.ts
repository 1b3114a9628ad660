/**
 * A scheduled job (定时任务): a plain function of (deps, today, { dryRun }) that returns what it changed.
 *
 * Contract every job keeps:
 * - idempotent: a second run on the same `today` changes nothing (it reports `changed: 0`);
 * - `today` is the only clock it reads (YYYY-MM-DD, Asia/Shanghai), so tests and `npm run jobs -- --today` replay a day;
 * - with `dryRun` it writes nothing and reports the same items it would change ("these 37 organizations would…");
 * - every change it writes goes through commitWithAudit with `systemActor(job name)`, batched so that no single write
 *   holds the database for long (a few hundred rows per batch).
 */
import type { AppDeps } from "../context";

export interface JobItem {
  orgId?: number | null;
  /** The organization's name or another label a person recognises. */
  label: string;
  /** Why, in Chinese, with the facts and dates: "2025年度未参检（窗口2026年5月31日关闭）". */
  reason: string;
}

export interface JobReport {
  /** Rows changed (or, in a dry run, that would change). */
  changed: number;
  /** One Chinese sentence: "标记未参检 12 家". */
  summary: string;
  /** What changed or would change, capped by the job (the first 500 are enough to review). */
  items: JobItem[];
}

export interface JobOptions {
  dryRun: boolean;
}

export interface Job {
  /** Stable English name, used by `npm run jobs -- --job NAME` and in job_runs. */
  name: string;
  /** Chinese title shown on /admin/jobs. */
  title: string;
  /** Chinese description of the rule it applies, with the rule ids (shown to administrators only). */
  description: string;
  run(deps: AppDeps, today: string, options: JobOptions): Promise<JobReport>;
}
