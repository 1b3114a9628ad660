/**
 * 评估等级 (domain.md §7). R-G1: grades 1A–5A, valid five years; an organization is not eligible for evaluation when
 * it was registered less than two full years ago, its last 年检 was missed or 不合格, it was 基本合格 two years
 * running, it was penalized in the last year, or it is on either credit list. Pure: the caller passes the facts.
 */
import { addMonths } from "./credit";

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
