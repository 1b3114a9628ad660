/** Reads for the reviewers: the queue's pages and counts, and the rates' counts (R-C10). */
import { type SQL, sql } from "drizzle-orm";
import type { OrgType } from "../../db/schema";
import type { SessionUser } from "../context";
import type { Db } from "../db";
import type { InspectionState } from "../domain/inspection-workflow";
import type { Conclusion } from "../domain/workflow";
import type { classifyQuery } from "../registry/search";
import type { QueueFilters } from "./contract";
import { authorityTree, idListText, shortList } from "./queries";

/** Filings of the year counted by authority, type, state and conclusion (every authority when `scope` is null). */
export async function filingCountsByGroup(db: Db, year: number, scope: number[] | null) {
  return (await db.all(sql`
    SELECT ai.authority_id, a.name AS authority_name, ai.org_type, ai.state, ai.conclusion, count(*) AS n
    FROM annual_inspections ai JOIN authorities a ON a.id = ai.authority_id
    WHERE ai.year = ${year}${scope ? sql` AND ai.authority_id IN ${shortList(scope)}` : sql``}
    GROUP BY ai.authority_id, ai.org_type, ai.state, ai.conclusion`)) as {
    authority_id: number;
    authority_name: string;
    org_type: OrgType;
    state: InspectionState;
    conclusion: Conclusion | null;
    n: number;
  }[];
}

/** An authority's name ("" when there is none). */
export async function authorityName(db: Db, id: number): Promise<string> {
  return (
    ((await db.all(sql`SELECT name FROM authorities WHERE id = ${id}`)) as { name: string }[])[0]?.name ?? ""
  );
}

/** Which index ranges a reviewer's queue reads, the same scope as one condition, and which side's states it shows. */
export interface QueueScope {
  ranges: SQL[];
  scopeSql: SQL;
  scopeIds: number[] | null;
  side: "registrar" | "supervisor";
}

/** The page being read: the year, the filters beyond scope, the states shown, and the page's window. */
export interface QueueWindow {
  year: number;
  extraSql: SQL;
  states: readonly InspectionState[];
  perPage: number;
  offset: number;
}

/** The reviewer's scope: a registrar's authority tree (or one district of it), a supervisor's unit, or all. */
export async function queueScope(
  db: Db,
  user: SessionUser,
  filters: QueueFilters,
): Promise<QueueScope | null> {
  if (user.role === "registrar" && user.authorityId !== null) {
    const tree = await authorityTree(db, user.authorityId);
    const ids = filters.authorityId !== undefined ? tree.filter((a) => a === filters.authorityId) : tree;
    if (ids.length === 0) return null;
    return {
      ranges: ids.map((a) => sql`ai.authority_id = ${a}`),
      scopeIds: ids,
      scopeSql:
        ids.length === 1 ? sql`ai.authority_id = ${ids[0]}` : sql`ai.authority_id IN ${shortList(ids)}`,
      side: "registrar",
    };
  }
  if (user.role === "supervisor" && user.supervisorUnitId !== null) {
    const scopeSql = sql`ai.supervisor_unit_id = ${user.supervisorUnitId}${
      filters.authorityId !== undefined ? sql` AND ai.authority_id = ${filters.authorityId}` : sql``
    }`;
    return { ranges: [scopeSql], scopeSql, scopeIds: null, side: "supervisor" };
  }
  if (user.role === "admin") {
    const scopeSql =
      filters.authorityId !== undefined ? sql`ai.authority_id = ${filters.authorityId}` : sql`1`;
    return { ranges: [scopeSql], scopeSql, scopeIds: null, side: "registrar" };
  }
  return null;
}

/** The latest year with filings in scope, or null when there are none. */
export async function latestFilingYear(db: Db, scopeSql: SQL): Promise<number | null> {
  const [y] = (await db.all(sql`SELECT max(year) AS y FROM annual_inspections ai WHERE ${scopeSql}`)) as {
    y: number | null;
  }[];
  return y?.y ? Number(y.y) : null;
}

/** The filters beyond scope, year and state, as ` AND …` conditions (empty when none). */
export function queueFilterSql(
  filters: QueueFilters,
  today: string,
  q: ReturnType<typeof classifyQuery>,
): SQL {
  const extra: SQL[] = [];
  if (filters.type) extra.push(sql`ai.org_type = ${filters.type}`);
  if (filters.overdue) extra.push(sql`ai.state = 'returned' AND ai.correction_deadline < ${today}`);
  if (filters.hasWarnings) extra.push(sql`ai.warning_count > 0`);
  if (q.mode === "uscc") extra.push(sql`ai.org_id = (SELECT id FROM organizations WHERE uscc = ${q.code})`);
  if (q.mode === "name") {
    extra.push(
      q.index === "org_name_tri"
        ? sql`ai.org_id IN (SELECT rowid FROM org_name_tri WHERE org_name_tri MATCH ${q.match})`
        : sql`ai.org_id IN (SELECT rowid FROM org_name_grams WHERE org_name_grams MATCH ${q.match})`,
    );
  }
  return extra.length ? sql.join([sql``, ...extra], sql` AND `) : sql``;
}

/**
 * A name fragment: the gram index is the costly part, so one statement matches once and returns both the counts
 * per state and the page.
 */
