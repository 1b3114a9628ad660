/**
 * The 红名单 (守信激励名单): organizations in good standing, the seeds' bureaus keep one beside the black lists. The
 * criteria are settings (they differ by locality); by default: a valid 评估等级 of 4A or above, 合格 in each of the
 * last three 年检 years, and no credit-list entry and no 行政处罚 in the last three years. Recomputed daily by a job;
 * an organization loses its place the day a criterion fails, with the reason kept.
 */
import { addMonths } from "./credit";
import { cnDate } from "./dates";

export interface RedListCriteria {
  /** Lowest 评估等级 that counts (1–5 for 1A–5A). */
  minRating: number;
  /** Consecutive most recent 年检 years each concluded 合格. */
  qualifiedYears: number;
  /** Years without a credit-list entry or a penalty. */
  cleanYears: number;
}

export const DEFAULT_RED_LIST_CRITERIA: RedListCriteria = { minRating: 4, qualifiedYears: 3, cleanYears: 3 };

export interface RedListFacts {
  status: string;
  rating: string | null;
  ratingValidTo: string | null;
  /** The organization's 年检 filings (year, state, conclusion). */
  filings: readonly { year: number; state: string; conclusion: string | null }[];
  /** Credit-list cases that listed it: listed on, removed on (null while listed). */
  listings: readonly { listedOn: string; removedOn: string | null }[];
  /** Dates of its 行政处罚 decisions. */
  penalties: readonly string[];
}

/** Words for the criteria, as /credit publishes them. */
export function criteriaWords(c: RedListCriteria): string[] {
  return [
    `评估等级为${c.minRating}A及以上且在有效期内`,
    `最近${c.qualifiedYears}个年度的年度检查结论均为合格`,
    `最近${c.cleanYears}年内未被列入活动异常名录或严重违法失信名单，未受到行政处罚`,
  ];
}

const yearsBefore = (day: string, years: number) => addMonths(day, -12 * years);

/** Which criteria fail (in words); empty means the organization belongs on the 红名单 today. */
export function redListFailures(
  f: RedListFacts,
  today: string,
  c: RedListCriteria = DEFAULT_RED_LIST_CRITERIA,
): string[] {
  const out: string[] = [];
  if (f.status !== "active") out.push("登记状态不是正常");
  const grade = f.rating ? Number(/^([1-5])A$/.exec(f.rating)?.[1] ?? 0) : 0;
  if (grade < c.minRating)
    out.push(`评估等级${f.rating ? `为${f.rating}` : "未评定"}，未达到${c.minRating}A`);
  else if (!f.ratingValidTo || f.ratingValidTo < today)
    out.push(`评估等级已于${cnDate(f.ratingValidTo)}到期`);
  const done = [...f.filings]
    .filter((x) => x.state === "published" || x.state === "not_filed")
    .sort((a, b) => b.year - a.year);
  const recent = done.slice(0, c.qualifiedYears);
  const consecutive = recent.every((x, i) => i === 0 || x.year === recent[i - 1]!.year - 1);
  const latestYear = Number(today.slice(0, 4)) - 1;
  if (recent.length < c.qualifiedYears || !consecutive || recent[0]!.year < latestYear - 1) {
    out.push(`最近${c.qualifiedYears}个年度的年度检查结论不全`);
  } else if (recent.some((x) => x.state !== "published" || x.conclusion !== "qualified")) {
    const bad = recent.find((x) => x.state !== "published" || x.conclusion !== "qualified")!;
    out.push(`${bad.year}年度${bad.state === "not_filed" ? "未参加年检" : "年检结论不是合格"}`);
  }
  const since = yearsBefore(today, c.cleanYears);
  if (f.listings.some((l) => l.removedOn === null || l.removedOn >= since || l.listedOn >= since)) {
    out.push(`${c.cleanYears}年内曾被列入信用名单`);
  }
  if (f.penalties.some((d) => d >= since)) out.push(`${c.cleanYears}年内受到行政处罚`);
  return out;
}
