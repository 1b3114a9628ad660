/**
 * Zombie organizations (僵尸型社会组织, 民发〔2021〕63号; domain.md §5). Signals, each explainable with the facts and
 * dates that fired it (R-E1). A signal never sanctions anyone: it puts the organization on the registrar's triage
 * list, where each case is decided one organization at a time (R-E2).
 */
import { addMonths, type LetterFact, unreachableBy } from "./credit";

export const ZOMBIE_SIGNALS = [
  "missed_inspections",
  "no_activity_after_certificate",
  "no_in_scope_activity",
  "unreachable",
] as const;
export type ZombieSignal = (typeof ZOMBIE_SIGNALS)[number];
export const ZOMBIE_SIGNAL_LABELS: Record<ZombieSignal, string> = {
  missed_inspections: "连续未参加年检",
  no_activity_after_certificate: "取得登记证书后一年内未开展活动",
  no_in_scope_activity: "设定日期以来未开展业务范围内活动",
  unreachable: "通过登记住所无法取得联系",
};

export interface FilingFact {
  year: number;
  state: string;
  conclusion: string | null;
}

/**
 * R-E1(a) / R-C8: the most recent `threshold` years all missed — 未参检, or 不合格 where the locality counts it.
 * Returns the years, newest first, or null. Years without a filing (not required) break the run; a year still open
 * (its draft) is skipped.
 */
export function missedInspections(
  filings: readonly FilingFact[],
  threshold: number,
  countUnqualified: boolean,
): number[] | null {
  const missed = (f: FilingFact) =>
    f.state === "not_filed" || (countUnqualified && f.conclusion === "unqualified");
  const byYear = [...filings].sort((a, b) => b.year - a.year);
  // The newest year's draft is a year still open (a draft is marked 未参检 when its window closes): it neither counts
  // nor breaks the run, so two missed years stay a signal while the next year's reports are being written.
  while (byYear.length > 0 && byYear[0]!.state === "draft") byYear.shift();
  const run: number[] = [];
  for (const f of byYear) {
    if (run.length > 0 && f.year !== run.at(-1)! - 1) break;
    if (!missed(f)) break;
    run.push(f.year);
  }
  return run.length >= threshold ? run : null;
}

/**
 * R-E1(b) / R-A10: no activity within one year (社团; 12 months for 基金会, the same span) after the certificate — no
 * 年检 filed and no activity recorded. Returns the day the year ended, or null.
 */
export function noActivityAfterCertificate(
  certificateIssuedOn: string | null,
  today: string,
  activity: { filedAnyInspection: boolean; recordedActivity: boolean },
  /** The first day the system holds activity records for: an older certificate cannot be judged, and is not. */
  recordsSince: string | null = null,
): string | null {
  if (!certificateIssuedOn) return null;
  if (recordsSince !== null && certificateIssuedOn < recordsSince) return null;
  const end = addMonths(certificateIssuedOn, 12);
  if (today < end) return null;
  return activity.filedAnyInspection || activity.recordedActivity ? null : end;
}

/** R-E1(d): unreachable via the registered 住所 — two unsigned letters per R-D2 (the interval a setting). */
export function unreachable(letters: readonly LetterFact[], interval: { min: number; max: number }) {
  return unreachableBy(letters, interval);
}

/** One activity listed in a filed report's 重大活动 section; `inScope` false when the registrar marked it 超出业务范围. */
export interface ActivityFact {
  date: string;
  inScope: boolean;
}

/**
 * R-E1(c): no in-scope activity since `since` (a setting; null = the signal is not used). Judged only for organizations
 * registered on or before that date, once at least one report covering a year from that date on has come due (any
 * filing not a draft: filed, or marked 未参检); the signal holds when none of the filed reports lists an activity on or
 * after the date that was not marked off-scope. Returns the report years read, or null.
 */
export function noInScopeActivitySince(
  since: string | null,
  today: string,
  registeredOn: string | null,
  reportYears: readonly number[],
  activities: readonly ActivityFact[],
): number[] | null {
  if (since === null || today < since) return null;
  if (!registeredOn || registeredOn > since) return null;
  const fromYear = Number(since.slice(0, 4));
  const years = [...new Set(reportYears.filter((y) => y >= fromYear))].sort();
  if (years.length === 0) return null;
  if (activities.some((a) => a.inScope && a.date >= since && a.date <= today)) return null;
  return years;
}