export async function nameMatchQueue(db: Db, scope: QueueScope, w: QueueWindow) {
  const rows = (await db.all(sql`
    WITH hits AS MATERIALIZED (
      SELECT ai.id, ai.state, ai.state_since FROM annual_inspections ai
      WHERE ${scope.scopeSql} AND ai.year = ${w.year}${w.extraSql})
    SELECT 'count' AS kind, state, count(*) AS n, NULL AS id FROM hits GROUP BY state
    UNION ALL
    SELECT * FROM (SELECT 'row', state, NULL, id FROM hits WHERE state IN ${idListText(w.states)}
                   ORDER BY state_since, id LIMIT ${w.perPage} OFFSET ${w.offset})`)) as {
    kind: "count" | "row";
    state: InspectionState;
    n: number | null;
    id: number | null;
  }[];
  const ids: number[] = [];
  const countsByState: Partial<Record<InspectionState, number>> = {};
  for (const r of rows) {
    if (r.kind === "count") countsByState[r.state] = Number(r.n);
    else ids.push(Number(r.id));
  }
  return { ids, countsByState };
}

/** The counters' rows for the reviewer's scope (see inspection_queue_counts). */
function countsScope(user: SessionUser, filters: QueueFilters, authorityIds: number[] | null): SQL {
  const district =
    filters.authorityId !== undefined ? sql` AND c.authority_id = ${filters.authorityId}` : sql``;
  if (user.role === "supervisor") return sql`c.supervisor_unit_id = ${user.supervisorUnitId}${district}`;
  if (authorityIds) return sql`c.authority_id IN ${shortList(authorityIds)}`;
  return sql`1${district}`;
}

/**
 * Counts per state: from the trigger-kept counters when the filters are among their dimensions (type, warnings);
 * otherwise (a code, overdue) by counting the few filings those select.
 */
export async function queueStateCounts(
  db: Db,
  user: SessionUser,
  filters: QueueFilters,
  scope: QueueScope,
  w: QueueWindow,
  plainFilters: boolean,
): Promise<Partial<Record<InspectionState, number>>> {
  const counted =
    plainFilters && !filters.overdue
      ? sql`SELECT c.state, sum(c.n) AS n FROM inspection_queue_counts c
          WHERE ${countsScope(user, filters, scope.scopeIds)} AND c.year = ${w.year}${
            filters.type ? sql` AND c.org_type = ${filters.type}` : sql``
          }${filters.hasWarnings ? sql` AND c.warned = 1` : sql``} GROUP BY c.state`
      : sql`SELECT ai.state, count(*) AS n FROM annual_inspections ai
          WHERE ${scope.scopeSql} AND ai.year = ${w.year}${w.extraSql} GROUP BY ai.state`;
  const counts = (await db.all(counted)) as { state: InspectionState; n: number }[];
  const countsByState: Partial<Record<InspectionState, number>> = {};
  for (const r of counts) if (Number(r.n) > 0) countsByState[r.state] = Number(r.n);
  return countsByState;
}

/** The page's filing ids, longest waiting first. */
export async function queuePageIds(
  db: Db,
  admin: boolean,
  scope: QueueScope,
  w: QueueWindow,
): Promise<number[]> {
  let idsSql: SQL;
  if (admin) {
    idsSql = sql`SELECT ai.id FROM annual_inspections ai
      WHERE ${scope.scopeSql} AND ai.year = ${w.year} AND ai.state IN ${idListText(w.states)}${w.extraSql}
      ORDER BY ai.state_since, ai.id LIMIT ${w.perPage} OFFSET ${w.offset}`;
  } else {
    // Each (scope range, state) is one index range already in waiting order: read the first offset+perPage of
    // each and merge, instead of sorting every row of the queue.
    const parts: SQL[] = [];
    for (const range of scope.ranges) {
      for (const st of w.states) {
        parts.push(sql`SELECT * FROM (SELECT ai.id, ai.state_since FROM annual_inspections ai
          WHERE ${range} AND ai.year = ${w.year} AND ai.state = ${st}${w.extraSql}
          ORDER BY ai.state_since, ai.id LIMIT ${w.offset + w.perPage})`);
      }
    }
    idsSql = sql`SELECT id FROM (${sql.join(parts, sql` UNION ALL `)}) ORDER BY state_since, id LIMIT ${w.perPage} OFFSET ${w.offset}`;
  }
  return ((await db.all(idsSql)) as { id: number }[]).map((r) => Number(r.id));
}

/** The supervisor unit's latest 初审 of a filing: who passed it, when, and the 初审意见 it gave (if any). */
export async function supervisorOpinionOf(
  db: Db,
  filingId: number,
): Promise<{ unit: string; by: string; at: string; text: string | null } | null> {
  const [row] = (await db.all(sql`
    SELECT coalesce(su.name, '') AS unit, coalesce(t.actor_name, '') AS by, t.at AS at,
           json_extract(t.details, '$.opinion') AS text
    FROM inspection_transitions t
    LEFT JOIN users u ON u.id = t.actor_user_id
    LEFT JOIN supervisor_units su ON su.id = u.supervisor_unit_id
    WHERE t.filing_id = ${filingId} AND t.action = 'pass_supervisor_review'
    ORDER BY t.id DESC LIMIT 1`)) as { unit: string; by: string; at: string; text: string | null }[];
  return row ?? null;
}
