/**
 * Workbooks a clerk can work with: amounts and counts are numbers, dates are dates, text stays text (never a formula,
 * so a cell cannot run anything however it begins), every column has a width, and the header row is frozen and carries
 * an autofilter. write-excel-file writes the cells (on Node and on Workers); the autofilter, which it does not offer
 * as an option, goes into each sheet's XML through its file-transform feature.
 */
import writeXlsxFile, { type Cell, type Sheet } from "write-excel-file/universal";

/** text: as written; number: a count; money: fen in, 元 out (#,##0.00); date: YYYY-MM-DD in, an Excel date out. */
export type XlsxKind = "text" | "number" | "money" | "date";

export interface XlsxColumn {
  header: string;
  kind: XlsxKind;
  /** In characters; by default the wider of the header and 10 (dates 12, text 16). */
  width?: number;
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: (string | number | null | undefined)[][];
}

const DEFAULT_WIDTH: Record<XlsxKind, number> = { text: 16, number: 10, money: 14, date: 12 };

function cell(kind: XlsxKind, value: string | number | null | undefined): Cell {
  if (value === null || value === undefined || value === "") return null;
  if (kind === "number" && typeof value === "number") return { value, type: Number };
  if (kind === "money" && typeof value === "number")
    return { value: value / 100, type: Number, format: "#,##0.00" };
  if (kind === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), type: Date, format: "yyyy-mm-dd" };
  }
  return { value: String(value), type: String };
}

/** "A", …, "Z", "AA", … for a 0-based column index. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The workbook's bytes: one sheet per entry, in order. */
export async function xlsxWorkbook(sheets: XlsxSheet[]): Promise<Uint8Array<ArrayBuffer>> {
  const data: Sheet<never>[] = sheets.map((s) => ({
    sheet: s.name.slice(0, 31),
    stickyRowsCount: 1,
    columns: s.columns.map((c) => ({
      width: c.width ?? Math.max(DEFAULT_WIDTH[c.kind], [...c.header].length * 2 + 2),
    })),
    data: [
      s.columns.map((c) => ({ value: c.header, type: String, fontWeight: "bold" as const })),
      ...s.rows.map((r) => s.columns.map((c, i) => cell(c.kind, r[i]))),
    ],
  }));
  const sizes = sheets.map((x) => ({ rows: x.rows.length + 1, cols: x.columns.length }));
  const blob = await writeXlsxFile(data, { features: [autoFilterFeature(sizes)] }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * write-excel-file's feature that adds an autofilter over each sheet's table (its header row to its last row), after
 * <sheetData> as the format orders it. `sizes[i]` is sheet i's rows (header included) and columns.
 */
export function autoFilterFeature(sizes: readonly { rows: number; cols: number }[]) {
  return {
    files: {
      transform: {
        "xl/worksheets/sheet{id}.xml": {
          transform: (content: string, _options: unknown, { sheetIndex }: { sheetIndex: number }) => {
            const size = sizes[sheetIndex];
            if (!size || size.rows === 0 || size.cols === 0) return content;
            return content.replace(
              "</sheetData>",
              `</sheetData><autoFilter ref="A1:${columnName(size.cols - 1)}${size.rows}"/>`,
            );
          },
        },
      },
    },
  };
}

/** The response headers of a workbook download named `fileName` (Chinese allowed). */
export function xlsxHeaders(fileName: string): Record<string, string> {
  return {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "X-Content-Type-Options": "nosniff",
  };
}
