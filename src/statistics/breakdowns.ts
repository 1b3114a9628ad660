/**
 * The register's figures broken down: registrations and terminations per month of one year, and the register
 * compared across authorities (districts) and across supervision (直接登记, 已脱钩, each 业务主管单位). The months are
 * read from the register's date indexes (one year of dates); the comparisons from the nightly cubes (the register
 * before they have ever been computed), today only.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { endOfChinaDay } from "../domain/as-of";
import { cnDate } from "../domain/dates";
import { STATUS_LABELS, SUPERVISION_LABELS, TYPE_LABELS } from "../registry/labels";
import { readAll } from "../registry/read";
import type { Series } from "./contract";
import { REVIEW_FACETS } from "./cubes";
import { authorityThen, type CountScope, cubeRows, facetWhere, inList } from "./figures";

const KINDS = ["in", "deregistered", "revoked", "license_revoked"] as const;

/** The last day of a month, `YYYY-MM-DD`. */
const monthEnd = (year: number, month: number) =>
  `${year}-${String(month).padStart(2, "0")}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}`;

/**
 * Registrations and terminations in each month of `year`, within [from, to] (the year, cut at the day counted to and
 * at a date range's start), with the net growth for a registrar. `searchFor` links a month's registrations to the
 * public search, where its filters can select them (else undefined).
 */
export async function monthlyFlows(
  db: Db,
  s: CountScope,
  year: number,
  window: { from?: string; to: string },
  opts: { isPublic: boolean; searchFor: (filters: Record<string, string>) => string | undefined },
): Promise<Series> {
  const first = [`${year}-01-01`, window.from ?? ""].sort().at(-1)!;
  const last = [`${year}-12-31`, window.to].sort()[0]!;
  const parts: SQL[] = facetWhere(s);
  if (!s.whole)
    parts.push(
      sql`${s.past ? authorityThen(endOfChinaDay(s.today)) : sql`o.authority_id`} IN ${inList(s.ids)}`,
    );
  const where = parts.length ? sql` AND ${sql.join(parts, sql` AND `)}` : sql``;
  const rows = (await readAll(
    db,
    // Every type and status named, so the registrations read organizations_statistics_idx alone, and the
    // terminations organizations_ended_idx alone, whatever the authority or type filter.
    sql`SELECT substr(o.registered_on, 6, 2) AS m, 'in' AS kind, count(*) AS n FROM organizations o
      WHERE o.type IN ${inList(Object.keys(TYPE_LABELS))} AND o.status IN ${inList(Object.keys(STATUS_LABELS))}
        AND o.registered_on >= ${first} AND o.registered_on <= ${last}${where} GROUP BY 1
    UNION ALL
    SELECT substr(o.status_on, 6, 2) AS m, o.status AS kind, count(*) AS n FROM organizations o
      WHERE o.status <> 'active' AND o.status_on >= ${first} AND o.status_on <= ${last}${where} GROUP BY 1, 2`,
  )) as { m: string; kind: string; n: number }[];
  const count = (m: number, kind: string) =>
    Number(rows.find((r) => Number(r.m) === m && r.kind === kind)?.n ?? 0);
  const months = Array.from({ length: 12 }, (_, i) => i + 1).filter(
    (m) => monthEnd(year, m) >= first && `${year}-${String(m).padStart(2, "0")}-01` <= last,
  );
  return {
    key: "flows-month",
    title: `成立与终止（${year}年，按月）`,
    definition: `${cnDate(first)}至${cnDate(last)}各月准予成立登记的组织数（以成立日期计）和终止的组织数（以状态日期计）${
      opts.isPublic ? "" : "；净增长＝成立－注销－撤销－吊销"
    }。`,
    columns: ["成立", "注销", "撤销", "吊销", ...(opts.isPublic ? [] : ["净增长"])],
    signed: !opts.isPublic,
    rows: months.map((m) => {
      const v = KINDS.map((k) => count(m, k));
      const link = opts.searchFor({
        ...(s.type ? { type: s.type } : {}),
        registered_from: `${year}-${String(m).padStart(2, "0")}-01`,
        registered_to: monthEnd(year, m),
      });
      return {
        label: `${m}月`,
        values: opts.isPublic ? v : [...v, v[0]! - v[1]! - v[2]! - v[3]!],
        cells: link ? [link] : undefined,
      };
    }),
  };
}

