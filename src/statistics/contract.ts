/** What the statistics pages, their downloads and the API are given (the views read only these types). */

export interface Series {
  /** Stable key for the CSV URL. */
  key: string;
  title: string;
  /** What is counted, as at which date. */
  definition: string;
  /** Column labels, then one row per category: label, values. */
  columns: string[];
  /** One row per category: its label, values, the list behind the row (`href`) and behind each value (`cells`). */
  rows: { label: string; values: number[]; href?: string; cells?: (string | undefined)[] }[];
  /** Values may be below zero (a net growth): none is a withheld count. */
  signed?: boolean;
  /** Draw the first N rows only (the table under the chart has them all). */
  chartRows?: number;
  /** Draw each row's values stacked in one bar (parts of a whole) rather than side by side. */
  stacked?: boolean;
  /** Show as percentages (values are tenths of a percent). */
  percent?: boolean;
  /** A trend over every year held: drawn as lines rather than bars. */
  line?: boolean;
}

export interface StatisticsView {
  asOf: string;
  /** Set when the figures are the register as at a past day (历史视图), not today's. */
  past?: boolean;
  years: number[];
  filters: StatisticsFilters;
  authorities: { code: string; name: string }[];
  /** The supervisor filter's choices: 直接登记, 已脱钩 and each 业务主管单位 (value: `direct`, `decoupled` or its id). */
  supervisors: { value: string; label: string }[];
  /** Set when the figures come from the nightly precomputation: when it ran (ISO instant). */
  computedAt?: string;
  series: Series[];
}

/** A refused parameter: its field on the filter form and what to fix, in Chinese. */
export interface FilterError {
  field: "authority" | "type" | "supervisor" | "year" | "as_of" | "from" | "to";
  message: string;
}

/** A chosen view, as URL parameters (already validated by the routes). */
export interface StatisticsFilters {
  authority?: string;
  type?: string;
  /** `direct`, `decoupled` or a 业务主管单位's id. */
  supervisor?: string;
  /** One year: the per-year figures show that year only. */
  year?: number;
  /** A date range (起止日期, already checked by parseDateRange): the flows within it, the register as at its end. */
  from?: string;
  to?: string;
}
