/**
 * 评估等级 over time (domain.md §7): the daily R-G2 job that lowers or revokes a grade after a published 年检
 * conclusion, a missed 年检 or a penalty, and the grade history the public page and the API show.
 *
 * Each change is one batch per organization: the grade on the register (guarded by its version), an org_history row
 * of kind `rating_change` (before / after and the grounds' keys, which keep the job idempotent), a 公告 and the
 * audit event.
 */

import { and, eq, sql } from "drizzle-orm";
import { announcements, organizations, orgHistory } from "../../db/schema";
import { commitWithAudit, systemActor } from "../audit/audit";
import type { AppDeps } from "../context";
import type { Db } from "../db";
import { ratingChangeAnnouncement as ratingChangeText } from "../domain/announcement-texts";
import {
  type Grade,
  type GradeChange,
  type GradeDowngrade,
  type GradeRecord,
  gradeDowngrade,
  gradeHistory,
} from "../domain/evaluation";
import type { Job, JobItem, JobReport } from "../jobs/types";
import { readAll } from "./read";

const MAX_ITEMS = 500;
export const RATING_CHANGE = "rating_change";

interface RatedOrg {
  id: number;
  uscc: string;
  name: string;
  authorityId: number;
  rating: Grade;
  ratingValidTo: string;
  version: number;
}

/** The 公告 of an R-G2 change, from the one template for rating changes (src/domain/announcement-texts.ts). */
export function ratingChangeAnnouncement(org: { name: string; uscc: string }, d: GradeDowngrade) {
  return ratingChangeText(org, { from: d.from, to: d.to, reasons: d.grounds.map((g) => g.reason) });
}

async function candidates(db: Db, today: string) {
  const orgs = (await db.all(sql`
    SELECT id, uscc, name, authority_id AS "authorityId", rating, rating_valid_to AS "ratingValidTo", version
    FROM organizations
    WHERE status = 'active' AND rating IS NOT NULL AND rating_valid_to >= ${today}
    ORDER BY id`)) as RatedOrg[];
  if (orgs.length === 0) return [];
  // The grounds R-G2 acts on, for rated organizations only: 未参检 (dated by its marking), published conclusions
  // (dated by their 公告) and penalties.
  const [filings, penalties, applied] = await Promise.all([
    db.all(sql`
      SELECT ai.id, ai.org_id AS "orgId", ai.year, ai.state, ai.conclusion,
        CASE ai.state WHEN 'published' THEN ai.published_on ELSE substr(ai.state_since, 1, 10) END AS "on"
      FROM organizations o JOIN annual_inspections ai ON ai.org_id = o.id
      WHERE o.status = 'active' AND o.rating IS NOT NULL AND o.rating_valid_to >= ${today}
        AND ai.state IN ('published', 'not_filed')`) as Promise<
      {
        id: number;
        orgId: number;
        year: number;
        state: string;
        conclusion: string | null;
        on: string | null;
      }[]
    >,
    db.all(sql`
      SELECT p.id, p.org_id AS "orgId", p.decided_on AS "decidedOn", p.document_no AS "documentNo"
      FROM organizations o JOIN penalties p ON p.org_id = o.id
      WHERE o.status = 'active' AND o.rating IS NOT NULL AND o.rating_valid_to >= ${today}`) as Promise<
      { id: number; orgId: number; decidedOn: string; documentNo: string }[]
    >,
    db.all(sql`
      SELECT h.org_id AS "orgId", j.value AS key
      FROM org_history h, json_each(h.after, '$.grounds') j
      WHERE h.kind = ${RATING_CHANGE}`) as Promise<{ orgId: number; key: string }[]>,
  ]);
  const group = <T extends { orgId: number }>(rows: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) m.set(r.orgId, [...(m.get(r.orgId) ?? []), r]);
    return m;
  };
  const f = group(filings.map((x) => ({ ...x, year: Number(x.year) })));
  const p = group(penalties);
  const a = group(applied);
  const out: { org: RatedOrg; change: GradeDowngrade }[] = [];
  for (const org of orgs) {
    const change = gradeDowngrade(
      {
        rating: org.rating,
        ratingValidTo: org.ratingValidTo,
        filings: f.get(org.id) ?? [],
        penalties: p.get(org.id) ?? [],
        applied: new Set((a.get(org.id) ?? []).map((x) => x.key)),
      },
      today,
    );
    if (change) out.push({ org, change });
  }
  return out;
}

