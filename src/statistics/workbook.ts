/**
 * The whole statistics report as one workbook: one sheet per chart, Chinese headers, counts and rates as numbers (a
 * rate as a fraction formatted 0.0%), column widths, an autofilter over each table. A withheld public count is an
 * empty cell with the note in its own column, so every filled cell stays a number.
 */

import type { Cell } from "write-excel-file/universal";
import writeXlsxFile from "write-excel-file/universal";
import { autoFilterFeature, columnName } from "../xlsx";
import type { Series, StatisticsView } from "./service";

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique within the book. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, "").slice(0, 28) || "图表";
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 26)}-${i}`;
  taken.add(name);
  return name;
}

export function seriesSheet(s: Series, min: number | undefined): Cell[][] {
  const withheld = min !== undefined && s.rows.some((r) => r.values.some((v) => v < 0));
  const head: Cell[] = ["类别", ...s.columns, ...(withheld ? ["说明"] : [])].map((value) => ({
    value,
    fontWeight: "bold",
  }));
  const rows: Cell[][] = s.rows.map((r) => [
    { value: r.label, type: String },
    ...r.values.map((v) =>
      v < 0
        ? null
        : s.percent
          ? { value: v / 1000, type: Number, format: "0.0%" }
          : { value: v, type: Number, format: "#,##0" },
    ),
    ...(withheld
      ? [{ value: r.values.some((v) => v < 0) ? `空格为少于${min}的数字，不公布` : "", type: String }]
      : []),
  ]);
  return [head, ...rows];
}

/** Column letters for an index from 0: 0 → A, 26 → AA. */
export const columnLetter = columnName;

export async function reportWorkbook(v: StatisticsView, min: number | undefined): Promise<Uint8Array> {
  const taken = new Set<string>();
  const series = v.series;
  const sheets = series.map((s) => sheetName(s.title, taken));
  const data = series.map((s) => seriesSheet(s, min));
  const columns = series.map((s, i) => {
    const labelWidth = Math.max(8, ...s.rows.map((r) => r.label.length * 2 + 2));
    const cols = [
      { width: Math.min(40, labelWidth) },
      ...s.columns.map((c) => ({ width: Math.max(10, c.length * 2 + 4) })),
    ];
    return data[i]![0]!.length > cols.length ? [...cols, { width: 30 }] : cols;
  });
  const blob = await writeXlsxFile(
    series.map((_, i) => ({ data: data[i]!, sheet: sheets[i]!, columns: columns[i]!, stickyRowsCount: 1 })),
    {
      features: [
        autoFilterFeature(
          data.map((sheet) => ({ rows: sheet.length, cols: Math.max(1, ...sheet.map((r) => r.length)) })),
        ),
      ],
    },
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
