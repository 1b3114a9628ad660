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
  if (f.authorityCode)
    parts.push(sql`s.authority_id IN (SELECT id FROM authorities WHERE code = ${f.authorityCode})`);
  if (f.supervisorUnitId) parts.push(sql`o.supervisor_unit_id = ${f.supervisorUnitId}`);
  if (f.minMissed) {
    // A few authorities count each candidate's 未参检 years; many read every 未参检 filing once.
    parts.push(
      f.authorityIds.length > 20
        ? sql`s.org_id IN (SELECT m.org_id FROM annual_inspections m WHERE m.state = 'not_filed'
          GROUP BY m.org_id HAVING count(*) >= ${f.minMissed})`
        : sql`(SELECT count(*) FROM annual_inspections m WHERE m.org_id = s.org_id AND m.state = 'not_filed') >= ${f.minMissed}`,
    );
  }
  if (withSignal && f.signal) {
    // A few authorities look up each candidate's signal; many read the signal's open rows once.
    parts.push(
      f.authorityIds.length > 20
        ? sql`s.org_id IN (SELECT org_id FROM zombie_signals WHERE closed_on IS NULL AND signal = ${f.signal})`
        : sql`EXISTS (SELECT 1 FROM zombie_signals t WHERE t.org_id = s.org_id AND t.signal = ${f.signal}
          AND t.closed_on IS NULL)`,
    );
  }
  return sql.join(parts, sql` AND `);
}

/**
 * The open signals, joined to their organizations only when a filter reads the organization — signals first (CROSS
 * JOIN keeps SQLite from scanning every organization of a type to find the few with a signal). A scope of many
 * authorities reads the open signals in organization order, so grouping them needs no sort.
 */
const fromFor = (f: TriageFilter) => {
  const signals =
    f.authorityIds.length > 20
      ? sql`zombie_signals s INDEXED BY zombie_signals_open_uq`
      : sql`zombie_signals s`;
  return f.type || f.registeredBefore || f.supervisorUnitId
    ? sql`${signals} CROSS JOIN organizations o ON o.id = s.org_id`
    : signals;
};

/**
 * Candidates with their open signals, strongest first (most signals, then the oldest first seen). In two steps so a
 * registrar reading many authorities waits for one page, not for every candidate's details: the page's organizations
 * and the total from the signals alone, then the details of those (at most 50) organizations.
 */
export async function triageRows(
  db: Db,
  f: TriageFilter,
  page: number | null,
): Promise<{ rows: TriageRow[]; total: number }> {
  const limit = page === null ? sql`` : sql`LIMIT ${TRIAGE_PAGE} OFFSET ${(page - 1) * TRIAGE_PAGE}`;
  const picked = (await db.all(sql`
    SELECT s.org_id AS id, count(*) OVER () AS total FROM ${fromFor(f)} WHERE ${where(f, true)}
    GROUP BY s.org_id ORDER BY count(*) DESC, min(s.first_seen_on), s.org_id ${limit}`)) as {
    id: number;
    total: number;
  }[];
  if (picked.length === 0) {
    if (page === null || page === 1) return { rows: [], total: 0 };
    const [count] = (await db.all(
      sql`SELECT count(DISTINCT s.org_id) AS n FROM ${fromFor(f)} WHERE ${where(f, true)}`,
    )) as { n: number }[];
    return { rows: [], total: Number(count?.n ?? 0) };
  }
  const ids = picked.map((p) => Number(p.id));
  const details = new Map<number, TriageRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = sql.join(
      ids.slice(i, i + 500).map((id) => sql`${id}`),
      sql`, `,
    );
    const rows = (await db.all(sql`
      SELECT o.id AS "orgId", o.uscc, o.name, o.type, a.name AS "authorityName", a.id AS "authorityId",
        o.registered_on AS "registeredOn",
        count(*) AS count, min(s.first_seen_on) AS since, group_concat(s.signal, ',') AS signals,
        group_concat(s.facts, '；') AS facts,
        (SELECT u.display_name FROM zombie_assignments z JOIN users u ON u.id = z.user_id WHERE z.org_id = o.id) AS "assigneeName",
        (SELECT k.id FROM zombie_cases k WHERE k.org_id = o.id AND k.state <> 'closed') AS "caseId"
      FROM zombie_signals s JOIN organizations o ON o.id = s.org_id JOIN authorities a ON a.id = s.authority_id
      WHERE s.closed_on IS NULL AND s.org_id IN (${chunk})
      GROUP BY o.id`)) as TriageRow[];
    for (const r of rows) details.set(Number(r.orgId), r);
  }
  return {
    rows: ids.map((id) => details.get(id)).filter((r): r is TriageRow => r !== undefined),
    total: Number(picked[0]!.total),
  };
}

/** Organizations per signal under the same filters (the signal filter itself aside). */
export async function signalCounts(db: Db, f: TriageFilter): Promise<Record<string, number>> {
  const rows = (await db.all(
    sql`SELECT s.signal, count(*) AS n FROM ${fromFor(f)} WHERE ${where(f, false)} GROUP BY s.signal`,
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
