/**
 * /registrar/statistics: each figure as a server-rendered SVG bar chart (grouped bars; d3-scale does the arithmetic),
 * or, for a trend over every year held, a line chart (one line per column, a distinct marker shape per line so it
 * reads without colour), with its definition, a text summary, the same numbers as a table under a disclosure, and its CSV. No charting
 * runtime in the browser; prints as it shows.
 */
import { type ScaleLinear, scaleBand, scaleLinear, scalePoint } from "d3-scale";
import type { Child } from "hono/jsx";
import type { SessionUser } from "../../src/context";
import { pastViewBanner } from "../../src/domain/as-of";
import { TYPE_LABELS } from "../../src/registry/labels";
import type { FilterError, Series, StatisticsView } from "../../src/statistics/contract";
import { cnDate } from "../components/dates";
import { ErrorSummary, TextField } from "../components/form";
import { choicesOf, FilterBar, FilterSelect } from "../components/select";
import { Layout } from "../layout";

/** Colour-blind-safe categorical palette (Okabe–Ito). */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

/** A withheld public count (−1, below the minimum cell `min`) reads "少于N". */
const show = (s: Series, v: number, min = 5) =>
  v < 0 && !s.signed ? `少于${min}` : s.percent ? `${(v / 10).toFixed(1)}%` : v.toLocaleString("zh-CN");

/** The rows a chart draws (a comparison draws its first `chartRows`; the table shows every row). */
const drawn = (s: Series) => (s.chartRows ? s.rows.slice(0, s.chartRows) : s.rows);

/** A chart's SVG: its viewBox, its title, and the summary under it as its description. */
function ChartFrame(p: { s: Series; width: number; height: number; class: string; children?: Child }) {
  return (
    <svg
      viewBox={`0 0 ${p.width} ${p.height}`}
      class={p.class}
      role="img"
      aria-labelledby={`chart-${p.s.key}-title chart-${p.s.key}-summary`}
    >
      <title id={`chart-${p.s.key}-title`}>{p.s.title}</title>
      {p.children}
    </svg>
  );
}

/** The horizontal grid lines of a value axis, each with its value (a count, or a percentage in tenths). */
function YGrid(p: { y: ScaleLinear<number, number>; left: number; right: number; percent?: boolean }) {
  return (
    <>
      {p.y.ticks(5).map((t) => (
        <g>
          <line x1={p.left} x2={p.right} y1={p.y(t)} y2={p.y(t)} class="chart-grid" />
          <text x={p.left - 6} y={p.y(t)} class="chart-tick" text-anchor="end" dominant-baseline="middle">
            {p.percent ? `${t / 10}%` : t.toLocaleString("zh-CN")}
          </text>
        </g>
      ))}
    </>
  );
}

/** A category's name under its bar, shortened past eight characters (the table has it in full). */
function BandLabel(p: { x: number; y: number; label: string }) {
  return (
    <text x={p.x} y={p.y} class="chart-tick" text-anchor="middle">
      {p.label.length > 8 ? `${p.label.slice(0, 8)}…` : p.label}
    </text>
  );
}

