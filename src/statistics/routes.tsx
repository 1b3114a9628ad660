/** /registrar/statistics: the bureau's numbers as charts with their tables and CSVs (统计分析). */
import { type Context, Hono } from "hono";
import { StatisticsPage } from "../../views/statistics/page";
import type { AppEnv } from "../context";
import { todayOf } from "../context";
import { CSV_BOM, csvLines } from "../csv";
import { parseAsOf, parseDateRange } from "../domain/as-of";
import { chinaDateOf } from "../domain/working-days";
import { renderPage } from "../render";
import { me } from "../route-kit";
import { xlsxHeaders } from "../xlsx";
import type { FilterError, Series, StatisticsFilters, StatisticsView } from "./contract";
import { publicStatistics, StatisticsBusy } from "./public-cache";
import { registerBegan, statistics } from "./service";
import { reportWorkbook } from "./workbook";

export const statisticsRoutes = new Hono<AppEnv>();

const TYPES = ["social_group", "private_non_enterprise", "foundation"];

/** The chosen view from the URL, or the parameter that is not valid (answered 400). */
function filtersOf(c: Context<AppEnv>): StatisticsFilters | FilterError {
  const q = c.req.query();
  const blank = (v: string | undefined) => v === undefined || v === "";
  if (!blank(q.authority) && !/^\d{6}$/.test(q.authority!))
    return { field: "authority", message: "登记管理机关应为六位数字代码。" };
  if (!blank(q.type) && !TYPES.includes(q.type!))
    return { field: "type", message: "组织类型应为社会团体、民办非企业单位或基金会。" };
  if (!blank(q.supervisor) && !/^(direct|decoupled|[1-9]\d{0,8})$/.test(q.supervisor!))
    return { field: "supervisor", message: "业务主管单位应从列表中选择。" };
  const thisYear = Number(todayOf(c.get("deps")).slice(0, 4));
  if (!blank(q.year) && !(/^\d{4}$/.test(q.year!) && Number(q.year) >= 1949 && Number(q.year) <= thisYear))
    return { field: "year", message: `年度应为1949年至${thisYear}年之间的四位数字年份。` };
  return {
    authority: blank(q.authority) ? undefined : q.authority,
    type: blank(q.type) ? undefined : q.type,
    supervisor: blank(q.supervisor) ? undefined : q.supervisor,
    year: blank(q.year) ? undefined : Number(q.year),
  };
}

/** What a request asks for: the filters and, for a past day or a range ending before today, that day. */
type Asked = { filters: StatisticsFilters; past?: string } | FilterError;

/**
 * The filters, then one of: a date range (`from`, `to`: the flows within it, the register as at its end), a past day
 * (`as_of`), or today. A year and a range, or a day and a range, are refused together.
 */
async function askedOf(c: Context<AppEnv>): Promise<Asked> {
  const filters = filtersOf(c);
  if ("message" in filters) return filters;
  const q = c.req.query();
  const deps = c.get("deps");
  const today = chinaDateOf(deps.now?.() ?? new Date());
  const range = parseDateRange(q.from, q.to, today);
  if (range.kind === "invalid") return { field: range.field, message: range.message };
  if (range.kind === "range") {
    if (filters.year) return { field: "year", message: "年度和起止日期只能选择一种，请清空其中之一。" };
    if (q.as_of) return { field: "as_of", message: "查询日期和起止日期只能选择一种，请清空其中之一。" };
    return {
      filters: { ...filters, from: range.from, to: range.to },
      past: range.to < today ? range.to : undefined,
    };
  }
  if (q.as_of === undefined || q.as_of === "") return { filters };
  const asOf = parseAsOf(q.as_of, today, await registerBegan(deps));
  if (asOf.kind === "invalid") return { field: "as_of", message: asOf.message };
  return { filters, past: asOf.kind === "past" ? asOf.date : undefined };
}

/** The words a refused request had in the filter form, to show them again beside the message. */
const enteredOf = (c: Context<AppEnv>) => {
  const q = c.req.query();
  const out: Record<string, string> = Object.create(null);
  for (const k of ["authority", "type", "supervisor", "year", "as_of", "from", "to"])
    if (typeof q[k] === "string") out[k] = q[k]!.slice(0, 40);
  return out;
};

const queryOf = (v: StatisticsView) =>
  new URLSearchParams({
    ...(v.filters.authority ? { authority: v.filters.authority } : {}),
    ...(v.filters.type ? { type: v.filters.type } : {}),
    ...(v.filters.supervisor ? { supervisor: v.filters.supervisor } : {}),
    ...(v.filters.year ? { year: String(v.filters.year) } : {}),
    ...(v.filters.from && v.filters.to ? { from: v.filters.from, to: v.filters.to } : {}),
    ...(v.past && !v.filters.from ? { as_of: v.asOf } : {}),
  }).toString();

const xlsxResponse = async (c: Context<AppEnv>, v: StatisticsView, min: number | undefined) =>
  c.body(
    (await reportWorkbook(v, min)) as Uint8Array<ArrayBuffer>,
    200,
    xlsxHeaders(`统计分析-${v.asOf}.xlsx`),
  );

