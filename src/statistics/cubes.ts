/**
 * The statistics' nightly precomputation (registered in src/jobs/registry.ts): rebuilds the count tables of
 * db/schema/statistics.ts from the register, the annual inspections and the credit lists, as at the job's day. A page
 * then sums at most a few hundred thousand small rows instead of reading a million organizations.
 *
 * Idempotent: the job first compares what it would write with what the tables hold; when nothing differs and the day
 * is the same, it writes nothing and reports `changed: 0`.
 */
import { type SQL, sql } from "drizzle-orm";
import { commitWithAudit, systemActor } from "../audit/audit";
import { type AppDeps, nowOf } from "../context";
import type { Db } from "../db";
import type { Job } from "../jobs/types";
import { COVERAGE_ROWS, COVERED } from "../party/queries";
import { readAll } from "../registry/read";

/** The organization facets every cube carries (alias `o`), named as the cube's columns. */
const FACETS = sql.raw(
  `o.authority_id AS authority_id, o.type AS type, o.supervision_mode AS sup_mode, COALESCE(o.supervisor_unit_id, 0) AS sup_unit`,
);

/**
 * A concluded filing's review (alias `ai`, its own authority and type): the year, the rounds returned for correction
 * (R-C3: a filing submitted n times was returned n−1 times; 3 for three or more) and the days from its first
 * submission to its conclusion (0 to 366), with the count. The cube and the direct count share it.
 */
export const REVIEW_FACETS = sql.raw(`ai.year AS year, ai.authority_id AS authority_id, ai.org_type AS type,
  min(max(ai.round - 1, 0), 3) AS rounds,
  min(max(CAST(julianday(ai.concluded_on) - julianday(date(ai.submitted_at, '+8 hours')) AS INTEGER), 0), 366) AS days,
  count(*) AS n`);

/**
 * The cubes' contents as at `day`, each a SELECT whose columns are named as the table's (all but `gen`); `totals`
 * names the columns (after `authority_id`) whose rows are also summed over every authority under `authority_id` 0.
 */
