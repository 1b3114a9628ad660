/**
 * The statistics over a date range (起止日期): the register as at the range's end, and each year's flows —
 * registrations, terminations, credit entries listed and removed, zombie cases closed — counted within the range, as
 * what had happened by its end less what had happened by the day before its start.
 */
import { cnDate } from "../domain/dates";
import type { Series } from "./contract";
import { creditYear, type RawCounts } from "./figures";

/** Each year's registrations and terminations within the range. */
export function rangeFlows(end: RawCounts, before: RawCounts): RawCounts["flows"] {
  const key = (f: { y: string; kind: string }) => `${f.y}/${f.kind}`;
  const earlier = new Map(before.flows.map((f) => [key(f), Number(f.n)]));
  return end.flows.map((f) => ({ ...f, n: Number(f.n) - (earlier.get(key(f)) ?? 0) }));
}

/** A year's credit figures: listed and removed within the range, and on a list at the year's end (or the range's). */
export function rangeCreditYear(end: RawCounts, before: RawCounts, y: number): [number, number, number] {
  const [listed, removed, stock] = creditYear(end.credit, y);
  const [listedBefore, removedBefore] = creditYear(before.credit, y);
  return [listed - listedBefore, removed - removedBefore, stock];
}

/**
 * The per-year rows of the years the range touches (a 年检 year also the one before: its inspection runs the next
 * spring), each definition saying the range; the register by status stays as at the range's end.
 */
export function seriesInRange(series: Series[], from: string, to: string): Series[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  return series.map((s) => {
    if (!/^\d{4}年/.test(s.rows[0]?.label ?? "")) return s;
    const low = s.key.startsWith("inspection") ? first - 1 : first;
    return {
      ...s,
      definition: `${s.definition}起止日期：${cnDate(from)}至${cnDate(to)}。`,
      rows: s.rows.filter((r) => {
        const y = Number(r.label.slice(0, 4));
        return y >= low && y <= last;
      }),
    };
  });
}
