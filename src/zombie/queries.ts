/** SQL of the zombie triage list. */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { missedInspections, type ZombieSignal } from "../domain/zombie";

export interface TriageFilter {
  authorityIds: number[];
  signal?: ZombieSignal;
  type?: string;
  authorityCode?: string;
  registeredBefore?: string;
  supervisorUnitId?: number;
  /** At least this many 未参检 years held. */
  minMissed?: number;
}

export interface TriageRow {
  orgId: number;
  uscc: string;
  name: string;
  type: "social_group" | "private_non_enterprise" | "foundation";
  authorityName: string;
  authorityId: number;
  registeredOn: string;
  count: number;
  since: string;
  signals: string;
  facts: string;
  /** Who follows it up (bulk preparation), and its open case, if any. */
  assigneeName: string | null;
  caseId: number | null;
}

export const TRIAGE_PAGE = 50;

function where(f: TriageFilter, withSignal: boolean): SQL {
  const parts = [
    sql`s.closed_on IS NULL`,
    sql`s.authority_id IN (${sql.join(
      f.authorityIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  ];
  if (f.type) parts.push(sql`o.type = ${f.type}`);
  if (f.registeredBefore) parts.push(sql`o.registered_on < ${f.registeredBefore}`);
  if (f.authorityCode) parts.push(sql`a.code = ${f.authorityCode}`);
  if (f.supervisorUnitId) parts.push(sql`o.supervisor_unit_id = ${f.supervisorUnitId}`);
  if (f.minMissed) {
    parts.push(
      sql`(SELECT count(*) FROM annual_inspections m WHERE m.org_id = o.id AND m.state = 'not_filed') >= ${f.minMissed}`,
    );
  }
  if (withSignal && f.signal) {
    parts.push(
      sql`s.org_id IN (SELECT org_id FROM zombie_signals WHERE closed_on IS NULL AND signal = ${f.signal})`,
    );
  }
  return sql.join(parts, sql` AND `);
}

const FROM = sql`zombie_signals s JOIN organizations o ON o.id = s.org_id JOIN authorities a ON a.id = s.authority_id`;

/** Candidates with their open signals, strongest first (most signals, then the oldest first seen). */
export async function triageRows(
  db: Db,
  f: TriageFilter,
  page: number | null,
): Promise<{ rows: TriageRow[]; total: number }> {
  const w = where(f, true);
  const [count] = (await db.all(sql`SELECT count(DISTINCT s.org_id) AS n FROM ${FROM} WHERE ${w}`)) as {
    n: number;
  }[];
  const limit = page === null ? sql`` : sql`LIMIT ${TRIAGE_PAGE} OFFSET ${(page - 1) * TRIAGE_PAGE}`;
  const rows = (await db.all(sql`
    SELECT o.id AS "orgId", o.uscc, o.name, o.type, a.name AS "authorityName", a.id AS "authorityId",
      o.registered_on AS "registeredOn",
      count(*) AS count, min(s.first_seen_on) AS since, group_concat(s.signal, ',') AS signals,
      group_concat(s.facts, '；') AS facts,
      (SELECT u.display_name FROM zombie_assignments z JOIN users u ON u.id = z.user_id WHERE z.org_id = o.id) AS "assigneeName",
      (SELECT k.id FROM zombie_cases k WHERE k.org_id = o.id AND k.state <> 'closed') AS "caseId"
    FROM ${FROM} WHERE ${w}
    GROUP BY o.id ORDER BY count(*) DESC, min(s.first_seen_on), o.id ${limit}`)) as TriageRow[];
  return { rows, total: Number(count?.n ?? 0) };
}

/** Organizations per signal under the same filters (the signal filter itself aside). */
export async function signalCounts(db: Db, f: TriageFilter): Promise<Record<string, number>> {
  const rows = (await db.all(
    sql`SELECT s.signal, count(*) AS n FROM ${FROM} WHERE ${where(f, false)} GROUP BY s.signal`,
  )) as {
    signal: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.signal, Number(r.n)]));
}

/**
 * R-E1 [C] dry run: how many organizations would hold the 连续未参检 signal with a threshold of `n` consecutive years
 * (for every type), beside how many hold it now — "with N=3, 41 fewer" — computed from the filings, nothing written.
 */
export async function missedThresholdWhatIf(
  db: Db,
  authorityIds: number[],
  n: number,
  countUnqualified: boolean,
): Promise<{ now: number; then: number }> {
  const ids = sql.join(
    authorityIds.map((id) => sql`${id}`),
    sql`, `,
  );
  // Any active organization with a missed year could hold the signal under another threshold.
  const rows =
    (await db.all(sql`SELECT f.org_id AS "orgId", f.year, f.state, f.conclusion FROM annual_inspections f
    WHERE f.org_id IN (SELECT m.org_id FROM annual_inspections m CROSS JOIN organizations o ON o.id = m.org_id
      WHERE (m.state = 'not_filed'${countUnqualified ? sql` OR m.conclusion = 'unqualified'` : sql``})
        AND o.status = 'active' AND o.authority_id IN (${ids}))`)) as {
      orgId: number;
      year: number;
      state: string;
      conclusion: string | null;
    }[];
  const [open] = (await db.all(sql`SELECT count(*) AS n FROM zombie_signals WHERE closed_on IS NULL
    AND signal = 'missed_inspections' AND authority_id IN (${ids})`)) as { n: number }[];
  const byOrg = new Map<number, { year: number; state: string; conclusion: string | null }[]>();
  for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
  let then = 0;
  for (const filings of byOrg.values()) if (missedInspections(filings, n, countUnqualified)) then++;
  return { now: Number(open?.n ?? 0), then };
}
