/**
 * Scheduled work for the annual inspection, callable from the Node scheduler and the Workers cron alike.
 *
 * `markNotFiledAfterWindows(deps)`: for every inspection year not yet fully marked, once an organization type's
 * window has closed, required organizations that never submitted (and returned filings whose correction deadline
 * has passed) become 未参检 — each through the workflow's `mark_not_filed`, audited per organization. Safe to run
 * daily and repeatedly: filings already marked are not touched again.
 */
import { sql } from "drizzle-orm";
import { ORG_TYPES } from "../../db/schema";
import type { InspectionWindows } from "../../db/schema/inspection";
import type { AppDeps } from "../context";
import { windowFlags } from "../domain/inspection-window";
import { markNotFiled, todayOf } from "./service";

export interface MarkNotFiledRun {
  years: { yearId: number; authorityId: number; year: number; marked: number }[];
  marked: number;
}

export async function markNotFiledAfterWindows(deps: AppDeps): Promise<MarkNotFiledRun> {
  const today = todayOf(deps);
  const rows = (await deps.db.all(sql`
    SELECT id, authority_id, year, windows FROM inspection_years WHERE not_filed_marked_at IS NULL ORDER BY id`)) as {
    id: number;
    authority_id: number;
    year: number;
    windows: string;
  }[];
  const run: MarkNotFiledRun = { years: [], marked: 0 };
  for (const r of rows) {
    const windows = JSON.parse(r.windows) as InspectionWindows;
    if (!ORG_TYPES.some((t) => windowFlags(windows[t], today).windowClosed)) continue;
    const result = await markNotFiled(deps, "system", Number(r.id));
    const marked = result.ok ? result.marked : 0;
    run.years.push({
      yearId: Number(r.id),
      authorityId: Number(r.authority_id),
      year: Number(r.year),
      marked,
    });
    run.marked += marked;
  }
  return run;
}
