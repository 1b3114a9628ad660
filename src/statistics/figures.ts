/**
 * The raw counts behind the statistics pages, from one of two sources with the same answers:
 * - the cubes (db/schema/statistics.ts), kept by the nightly `statistics-cubes` job: the live pages read these once
 *   the job has run, summing small rows whatever the filters;
 * - the register itself (direct counts): a database whose job has never run, and the register as at a past day.
 * The test in test/service/statistics-cubes.test.ts holds the two equal.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { endOfChinaDay } from "../domain/as-of";
import type { InspectionState } from "../domain/inspection-workflow";
import type { Conclusion } from "../domain/workflow";
import { readAll } from "../registry/read";

/** 直接登记, 已脱钩, or one 业务主管单位 by id. */
export type SupervisorFilter = { mode: "direct" | "decoupled" } | { unitId: number };

export interface CountScope {
  /** The authorities counted; `whole` when they are every authority (no filter needed). */
  ids: number[];
  whole: boolean;
  type?: string;
  supervisor?: SupervisorFilter;
  /** The day counted to (today, or a past day). */
  today: string;
  past: boolean;
}

export interface RawCounts {
  byTypeStatus: { type: string; status: string; n: number }[];
  /** `in` per registration year; per termination year, the terminal status. */
  flows: { y: string; kind: string; n: number }[];
  filings: { year: number; state: InspectionState; conclusion: Conclusion | null; n: number }[];
  /** Credit entries listed by the day, by year listed and year removed ('' when not removed by the day). */
  credit: { listedYear: string; removedYear: string; n: number }[];
}

export const inList = (ids: readonly (number | string)[]) =>
  sql`(${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )})`;

/** The rebuild the pages read (src/statistics/cubes.ts writes the next one beside it, then switches). */
const CURRENT_GEN = sql`c.gen = (SELECT gen FROM stat_cube_meta WHERE id = 1)`;

/** The cube rows (alias `c`) of the current generation a scope sums; the whole register reads authority_id 0. */
export function cubeWhere(s: CountScope): SQL {
  return cubeRows(s, s.whole ? sql`c.authority_id = 0` : sql`c.authority_id IN ${inList(s.ids)}`);
}

/** A cube's current rows (alias `c`) of the given authorities, with the scope's type and supervisor filters. */
export function cubeRows(s: CountScope, authorities: SQL): SQL {
  const parts: SQL[] = [CURRENT_GEN, authorities];
  if (s.type) parts.push(sql`c.type = ${s.type}`);
  if (s.supervisor)
    parts.push(
      "unitId" in s.supervisor
        ? sql`c.sup_unit = ${s.supervisor.unitId}`
        : sql`c.sup_mode = ${s.supervisor.mode}`,
    );
  return sql.join(parts, sql` AND `);
}

/** The counts from the cubes: every query sums rows of one small table. */
export async function cubeCounts(db: Db, s: CountScope): Promise<RawCounts> {
  const where = cubeWhere(s);
  const [byTypeStatus, flows, filings, credit] = await Promise.all([
    readAll(
      db,
      sql`SELECT c.type, c.status, sum(c.n) AS n FROM stat_org_cube c WHERE ${where} GROUP BY 1, 2`,
    ),
    readAll(
      db,
      sql`SELECT c.reg_year AS y, 'in' AS kind, sum(c.n) AS n FROM stat_org_cube c WHERE ${where} GROUP BY 1
      UNION ALL
      SELECT c.end_year AS y, c.status AS kind, sum(c.n) AS n FROM stat_org_cube c
        WHERE ${where} AND c.end_year <> '' GROUP BY 1, 2`,
    ),
    readAll(
      db,
      sql`SELECT c.year, c.state, NULLIF(c.conclusion, '') AS conclusion, sum(c.n) AS n
      FROM stat_filing_cube c WHERE ${where} GROUP BY 1, 2, 3`,
    ),
    readAll(
      db,
      sql`SELECT c.listed_year AS "listedYear", c.removed_year AS "removedYear", sum(c.n) AS n
      FROM stat_credit_cube c WHERE ${where} GROUP BY 1, 2`,
    ),
  ]);
  return { byTypeStatus, flows, filings, credit } as RawCounts;
}

