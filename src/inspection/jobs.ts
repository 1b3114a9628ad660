/**
 * Scheduled work for the annual inspection (registered in src/jobs/registry.ts).
 *
 * 未参检 (R-C1, R-C3): for every inspection year not yet fully marked, once an organization type's window has
 * closed, required organizations that never submitted — and returned filings whose correction deadline has passed —
 * become 未参检, each through the workflow's `mark_not_filed`, audited per organization. A year counts as done only
 * when every window has closed and nothing is left to mark, so a correction deadline that runs past the window is
 * marked on the day it lapses. Idempotent: a filing marked once is no longer a draft or returned.
 */
import { sql } from "drizzle-orm";
import { ORG_TYPES } from "../../db/schema";
import type { InspectionWindows } from "../../db/schema/inspection";
import type { AppDeps } from "../context";
import { windowFlags } from "../domain/inspection-window";
import type { Job, JobItem } from "../jobs/types";
import { markNotFiled } from "./service";

export interface MarkNotFiledRun {
  years: { yearId: number; authorityId: number; year: number; marked: number }[];
  marked: number;
  items: JobItem[];
}

export async function markNotFiledAfterWindows(
  deps: AppDeps,
  today: string,
  options: { dryRun?: boolean } = {},
): Promise<MarkNotFiledRun> {
  const dated: AppDeps = { ...deps, now: () => new Date(`${today}T12:00:00+08:00`) };
  const rows = (await deps.db.all(sql`
    SELECT id, authority_id, year, windows FROM inspection_years WHERE not_filed_marked_at IS NULL ORDER BY id`)) as {
    id: number;
    authority_id: number;
    year: number;
    windows: string;
  }[];
  const run: MarkNotFiledRun = { years: [], marked: 0, items: [] };
  for (const r of rows) {
    const windows = JSON.parse(r.windows) as InspectionWindows;
    if (!ORG_TYPES.some((t) => windowFlags(windows[t], today).windowClosed)) continue;
    const result = await markNotFiled(dated, "system", Number(r.id), options);
    if (!result.ok) continue;
    run.years.push({
      yearId: Number(r.id),
      authorityId: Number(r.authority_id),
      year: Number(r.year),
      marked: result.marked,
    });
    run.marked += result.marked;
    for (const i of result.items) {
      run.items.push({
        orgId: i.orgId,
        label: i.name,
        reason: `${i.year}年度年检${i.state === "returned" ? "退回补正后逾期未重新提交" : "申报期结束时未提交"}`,
      });
    }
  }
  return run;
}

export const notFiledJob: Job = {
  name: "inspection-not-filed",
  title: "年检未参检标记",
  description:
    "年检申报期结束后，应参检而未提交的组织，以及退回补正后逾期未重新提交的组织，标记为“未参检”，计入年检率（R-C1、R-C3、R-C10）。",
  async run(deps, today, { dryRun }) {
    const r = await markNotFiledAfterWindows(deps, today, { dryRun });
    return {
      changed: r.marked,
      summary: `${dryRun ? "将标记" : "已标记"}未参检 ${r.marked} 家`,
      items: r.items.slice(0, 500),
    };
  },
};