function BarChart({ s, min }: { s: Series; min: number }) {
  if (s.stacked) return <StackedBarChart s={s} min={min} />;
  if (s.chartRows) return <ComparisonChart s={s} min={min} />;
  const width = 640;
  const height = 260;
  const margin = { top: 16, right: 12, bottom: 40, left: 56 };
  const rows = drawn(s);
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  // A net growth may fall below zero: the axis then reaches below it.
  const low = s.signed ? Math.min(0, ...rows.flatMap((r) => r.values)) : 0;
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.label))
    .range([margin.left, width - margin.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const inner = scaleBand<number>()
    .domain(s.columns.map((_, i) => i))
    .range([0, x.bandwidth()])
    .padding(0.05);
  const y = scaleLinear()
    .domain([low, s.percent ? 1000 : max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  return (
    <ChartFrame s={s} width={width} height={height} class="chart">
      <YGrid y={y} left={margin.left} right={width - margin.right} percent={s.percent} />
      {rows.map((r) => (
        <g>
          {r.values.map((v, i) => (
            <rect
              x={(x(r.label) ?? 0) + (inner(i) ?? 0)}
              y={y(Math.max(0, v))}
              width={inner.bandwidth()}
              height={s.signed ? Math.abs(y(0) - y(v)) : Math.max(0, y(0) - y(Math.max(0, v)))}
              fill={COLOURS[i % COLOURS.length]}
            >
              <title>{`${r.label} ${s.columns[i]}：${show(s, v, min)}`}</title>
            </rect>
          ))}
          <BandLabel
            x={(x(r.label) ?? 0) + x.bandwidth() / 2}
            y={height - margin.bottom + 16}
            label={r.label}
          />
        </g>
      ))}
    </ChartFrame>
  );
}

/** A comparison of many named rows (districts, 业务主管单位): horizontal bars, each row's name written in full beside it. */
function ComparisonChart({ s, min }: { s: Series; min: number }) {
  const rows = drawn(s);
  const band = 10 + 8 * s.columns.length;
  const width = 640;
  const margin = { top: 8, right: 48, bottom: 24, left: 168 };
  const height = margin.top + margin.bottom + band * rows.length;
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.label))
    .range([margin.top, height - margin.bottom])
    .paddingInner(0.2);
  const inner = scaleBand<number>()
    .domain(s.columns.map((_, i) => i))
    .range([0, y.bandwidth()])
    .padding(0.1);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.flatMap((r) => r.values))])
    .nice()
    .range([margin.left, width - margin.right]);
  return (
    <ChartFrame s={s} width={width} height={height} class="chart chart-comparison">
      {x.ticks(5).map((t) => (
        <g>
          <line x1={x(t)} x2={x(t)} y1={margin.top} y2={height - margin.bottom} class="chart-grid" />
          <text x={x(t)} y={height - margin.bottom + 14} class="chart-tick" text-anchor="middle">
            {t.toLocaleString("zh-CN")}
          </text>
        </g>
      ))}
      {rows.map((r) => (
        <g>
          <text
            x={margin.left - 6}
            y={(y(r.label) ?? 0) + y.bandwidth() / 2}
            class="chart-tick"
            text-anchor="end"
            dominant-baseline="middle"
          >
            {r.label.length > 12 ? `${r.label.slice(0, 12)}…` : r.label}
          </text>
          {r.values.map((v, i) => (
            <rect
              x={margin.left}
              y={(y(r.label) ?? 0) + (inner(i) ?? 0)}
              width={Math.max(0, x(Math.max(0, v)) - margin.left)}
              height={inner.bandwidth()}
              fill={COLOURS[i % COLOURS.length]}
            >
              <title>{`${r.label} ${s.columns[i]}：${show(s, v, min)}`}</title>
            </rect>
          ))}
        </g>
      ))}
    </ChartFrame>
  );
}