/**
 * The authority an organization (alias `o`) was registered with at an instant: a district change is an org_history
 * row whose `before` holds authorityId, so it is the `before` of the first such change after the instant.
 */
export const authorityAt = (instant: string): SQL =>
  sql`COALESCE((SELECT json_extract(h.before, '$.authorityId') FROM org_history h
    WHERE h.org_id = o.id AND h.at > ${instant}
      AND json_extract(h.before, '$.authorityId') IS NOT NULL ORDER BY h.at, h.id LIMIT 1), o.authority_id)`;

/** The organizations (alias `o`) moved between authorities after an instant (a partial index holds the moves). */
export const movedAfter = (instant: string): SQL => sql`SELECT org_id FROM org_history
  WHERE at > ${instant} AND json_extract(before, '$.authorityId') IS NOT NULL`;

/** The authority at an instant, looked up in the history only for the few organizations moved since. */
export const authorityThen = (instant: string): SQL =>
  sql`CASE WHEN o.id IN (${movedAfter(instant)}) THEN ${authorityAt(instant)} ELSE o.authority_id END`;

/** The type and supervisor filters of a scope on the organizations (alias `o`). */
export function facetWhere(s: CountScope): SQL[] {
  const parts: SQL[] = [];
  if (s.type) parts.push(sql`o.type = ${s.type}`);
  if (s.supervisor)
    parts.push(
      "unitId" in s.supervisor
        ? sql`o.supervisor_unit_id = ${s.supervisor.unitId}`
        : sql`o.supervision_mode = ${s.supervisor.mode}`,
    );
  return parts;
}

/** The organizations a scope counts (alias `o`); as at a past day, where each was registered then. */
function orgWhereOf(s: CountScope): SQL {
  const { today, past } = s;
  // As at a past day: the authority the organization was registered with then, and only those registered by then.
  const authorityOf: SQL = past ? authorityAt(endOfChinaDay(today)) : sql`o.authority_id`;
  const parts: SQL[] = [];
  if (!s.whole) parts.push(sql`${authorityOf} IN ${inList(s.ids)}`);
  parts.push(...facetWhere(s));
  if (past) parts.push(sql`o.registered_on <= ${today}`);
  return parts.length ? sql.join(parts, sql` AND `) : sql`1`;
}

/** The counts read from the register itself (and, for a past day, its history). */
export async function directCounts(db: Db, s: CountScope): Promise<RawCounts> {
  const { today, past } = s;
  const joinOrgs = !s.whole || s.type !== undefined || s.supervisor !== undefined || past;
  const orgWhere = orgWhereOf(s);
  /** `FROM <table> <alias>` and, only where a filter needs them, the organizations. */
  const withOrgs = (from: SQL, alias: string) =>
    joinOrgs
      ? sql`${from} JOIN organizations o ON o.id = ${sql.raw(alias)}.org_id WHERE ${orgWhere}`
      : sql`${from} WHERE 1`;
  // Terminal statuses are final: as at a past day, one terminated later still read 正常 (statusAsOf).
  const statusOf: SQL = past
    ? sql`(CASE WHEN o.status <> 'active' AND o.status_on <= ${today} THEN o.status ELSE 'active' END)`
    : sql`o.status`;
  const byTypeStatus = await readAll(
    db,
    sql`SELECT o.type, ${statusOf} AS status, count(*) AS n FROM organizations o WHERE ${orgWhere} GROUP BY o.type, 2`,
  );
  const flows = await readAll(
    db,
    sql`
    SELECT substr(o.registered_on, 1, 4) AS y, 'in' AS kind, count(*) AS n FROM organizations o
      WHERE ${orgWhere} GROUP BY y
    UNION ALL
    SELECT substr(o.status_on, 1, 4) AS y, o.status AS kind, count(*) AS n FROM organizations o
      WHERE ${orgWhere} AND o.status <> 'active' AND o.status_on <= ${today} GROUP BY y, o.status`,
  );
  // The annual inspection as at a past day: the years whose window had opened (a year's 年检 runs the next spring)
  // and, R-C4, conclusions whose 公告 was out by then.
  const pastFilings = past
    ? sql` AND ai.year < ${Number(today.slice(0, 4))} AND (ai.state <> 'published' OR ai.published_on <= ${today})`
    : sql``;
  const filings = await readAll(
    db,
    sql`SELECT ai.year, ai.state, ai.conclusion, count(*) AS n
    FROM ${withOrgs(sql`annual_inspections ai`, "ai")}${pastFilings}
    GROUP BY ai.year, ai.state, ai.conclusion`,
  );
  const credit = await readAll(
    db,
    sql`SELECT substr(c.listed_on, 1, 4) AS "listedYear",
      CASE WHEN c.removed_on IS NOT NULL AND c.removed_on <= ${today} THEN substr(c.removed_on, 1, 4) ELSE '' END
        AS "removedYear", count(*) AS n
    FROM ${withOrgs(sql`credit_cases c`, "c")} AND c.listed_on IS NOT NULL AND c.listed_on <= ${today} GROUP BY 1, 2`,
  );
  return { byTypeStatus, flows, filings, credit } as RawCounts;
}