statisticsRoutes.get("/", async (c) => {
  const asked = await askedOf(c);
  const deps = c.get("deps");
  if ("message" in asked) {
    // The page as it stands today, with the refused parameter's message beside its field.
    const v = await statistics(deps, me(c), {});
    const page = <StatisticsPage user={me(c)} v={v} query="" error={asked} entered={enteredOf(c)} />;
    return renderPage(c, page, 400);
  }
  const v = await statistics(deps, me(c), asked.filters, asked.past);
  return renderPage(c, <StatisticsPage user={me(c)} v={v} query={queryOf(v)} />);
});

/** One chart's numbers as CSV (BOM, Chinese headers), or every chart as one workbook (report.xlsx). */
statisticsRoutes.get("/:chart", async (c) => {
  const name = c.req.param("chart");
  if (!/^[a-z-]{1,40}\.(csv|xlsx)$/.test(name)) return c.notFound();
  const asked = await askedOf(c);
  if ("message" in asked) return c.text(asked.message, 400);
  const v = await statistics(c.get("deps"), me(c), asked.filters, asked.past);
  if (name === "report.xlsx") return xlsxResponse(c, v, undefined);
  const s = v.series.find((x) => x.key === name.replace(/\.csv$/, ""));
  return s ? csvResponse(c, s, (x) => (s.percent ? `${(x / 10).toFixed(1)}%` : String(x))) : c.notFound();
});

/** A chart's table as CSV: BOM, Chinese headers, each value as `cell` writes it. */
const csvResponse = (c: Context<AppEnv>, s: Series, cell: (x: number) => string) =>
  c.body(
    CSV_BOM + csvLines([["类别", ...s.columns], ...s.rows.map((r) => [r.label, ...r.values.map(cell)])]),
    200,
    {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${s.title}.csv`)}`,
    },
  );

/**
 * The public figures (/statistics, /statistics/:chart, GET /api/v1/statistics): what a bureau publishes, every
 * authority, small counts withheld (`statisticsMinCell`); no personal data.
 */
export const publicStatisticsRoutes = new Hono<AppEnv>(); // at /statistics
export const statisticsApi = new Hono<AppEnv>(); // at /api/v1/statistics

const BUSY_MESSAGE = "正在生成另一日期的历史统计，请稍后再试。";

/** The public figures, or null when another past day's are being computed (the caller answers 503). */
async function publicView(c: Context<AppEnv>, f: StatisticsFilters, past: string | undefined) {
  try {
    return await publicStatistics(c.get("deps"), f, past);
  } catch (err) {
    if (err instanceof StatisticsBusy) return null;
    throw err;
  }
}

publicStatisticsRoutes.get("/", async (c) => {
  const deps = c.get("deps");
  const asked = await askedOf(c);
  const refused = "message" in asked ? asked : undefined;
  const v = await publicView(
    c,
    "message" in asked ? {} : asked.filters,
    "message" in asked ? undefined : asked.past,
  );
  if (!v) return c.text(BUSY_MESSAGE, 503, { "Retry-After": "30" });
  const page = (
    <StatisticsPage
      user={c.get("user")}
      v={v}
      query={refused ? "" : queryOf(v)}
      base="/statistics"
      minCell={deps.config.domain.statisticsMinCell}
      error={refused}
      entered={refused ? enteredOf(c) : undefined}
    />
  );
  return renderPage(c, page, refused ? 400 : 200);
});

publicStatisticsRoutes.get("/:chart", async (c) => {
  const name = c.req.param("chart");
  if (!/^[a-z-]{1,40}\.(csv|xlsx)$/.test(name)) return c.notFound();
  const min = c.get("deps").config.domain.statisticsMinCell;
  const asked = await askedOf(c);
  if ("message" in asked) return c.text(asked.message, 400);
  const v = await publicView(c, asked.filters, asked.past);
  if (!v) return c.text(BUSY_MESSAGE, 503, { "Retry-After": "30" });
  if (name === "report.xlsx") return xlsxResponse(c, v, min);
  const s = v.series.find((x) => x.key === name.replace(/\.csv$/, ""));
  return s ? csvResponse(c, s, (x) => (x < 0 ? `少于${min}` : String(x))) : c.notFound();
});

/** Open data: the same figures as JSON; a withheld count is null with `withheld: true`. */
statisticsApi.get("/", async (c) => {
  const asked = await askedOf(c);
  if ("message" in asked) return c.json({ error: asked.message, parameter: asked.field }, 400);
  const v = await publicView(c, asked.filters, asked.past);
  if (!v) return c.json({ error: BUSY_MESSAGE }, 503, { "Retry-After": "30" });
  return c.json(statisticsJson(v, c.get("deps").config.domain.statisticsMinCell));
});

/** The API's body: the figures with their definitions; a withheld count is null. */
const statisticsJson = (v: StatisticsView, min: number) => ({
  as_of: v.asOf,
  historical: v.past === true,
  from: v.filters.from ?? null,
  to: v.filters.to ?? null,
  computed_at: v.computedAt ?? null,
  min_cell: min,
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
