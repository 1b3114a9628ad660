import { cnDate } from "./dates";
/**
 * Who files for year N and when (R-C1, R-C2).
 *
 * R-C1: year N's report is due in year N+1 — 社团 and 民非 to the 业务主管单位 by 3/31 and to the registrar by 5/31;
 * 基金会 by 3/31. Each authority sets its own window ([C]): these are only the defaults it starts from. The window's
 * last day (`closesOn`) is the last day a new filing is accepted; it is inclusive.
 * R-C2: an organization registered after the cut-off of year N (default 6/30, a setting) does not file for year N.
 */
import type { OrgStatus, OrgType, SupervisionMode } from "./org-kinds";
import { calendarDaysBetween, daysInMonth, isIsoDate } from "./working-days";

export interface MonthDay {
  month: number;
  day: number;
}

/** R-C2 default cut-off: registered on or before 6/30 of year N ⇒ files for year N. */
export const DEFAULT_INSPECTION_CUTOFF: MonthDay = { month: 6, day: 30 };

export interface WindowSettings {
  /** First day of filing in year N+1. */
  opens: MonthDay;
  /** R-C1: the registrar's deadline in year N+1, per type (the window's last day). */
  registrarDeadline: Record<OrgType, MonthDay>;
  /** R-C1: the 业务主管单位's deadline in year N+1, per type. */
  supervisorDeadline: Record<OrgType, MonthDay>;
}

export const DEFAULT_WINDOW_SETTINGS: WindowSettings = {
  opens: { month: 1, day: 1 },
  registrarDeadline: {
    social_group: { month: 5, day: 31 },
    private_non_enterprise: { month: 5, day: 31 },
    foundation: { month: 3, day: 31 },
  },
  supervisorDeadline: {
    social_group: { month: 3, day: 31 },
    private_non_enterprise: { month: 3, day: 31 },
    foundation: { month: 3, day: 31 },
  },
};

export interface InspectionWindow {
  /** The year reported on (N). */
  year: number;
  orgType: OrgType;
  opensOn: string;
  /** Last day new filings are accepted (inclusive): the registrar's deadline. */
  closesOn: string;
  /** The 业务主管单位's deadline (for supervised organizations only). */
  supervisorDeadline: string;
}