/**
 * The comparison cube's rows (alias `c`) of a scope: each of its authorities on its own (`perAuthority`), or the rows
 * the scope sums (the whole register: those summed over every authority).
 */
function compareWhere(s: CountScope, perAuthority: boolean): SQL {
  return cubeRows(
    s,
    !s.whole
      ? sql`c.authority_id IN ${inList(s.ids)}`
      : perAuthority
        ? sql`c.authority_id <> 0`
        : sql`c.authority_id = 0`,
  );
}

/** Organizations active now, registered this year and terminated this year: per group of the comparison cube
 * (alias `c`, the cube's year), or counted from the register (alias `o`) before the cubes have ever been computed. */
const FIGURES = (year: number, fromCube: boolean, today: string) =>
  fromCube
    ? sql`sum(c.active) AS active, sum(c.registered) AS registered, sum(c.ended) AS ended`
    : sql`sum(CASE WHEN o.status = 'active' THEN 1 ELSE 0 END) AS active,
      sum(CASE WHEN substr(o.registered_on, 1, 4) = ${String(year)} THEN 1 ELSE 0 END) AS registered,
      sum(CASE WHEN o.status <> 'active' AND o.status_on <= ${today} AND substr(o.status_on, 1, 4) = ${String(year)}
        THEN 1 ELSE 0 END) AS ended`;

/** The organizations of a scope (alias `o`), as the register holds them today. */
function registerWhere(s: CountScope): SQL {
  const parts = [...facetWhere(s), ...(s.whole ? [] : [sql`o.authority_id IN ${inList(s.ids)}`])];
  return parts.length ? sql.join(parts, sql` AND `) : sql`1`;
}

type Figures = { active: number; registered: number; ended: number };
const valuesOf = (r: Figures) => [Number(r.active), Number(r.registered), Number(r.ended)];

/** How many rows a comparison chart draws (its table lists every one). */
const CHART_ROWS = 20;

/**
 * The register compared across the scope's authorities and across supervision, from the nightly cubes (today only).
 * Each row links to the same statistics for that authority or that supervision (`base`: the page's path).
 */
export async function comparisons(
  db: Db,
  s: CountScope,
  year: number,
  named: { authorities: { id: number; code: string; name: string }[]; units: Map<number, string> },
  base: string,
  /** Read the cubes (once the nightly job has run), else count the register. */
  fromCube: boolean,
): Promise<Series[]> {
  const figures = FIGURES(year, fromCube, s.today);
  const [byAuthority, bySupervision] = await Promise.all(
    fromCube
      ? [
          readAll(
            db,
            sql`SELECT c.authority_id AS id, ${figures} FROM stat_compare_cube c WHERE ${compareWhere(s, true)}
              GROUP BY 1 ORDER BY 2 DESC, 1`,
          ),
          readAll(
            db,
            sql`SELECT c.sup_mode AS mode, c.sup_unit AS unit, ${figures} FROM stat_compare_cube c
              WHERE ${compareWhere(s, false)} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
          ),
        ]
      : [
          readAll(
            db,
            sql`SELECT o.authority_id AS id, ${figures} FROM organizations o WHERE ${registerWhere(s)}
              GROUP BY 1 ORDER BY 2 DESC, 1`,
          ),
          readAll(
            db,
            sql`SELECT o.supervision_mode AS mode, COALESCE(o.supervisor_unit_id, 0) AS unit, ${figures}
              FROM organizations o WHERE ${registerWhere(s)} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
          ),
        ],
  );
  const columns = ["正常", `${year}年成立`, `${year}年终止`];
  const definition = `各登记管理机关（或业务主管单位）登记的正常状态组织数，及${year}年成立和终止的组织数；图中画出前${CHART_ROWS}个，表格列出全部。`;
  const code = new Map(named.authorities.map((a) => [a.id, a]));
  const out: Series[] = [];
  const districts = byAuthority as ({ id: number } & Figures)[];
  if (districts.length > 1)
    out.push({
      key: "register-districts",
      title: "各登记管理机关对比",
      definition,
      columns,
      chartRows: CHART_ROWS,
      rows: districts.map((r) => {
        const a = code.get(Number(r.id));
        return {
          label: a?.name ?? "—",
          values: valuesOf(r),
          href: a ? `${base}?authority=${a.code}` : undefined,
        };
      }),
    });
  const supervision = bySupervision as ({ mode: string; unit: number } & Figures)[];
  out.push({
    key: "register-supervision",
    title: "按业务主管单位对比（直接登记、已脱钩、各业务主管单位）",
    definition,
    columns,
    chartRows: CHART_ROWS,
    rows: supervision.map((r) => {
      const unit = Number(r.unit);
      const value = r.mode === "supervised" ? (unit ? String(unit) : undefined) : r.mode;
      return {
        label:
          r.mode === "supervised"
            ? (named.units.get(unit) ?? "业务主管单位未登记")
            : (SUPERVISION_LABELS[r.mode as keyof typeof SUPERVISION_LABELS] ?? r.mode),
        values: valuesOf(r),
        href: value ? `${base}?supervisor=${value}` : undefined,
      };
    }),
  });
  return out;
}

