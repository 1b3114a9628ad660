/** What the /admin/jobs page shows: the job table with each job's last run, recent runs, and a run's report. */
export interface JobView {
  name: string;
  title: string;
  description: string;
  lastRun: RunView | null;
}

export interface RunView {
  id: number;
  job: string;
  jobTitle: string;
  today: string;
  dryRun: boolean;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  changed: number;
  summary: string | null;
  error: string | null;
}

export interface RunReportView {
  title: string;
  dryRun: boolean;
  today: string;
  changed: number;
  summary: string;
  error: string | null;
  items: { label: string; reason: string }[];
  /** Items not listed (the page lists the first 200). */
  more: number;
}