/** Each row's values as the parts of one bar (the register by status within each type). */
function StackedBarChart({ s, min }: { s: Series; min: number }) {
  const width = 640;
  const height = 260;
  const margin = { top: 16, right: 12, bottom: 40, left: 56 };
  const rows = drawn(s);
  const total = (r: Series["rows"][number]) => r.values.reduce((a, v) => a + Math.max(0, v), 0);
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.label))
    .range([margin.left, width - margin.right])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...rows.map(total))])
    .nice()
    .range([height - margin.bottom, margin.top]);
  return (
    <ChartFrame s={s} width={width} height={height} class="chart chart-stacked">
      <YGrid y={y} left={margin.left} right={width - margin.right} percent={s.percent} />
      {rows.map((r) => {
        let base = 0;
        return (
          <g>
            {r.values.map((v, i) => {
              const from = base;
              base += Math.max(0, v);
              return (
                <rect
                  x={x(r.label) ?? 0}
                  y={y(base)}
                  width={x.bandwidth()}
                  height={Math.max(0, y(from) - y(base))}
                  fill={COLOURS[i % COLOURS.length]}
                  stroke="#fff"
                  stroke-width={i > 0 ? 1 : 0}
                >
                  <title>{`${r.label} ${s.columns[i]}：${show(s, v, min)}`}</title>
                </rect>
              );
            })}
            <BandLabel
              x={(x(r.label) ?? 0) + x.bandwidth() / 2}
              y={height - margin.bottom + 16}
              label={r.label}
            />
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** Marker shapes, one per line, so the lines tell apart in greyscale too. */
function Marker({ i, x, y, fill }: { i: number; x: number; y: number; fill: string }) {
  const k = i % 3;
  if (k === 0) return <circle cx={x} cy={y} r={3.5} fill={fill} />;
  if (k === 1) return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={fill} />;
  return <path d={`M${x},${y - 4.5}L${x + 4.5},${y + 3.5}L${x - 4.5},${y + 3.5}Z`} fill={fill} />;
}

/** The SVG path through the points (what d3-shape's line() writes, for straight segments). */
export function linePath(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`).join("");
}

function LineChart({ s, min }: { s: Series; min: number }) {
  const width = 640;
  const height = 260;
  const margin = { top: 16, right: 16, bottom: 40, left: 56 };
  const max = Math.max(1, ...s.rows.flatMap((r) => r.values));
  const x = scalePoint<string>()
    .domain(s.rows.map((r) => r.label))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, s.percent ? 1000 : max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  // Label at most ~10 years on the axis; every point keeps its tooltip.
  const every = Math.max(1, Math.ceil(s.rows.length / 10));
  return (
    <ChartFrame s={s} width={width} height={height} class="chart chart-line">
      <YGrid y={y} left={margin.left} right={width - margin.right} percent={s.percent} />
      {s.rows.map((r, j) =>
        j % every === 0 ? (
          <text x={x(r.label) ?? 0} y={height - margin.bottom + 16} class="chart-tick" text-anchor="middle">
            {r.label.replace(/年度?$/, "")}
          </text>
        ) : null,
      )}
      {s.columns.map((c, i) => {
        const colour = COLOURS[i % COLOURS.length]!;
        const pts = s.rows
          .filter((r) => (r.values[i] ?? -1) >= 0)
          .map((r) => [x(r.label) ?? 0, y(r.values[i]!)] as [number, number]);
        return (
          <g>
            <path
              d={linePath(pts)}
              fill="none"
              stroke={colour}
              stroke-width={2}
              stroke-dasharray={i % 2 === 1 ? "6 3" : undefined}
            />
            {s.rows.map((r) =>
              (r.values[i] ?? -1) >= 0 ? (
                <g>
                  <title>{`${r.label} ${c}：${show(s, r.values[i]!, min)}`}</title>
                  <Marker i={i} x={x(r.label) ?? 0} y={y(r.values[i]!)} fill={colour} />
                </g>
              ) : null,
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}

function summary(s: Series, min: number): string {
  if (s.rows.length === 0) return "没有数据。";
  if (s.chartRows) {
    const top = s.rows[0]!;
    return `共 ${s.rows.length} 项；${s.columns[0]}最多的是${top.label}：${s.columns
      .map((c, i) => `${c} ${show(s, top.values[i] ?? 0, min)}`)
      .join("，")}。`;
  }
  const last = s.rows.at(-1)!;
  if (s.line && s.rows.length > 1) {
    const first = s.rows[0]!;
    return `${first.label}至${last.label}：${s.columns
      .map((c, i) => `${c}由 ${show(s, first.values[i] ?? 0, min)} 变为 ${show(s, last.values[i] ?? 0, min)}`)
      .join("；")}。`;
  }
  return `${last.label}：${s.columns.map((c, i) => `${c} ${show(s, last.values[i] ?? 0, min)}`).join("，")}。`;
}

/** An instant as Beijing time in words: 2026年12月4日1时05分. */
function cnDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${cnDate(t.slice(0, 10))}${Number(t.slice(11, 13))}时${t.slice(14, 16)}分`;
}

export function StatisticsPage(p: {
  user: SessionUser | null;
  v: StatisticsView;
  query: string;
  /** /registrar/statistics, or /statistics for the public figures. */
  base?: string;
  minCell?: number;
  /** A refused parameter (the page answers 400 with today's figures), and what the reader had entered. */
  error?: FilterError;
  entered?: Record<string, string>;
}) {
  const { v } = p;
  const base = p.base ?? "/registrar/statistics";
  const min = p.minCell ?? 5;
  const errors: Record<string, string> = p.error ? { [p.error.field]: p.error.message } : {};
  /** A filter's value: what a refused request had entered, else the view's. */
  const entered = (name: string, value: string | undefined) =>
    p.entered ? (p.entered[name] ?? "") : (value ?? "");
  return (
    <Layout title="统计分析" user={p.user}>
      <h1>统计分析</h1>
      {v.past ? (
        <div class="notice warning past-view" role="status">
          <p>
            <strong>{pastViewBanner(v.asOf)}</strong>
          </p>
          <p>
            <a href={base}>查看当前状态</a>
          </p>
        </div>
      ) : null}
      {v.computedAt ? (
        <p class="notice" role="status">
          数据截至{cnDateTime(v.computedAt)}（每日统计汇总任务生成，此后的变化明日计入）。
        </p>
      ) : null}
      <p class="muted">
        截至 {cnDate(v.asOf)}。
        {v.filters.from && v.filters.to
          ? `统计区间：${cnDate(v.filters.from)}至${cnDate(v.filters.to)}（各年度的成立、终止、信用名单列入和移出只计区间内的）。`
          : ""}
        {base === "/statistics"
          ? `范围：本系统各登记管理机关登记的社会组织。为保护个人信息，少于 ${p.minCell ?? 5} 的数字不公布。`
          : `范围：本机关${v.authorities.length > 1 ? "及所辖区县" : ""}登记的社会组织。`}
        每个图下有定义、同样数字的表格和 CSV 下载。
      </p>
      <p>
        <a href={`${base}/report.xlsx${p.query ? `?${p.query}` : ""}`}>下载全部图表（Excel 工作簿）</a>
      </p>
      <ErrorSummary errors={errors} labels={FILTER_LABELS} />
      <FilterBar action={base} label="筛选">
        <FilterSelect
          name="authority"
          label={FILTER_LABELS.authority}
          errors={errors}
          value={entered("authority", v.filters.authority)}
          options={v.authorities.map((a) => ({ value: a.code, label: a.name }))}
        />
        <FilterSelect
          name="type"
          label={FILTER_LABELS.type}
          errors={errors}
          value={entered("type", v.filters.type)}
          options={choicesOf(TYPE_LABELS)}
        />
        <FilterSelect
          name="supervisor"
          label={FILTER_LABELS.supervisor}
          errors={errors}
          value={entered("supervisor", v.filters.supervisor)}
          options={v.supervisors}
        />
        <TextField
          name="year"
          type="number"
          label={FILTER_LABELS.year}
          errors={errors}
          value={entered("year", v.filters.year ? String(v.filters.year) : "")}
          attrs={{ inputmode: "numeric", min: "1949", max: v.asOf.slice(0, 4) }}
        />
        <TextField
          name="as_of"
          type="date"
          label={FILTER_LABELS.as_of}
          errors={errors}
          value={entered("as_of", v.past && !v.filters.from ? v.asOf : "")}
          attrs={{ max: v.past ? undefined : v.asOf }}
        />
        <TextField
          name="from"
          type="date"
          label={FILTER_LABELS.from}
          errors={errors}
          value={entered("from", v.filters.from)}
        />
        <TextField
          name="to"
          type="date"
          label={FILTER_LABELS.to}
          errors={errors}
          value={entered("to", v.filters.to)}
        />
      </FilterBar>
      {v.series.map((s) => (
        <section class="chart-section" aria-labelledby={`h-${s.key}`}>
          <h2 id={`h-${s.key}`}>{s.title}</h2>
          <p class="hint">{s.definition}</p>
          <ul class="chart-legend" aria-hidden="true">
            {s.columns.map((c, i) => (
              <li>
                <svg width="12" height="12" class="swatch" aria-hidden="true">
                  <rect width="12" height="12" fill={COLOURS[i % COLOURS.length]} />
                </svg>
                {c}
              </li>
            ))}
          </ul>
          {s.line ? <LineChart s={s} min={min} /> : <BarChart s={s} min={min} />}
          <p id={`chart-${s.key}-summary`}>{summary(s, min)}</p>
          <details>
            <summary>查看数字</summary>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">
                      <span class="visually-hidden">类别</span>
                    </th>
                    {s.columns.map((c) => (
                      <th scope="col">{c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.rows.map((r) => (
                    <tr>
                      <th scope="row">{r.href ? <a href={r.href}>{r.label}</a> : r.label}</th>
                      {r.values.map((x, i) => {
                        const href = r.cells?.[i];
                        // A withheld or zero count opens nothing; any other number opens its organizations.
                        return (
                          <td>{href && x > 0 ? <a href={href}>{show(s, x, min)}</a> : show(s, x, min)}</td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p class="chart-download">
            <a href={`${base}/${s.key}.csv${p.query ? `?${p.query}` : ""}`}>下载 CSV</a>
          </p>
        </section>
      ))}
    </Layout>
  );
}

/** The filter form's labels (also the error summary's). */
const FILTER_LABELS = {
  authority: "登记管理机关",
  type: "组织类型",
  supervisor: "业务主管单位",
  year: "年度（留空为近五年）",
  as_of: "查询日期（留空为当前）",
  from: "起始日期",
  to: "截止日期",
};