/** A credit year's three figures from the counts: listed in it, removed in it, on a list at its end (or the day). */
export function creditYear(credit: RawCounts["credit"], y: number): [number, number, number] {
  const year = String(y);
  let listed = 0;
  let removed = 0;
  let stock = 0;
  for (const c of credit) {
    const n = Number(c.n);
    if (c.listedYear === year) listed += n;
    if (c.removedYear === year) removed += n;
    // On the list at the year's end: listed by then and not removed by then (onListAsOf).
    if (c.listedYear <= year && (c.removedYear === "" || c.removedYear > year)) stock += n;
  }
  return [listed, removed, stock];
}

/** Zombie cases closed by the day, per year and outcome (a small table: read directly on both paths). */
export async function zombiesClosed(
  db: Db,
  s: CountScope,
  /** A date range's first day: only cases closed from then. */
  since?: string,
): Promise<{ y: string; outcome: string; n: number }[]> {
  return (await readAll(
    db,
    sql`SELECT substr(z.closed_on, 1, 4) AS y, z.outcome, count(*) AS n
    FROM zombie_cases z JOIN organizations o ON o.id = z.org_id
    WHERE ${orgWhereOf(s)} AND z.closed_on IS NOT NULL AND z.closed_on <= ${s.today}${since ? sql` AND z.closed_on >= ${since}` : sql``}
    GROUP BY 1, 2`,
  )) as { y: string; outcome: string; n: number }[];
}

/** Party coverage by authority from the cube (R-F3), in the order coverageGroups gives it. */
export async function cubeCoverage(
  db: Db,
  f: { authorityIds: number[]; type?: string; supervisorUnitId?: number },
): Promise<{ key: string; total: number; organizational: number; work: number }[]> {
  const parts: SQL[] = [CURRENT_GEN, sql`c.authority_id IN ${inList(f.authorityIds)}`];
  if (f.type) parts.push(sql`c.type = ${f.type}`);
  if (f.supervisorUnitId) parts.push(sql`c.sup_unit = ${f.supervisorUnitId}`);
  return (await readAll(
    db,
    sql`SELECT CAST(c.authority_id AS TEXT) AS key, sum(c.total) AS total, sum(c.organizational) AS organizational,
      sum(c.work) AS work FROM stat_party_cube c WHERE ${sql.join(parts, sql` AND `)} GROUP BY 1 ORDER BY 2 DESC`,
  )) as { key: string; total: number; organizational: number; work: number }[];
}

export const supervisorOf = (raw: string | undefined): SupervisorFilter | undefined =>
  raw === "direct" || raw === "decoupled"
    ? { mode: raw }
    : /^\d{1,9}$/.test(raw ?? "")
      ? { unitId: Number(raw) }
      : undefined;