/** 'YYYY-MM-DD' for a month/day in a year; a day past the month's end (Feb 29 in a common year) is clamped. */
export function dateIn(year: number, md: MonthDay): string {
  const day = Math.min(md.day, daysInMonth(year, md.month));
  return `${String(year).padStart(4, "0")}-${String(md.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** R-C1: the default window for year N's reports of one type. */
export function defaultWindow(
  year: number,
  orgType: OrgType,
  settings: WindowSettings = DEFAULT_WINDOW_SETTINGS,
): InspectionWindow {
  return {
    year,
    orgType,
    opensOn: dateIn(year + 1, settings.opens),
    closesOn: dateIn(year + 1, settings.registrarDeadline[orgType]),
    supervisorDeadline: dateIn(year + 1, settings.supervisorDeadline[orgType]),
  };
}

/** R-A11 / R-C7: the supervisor deadline applies only to organizations that have a 业务主管单位. */
export function supervisorDeadlineFor(window: InspectionWindow, mode: SupervisionMode): string | null {
  return mode === "supervised" ? window.supervisorDeadline : null;
}

/**
 * Checks a window a registrar has edited. Returns messages by field (empty when valid): real dates, the window opens
 * after year N ends and closes no earlier than it opens, and the supervisor deadline lies within the window.
 */
export function validateWindow(
  w: Pick<InspectionWindow, "year" | "opensOn" | "closesOn" | "supervisorDeadline">,
) {
  const errors: Partial<Record<"opensOn" | "closesOn" | "supervisorDeadline", string>> = {};
  const bad = "日期格式不正确，应为“年-月-日”，如 2026-05-31";
  if (!isIsoDate(w.opensOn)) errors.opensOn = `开始${bad}`;
  if (!isIsoDate(w.closesOn)) errors.closesOn = `截止${bad}`;
  if (!isIsoDate(w.supervisorDeadline)) errors.supervisorDeadline = `业务主管单位初审截止${bad}`;
  if (Object.keys(errors).length > 0) return errors;
  if (w.opensOn <= `${w.year}-12-31`) errors.opensOn = `${w.year} 年度的年检应在 ${w.year + 1} 年开始申报`;
  if (w.closesOn < w.opensOn) errors.closesOn = "截止日期不能早于开始日期";
  else if (w.supervisorDeadline < w.opensOn || w.supervisorDeadline > w.closesOn) {
    errors.supervisorDeadline = "业务主管单位初审截止日期应在申报期内";
  }
  return errors;
}

export type WindowStatus = "not_open" | "open" | "closed";

export function windowStatus(
  window: Pick<InspectionWindow, "opensOn" | "closesOn">,
  today: string,
): WindowStatus {
  if (today < window.opensOn) return "not_open";
  if (today > window.closesOn) return "closed";
  return "open";
}

/** R-C1: a closed (or not yet open) window refuses new filings. */
export function isWindowOpen(window: Pick<InspectionWindow, "opensOn" | "closesOn">, today: string): boolean {
  return windowStatus(window, today) === "open";
}

/** The flags the workflow's `submit` and `mark_not_filed` guards read. */
export function windowFlags(window: Pick<InspectionWindow, "opensOn" | "closesOn">, today: string) {
  const status = windowStatus(window, today);
  return { windowOpen: status === "open", windowClosed: status === "closed" };
}

/** Calendar days until the window's last day: 0 on the last day itself, negative after it closes. */
export function windowDaysRemaining(window: Pick<InspectionWindow, "closesOn">, today: string): number {
  return calendarDaysBetween(today, window.closesOn);
}

/** A plain Chinese sentence for the portal home: where the window stands and how long is left. */
export function describeWindow(
  window: Pick<InspectionWindow, "opensOn" | "closesOn">,
  today: string,
): string {
  switch (windowStatus(window, today)) {
    case "not_open":
      return `申报将于 ${cnDate(window.opensOn)} 开始，${cnDate(window.closesOn)} 截止。`;
    case "closed":
      return `申报已于 ${cnDate(window.closesOn)} 截止。`;
    case "open": {
      const left = windowDaysRemaining(window, today);
      return left === 0
        ? `今天（${cnDate(window.closesOn)}）是申报截止日。`
        : `申报截止日为 ${cnDate(window.closesOn)}，还剩 ${left} 天。`;
    }
  }
}

export interface FilingCandidate {
  status: OrgStatus;
  registeredOn: string;
}

/**
 * R-C2: whether an organization must file for year N. It must be 正常 (active) and registered on or before the
 * cut-off date of year N. The reason is in Chinese for the registrar's list.
 */
export function mustFile(
  org: FilingCandidate,
  year: number,
  cutoff: MonthDay = DEFAULT_INSPECTION_CUTOFF,
): { required: boolean; reason: string } {
  if (org.status !== "active") return { required: false, reason: "登记状态不是“正常”，无需年检。" };
  const cut = dateIn(year, cutoff);
  if (org.registeredOn > cut) {
    return {
      required: false,
      reason: `于 ${cnDate(org.registeredOn)} 成立登记，晚于 ${cnDate(cut)}，${year} 年度无需年检。`,
    };
  }
  return { required: true, reason: `于 ${cnDate(org.registeredOn)} 成立登记，应参加 ${year} 年度年检。` };
}

/** The organizations among `orgs` that must file for year N (R-C2). */
export function requiredToFile<T extends FilingCandidate>(
  orgs: readonly T[],
  year: number,
  cutoff: MonthDay = DEFAULT_INSPECTION_CUTOFF,
): T[] {
  return orgs.filter((o) => mustFile(o, year, cutoff).required);
}
