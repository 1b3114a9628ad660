/**
 * The bureau's numbers (统计分析), scoped like every registrar page (its authority and, for a city, its districts),
 * filterable by district and type. Each figure says what it counts and as at which date; each capability adds its
 * figures here: the register, the annual inspection (R-C10's definitions, the same as the dashboard's), the credit
 * lists, zombie cases and party building.
 */
import { sql } from "drizzle-orm";
import { readableAuthorityIds } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { cnDate } from "../domain/dates";
import { computeRates, tally } from "../domain/inspection-stats";
import { CONCLUSIONS } from "../domain/workflow";
import { addCalendarDays, chinaDateOf } from "../domain/working-days";
import { ZOMBIE_OUTCOME_LABELS, type ZombieOutcome } from "../domain/zombie-case";
import { coverageGroups } from "../party/queries";
import { STATUS_LABELS, TYPE_LABELS } from "../registry/labels";
import { supervisorChoices } from "../registry/queries";
import { readAll } from "../registry/read";
import { zombieFiguresByYear } from "../zombie/stats";
import { comparisons, monthlyFlows, reviewSeries } from "./breakdowns";
import type { FilterError, Series, StatisticsFilters, StatisticsView } from "./contract";
import { cubeStamp } from "./cubes";
import {
  type CountScope,
  creditYear,
  cubeCounts,
  cubeCoverage,
  directCounts,
  supervisorOf,
  zombiesClosed,
} from "./figures";
import { type CubeRun, pastCubeCounts } from "./past";
import { rangeCreditYear, rangeFlows, seriesInRange } from "./range";

export type { FilterError, Series, StatisticsFilters, StatisticsView };

const ORG_TYPES = ["social_group", "private_non_enterprise", "foundation"] as const;

/**
 * `user` null: the public figures (/statistics): every authority, only what is published — the register, its flows,
 * published 年检 conclusions and the credit lists — with cells below `statisticsMinCell` withheld (shown "<5"), so no
 * figure points at a person.
 */
export async function statistics(
  deps: AppDeps,
  user: SessionUser | null,
  filters: StatisticsFilters,
  /** A past day (already checked by parseAsOf): the register as it stood at the end of that day. */
  pastDate?: string,
): Promise<StatisticsView> {
  // The figures come from the nightly cubes once the job has run: live ones as at its run, a past day from them and
  // the changes dated after that day (past.ts). Before the first run, both are counted from the register.
  const run = await cubeStamp(deps.db);
  const usable = run && (!pastDate || pastDate < run.day) ? run : null;
  const supervisors = await supervisorChoices(deps.db);
  const v = await compute(deps, user, filters, pastDate, usable ?? undefined, supervisors);
  const stamp = pastDate ? null : usable;
  const sup = supervisors.find((x) => x.value === filters.supervisor)?.value;
  const year = filters.year;
  return {
    ...v,
    filters: { ...v.filters, supervisor: sup, year, from: filters.from, to: filters.to },
    supervisors,
    computedAt: stamp?.computedAt,
    // One year chosen: the per-year rows of that year only (the register by status stays as at the day); a range:
    // the years it touches.
    series: year
      ? v.series.map((s) => (/^\d{4}年/.test(s.rows[0]?.label ?? "") ? yearOnly(s, year) : s))
      : filters.from && filters.to
        ? seriesInRange(v.series, filters.from, filters.to)
        : v.series,
  };
}

const yearOnly = (s: Series, year: number): Series => ({
  ...s,
  rows: s.rows.filter((r) => r.label.startsWith(`${year}年`)),
});

