/**
 * 评估等级 (domain.md §7). R-G1: grades 1A–5A, valid five years; an organization is not eligible for evaluation when
 * it was registered less than two full years ago, its last 年检 was missed or 不合格, it was 基本合格 two years
 * running, it was penalized in the last year, or it is on either credit list. Pure: the caller passes the facts.
 */
import { addMonths } from "./credit";
import { addCalendarDays } from "./working-days";

export interface EvaluationFacts {
  registeredOn: string;
  /** Its filings that have an outcome: 未参检, or a published conclusion. */
  filings: readonly { year: number; state: string; conclusion: string | null }[];
  /** Dates of its 行政处罚 decisions. */
  penalties: readonly string[];
  /** Whether it is on 活动异常名录 or 严重违法失信名单 today. */
  listed: boolean;
}

/** R-G1: why the organization may not be evaluated now, in words; empty when it may. */
export function evaluationBarriers(f: EvaluationFacts, today: string): string[] {
  const out: string[] = [];
  if (addMonths(f.registeredOn, 24) > today) out.push("成立未满两年");
  const done = [...f.filings]
    .filter((x) => x.state === "not_filed" || x.conclusion !== null)
    .sort((a, b) => b.year - a.year);
  const last = done[0];
  if (last?.state === "not_filed") out.push(`${last.year}年度未参加年检`);
  else if (last?.conclusion === "unqualified") out.push(`${last.year}年度年检不合格`);
  if (
    done.length >= 2 &&
    done[0]!.conclusion === "basically_qualified" &&
    done[1]!.conclusion === "basically_qualified" &&
    done[0]!.year === done[1]!.year + 1
  ) {
    out.push(`${done[1]!.year}、${done[0]!.year}年度连续两年年检基本合格`);
  }
  const yearAgo = addMonths(today, -12);
  if (f.penalties.some((d) => d > yearAgo && d <= today)) out.push("上一年度受到行政处罚");
  if (f.listed) out.push("被列入信用名单");
  return out;
}

// ------------------------------------------------------------------------------------------------ downgrades (R-G2)

export const GRADES = ["1A", "2A", "3A", "4A", "5A"] as const;
export type Grade = (typeof GRADES)[number];

/** R-G1: a grade is valid five years, to the day before the fifth anniversary of its award. */
export const GRADE_VALID_YEARS = 5;
export const gradeAwardedOn = (validTo: string): string =>
  addCalendarDays(addMonths(validTo, -12 * GRADE_VALID_YEARS), 1);

/** One fact that R-G2 acts on, with the key that makes acting on it once (and only once) checkable. */
export interface GradeGround {
  /** Stable: `inspection:<filing id>`, `basic:<year>`, `penalty:<penalty id>`. */
  key: string;
  /** The day the fact became final (a conclusion's 公告, the 未参检 marking, a penalty decision). */
  on: string;
  /** A 不合格 or missed 年检 takes the grade away; two 基本合格 running or a penalty lower it one level. */
  effect: "revoke" | "lower";
  /** In words, for the 公告 and the history: "2025年度年检不合格". */
  reason: string;
}

export interface GradeFacts {
  rating: Grade;
  ratingValidTo: string;
  /** Filings with an outcome: published conclusions (with their 公告 date) and 未参检 (with the marking date). */
  filings: readonly {
    id: number;
    year: number;
    state: string;
    conclusion: string | null;
    on: string | null;
  }[];
  penalties: readonly { id: number; decidedOn: string; documentNo: string }[];
  /** Keys of the grounds already acted on (a second run changes nothing). */
  applied: ReadonlySet<string>;
}

export interface GradeDowngrade {
  from: Grade;
  /** null: the grade is revoked (取消评估等级). */
  to: Grade | null;
  grounds: GradeGround[];
}

