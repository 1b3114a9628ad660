/**
 * The counts as at a past day (历史视图) from the nightly cubes, without reading the whole register. The cubes count by
 * year, so a past day D of year Y is read from them with one year-end P taken as done — the end of Y when D is in its
 * second half, else the end of Y-1 — then corrected, organization by organization, for what is dated between D and P
 * (at most half a year):
 * - registrations and terminations (ranges of two indexes, read from the index alone);
 * - credit entries listed or removed (two index ranges);
 * - organizations moved to another authority after D (an index of org_history's moves), counted where they were then.
 * 年检 conclusions need no correction: the filing cube keeps the day each conclusion's 公告 came out (R-C4).
 *
 * The answer equals the register counted directly (figures.ts directCounts) as the cubes saw it; a change recorded
 * since the cubes' run shows in a past view after the next run, as in the live figures
 * (test/service/statistics-cubes.test.ts holds the two equal).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { endOfChinaDay } from "../domain/as-of";
import { STATUS_LABELS, TYPE_LABELS } from "../registry/labels";
import { readAll } from "../registry/read";
import type { CubeStamp } from "./cubes";
import {
  authorityThen,
  type CountScope,
  cubeWhere,
  facetWhere,
  inList,
  movedAfter,
  type RawCounts,
} from "./figures";

/** The cubes' run: the day its counts are as at, when it read the register, and its early filings (R-C2). */
export type CubeRun = Pick<CubeStamp, "day" | "computedAt" | "earlyFilings">;

/** A tally of counts by a key of several parts. */
class Tally<K extends Record<string, string | number | null>> {
  private readonly rows = new Map<string, K & { n: number }>();
  add(key: K, n: number) {
    const k = JSON.stringify(Object.values(key));
    const r = this.rows.get(k);
    if (r) r.n += n;
    else this.rows.set(k, { ...key, n });
  }
  list(): (K & { n: number })[] {
    return [...this.rows.values()].filter((r) => r.n !== 0);
  }
}

/** A group of corrected rows: where the cubes counted them and where they stood at the past day. */
interface Placed {
  /** The authority at the end of the past day, and when the cubes read the register (0 for the whole register). */
  authPast: number;
  authCube: number;
  n: number;
}

/**
 * Below this many organizations in the scope, a past day's credit corrections read the scope's organizations' entries;
 * above it, the entries dated between the day and the cubes' year-end (tens of thousands at most at a million).
 */
const FEW_ORGANIZATIONS = 20_000;

/** How many organizations the cube rows of a scope hold. */
const scopeSize = (rows: unknown[]) => (rows as { n: number }[]).reduce((a, r) => a + Number(r.n), 0);