function cubeQueries(day: string): { table: string; select: SQL; totals?: string[] }[] {
  return [
    {
      table: "stat_org_cube",
      select: sql`SELECT ${FACETS}, substr(o.registered_on, 1, 4) AS reg_year, o.status AS status,
        CASE WHEN o.status <> 'active' AND o.status_on <= ${day} THEN substr(o.status_on, 1, 4) ELSE '' END AS end_year,
        count(*) AS n
        FROM organizations o GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      totals: ["type", "sup_mode", "sup_unit", "reg_year", "status", "end_year"],
    },
    {
      table: "stat_filing_cube",
      select: sql`SELECT ai.year AS year, ${FACETS}, ai.state AS state, COALESCE(ai.conclusion, '') AS conclusion,
        COALESCE(ai.published_on, '') AS pub_on,
        count(*) AS n
        FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      totals: ["year", "type", "sup_mode", "sup_unit", "state", "conclusion", "pub_on"],
    },
    {
      table: "stat_credit_cube",
      select: sql`SELECT c.list AS list, ${FACETS}, substr(c.listed_on, 1, 4) AS listed_year,
        CASE WHEN c.removed_on IS NOT NULL AND c.removed_on <= ${day} THEN substr(c.removed_on, 1, 4) ELSE '' END
          AS removed_year,
        count(*) AS n
        FROM credit_cases c JOIN organizations o ON o.id = c.org_id
        WHERE c.listed_on IS NOT NULL AND c.listed_on <= ${day} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      totals: ["list", "type", "sup_mode", "sup_unit", "listed_year", "removed_year"],
    },
    {
      table: "stat_review_cube",
      // A plain scan of the filings (NOT INDEXED): left to itself the planner walks an index to save the grouping's
      // sort and then reads each filing's row from it, 9 s instead of 0.4 s at three years of a million.
      select: sql`SELECT ${REVIEW_FACETS} FROM annual_inspections ai NOT INDEXED
        WHERE ai.concluded_on IS NOT NULL AND ai.submitted_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5`,
      totals: ["year", "type", "rounds", "days"],
    },
    {
      // R-F3, as src/party/queries.ts counts it: active organizations, covered by their own party organization or a
      // 联合党支部 (organizational), or by that or an instructor (work).
      table: "stat_party_cube",
      select: sql`WITH ${COVERED}, r AS (${COVERAGE_ROWS} WHERE o.status = 'active')
        SELECT r."authorityId" AS authority_id, r.type AS type, COALESCE(r."supervisorUnitId", 0) AS sup_unit,
          count(*) AS total,
          sum(CASE WHEN r.own = 1 OR r.joint = 1 THEN 1 ELSE 0 END) AS organizational,
          sum(CASE WHEN r.own = 1 OR r.joint = 1 OR r.instructor = 1 THEN 1 ELSE 0 END) AS work
        FROM r GROUP BY 1, 2, 3`,
    },
  ];
}

/** The day the cubes count as at and when they were computed, or null while the job has never run. */
export async function cubeStamp(db: Db): Promise<CubeStamp | null> {
  const [row] = (await readAll(
    db,
    sql`SELECT day, computed_at AS "computedAt", gen, early_filings AS "earlyFilings" FROM stat_cube_meta WHERE id = 1`,
  )) as CubeStamp[];
  return row
    ? {
        ...row,
        gen: Number(row.gen),
        earlyFilings: row.earlyFilings === null ? null : Number(row.earlyFilings),
      }
    : null;
}

/** The cubes' run: the day its counts are as at, when it read the register, and what it found there. */
export interface CubeStamp {
  day: string;
  computedAt: string;
  gen: number;
  /** Filings for a year before their organization's registration year (R-C2); null before a run counted them. */
  earlyFilings: number | null;
}

/**
 * Filings for a year before their organization's registration year: none, while the register keeps R-C2. Only an
 * organization registered after the first year filed for can have one: those from the registration index, then each
 * one's filings of earlier years from (org_id, year).
 */
async function countEarlyFilings(db: Db): Promise<number> {
  const [row] = (await readAll(
    db,
    sql`SELECT count(*) AS n FROM organizations o
      CROSS JOIN annual_inspections ai ON ai.org_id = o.id AND ai.year < CAST(substr(o.registered_on, 1, 4) AS INTEGER)
      WHERE o.registered_on > (SELECT min(year) FROM annual_inspections) || '-12-31'`,
  )) as { n: number }[];
  return Number(row?.n ?? 0);
}

type CubeRow = Record<string, string | number>;
const keyOf = (r: CubeRow, columns: readonly string[]) => JSON.stringify(columns.map((c) => r[c]));

/** Each cube's rows, the totals over every authority (authority_id 0) included. */
async function computeCubes(deps: AppDeps, today: string) {
  const out: { table: string; columns: string[]; rows: CubeRow[] }[] = [];
  for (const q of cubeQueries(today)) {
    // Read on the read pool (Node): a scan of the register never blocks the server nor holds a write lock.
    const rows = (await readAll(deps.db, q.select)) as CubeRow[];
    const columns = rows[0] ? Object.keys(rows[0]) : [];
    if (q.totals) {
      const sums = new Map<string, CubeRow>();
      for (const r of rows) {
        const k = keyOf(r, q.totals);
        const t = sums.get(k);
        if (t) t.n = Number(t.n) + Number(r.n);
        else sums.set(k, { ...r, authority_id: 0, n: Number(r.n) });
      }
      rows.push(...sums.values());
    }
    out.push({ table: q.table, columns, rows });
  }
  out.push(compareCube(out.find((c) => c.table === "stat_org_cube")?.rows ?? [], today.slice(0, 4)));
  return out;
}

/** The comparison cube, summed from the organization cube's rows (its authority 0 totals included). */
function compareCube(orgRows: CubeRow[], year: string) {
  const columns = ["authority_id", "type", "sup_mode", "sup_unit", "active", "registered", "ended"];
  const rows = new Map<string, CubeRow & { active: number; registered: number; ended: number }>();
  for (const r of orgRows) {
    const k = keyOf(r, columns.slice(0, 4));
    const row = rows.get(k) ?? {
      authority_id: r.authority_id!,
      type: r.type!,
      sup_mode: r.sup_mode!,
      sup_unit: r.sup_unit!,
      active: 0,
      registered: 0,
      ended: 0,
    };
    const n = Number(r.n);
    if (r.status === "active") row.active += n;
    if (r.reg_year === year) row.registered += n;
    if (r.end_year === year) row.ended += n;
    rows.set(k, row);
  }
  return { table: "stat_compare_cube", columns, rows: [...rows.values()] as CubeRow[] };
}

/** How many rows differ between the new counts and the generation the pages read. */
async function differingRows(db: Db, cubes: Awaited<ReturnType<typeof computeCubes>>, gen: number | null) {
  let differing = 0;
  for (const c of cubes) {
    const held =
      gen === null
        ? []
        : ((await readAll(db, sql`SELECT * FROM ${sql.raw(c.table)} WHERE gen = ${gen}`)) as CubeRow[]);
    const fresh = new Set(c.rows.map((r) => keyOf(r, c.columns)));
    const old = new Set(held.map((r) => keyOf(r, c.columns)));
    for (const k of fresh) if (!old.has(k)) differing++;
    for (const k of old) if (!fresh.has(k)) differing++;
  }
  return differing;
}

const WRITE_CHUNK = 500;

/**
 * Rebuilds the cubes as at `today`; returns how many cube rows differ from the generation the pages read. The counts
 * are read on the read pool; the new generation is written beside the old in batches of 500 rows, the pages are
 * switched to it in one small audited write, and the old generation is deleted in batches: no write holds the database
 * for long, and a page never sees half a rebuild.
 */
export async function refreshCubes(deps: AppDeps, today: string, dryRun = false): Promise<number> {
  const stamp = await cubeStamp(deps.db);
  const cubes = await computeCubes(deps, today);
  const early = await countEarlyFilings(deps.db);
  const differing =
    (await differingRows(deps.db, cubes, stamp?.gen ?? null)) + (stamp?.earlyFilings === early ? 0 : 1);
  if (dryRun || (differing === 0 && stamp?.day === today)) return dryRun ? differing : 0;
  if (differing === 0 && stamp) {
    // A new day with the same counts: the pages' figures stand; only the day they are as at moves on.
    await switchTo(deps, { today, gen: stamp.gen, early }, differing);
    return 0;
  }
  const gen = (stamp?.gen ?? 0) + 1;
  for (const c of cubes) {
    // A generation left half-written by an interrupted run is cleared first.
    await deleteGenerations(deps.db, c.table, sql`gen >= ${gen}`);
    const cols = sql.raw(["gen", ...c.columns].join(", "));
    for (let i = 0; i < c.rows.length; i += WRITE_CHUNK) {
      const values = c.rows
        .slice(i, i + WRITE_CHUNK)
        .map((r) => sql`(${sql.join([sql`${gen}`, ...c.columns.map((k) => sql`${r[k]}`)], sql`, `)})`);
      await deps.db.run(sql`INSERT INTO ${sql.raw(c.table)} (${cols}) VALUES ${sql.join(values, sql`, `)}`);
    }
  }
  await switchTo(deps, { today, gen, early }, differing);
  for (const c of cubes) await deleteGenerations(deps.db, c.table, sql`gen < ${gen}`);
  return differing;
}

/** Points the pages at a generation as at `today`: one small audited write. */
async function switchTo(
  deps: AppDeps,
  { today, gen, early }: { today: string; gen: number; early: number },
  differing: number,
) {
  await commitWithAudit(
    deps.db,
    systemActor(statisticsCubesJob.name),
    [
      deps.db.run(sql`INSERT INTO stat_cube_meta (id, day, computed_at, gen, early_filings)
        VALUES (1, ${today}, ${nowOf(deps).toISOString()}, ${gen}, ${early})
        ON CONFLICT (id) DO UPDATE SET day = excluded.day, computed_at = excluded.computed_at, gen = excluded.gen,
          early_filings = excluded.early_filings`),
    ],
    { action: "statistics.cubes", objectType: "stat_cube_meta", summary: { today, differing, gen, early } },
  );
}

/** Deletes a table's rows of other generations, 5,000 at a time. */
async function deleteGenerations(db: Db, table: string, which: SQL) {
  for (;;) {
    const r = await db.run(
      sql`DELETE FROM ${sql.raw(table)} WHERE rowid IN (SELECT rowid FROM ${sql.raw(table)} WHERE ${which} LIMIT 5000)`,
    );
    if (Number((r as { rowsAffected?: number }).rowsAffected ?? 0) < 5000) return;
  }
}

export const statisticsCubesJob: Job = {
  name: "statistics-cubes",
  title: "统计汇总",
  description:
    "按登记管理机关、类型、业务主管单位、年度汇总登记、年检和信用名单的数字，供统计分析页面直接读取；数字截至任务运行之时。",
  async run(deps, today, { dryRun }) {
    const changed = await refreshCubes(deps, today, dryRun);
    return {
      changed,
      summary: changed ? `更新统计汇总 ${changed} 行` : "统计汇总无变化",
      items: [],
    };
  },
};