/** R-G2: the grounds in the facts, oldest first, whatever was already applied. */
export function gradeGrounds(f: Pick<GradeFacts, "filings" | "penalties">): GradeGround[] {
  const out: GradeGround[] = [];
  const byYear = new Map(f.filings.map((x) => [x.year, x]));
  for (const x of f.filings) {
    if (!x.on) continue;
    if (x.state === "not_filed") {
      out.push({ key: `inspection:${x.id}`, on: x.on, effect: "revoke", reason: `${x.year}年度未参加年检` });
    } else if (x.state === "published" && x.conclusion === "unqualified") {
      out.push({ key: `inspection:${x.id}`, on: x.on, effect: "revoke", reason: `${x.year}年度年检不合格` });
    } else if (x.state === "published" && x.conclusion === "basically_qualified") {
      const prev = byYear.get(x.year - 1);
      if (prev?.state === "published" && prev.conclusion === "basically_qualified") {
        out.push({
          key: `basic:${x.year}`,
          on: x.on,
          effect: "lower",
          reason: `${x.year - 1}、${x.year}年度连续两年年检基本合格`,
        });
      }
    }
  }
  for (const p of f.penalties) {
    out.push({
      key: `penalty:${p.id}`,
      on: p.decidedOn,
      effect: "lower",
      reason: `受到行政处罚（${p.documentNo}）`,
    });
  }
  return out.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.key < b.key ? -1 : 1));
}

/**
 * R-G2: what happens to a current grade today. Only grounds that arose while the grade stood (on or after it was
 * awarded, up to today) and were not yet acted on count; each lowering takes one level, 1A lowered is revoked, and a
 * 不合格 or missed 年检 revokes outright. null when nothing changes (no grade, an expired one, no new ground).
 */
export function gradeDowngrade(f: GradeFacts, today: string): GradeDowngrade | null {
  if (f.ratingValidTo < today) return null;
  const since = gradeAwardedOn(f.ratingValidTo);
  const grounds = gradeGrounds(f).filter((g) => !f.applied.has(g.key) && g.on >= since && g.on <= today);
  if (grounds.length === 0) return null;
  if (grounds.some((g) => g.effect === "revoke")) return { from: f.rating, to: null, grounds };
  const level = GRADES.indexOf(f.rating) - grounds.length;
  return { from: f.rating, to: level >= 0 ? GRADES[level]! : null, grounds };
}

// ------------------------------------------------------------------------------------------------ grade history

/** One grade an organization held, as the public page and the API show it. */
export interface GradeRecord {
  grade: Grade;
  validFrom: string;
  validTo: string;
  /** current: held and in date; expired: ran out; lowered / revoked: ended early by R-G2 on `endedOn`. */
  state: "current" | "expired" | "lowered" | "revoked";
  endedOn: string | null;
  /** For lowered and revoked: the grounds, in words. */
  reason: string | null;
}

/** A recorded R-G2 change: the grade before it, and when and why it ended. */
export interface GradeChange {
  from: Grade;
  fromValidTo: string;
  to: Grade | null;
  on: string;
  reason: string;
}

/**
 * R-G1, R-G2: the grades an organization has held, newest first, from its current grade and its recorded changes.
 * A grade lowered by R-G2 keeps its original validity (the lower grade runs to the same date).
 */
export function gradeHistory(
  current: { rating: Grade | null; ratingValidTo: string | null },
  changes: readonly GradeChange[],
  today: string,
): GradeRecord[] {
  const out: GradeRecord[] = [];
  if (current.rating && current.ratingValidTo) {
    out.push({
      grade: current.rating,
      validFrom: gradeAwardedOn(current.ratingValidTo),
      validTo: current.ratingValidTo,
      state: current.ratingValidTo < today ? "expired" : "current",
      endedOn: current.ratingValidTo < today ? current.ratingValidTo : null,
      reason: null,
    });
  }
  for (const ch of [...changes].sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0))) {
    out.push({
      grade: ch.from,
      validFrom: gradeAwardedOn(ch.fromValidTo),
      validTo: ch.fromValidTo,
      state: ch.to ? "lowered" : "revoked",
      endedOn: ch.on,
      reason: ch.reason,
    });
  }
  return out;
}

/** The Chinese words for a grade record's state. */
export function gradeRecordText(r: GradeRecord, cn: (d: string) => string): string {
  const span = `${cn(r.validFrom)} 至 ${cn(r.validTo)}`;
  if (r.state === "current") return `${r.grade}（有效期 ${span}）`;
  if (r.state === "expired") return `${r.grade}（有效期 ${span}，已过期，不再有效）`;
  const what = r.state === "lowered" ? "降低评估等级" : "取消评估等级";
  return `${r.grade}（有效期 ${span}；${cn(r.endedOn ?? "")} ${what}：${r.reason ?? ""}）`;
}
