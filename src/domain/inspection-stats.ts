/**
 * R-C10: the rates on the registrar's dashboard.
 *   年检率 = filed ÷ required
 *   合格率 = 合格 ÷ concluded, with the shares of 基本合格 and 不合格 over the same denominator.
 *
 * Rounding: each rate is shown as a percentage with one decimal, rounded half up, computed exactly in integers
 * (tenths of a percent = ⌊(2000·n + d) / 2d⌋, i.e. n/d·1000 rounded half up). Rounded shares may not add up to
 * exactly 100.0%. A zero denominator gives no rate (`permille: null`, shown "—"), never a division error.
 */

import { FILED_STATES, type InspectionState } from "./inspection-workflow";
import type { Conclusion } from "./workflow";

export interface InspectionCounts {
  required: number;
  /** Required organizations that have submitted (R-C10's "filed"). */
  filed: number;
  qualified: number;
  basicallyQualified: number;
  unqualified: number;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** Tenths of a percent (883 = 88.3%), rounded half up; null when the denominator is 0. */
  permille: number | null;
  /** "88.3%", or "—" when there is nothing to divide by. */
  display: string;
}

export interface InspectionRates {
  counts: InspectionCounts;
  concluded: number;
  /** 年检率 */
  inspectionRate: Rate;
  /** 合格率 */
  qualifiedRate: Rate;
  /** 基本合格 share */
  basicallyQualifiedShare: Rate;
  /** 不合格 share */
  unqualifiedShare: Rate;
}

export function rate(numerator: number, denominator: number): Rate {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`A rate needs whole, non-negative counts: ${numerator}/${denominator}`);
  }
  if (denominator === 0) return { numerator, denominator, permille: null, display: "—" };
  const permille = Math.floor((2000 * numerator + denominator) / (2 * denominator));
  return { numerator, denominator, permille, display: `${Math.floor(permille / 10)}.${permille % 10}%` };
}

export function computeRates(counts: InspectionCounts): InspectionRates {
  const concluded = counts.qualified + counts.basicallyQualified + counts.unqualified;
  return {
    counts,
    concluded,
    inspectionRate: rate(counts.filed, counts.required),
    qualifiedRate: rate(counts.qualified, concluded),
    basicallyQualifiedShare: rate(counts.basicallyQualified, concluded),
    unqualifiedShare: rate(counts.unqualified, concluded),
  };
}

/** One organization's position for year N. Organizations not required to file are left out of every figure. */
export interface InspectionRow {
  required: boolean;
  /** The filing's state; null when the organization has not started one. */
  state: InspectionState | null;
  conclusion: Conclusion | null;
}

const FILED = new Set<InspectionState>(FILED_STATES);

/** Counts the rows (R-C10). A conclusion counts once the filing is 已出结论 or 已公告. */
export function tally(rows: Iterable<InspectionRow>): InspectionCounts {
  const counts: InspectionCounts = {
    required: 0,
    filed: 0,
    qualified: 0,
    basicallyQualified: 0,
    unqualified: 0,
  };
  for (const row of rows) {
    if (!row.required) continue;
    counts.required++;
    if (row.state === null || !FILED.has(row.state)) continue;
    counts.filed++;
    if ((row.state === "concluded" || row.state === "published") && row.conclusion) {
      if (row.conclusion === "qualified") counts.qualified++;
      else if (row.conclusion === "basically_qualified") counts.basicallyQualified++;
      else counts.unqualified++;
    }
  }
  return counts;
}

/** Rates per group (e.g. per type or district), in first-seen order. */
export function ratesBy<T extends InspectionRow>(
  rows: Iterable<T>,
  keyOf: (row: T) => string,
): Map<string, InspectionRates> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return new Map([...groups].map(([key, list]) => [key, computeRates(tally(list))]));
}