/** R-G2 as a daily job: lowers or revokes the grades the day's facts require, each with its 公告. */
export const gradeDowngradeJob: Job = {
  name: "grade-downgrades",
  title: "评估等级降低或取消",
  description:
    "获得评估等级的组织连续两年年检基本合格、受到行政处罚的，降低一级（1A 降级即取消）；年检不合格或未参加年检的，取消评估等级。每次调整发布公告（R-G2）。",
  run: (deps, today, { dryRun }) => applyGradeDowngrades(deps.db, today, dryRun),
};

/** R-G2 for `today` (the job's body; the demo seed runs it too, so the demo register shows downgrades). */
export async function applyGradeDowngrades(db: Db, today: string, dryRun: boolean): Promise<JobReport> {
  const found = await candidates(db, today);
  const items: JobItem[] = found.map(({ org, change }) => ({
    orgId: org.id,
    label: org.name,
    reason: `${change.grounds.map((g) => g.reason).join("；")}：${change.to ? `${change.from} 降为 ${change.to}` : `取消 ${change.from}`}（R-G2）`,
  }));
  const summary = (verb: string) => {
    const revoked = found.filter((x) => !x.change.to).length;
    return `${verb}降低评估等级 ${found.length - revoked} 家、取消 ${revoked} 家`;
  };
  if (dryRun) return { changed: found.length, summary: summary("将"), items: items.slice(0, MAX_ITEMS) };
  const actor = systemActor(gradeDowngradeJob.name);
  let changed = 0;
  for (const { org, change } of found) {
    const text = ratingChangeAnnouncement(org, change);
    const after = {
      rating: change.to,
      ratingValidTo: change.to ? org.ratingValidTo : null,
      on: today,
      grounds: change.grounds.map((g) => g.key),
    };
    const reason = change.grounds.map((g) => g.reason).join("；");
    try {
      await commitWithAudit(
        db,
        actor,
        [
          db
            .update(organizations)
            .set({
              rating: change.to,
              ratingValidTo: after.ratingValidTo,
              version: org.version + 1,
              updatedAt: new Date().toISOString(),
            })
            .where(and(eq(organizations.id, org.id), eq(organizations.version, org.version))),
          // Guard: the label is NULL (NOT NULL fails, the batch rolls back) when the organization changed meanwhile.
          db.insert(orgHistory).values({
            orgId: org.id,
            kind: RATING_CHANGE,
            before: { rating: org.rating, ratingValidTo: org.ratingValidTo },
            after,
            actorUserId: null,
            actorLabel:
              sql`(CASE WHEN changes() = 1 THEN ${gradeDowngradeJob.name} END)` as unknown as string,
            reason,
          }),
          db.insert(announcements).values({
            orgId: org.id,
            authorityId: org.authorityId,
            kind: RATING_CHANGE,
            title: text.title,
            body: text.body,
            documentNo: null,
            publishedOn: today,
          }),
        ],
        {
          action: change.to ? "organization.rating_lower" : "organization.rating_revoke",
          objectType: "organization",
          objectId: org.uscc,
          orgId: org.id,
          summary: { before: { rating: org.rating }, after: { rating: change.to }, grounds: after.grounds },
        },
      );
      changed++;
    } catch (err) {
      // Changed by someone else since it was read: tomorrow's run sees it afresh.
      if (!isNotNullFailure(err)) throw err;
    }
  }
  return { changed, summary: summary(""), items: items.slice(0, MAX_ITEMS) };
}

function isNotNullFailure(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    if (String((x as Error).message ?? "").includes("NOT NULL constraint failed: org_history")) return true;
  }
  return false;
}

/** R-G1, R-G2: every grade the organization has held, newest first (the current or expired one, then the ended). */
export async function gradeHistoryOf(
  deps: Pick<AppDeps, "db">,
  org: { id: number; rating: Grade | null; ratingValidTo: string | null },
  today: string,
): Promise<GradeRecord[]> {
  const rows = (await readAll(
    deps.db,
    sql`
    SELECT json_extract(before, '$.rating') AS "from", json_extract(before, '$.ratingValidTo') AS "fromValidTo",
      json_extract(after, '$.rating') AS "to", coalesce(json_extract(after, '$.on'), substr(at, 1, 10)) AS "on",
      coalesce(reason, '') AS reason
    FROM org_history WHERE org_id = ${org.id} AND kind = ${RATING_CHANGE} ORDER BY at DESC, id DESC`,
  )) as GradeChange[];
  return gradeHistory(org, rows, today);
}