/** The median of counted values (`[value, count]` pairs): the middle one, or the mean of the two middle ones. */
export function medianOf(counted: [number, number][]): number | null {
  const sorted = counted.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const [v, n] of sorted) {
      seen += n;
      if (k < seen) return v;
    }
    return sorted.at(-1)![0];
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

/**
 * The annual inspection's review per year (registrar figures, today): concluded filings by the rounds returned for
 * correction (R-C3), and the median days from the first submission to the conclusion; by the filing's own authority
 * and type (a supervisor filter does not apply), from the cube or, before it exists, the filings.
 */
export async function reviewSeries(db: Db, s: CountScope, fromCube: boolean): Promise<Series[]> {
  const parts: SQL[] = [];
  if (fromCube) {
    parts.push(sql`c.gen = (SELECT gen FROM stat_cube_meta WHERE id = 1)`);
    parts.push(s.whole ? sql`c.authority_id = 0` : sql`c.authority_id IN ${inList(s.ids)}`);
    if (s.type) parts.push(sql`c.type = ${s.type}`);
  } else {
    parts.push(sql`ai.concluded_on IS NOT NULL AND ai.submitted_at IS NOT NULL`);
    if (!s.whole) parts.push(sql`ai.authority_id IN ${inList(s.ids)}`);
    if (s.type) parts.push(sql`ai.org_type = ${s.type}`);
  }
  const rows = (await readAll(
    db,
    fromCube
      ? sql`SELECT c.year, c.rounds, c.days, sum(c.n) AS n FROM stat_review_cube c
          WHERE ${sql.join(parts, sql` AND `)} GROUP BY 1, 2, 3`
      : sql`SELECT year, rounds, days, sum(n) AS n FROM (SELECT ${REVIEW_FACETS} FROM annual_inspections ai
          WHERE ${sql.join(parts, sql` AND `)} GROUP BY 1, 2, 3, 4, 5) GROUP BY 1, 2, 3`,
  )) as { year: number; rounds: number; days: number; n: number }[];
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort();
  const ofYear = (y: number) => rows.filter((r) => Number(r.year) === y);
  return [
    {
      key: "inspection-review",
      title: "年检退回补正的轮次（按年度）",
      definition:
        "已作出结论的年检，按登记管理机关退回补正的次数分列：一次报送即作出结论的为一次通过；按年检所属的登记管理机关和组织类型统计。",
      columns: ["一次通过", "退回1轮", "退回2轮", "退回3轮及以上"],
      stacked: true,
      rows: years.map((y) => ({
        label: `${y}年度`,
        values: [0, 1, 2, 3].map((k) =>
          ofYear(y)
            .filter((r) => Number(r.rounds) === k)
            .reduce((a, r) => a + Number(r.n), 0),
        ),
      })),
    },
    {
      key: "inspection-days",
      title: "从首次报送到作出结论的天数（按年度，中位数）",
      definition:
        "已作出结论的年检，自首次报送年度工作报告之日至作出结论之日的日历天数的中位数（含退回补正的时间）。",
      columns: ["中位天数"],
      rows: years.map((y) => ({
        label: `${y}年度`,
        values: [medianOf(ofYear(y).map((r) => [Number(r.days), Number(r.n)])) ?? 0],
      })),
    },
  ];
}
