import { CSV_BOM, csvLines } from "../csv";
import { issueUscc } from "../domain/uscc";
import { xlsxWorkbook } from "../xlsx";
import type { ImportJob } from "./bulk";

/**
 * The files around the browser import: the template a registrar fills in (the Chinese headers the importer accepts,
 * one example row, each column explained on the import page), and the rows in error of a preview, downloaded as they
 * were uploaded with a 错误原因 column, to fix and upload again.
 */

/** The template's columns: the header the importer reads, whether it must be filled, and what goes in it. */
export const IMPORT_COLUMNS: { header: string; required: boolean; explain: string }[] = [
  { header: "统一社会信用代码", required: true, explain: "18 位，按此代码新增或更新组织。" },
  { header: "名称", required: true, explain: "登记证书上的全称，不超过 100 个字。" },
  { header: "类型", required: true, explain: "社会团体、民办非企业单位（社会服务机构）或基金会。" },
  { header: "状态", required: false, explain: "正常、注销、撤销或吊销；不填为正常。" },
  { header: "状态日期", required: false, explain: "注销、撤销、吊销的日期；状态变为终止时必填。" },
  { header: "成立日期", required: true, explain: "如 2020-01-31 或 2020/1/31。" },
  { header: "法定代表人", required: false, explain: "姓名，不超过 50 个字。" },
  { header: "住所", required: false, explain: "登记的住所，不超过 200 个字。" },
  { header: "业务范围", required: false, explain: "登记的业务范围。" },
  {
    header: "业务主管单位",
    required: false,
    explain: "业务主管单位全称；直接登记的填“直接登记”，脱钩的填“已脱钩”。",
  },
  { header: "注册资金（元）", required: false, explain: "以元为单位，可带两位小数，如 30000.00。" },
  { header: "登记管理机关", required: true, explain: "本机关全称。" },
  {
    header: "登记管理机关代码",
    required: true,
    explain: "本机关的 6 位行政区划代码，只能导入本机关登记的组织。",
  },
  { header: "慈善组织", required: false, explain: "是 或 否；吊销登记证书只适用于慈善组织。" },
];

function exampleRow(authority: { code: string; name: string }): string[] {
  const example: Record<string, string> = {
    统一社会信用代码: issueUscc(authority.code, "social_group", 9999),
    名称: "示例书画协会",
    类型: "社会团体",
    状态: "正常",
    状态日期: "",
    成立日期: "2020-01-31",
    法定代表人: "王示例",
    住所: "示例路 1 号",
    业务范围: "书画交流、展览、培训。",
    业务主管单位: "直接登记",
    "注册资金（元）": "30000.00",
    登记管理机关: authority.name,
    登记管理机关代码: authority.code,
    慈善组织: "否",
  };
  return IMPORT_COLUMNS.map((c) => example[c.header] ?? "");
}

/** The template as CSV: the headers and one example row for the registrar's own authority, which imports as is. */
export function importTemplateCsv(authority: { code: string; name: string }): string {
  return `${CSV_BOM}${csvLines([IMPORT_COLUMNS.map((c) => c.header), exampleRow(authority)])}`;
}

/**
 * The template as a workbook for Excel / WPS: the 登记信息 sheet (headers, the example row) and a 填写说明 sheet
 * explaining each column and how to save the filled sheet as the CSV the import reads.
 */
export function importTemplateXlsx(authority: {
  code: string;
  name: string;
}): Promise<Uint8Array<ArrayBuffer>> {
  return xlsxWorkbook([
    {
      name: "登记信息",
      columns: IMPORT_COLUMNS.map((c) => ({ header: c.header, kind: "text" as const })),
      rows: [exampleRow(authority)],
    },
    {
      name: "填写说明",
      columns: [
        { header: "列名", kind: "text", width: 18 },
        { header: "是否必填", kind: "text", width: 10 },
        { header: "填写说明", kind: "text", width: 60 },
      ],
      rows: [
        ...IMPORT_COLUMNS.map((c) => [c.header, c.required ? "必填" : "可不填", c.explain]),
        [
          "上传前",
          "",
          "删除示例行，在 Excel / WPS 中将“登记信息”工作表“另存为”“CSV UTF-8（逗号分隔）”后上传。",
        ],
      ],
    },
  ]);
}

/** Whether the preview kept its rows in error to download. */
export const hasErrorRows = (job: ImportJob) =>
  Boolean(job.preview.header && job.preview.errorCells && job.preview.errors.length > 0);

/** A preview's rows in error as CSV: the file's own columns as uploaded, then 错误原因 (null: the preview kept none). */
export function errorRowsCsv(job: ImportJob): string | null {
  const { header, errorCells, errors } = job.preview;
  if (!header || !errorCells || !hasErrorRows(job)) return null;
  const rows = errors.map((e) => [
    ...(errorCells[e.line] ?? header.map(() => "")),
    `第 ${e.line} 行：${e.reason}`,
  ]);
  return `${CSV_BOM}${csvLines([[...header, "错误原因"], ...rows])}`;
}
