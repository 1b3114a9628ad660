/** /registrar/statistics: the bureau's numbers as charts with their tables and CSVs (统计分析). */
import { type Context, Hono } from "hono";
import { StatisticsPage } from "../../views/statistics/page";
import type { AppEnv } from "../context";
import { todayOf } from "../context";
import { CSV_BOM, csvLines } from "../csv";
import { type AsOfParse, parseAsOf } from "../domain/as-of";
import { chinaDateOf } from "../domain/working-days";
import { renderPage } from "../render";
import { me } from "../route-kit";
import { xlsxHeaders } from "../xlsx";
import {
  publicStatistics,
  registerBegan,
  StatisticsBusy,
  type StatisticsFilters,
  type StatisticsView,
  statistics,
} from "./service";
import { reportWorkbook } from "./workbook";

export const statisticsRoutes = new Hono<AppEnv>();

const TYPES = ["social_group", "private_non_enterprise", "foundation"];

/** The chosen view from the URL, or a Chinese message naming the parameter that is not valid (answered 400). */
function filtersOf(c: Context<AppEnv>): StatisticsFilters | { error: string } {
  const q = c.req.query();
  const blank = (v: string | undefined) => v === undefined || v === "";
  if (!blank(q.authority) && !/^\d{6}$/.test(q.authority!))
    return { error: "登记管理机关应为六位数字代码。" };
  if (!blank(q.type) && !TYPES.includes(q.type!))
    return { error: "组织类型应为社会团体、民办非企业单位或基金会。" };
  if (!blank(q.supervisor) && !/^(direct|decoupled|[1-9]\d{0,8})$/.test(q.supervisor!))
    return { error: "业务主管单位应从列表中选择。" };
  const thisYear = Number(todayOf(c.get("deps")).slice(0, 4));
  if (!blank(q.year) && !(/^\d{4}$/.test(q.year!) && Number(q.year) >= 1949 && Number(q.year) <= thisYear))
    return { error: `年度应为1949年至${thisYear}年之间的四位数字年份。` };
  return {
    authority: blank(q.authority) ? undefined : q.authority,
    type: blank(q.type) ? undefined : q.type,
    supervisor: blank(q.supervisor) ? undefined : q.supervisor,
    year: blank(q.year) ? undefined : Number(q.year),
  };
}

/** `?as_of=YYYY-MM-DD`: the register as at a past day; the live path reads no extra row. */
async function asOfOf(c: Context<AppEnv>): Promise<AsOfParse> {
  const raw = c.req.query("as_of");
  if (raw === undefined || raw === "") return { kind: "today" };
  const deps = c.get("deps");
  return parseAsOf(raw, chinaDateOf(deps.now?.() ?? new Date()), await registerBegan(deps));
}

const pastOf = (a: AsOfParse) => (a.kind === "past" ? a.date : undefined);

const queryOf = (v: StatisticsView) =>
  new URLSearchParams({
    ...(v.filters.authority ? { authority: v.filters.authority } : {}),
    ...(v.filters.type ? { type: v.filters.type } : {}),
    ...(v.filters.supervisor ? { supervisor: v.filters.supervisor } : {}),
    ...(v.filters.year ? { year: String(v.filters.year) } : {}),
    ...(v.past ? { as_of: v.asOf } : {}),
  }).toString();

const xlsxResponse = async (c: Context<AppEnv>, v: StatisticsView, min: number | undefined) =>
  c.body(
    (await reportWorkbook(v, min)) as Uint8Array<ArrayBuffer>,
    200,
    xlsxHeaders(`统计分析-${v.asOf}.xlsx`),
  );

statisticsRoutes.get("/", async (c) => {
  const f = filtersOf(c);
  if ("error" in f) return c.text(f.error, 400);
  const asOf = await asOfOf(c);
  if (asOf.kind === "invalid") return c.text(asOf.message, 400);
  const v = await statistics(c.get("deps"), me(c), f, pastOf(asOf));
  return renderPage(c, <StatisticsPage user={me(c)} v={v} query={queryOf(v)} />);
});