async function compute(
  deps: AppDeps,
  user: SessionUser | null,
  filters: StatisticsFilters,
  pastDate: string | undefined,
  run: CubeRun | undefined,
  supervisors: { value: string; label: string }[],
): Promise<Omit<StatisticsView, "supervisors">> {
  const db = deps.db;
  const cubeDay = run?.day;
  const today = pastDate ?? cubeDay ?? chinaDateOf(deps.now?.() ?? new Date());
  const isPublic = user === null;
  const authorities = (
    isPublic
      ? await readAll(db, sql`SELECT id, code, name FROM authorities ORDER BY code`)
      : await readAll(
          db,
          sql`SELECT id, code, name FROM authorities WHERE id IN (${sql.join(
            (await readableAuthorityIds(db, user)).map((i) => sql`${i}`),
            sql`, `,
          )}) ORDER BY code`,
        )
  ) as { id: number; code: string; name: string }[];
  const chosen = authorities.find((a) => a.code === filters.authority);
  const ids = chosen ? [chosen.id] : authorities.map((a) => a.id);
  const type = (ORG_TYPES as readonly string[]).includes(filters.type ?? "") ? filters.type : undefined;
  // The whole register (the public, or a registrar who reads every authority, with no authority chosen): no authority
  // filter at all, and no join to the organizations where nothing else filters them.
  const [everyAuthority] = (await readAll(db, sql`SELECT count(*) AS n FROM authorities`)) as { n: number }[];
  const whole = ids.length >= Number(everyAuthority?.n ?? 0);
  const supervisor = supervisorOf(filters.supervisor);
  const scope: CountScope = { ids, whole, type, supervisor, today, past: pastDate !== undefined };
  // From the cubes once the job has run, for today or a day before its run; else from the register.
  const countsAt = (sc: CountScope, flowsOnly = false) =>
    !run || (sc.past && sc.today >= run.day)
      ? directCounts(db, sc)
      : sc.past
        ? pastCubeCounts(db, sc, run, { flowsOnly })
        : cubeCounts(db, sc);
  const counts = await countsAt(scope);
  // A date range: the same counts as at the day before it began, to take away from the flows.
  const since = filters.from && filters.to ? filters.from : undefined;
  const before = since
    ? await countsAt({ ...scope, today: addCalendarDays(since, -1), past: true }, true)
    : null;
  if (before) counts.flows = rangeFlows(counts, before);
  const thisYear = Number(today.slice(0, 4));
  const firstYear = since ? Math.min(Number(since.slice(0, 4)), thisYear - 4) : thisYear - 4;
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, i) => firstYear + i);
  const q = new URLSearchParams({ ...(chosen ? { authority: chosen.code } : {}), ...(type ? { type } : {}) });
  // The public search's filters select what a figure counts — one authority, the whole register or a registrar's own
  // (its authority and those directly under it: `subordinates`), and the supervisor — so each number links to its
  // organizations.
  const own =
    !isPublic && user.authorityId !== null ? authorities.find((a) => a.id === user.authorityId) : undefined;
  const scopeOf: Record<string, string> | undefined = chosen
    ? { authority: chosen.code }
    : whole
      ? {}
      : own
        ? { authority: own.code, subordinates: "1" }
        : undefined;
  const search = scopeOf
    ? new URLSearchParams({
        ...scopeOf,
        ...(supervisor && filters.supervisor ? { supervisor: filters.supervisor } : {}),
        ...(pastDate ? { as_of: pastDate } : {}),
      })
    : undefined;
  const searchFor = (more: Record<string, string>) => {
    if (!search) return undefined;
    const u = new URLSearchParams(search);
    for (const [k, v] of Object.entries(more)) u.set(k, v);
    return `/search?${u}`;
  };
  const series: Series[] = [];

  // The register: organizations by type and status.
  const byTypeStatus = counts.byTypeStatus;
  const statuses = ["active", "deregistered", "revoked", "license_revoked"] as const;
  series.push({
    key: "register",
    title: "登记的社会组织（按类型和状态）",
    definition: `截至${cnDate(today)}登记管理机关登记的全部社会组织，按登记状态分列。`,
    columns: statuses.map((s) => STATUS_LABELS[s]),
    stacked: true,
    rows: ORG_TYPES.filter((t) => !type || t === type).map((t) => ({
      label: TYPE_LABELS[t],
      values: statuses.map((s) => Number(byTypeStatus.find((r) => r.type === t && r.status === s)?.n ?? 0)),
      cells: statuses.map((s) => searchFor({ type: t, status: s })),
    })),
  });

  // Registrations and terminations per year.
  // Every year held (for the trend line); the bar chart shows the last five.
  const flows = counts.flows;
  const flow = (y: number, kind: string) =>
    Number(flows.find((f) => f.y === String(y) && f.kind === kind)?.n ?? 0);
  series.push({
    key: "flows",
    title: "成立与终止（按年度）",
    definition:
      "成立：当年准予成立登记的组织数（以成立日期计）；注销、撤销、吊销：当年终止的组织数（以状态日期计）。",
    columns: ["成立", "注销", "撤销", "吊销"],
    rows: years.map((y) => ({
      label: `${y}年`,
      values: [flow(y, "in"), flow(y, "deregistered"), flow(y, "revoked"), flow(y, "license_revoked")],
      cells: [
        searchFor({
          ...(type ? { type } : {}),
          registered_from: since && since > `${y}-01-01` ? since : `${y}-01-01`,
          registered_to: today < `${y}-12-31` ? today : `${y}-12-31`,
        }),
      ],
    })),
  });
  series.push(
    await monthlyFlows(
      db,
      scope,
      filters.year ?? thisYear,
      { from: since, to: today },
      { isPublic, searchFor },
    ),
  );
  // The register compared across districts and supervision: from the cubes, today only.
  if (!pastDate && !since)
    series.push(
      ...(await comparisons(
        db,
        scope,
        thisYear,
        { authorities, units: new Map(supervisors.map((u) => [Number(u.value), u.label])) },
        isPublic ? "/statistics" : "/registrar/statistics",
        run !== undefined,
      )),
    );
  const flowYears = yearsHeld(
    flows.map((f) => Number(f.y)),
    thisYear,
  );
  series.push({
    key: "flows-trend",
    title: "成立与终止的趋势（历年）",
    definition: "登记簿所载各年度成立登记的组织数与终止（注销、撤销、吊销合计）的组织数。",
    columns: ["成立", "终止"],
    line: true,
    rows: flowYears.map((y) => ({
      label: `${y}年`,
      values: [flow(y, "in"), flow(y, "deregistered") + flow(y, "revoked") + flow(y, "license_revoked")],
    })),
  });

  // The annual inspection per year (R-C10), every year held. As at a past day: the years whose window had opened
  // and, R-C4, conclusions whose 公告 was out by then (figures.ts); for the public, only those.
  const filings = counts.filings;
  const inspectionYears = [...new Set(filings.map((f) => Number(f.year)))].sort();
  const ratesOf = (y: number) => {
    // tally() counts one organization; each group row stands for n of them.
    const total = { required: 0, filed: 0, qualified: 0, basicallyQualified: 0, unqualified: 0 };
    for (const f of filings.filter((x) => Number(x.year) === y)) {
      const one = tally([{ required: true, state: f.state, conclusion: f.conclusion }]);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += one[k] * Number(f.n);
    }
    return computeRates(total);
  };
  const allRates = inspectionYears.map((y) => ({ y, r: ratesOf(y) }));
  const rates = allRates.filter(({ y }) => y >= years[0]! - 1);
  if (!isPublic)
    series.push({
      key: "inspection-rates",
      title: "年检率与合格率（按年度）",
      definition:
        "年检率＝已报送年度工作报告的组织数÷应参检组织数；合格率＝合格数÷已作出结论数（与工作台的口径相同）。",
      columns: ["年检率", "合格率"],
      percent: true,
      rows: rates.map(({ y, r }) => ({
        label: `${y}年度`,
        values: [r.inspectionRate.permille ?? 0, r.qualifiedRate.permille ?? 0],
        href: `/registrar/inspections?year=${y}`,
      })),
    });
  if (!isPublic)
    series.push({
      key: "inspection-trend",
      title: "年检率与合格率的趋势（历年）",
      definition: "登记簿所载各年度的年检率与合格率，口径同上。",
      columns: ["年检率", "合格率"],
      percent: true,
      line: true,
      rows: allRates.map(({ y, r }) => ({
        label: `${y}年度`,
        values: [r.inspectionRate.permille ?? 0, r.qualifiedRate.permille ?? 0],
      })),
    });
  if (isPublic) {
    // R-C4: the public sees a conclusion once its 公告 is out.
    series.push({
      key: "inspection-conclusions",
      title: "年检结论（按年度，已公告）",
      definition: "已发布年检结论公告的结论，按结论分列。",
      columns: ["合格", "基本合格", "不合格"],
      rows: inspectionYears
        .filter((y) => y >= years[0]! - 1)
        .map((y) => {
          const of = (c: string) =>
            filings
              .filter((f) => Number(f.year) === y && f.state === "published" && f.conclusion === c)
              .reduce((n, f) => n + Number(f.n), 0);
          return {
            label: `${y}年度`,
            values: [of("qualified"), of("basically_qualified"), of("unqualified")],
            href: "/inspection-results",
            cells: CONCLUSIONS.map((k) => searchFor({ inspection: k, inspection_year: String(y) })),
          };
        }),
    });
  } else
    series.push({
      key: "inspection-conclusions",
      title: "年检结论（按年度）",
      definition: "已作出结论的年检按结论分列；未参检为窗口关闭后仍未报送、被标记为未参检的组织。",
      columns: ["合格", "基本合格", "不合格", "未参检"],
      rows: rates.map(({ y, r }) => ({
        label: `${y}年度`,
        values: [
          r.counts.qualified,
          r.counts.basicallyQualified,
          r.counts.unqualified,
          filings
            .filter((f) => Number(f.year) === y && f.state === "not_filed")
            .reduce((n, f) => n + Number(f.n), 0),
        ],
        href: `/registrar/inspections?year=${y}&state=not_filed`,
        // The review queue lists the year's 未参检; conclusions are counted before their 公告 too, which the public
        // search does not show, so they link to the year's queue (the row) only.
        cells: [undefined, undefined, undefined, `/registrar/inspections?year=${y}&state=not_filed`],
      })),
    });

  // The review of the annual inspection: rounds returned for correction and days to a conclusion (today only).
  if (!isPublic && !pastDate && !supervisor)
    series.push(...(await reviewSeries(db, scope, run !== undefined)));

  // The credit lists: listed and removed per year, the stock at each year's end.
  series.push({
    key: "credit",
    title: "信用名单（按年度）",
    definition:
      "列入、移出：当年列入和移出的记录数（含活动异常名录和严重违法失信名单）；年末在列：当年12月31日仍在名单中的记录数。",
    columns: ["列入", "移出", "年末在列"],
    // As at a past day, its own year ends that day and a removal after it had not happened.
    rows: years.map((y) => ({
      label: `${y}年`,
      values: before ? rangeCreditYear(counts, before, y) : creditYear(counts.credit, y),
      href: "/credit",
    })),
  });

  if (isPublic) {
    // No link into the registrar's pages from the public figures.
    for (const s of series) for (const r of s.rows) if (r.href?.startsWith("/registrar")) r.href = undefined;
    return {
      asOf: today,
      past: pastDate !== undefined,
      years,
      filters: { authority: chosen?.code, type },
      authorities: authorities.map((a) => ({ code: a.code, name: a.name })),
      series: series.map((s) => suppress(s, deps.config.domain.statisticsMinCell)),
    };
  }

  // Zombie cases closed per year by outcome.
  const zombies = (await zombiesClosed(db, scope, since)) as {
    y: string;
    outcome: ZombieOutcome;
    n: number;
  }[];
  const outcomes = Object.keys(ZOMBIE_OUTCOME_LABELS) as ZombieOutcome[];
  series.push({
    key: "zombies",
    title: "僵尸型社会组织处置（按年度结案）",
    definition: "当年结案的处置案件，按结果分列（清理＝引导注销、撤销登记、吊销登记证书）。",
    columns: outcomes.map((o) => ZOMBIE_OUTCOME_LABELS[o]),
    rows: years.map((y) => ({
      label: `${y}年`,
      values: outcomes.map((o) => Number(zombies.find((z) => z.y === String(y) && z.outcome === o)?.n ?? 0)),
      href: "/registrar/zombies/cases?state=closed",
    })),
  });

  // Zombie organizations per year and district (R-E1, R-E2): candidates found, cases opened and closed, the stock of
  // open cases at each year's end — the figures a bureau reports ("cleaned 230").
  if (!pastDate && type === undefined && supervisor === undefined) {
    const figures = await zombieFiguresByYear(db, ids, years);
    const sum = (rows: typeof figures, pick: (r: (typeof figures)[number]) => number) =>
      rows.reduce((n, r) => n + pick(r), 0);
    const closedOf = (r: (typeof figures)[number]) => Object.values(r.closed).reduce((a, b) => a + b, 0);
    series.push({
      key: "zombie-flow",
      title: "僵尸型社会组织线索与案件（按年度）",
      definition:
        "发现线索：当年首次出现任一僵尸型社会组织线索的组织数；立案、结案：当年立案和结案的处置案件数；年末在办：当年12月31日（本年为今天）尚未结案的案件数。",
      columns: ["发现线索", "立案", "结案", "年末在办"],
      rows: years.map((y) => {
        const ofYear = figures.filter((f) => f.year === y);
        return {
          label: `${y}年`,
          values: [
            sum(ofYear, (r) => r.candidatesFound),
            sum(ofYear, (r) => r.casesOpened),
            sum(ofYear, closedOf),
            sum(ofYear, (r) => r.openAtYearEnd),
          ],
          href: "/registrar/zombies/cases",
        };
      }),
    });
    const latest = figures.filter((f) => f.year === thisYear);
    series.push({
      key: "zombie-districts",
      title: `僵尸型社会组织线索与案件（${thisYear}年，按登记管理机关）`,
      definition: "同上，按组织的登记管理机关分列；没有任何线索和案件的机关不列出。",
      columns: ["发现线索", "立案", "结案", "年末在办"],
      rows: latest.map((r) => ({
        label: r.authorityName,
        values: [r.candidatesFound, r.casesOpened, closedOf(r), r.openAtYearEnd],
        href: "/registrar/zombies",
      })),
    });
  }

  const view = () => ({
    asOf: today,
    ...(pastDate ? { past: true } : {}),
    years,
    filters: { authority: chosen?.code, type },
    authorities: authorities.map((a) => ({ code: a.code, name: a.name })),
    series,
  });
  // Party building: the two coverages by district. The ledger keeps no dates to rebuild a past day from: today only.
  if (pastDate) return view();
  // The ledger filters by 业务主管单位 but not by 直接登记/已脱钩: with that filter the coverage is left out.
  if (supervisor && !("unitId" in supervisor)) return view();
  const coverageFilter = {
    authorityIds: ids,
    type,
    supervisorUnitId: supervisor && "unitId" in supervisor ? supervisor.unitId : undefined,
  };
  const coverage = cubeDay
    ? await cubeCoverage(db, coverageFilter)
    : await coverageGroups(db, coverageFilter, "authority");
  const names = new Map(authorities.map((a) => [String(a.id), a.name]));
  series.push({
    key: "party-coverage",
    title: "党的组织覆盖和工作覆盖（按登记管理机关）",
    definition: `截至${cnDate(today)}已确认的党建工作台账：组织覆盖＝建立党组织或被联合党支部覆盖；工作覆盖＝组织覆盖或有党建工作指导员、联络员；分母为正常状态的组织。`,
    columns: ["组织覆盖率", "工作覆盖率"],
    percent: true,
    rows: coverage.map((c) => ({
      label: names.get(String(c.key)) ?? "—",
      values: [
        Number(c.total) ? Math.round((1000 * Number(c.organizational)) / Number(c.total)) : 0,
        Number(c.total) ? Math.round((1000 * Number(c.work)) / Number(c.total)) : 0,
      ],
      href: `/party?${q}`,
    })),
  });

  return view();
}

/** Public figures: a count from 1 to min−1 could point at a person; it is withheld (−1, shown "<min"). */
export function suppress(s: Series, min: number): Series {
  if (s.percent) return s;
  return {
    ...s,
    rows: s.rows.map((r) => ({ ...r, values: r.values.map((v) => (v > 0 && v < min ? -1 : v)) })),
  };
}

/** Every year from the first held up to `last` (a gap year reads 0 rather than vanishing from the line). */
export function yearsHeld(held: number[], last: number): number[] {
  const valid = held.filter((y) => Number.isInteger(y) && y > 1900 && y <= last);
  if (valid.length === 0) return [last];
  const out: number[] = [];
  for (let y = Math.min(...valid); y <= last; y++) out.push(y);
  return out;
}

/** The first day the register holds (the earliest 成立 date): an as-at date before it is refused. */
export async function registerBegan(deps: AppDeps): Promise<string | null> {
  const [r] = (await deps.db.all(sql`SELECT min(registered_on) AS d FROM organizations`)) as {
    d: string | null;
  }[];
  return r?.d ?? null;
}