/** The counts as at `s.today` (a day before `run.day`) from the cubes and the dated changes after it. */
export async function pastCubeCounts(
  db: Db,
  s: CountScope,
  run: CubeRun,
  opts: {
    /** Only the flows and the credit lists (the day before a date range, whose register and filings are not shown). */
    flowsOnly?: boolean;
    /** Below this many organizations in a part of the register, its credit entries are read through them. */
    fewOrganizations?: number;
  } = {},
): Promise<RawCounts> {
  const { flowsOnly = false, fewOrganizations = FEW_ORGANIZATIONS } = opts;
  const D = s.today;
  const Y = D.slice(0, 4);
  const endY = `${Y}-12-31`;
  const C = run.day;
  // The cube rows are read with every date of one year-end P taken as done: the end of Y when D is in its second half
  // (the dates from D+1 to it are then corrected), else the end of Y-1 (the dates from Jan 1 to D are corrected), so
  // at most half a year of dates is ever read.
  const PY = D.slice(5) >= "07-01" ? Y : String(Number(Y) - 1);
  const pivot = `${PY}-12-31`;
  const lo = D < pivot ? D : pivot;
  const hi = D < pivot ? pivot : D;
  const where = cubeWhere(s);
  const [types, flows, filings, credit] = await Promise.all([
    readAll(
      db,
      sql`SELECT c.type, CASE WHEN c.end_year <> '' AND c.end_year <= ${PY} THEN c.status ELSE 'active' END AS status,
        sum(c.n) AS n FROM stat_org_cube c WHERE ${where} AND c.reg_year <= ${PY} GROUP BY 1, 2`,
    ),
    readAll(
      db,
      sql`SELECT c.reg_year AS y, 'in' AS kind, sum(c.n) AS n FROM stat_org_cube c
        WHERE ${where} AND c.reg_year <= ${PY} GROUP BY 1
      UNION ALL
      SELECT c.end_year AS y, c.status AS kind, sum(c.n) AS n FROM stat_org_cube c
        WHERE ${where} AND c.reg_year <= ${PY} AND c.end_year <> '' AND c.end_year <= ${PY} GROUP BY 1, 2`,
    ),
    // The years whose window had opened by D, and conclusions whose 公告 was out by then (R-C4).
    flowsOnly
      ? []
      : readAll(
          db,
          sql`SELECT c.year, c.state, NULLIF(c.conclusion, '') AS conclusion, sum(c.n) AS n FROM stat_filing_cube c
        WHERE ${where} AND c.year < ${Number(Y)} AND (c.state <> 'published' OR c.pub_on <= ${D}) GROUP BY 1, 2, 3`,
        ),
    readAll(
      db,
      sql`SELECT c.listed_year AS "listedYear",
        CASE WHEN c.removed_year <> '' AND c.removed_year <= ${PY} THEN c.removed_year ELSE '' END AS "removedYear",
        sum(c.n) AS n FROM stat_credit_cube c WHERE ${where} AND c.listed_year <= ${PY} GROUP BY 1, 2`,
    ),
  ]);
  const t = {
    types: new Tally<{ type: string; status: string }>(),
    flows: new Tally<{ y: string; kind: string }>(),
    filings: new Tally<{ year: number; state: string; conclusion: string | null }>(),
    credit: new Tally<{ listedYear: string; removedYear: string }>(),
  };
  for (const r of types as { type: string; status: string; n: number }[])
    t.types.add({ type: r.type, status: r.status }, Number(r.n));
  for (const r of flows as { y: string; kind: string; n: number }[])
    t.flows.add({ y: r.y, kind: r.kind }, Number(r.n));
  for (const r of filings as { year: number; state: string; conclusion: string | null; n: number }[])
    t.filings.add({ year: Number(r.year), state: r.state, conclusion: r.conclusion }, Number(r.n));
  for (const r of credit as { listedYear: string; removedYear: string; n: number }[])
    t.credit.add({ listedYear: r.listedYear, removedYear: r.removedYear }, Number(r.n));

  const inScope = (authority: number) => s.whole || s.ids.includes(Number(authority));
  const facets = facetWhere(s);
  const facetSql = facets.length ? sql` AND ${sql.join(facets, sql` AND `)}` : sql``;
  const endOfD = endOfChinaDay(D);
  // Organizations moved between authorities after D (none matter when the scope is the whole register).
  const movedIds = movedAfter(endOfD);
  // Where each organization was at D and when the cubes read the register.
  const placed = s.whole
    ? sql`0 AS "authPast", 0 AS "authCube"`
    : sql`${authorityThen(endOfD)} AS "authPast", ${authorityThen(run.computedAt)} AS "authCube"`;
  // Only organizations in the scope then or now count on either side.
  const nearScope = s.whole ? sql`` : sql` AND (o.authority_id IN ${inList(s.ids)} OR o.id IN (${movedIds}))`;
  const registeredAfter = sql`o.registered_on > ${lo} AND o.registered_on <= ${hi}`;
  const endedAfter = sql`o.status <> 'active' AND o.registered_on <= ${lo} AND o.status_on > ${lo} AND o.status_on <= ${hi}`;
  // Every type and status named, so each range reads organizations_statistics_idx alone (type, status, registered_on,
  // status_on, authority_id and the supervision): no row of the table is read, whatever the filters.
  const everyType = sql`o.type IN ${inList(Object.keys(TYPE_LABELS))} AND o.status IN ${inList(Object.keys(STATUS_LABELS))}`;
  const orgGroups = (which: SQL) =>
    readAll(
      db,
      sql`SELECT o.type, o.status, substr(o.registered_on, 1, 4) AS "regYear", substr(o.status_on, 1, 4) AS "endYear",
        o.status <> 'active' AND o.status_on <= ${C} AS "endedCube", o.registered_on <= ${D} AS "registeredPast",
        o.status <> 'active' AND o.status_on <= ${D} AS "endedPast", ${placed}, count(*) AS n
      FROM organizations o WHERE ${everyType} AND ${which}${nearScope}${facetSql} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    );

  // The organizations whose count differs between the cubes and the day, in three disjoint sets — registered between
  // D and P; registered by then and terminated between D and P; moved — in groups, each taken away as the cubes counted
  // it (every date up to P as done) and added as it stood at D.
  const orgs = (
    await Promise.all([
      orgGroups(registeredAfter),
      orgGroups(endedAfter),
      s.whole
        ? []
        : orgGroups(sql`o.id IN (${movedIds}) AND NOT (${registeredAfter}) AND NOT (${endedAfter})`),
    ])
  ).flat() as (Placed & {
    type: string;
    status: string;
    regYear: string;
    endYear: string;
    endedCube: number;
    registeredPast: number;
    endedPast: number;
  })[];
  for (const o of orgs) {
    const n = Number(o.n);
    if (inScope(o.authCube) && o.regYear <= PY) {
      const ended = Number(o.endedCube) === 1 && o.endYear <= PY;
      t.types.add({ type: o.type, status: ended ? o.status : "active" }, -n);
      t.flows.add({ y: o.regYear, kind: "in" }, -n);
      if (ended) t.flows.add({ y: o.endYear, kind: o.status }, -n);
    }
    if (inScope(o.authPast) && Number(o.registeredPast) === 1) {
      const ended = Number(o.endedPast) === 1;
      t.types.add({ type: o.type, status: ended ? o.status : "active" }, n);
      t.flows.add({ y: o.regYear, kind: "in" }, n);
      if (ended) t.flows.add({ y: o.endYear, kind: o.status }, n);
    }
  }

  // Filings differ only for organizations registered after D (the cubes count a filing wherever its organization is)
  // or moved; a conclusion whose 公告 came out after D is counted on neither side. One registered after D (in year Y)
  // has a filing for a year before Y only against R-C2: while the run found none, those organizations are not read.
  const registeredAfterD = sql`SELECT o.id FROM organizations o WHERE o.registered_on > ${D} AND o.registered_on <= ${endY}`;
  const refiledSets: SQL[] = [];
  if (run.earlyFilings !== 0)
    refiledSets.push(
      s.whole ? registeredAfterD : sql`${registeredAfterD} AND o.authority_id IN ${inList(s.ids)}`,
    );
  if (!s.whole) refiledSets.push(movedIds);
  const refiled = sql.join(refiledSets, sql` UNION `);
  const filingFixes = (
    flowsOnly || refiledSets.length === 0
      ? []
      : await readAll(
          db,
          // annual_inspections first (CROSS JOIN keeps the order): its (org_id, year) index answers each organization.
          sql`SELECT ai.year, ai.state, ai.conclusion, o.registered_on <= ${D} AS "registeredPast", ${placed}, count(*) AS n
    FROM annual_inspections ai CROSS JOIN organizations o INDEXED BY organizations_facets_idx ON o.id = ai.org_id
    WHERE ai.org_id IN (${refiled})
      AND ai.year < ${Number(Y)} AND (ai.state <> 'published' OR ai.published_on <= ${D})${facetSql}
    GROUP BY 1, 2, 3, 4, 5, 6`,
        )
  ) as (Placed & { year: number; state: string; conclusion: string | null; registeredPast: number })[];
  for (const f of filingFixes) {
    const key = { year: Number(f.year), state: f.state, conclusion: f.conclusion };
    if (inScope(f.authCube)) t.filings.add(key, -Number(f.n));
    if (inScope(f.authPast) && Number(f.registeredPast) === 1) t.filings.add(key, Number(f.n));
  }

  // Credit entries listed or removed between D and P, and those of moved organizations. An entry is listed after its
  // organization's registration, so one listed by D belongs to an organization registered by then. Two ways to read
  // them, whichever reads fewer rows: by their dates (the whole register, or a part with many organizations), with the
  // organizations joined only where a filter or the scope needs them; or, for a part with few organizations (a
  // district), the entries of its organizations (CROSS JOIN keeps that order). The planner would read each
  // organization's wide row by its id; the facets index holds all that the scope and the filters read.
  const throughOrgs = !s.whole && scopeSize(types) < fewOrganizations;
  const from = throughOrgs
    ? sql`credit_cases c CROSS JOIN organizations o INDEXED BY organizations_facets_idx ON o.id = c.org_id AND c.org_id IN
        (SELECT id FROM organizations WHERE authority_id IN ${inList(s.ids)} UNION ${movedIds})`
    : s.whole && facets.length === 0
      ? sql`credit_cases c`
      : sql`credit_cases c JOIN organizations o INDEXED BY organizations_facets_idx ON o.id = c.org_id`;
  const listedAfter = sql`c.listed_on > ${lo} AND c.listed_on <= ${hi}`;
  const removedAfter = sql`c.listed_on <= ${lo} AND c.removed_on > ${lo} AND c.removed_on <= ${hi}`;
  const caseGroups = (which: SQL) =>
    readAll(
      db,
      sql`SELECT substr(c.listed_on, 1, 4) AS "listedYear", c.listed_on <= ${C} AS "listedCube",
        c.listed_on <= ${D} AS "listedPast",
        CASE WHEN c.removed_on IS NOT NULL AND c.removed_on <= ${C} THEN substr(c.removed_on, 1, 4) ELSE '' END
          AS "removedCube",
        CASE WHEN c.removed_on IS NOT NULL AND c.removed_on <= ${D} THEN substr(c.removed_on, 1, 4) ELSE '' END
          AS "removedPast", ${placed}, count(*) AS n
      FROM ${from} WHERE ${which}${nearScope}${facetSql} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    );
  // Three disjoint sets: listed between D and P; listed before and removed between them; of a moved organization.
  const cases = (
    throughOrgs
      ? // The part's entries are read once, through its organizations: the three sets as one condition.
        [
          await caseGroups(
            sql`c.listed_on IS NOT NULL AND ((${listedAfter}) OR (${removedAfter}) OR c.org_id IN (${movedIds}))`,
          ),
        ]
      : await Promise.all([
          caseGroups(listedAfter),
          caseGroups(removedAfter),
          s.whole
            ? []
            : caseGroups(
                sql`c.listed_on IS NOT NULL AND c.org_id IN (${movedIds}) AND NOT (${listedAfter}) AND NOT (${removedAfter})`,
              ),
        ])
  ).flat() as (Placed & {
    listedYear: string;
    listedCube: number;
    listedPast: number;
    removedCube: string;
    removedPast: string;
  })[];
  for (const c of cases) {
    const n = Number(c.n);
    if (inScope(c.authCube) && Number(c.listedCube) === 1 && c.listedYear <= PY)
      t.credit.add(
        {
          listedYear: c.listedYear,
          removedYear: c.removedCube !== "" && c.removedCube <= PY ? c.removedCube : "",
        },
        -n,
      );
    if (inScope(c.authPast) && Number(c.listedPast) === 1)
      t.credit.add({ listedYear: c.listedYear, removedYear: c.removedPast }, n);
  }
  return {
    byTypeStatus: t.types.list(),
    flows: t.flows.list(),
    filings: t.filings.list() as RawCounts["filings"],
    credit: t.credit.list(),
  };
}
