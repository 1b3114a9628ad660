/**
 * Dry runs of the zombie signals' settings on the triage list (R-E1 [C]), computed from the facts the job reads,
 * nothing written.
 *
 * R-E1(c) [C] dry run: how many organizations of the registrar's authorities would hold the no-in-scope-activity
 * signal with another date in `zombieNoActivitySince`, beside how many hold it now — computed from the filed reports
 * the way the daily job judges them, nothing written.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import type { LetterFact } from "../domain/credit";
import { type ActivityFact, noInScopeActivitySince, unreachable } from "../domain/zombie";
import { FILED_SQL, OFF_SCOPE } from "./jobs";
import { missedThresholdWhatIf } from "./queries";

export async function noActivitySinceWhatIf(
  db: Db,
  authorityIds: number[],
  since: string,
  today: string,
): Promise<{ now: number; then: number }> {
  const ids = sql.join(
    authorityIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const year = Number(since.slice(0, 4));
  // A superset, as the job reads it: registered by the date, a report due from its year on, and no filed report of
  // those years listing an activity since the date that the registrar did not mark off-scope.
  const orgs = (await db.all(sql`SELECT o.id, o.registered_on AS "registeredOn" FROM organizations o
    WHERE o.status = 'active' AND o.authority_id IN (${ids}) AND o.registered_on <= ${since}
      AND EXISTS (SELECT 1 FROM annual_inspections f WHERE f.org_id = o.id AND f.year >= ${year} AND f.state <> 'draft')
      AND NOT EXISTS (SELECT 1 FROM annual_inspections f JOIN inspection_sections s ON s.filing_id = f.id
          AND s.section = 'activities', json_each(s.data, '$.items') j
        WHERE f.org_id = o.id AND f.year >= ${year} AND f.state IN (${FILED_SQL})
          AND json_extract(j.value, '$.date') BETWEEN ${since} AND ${today} AND NOT ${OFF_SCOPE})`)) as {
    id: number;
    registeredOn: string;
  }[];
  let then = 0;
  for (let i = 0; i < orgs.length; i += 500) {
    const chunk = orgs.slice(i, i + 500);
    const inChunk = sql.join(
      chunk.map((o) => sql`${o.id}`),
      sql`, `,
    );
    const years = (await db.all(sql`SELECT org_id AS "orgId", year FROM annual_inspections
      WHERE org_id IN (${inChunk}) AND state <> 'draft'`)) as { orgId: number; year: number }[];
    const acts = (await db.all(sql`SELECT f.org_id AS "orgId", json_extract(j.value, '$.date') AS date,
        ${OFF_SCOPE} AS "offScope"
      FROM annual_inspections f JOIN inspection_sections s ON s.filing_id = f.id AND s.section = 'activities',
        json_each(s.data, '$.items') j
      WHERE f.org_id IN (${inChunk}) AND f.state IN (${FILED_SQL})`)) as {
      orgId: number;
      date: unknown;
      offScope: number;
    }[];
    for (const o of chunk) {
      const activities: ActivityFact[] = acts
        .filter((a) => a.orgId === o.id && typeof a.date === "string")
        .map((a) => ({ date: String(a.date), inScope: !Number(a.offScope) }));
      const reportYears = years.filter((y) => y.orgId === o.id).map((y) => Number(y.year));
      if (noInScopeActivitySince(since, today, o.registeredOn, reportYears, activities)) then++;
    }
  }
  const [open] = (await db.all(sql`SELECT count(*) AS n FROM zombie_signals WHERE closed_on IS NULL
    AND signal = 'no_in_scope_activity' AND authority_id IN (${ids})`)) as { n: number }[];
  return { now: Number(open?.n ?? 0), then };
}

/**
 * R-E1(d) / R-D2 [C] dry run: how many organizations of the registrar's authorities would hold the unreachable signal
 * with another interval between the two unsigned letters, beside how many hold it now — nothing written.
 */
export async function letterIntervalWhatIf(
  db: Db,
  authorityIds: number[],
  interval: { min: number; max: number },
): Promise<{ now: number; then: number }> {
  const ids = sql.join(
    authorityIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = (await db.all(sql`SELECT l.org_id AS "orgId", l.sent_on AS "sentOn", l.outcome FROM letters l
    WHERE l.addressee = 'registered_address' AND l.org_id IN (SELECT u.org_id FROM letters u
      JOIN organizations o ON o.id = u.org_id
      WHERE u.addressee = 'registered_address' AND u.outcome = 'unsigned' AND o.status = 'active'
        AND o.authority_id IN (${ids})
      GROUP BY u.org_id HAVING count(*) >= 2)`)) as (LetterFact & { orgId: number })[];
  const byOrg = new Map<number, LetterFact[]>();
  for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
  let then = 0;
  for (const letters of byOrg.values()) if (unreachable(letters, interval)) then++;
  const [open] = (await db.all(sql`SELECT count(*) AS n FROM zombie_signals WHERE closed_on IS NULL
    AND signal = 'unreachable' AND authority_id IN (${ids})`)) as { n: number }[];
  return { now: Number(open?.n ?? 0), then };
}

export interface DryRunsAsked {
  years: number | null;
  countsUnqualified: boolean;
  since: string | null;
  interval: { min: number; max: number } | null;
}

/** The dry runs a triage page asked for, each with its inputs, as the page shows them. */
export async function dryRuns(db: Db, authorityIds: number[], today: string, asked: DryRunsAsked) {
  const [years, since, interval] = await Promise.all([
    asked.years ? missedThresholdWhatIf(db, authorityIds, asked.years, asked.countsUnqualified) : null,
    asked.since ? noActivitySinceWhatIf(db, authorityIds, asked.since, today) : null,
    asked.interval ? letterIntervalWhatIf(db, authorityIds, asked.interval) : null,
  ]);
  return {
    whatIf: years && asked.years ? { n: asked.years, unqualified: asked.countsUnqualified, ...years } : null,
    whatIfSince: since && asked.since ? { since: asked.since, ...since } : null,
    whatIfInterval: interval && asked.interval ? { ...asked.interval, ...interval } : null,
  };
}
