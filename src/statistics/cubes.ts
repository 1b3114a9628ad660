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

/** The organization facets every cube carries (alias `o`). */
const FACETS = sql.raw(`o.authority_id, o.type, o.supervision_mode, COALESCE(o.supervisor_unit_id, 0)`);

/**
 * The cubes' contents as at `day`, each as a SELECT with the table's columns in order; `totals` names the columns
 * (after `authority_id`) whose rows are also summed over every authority under `authority_id` 0.
 */
function cubeQueries(day: string): { table: string; select: SQL; totals?: string }[] {
  return [
    {
      table: "stat_org_cube",
      select: sql`SELECT ${FACETS}, substr(o.registered_on, 1, 4),  o.status,
        CASE WHEN o.status <> 'active' AND o.status_on <= ${day} THEN substr(o.status_on, 1, 4) ELSE '' END, count(*)
        FROM organizations o GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      totals: "type, sup_mode, sup_unit, reg_year, status, end_year",
    },
    {
      table: "stat_filing_cube",
      select: sql`SELECT ai.year, ${FACETS}, ai.state, COALESCE(ai.conclusion, ''), count(*)
        FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      totals: "year, type, sup_mode, sup_unit, state, conclusion",
    },
    {
      table: "stat_credit_cube",
      select: sql`SELECT c.list, ${FACETS}, substr(c.listed_on, 1, 4),
        CASE WHEN c.removed_on IS NOT NULL AND c.removed_on <= ${day} THEN substr(c.removed_on, 1, 4) ELSE '' END,
        count(*)
        FROM credit_cases c JOIN organizations o ON o.id = c.org_id
        WHERE c.listed_on IS NOT NULL AND c.listed_on <= ${day} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      totals: "list, type, sup_mode, sup_unit, listed_year, removed_year",
    },
    {
      // R-F3, as src/party/queries.ts counts it: active organizations, covered by their own party organization or a
      // 联合党支部 (organizational), or by that or an instructor (work).
      table: "stat_party_cube",
      select: sql`WITH ${COVERED}, r AS (${COVERAGE_ROWS} WHERE o.status = 'active')
        SELECT r."authorityId", r.type, COALESCE(r."supervisorUnitId", 0), count(*),
          sum(CASE WHEN r.own = 1 OR r.joint = 1 THEN 1 ELSE 0 END),
          sum(CASE WHEN r.own = 1 OR r.joint = 1 OR r.instructor = 1 THEN 1 ELSE 0 END)
        FROM r GROUP BY 1, 2, 3`,
    },
  ];
}

/** The day the cubes count as at and when they were computed, or null while the job has never run. */
export async function cubeStamp(db: Db): Promise<{ day: string; computedAt: string } | null> {
  const [row] = (await readAll(
    db,
    sql`SELECT day, computed_at AS "computedAt" FROM stat_cube_meta WHERE id = 1`,
  )) as { day: string; computedAt: string }[];
  return row ?? null;
}

/** Rebuilds the cubes as at `today`; returns how many cube rows differ from what the tables held. */
export async function refreshCubes(deps: AppDeps, today: string, dryRun = false): Promise<number> {
  const queries = cubeQueries(today);
  let differing = 0;
  for (const q of queries) {
    const t = sql.raw(q.table);
    const [d] = (await readAll(
      deps.db,
      sql`SELECT (SELECT count(*) FROM (SELECT * FROM (${q.select}) EXCEPT SELECT * FROM ${t} WHERE authority_id <> 0))
        + (SELECT count(*) FROM (SELECT * FROM ${t} WHERE authority_id <> 0 EXCEPT SELECT * FROM (${q.select}))) AS n`,
    )) as { n: number }[];
    differing += Number(d?.n ?? 0);
  }
  const stamp = await cubeStamp(deps.db);
  if (dryRun || (differing === 0 && stamp?.day === today)) return dryRun ? differing : 0;
  const computedAt = nowOf(deps).toISOString();
  await commitWithAudit(
    deps.db,
    systemActor(statisticsCubesJob.name),
    [
      ...queries.flatMap((q) => [
        deps.db.run(sql`DELETE FROM ${sql.raw(q.table)}`),
        deps.db.run(sql`INSERT INTO ${sql.raw(q.table)} SELECT * FROM (${q.select})`),
        ...(q.totals
          ? [
              deps.db.run(
                sql.raw(`INSERT INTO ${q.table} (authority_id, ${q.totals}, n)
                  SELECT 0, ${q.totals}, sum(n) FROM ${q.table} GROUP BY ${q.totals}`),
              ),
            ]
          : []),
      ]),
      deps.db.run(sql`INSERT INTO stat_cube_meta (id, day, computed_at) VALUES (1, ${today}, ${computedAt})
        ON CONFLICT (id) DO UPDATE SET day = excluded.day, computed_at = excluded.computed_at`),
    ],
    { action: "statistics.cubes", objectType: "stat_cube_meta", summary: { today, differing } },
  );
  return differing;
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