/** One chart's numbers as CSV (BOM, Chinese headers), or every chart as one workbook (report.xlsx). */
statisticsRoutes.get("/:chart", async (c) => {
  const name = c.req.param("chart");
  if (!/^[a-z-]{1,40}\.(csv|xlsx)$/.test(name)) return c.notFound();
  const f = filtersOf(c);
  if ("error" in f) return c.text(f.error, 400);
  const asOf = await asOfOf(c);
  if (asOf.kind === "invalid") return c.text(asOf.message, 400);
  const v = await statistics(c.get("deps"), me(c), f, pastOf(asOf));
  if (name === "report.xlsx") return xlsxResponse(c, v, undefined);
  const key = name.replace(/\.csv$/, "");
  const s = v.series.find((x) => x.key === key);
  if (!s) return c.notFound();
  const body =
    CSV_BOM +
    csvLines([
      ["类别", ...s.columns],
      ...s.rows.map((r) => [
        r.label,
        ...r.values.map((x) => (s.percent ? `${(x / 10).toFixed(1)}%` : String(x))),
      ]),
    ]);
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${s.title}.csv`)}`,
  });
});

/**
 * The public figures (/statistics, /statistics/:chart, GET /api/v1/statistics): what a bureau publishes, every
 * authority, small counts withheld (`statisticsMinCell`); no personal data.
 */
export const publicStatisticsRoutes = new Hono<AppEnv>(); // at /statistics
export const statisticsApi = new Hono<AppEnv>(); // at /api/v1/statistics

const BUSY_MESSAGE = "正在生成另一日期的历史统计，请稍后再试。";

/** The public figures, or null when another past day's are being computed (the caller answers 503). */
async function publicView(
  c: Context<AppEnv>,
  f: StatisticsFilters,
  asOf: AsOfParse,
): Promise<StatisticsView | null> {
  try {
    return await publicStatistics(c.get("deps"), f, pastOf(asOf));
  } catch (err) {
    if (err instanceof StatisticsBusy) return null;
    throw err;
  }
}

publicStatisticsRoutes.get("/", async (c) => {
  const deps = c.get("deps");
  const f = filtersOf(c);
  if ("error" in f) return c.text(f.error, 400);
  const asOf = await asOfOf(c);
  if (asOf.kind === "invalid") return c.text(asOf.message, 400);
  const v = await publicView(c, f, asOf);
  if (!v) return c.text(BUSY_MESSAGE, 503, { "Retry-After": "30" });
  return renderPage(
    c,
    <StatisticsPage
      user={c.get("user")}
      v={v}
      query={queryOf(v)}
      base="/statistics"
      minCell={deps.config.domain.statisticsMinCell}
    />,
  );
});

publicStatisticsRoutes.get("/:chart", async (c) => {
  const name = c.req.param("chart");
  if (!/^[a-z-]{1,40}\.(csv|xlsx)$/.test(name)) return c.notFound();
  const deps = c.get("deps");
  const f = filtersOf(c);
  if ("error" in f) return c.text(f.error, 400);
  const asOf = await asOfOf(c);
  if (asOf.kind === "invalid") return c.text(asOf.message, 400);
  const v = await publicView(c, f, asOf);
  if (!v) return c.text(BUSY_MESSAGE, 503, { "Retry-After": "30" });
  if (name === "report.xlsx") return xlsxResponse(c, v, deps.config.domain.statisticsMinCell);
  const s = v.series.find((x) => x.key === name.replace(/\.csv$/, ""));
  if (!s) return c.notFound();
  const min = deps.config.domain.statisticsMinCell;
  const body =
    CSV_BOM +
    csvLines([
      ["类别", ...s.columns],
      ...s.rows.map((r) => [r.label, ...r.values.map((x) => (x < 0 ? `少于${min}` : String(x)))]),
    ]);
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${s.title}.csv`)}`,
  });
});

/** Open data: the same figures as JSON; a withheld count is null with `withheld: true`. */
statisticsApi.get("/", async (c) => {
  const deps = c.get("deps");
  const f = filtersOf(c);
  if ("error" in f) return c.json({ error: f.error }, 400);
  const asOf = await asOfOf(c);
  if (asOf.kind === "invalid") return c.json({ error: asOf.message }, 400);
  const v = await publicView(c, f, asOf);
  if (!v) return c.json({ error: BUSY_MESSAGE }, 503, { "Retry-After": "30" });
  return c.json({
    as_of: v.asOf,
    historical: v.past === true,
    computed_at: v.computedAt ?? null,
    min_cell: deps.config.domain.statisticsMinCell,
    series: v.series.map((s) => ({
      key: s.key,
      title: s.title,
      definition: s.definition,
      columns: s.columns,
      rows: s.rows.map((r) => ({
        label: r.label,
        values: r.values.map((x) => (x < 0 ? null : x)),
        withheld: r.values.some((x) => x < 0),
      })),
    })),
  });
});
