/**
 * Reading a register CSV: header names (English or Chinese) mapped to columns, each row checked on its own against the
 * row schema, and the checks across rows (duplicate codes and names, the registrar's own authority). A bad row becomes
 * a row error with its line number and reason; nothing here writes.
 */

import { parse } from "csv-parse/sync";
import { z } from "zod";
import { ORG_STATUSES, ORG_TYPES, type OrgStatus, type OrgType } from "../../db/schema";
import { parseYuan } from "../domain/money";
import { validateUscc } from "../domain/uscc";
import { isIsoDate } from "../domain/working-days";

const HEADER_ALIASES: Record<string, string> = {
  uscc: "uscc",
  统一社会信用代码: "uscc",
  name: "name",
  名称: "name",
  type: "type",
  类型: "type",
  status: "status",
  状态: "status",
  registered_on: "registered_on",
  成立日期: "registered_on",
  legal_representative: "legal_representative",
  法定代表人: "legal_representative",
  address: "address",
  住所: "address",
  business_scope: "business_scope",
  业务范围: "business_scope",
  supervisor: "supervisor",
  业务主管单位: "supervisor",
  authority_code: "authority_code",
  登记管理机关代码: "authority_code",
  authority_name: "authority_name",
  登记管理机关: "authority_name",
  capital_yuan: "capital_yuan",
  "注册资金(元)": "capital_yuan",
  "注册资金（元）": "capital_yuan",
  // The date the row's status took effect (注销/撤销/吊销 date; 成立 date while 正常), as the export writes it.
  status_on: "status_on",
  状态日期: "status_on",
  is_charity: "is_charity",
  慈善组织: "is_charity",
};
const REQUIRED = ["uscc", "name", "type", "registered_on", "authority_code", "authority_name"];

const TYPE_WORDS: Record<string, OrgType> = {
  social_group: "social_group",
  社会团体: "social_group",
  private_non_enterprise: "private_non_enterprise",
  民办非企业单位: "private_non_enterprise",
  社会服务机构: "private_non_enterprise",
  "民办非企业单位/社会服务机构": "private_non_enterprise",
  foundation: "foundation",
  基金会: "foundation",
};
const YES_NO: Record<string, boolean> = {
  是: true,
  否: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
};
const STATUS_WORDS: Record<string, OrgStatus> = {
  active: "active",
  正常: "active",
  deregistered: "deregistered",
  注销: "deregistered",
  revoked: "revoked",
  撤销: "revoked",
  license_revoked: "license_revoked",
  吊销: "license_revoked",
};

function normalizeDate(v: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(v.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isIsoDate(d) ? d : null;
}

const rowSchema = z.object({
  uscc: z.string().trim().min(1, "缺少统一社会信用代码"),
  name: z.string().trim().min(1, "缺少名称").max(100, "名称超过100个字"),
  type: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const t = TYPE_WORDS[v];
      if (!t)
        ctx.addIssue({
          code: "custom",
          message: `类型“${v}”无法识别（应为 ${ORG_TYPES.join("/")} 或 社会团体/民办非企业单位/社会服务机构/基金会）`,
        });
      return t ?? ("social_group" as OrgType);
    }),
  status: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return "active" as OrgStatus;
      const s = STATUS_WORDS[v];
      if (!s)
        ctx.addIssue({
          code: "custom",
          message: `状态“${v}”无法识别（应为 ${ORG_STATUSES.join("/")} 或 正常/注销/撤销/吊销）`,
        });
      return s ?? ("active" as OrgStatus);
    }),
  registered_on: z.string().transform((v, ctx) => {
    const d = normalizeDate(v);
    if (!d)
      ctx.addIssue({ code: "custom", message: `成立日期“${v}”格式不正确（应为 2020-01-31 或 2020/1/31）` });
    return d ?? "";
  }),
  status_on: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const d = normalizeDate(v);
      if (!d)
        ctx.addIssue({ code: "custom", message: `状态日期“${v}”格式不正确（应为 2020-01-31 或 2020/1/31）` });
      return d;
    }),
  is_charity: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      const b = YES_NO[v.trim().toLowerCase()];
      if (b === undefined)
        ctx.addIssue({ code: "custom", message: `慈善组织“${v}”无法识别（应为 是 或 否）` });
      return b;
    }),
  legal_representative: z.string().trim().max(50, "法定代表人超过50个字").optional().default(""),
  address: z.string().trim().max(200, "住所超过200个字").optional().default(""),
  business_scope: z.string().trim().max(2000, "业务范围过长").optional().default(""),
  supervisor: z.string().trim().max(100).optional().default(""),
  authority_code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "登记管理机关代码应为6位行政区划代码"),
  authority_name: z.string().trim().min(1, "缺少登记管理机关名称").max(100),
  capital_yuan: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return 0;
      const r = parseYuan(v);
      if (!r.ok) ctx.addIssue({ code: "custom", message: `注册资金：${r.message}` });
      return r.ok ? r.fen : 0;
    }),
});
export type Row = z.infer<typeof rowSchema>;

/** A row that passed its checks, with the line it was read from. */
export interface ValidRow {
  line: number;
  row: Row;
}

export interface RowError {
  line: number;
  reason: string;
}

export interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

class DuplicateHeader extends Error {
  constructor(readonly names: string[]) {
    super(`duplicate header: ${names.join(", ")}`);
  }
}

/**
 * The data rows of a register CSV (a UTF-8 BOM is accepted), or the one error that stops the whole file: a malformed
 * CSV, a column named twice, no data rows, or a required column missing.
 */
export function readRegisterRecords(
  text: string,
): { records: CsvRecord[]; header: string[] } | { error: RowError } {
  let records: CsvRecord[];
  let original: string[] = [];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => {
        original = header.map((h) => h.trim());
        const keys = header.map((h) => HEADER_ALIASES[h.trim()] ?? `?${h.trim()}`);
        const twice = header.filter((_, i) => keys.indexOf(keys[i]!) !== keys.lastIndexOf(keys[i]!));
        if (twice.length > 0) throw new DuplicateHeader(twice.map((h) => h.trim()));
        return keys;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as typeof records;
  } catch (err) {
    if (err instanceof DuplicateHeader) {
      return {
        error: {
          line: 1,
          reason: `表头中有重复的列：${err.names.join("、")}（同一列只能出现一次，中英文列名也算同一列）`,
        },
      };
    }
    return {
      error: {
        line: (err as { lines?: number }).lines ?? 1,
        reason: `CSV 格式错误：${(err as Error).message}`,
      },
    };
  }
  if (records.length === 0) return { error: { line: 1, reason: "文件中没有数据行（只有表头或为空）。" } };
  const missing = REQUIRED.filter((k) => !(k in records[0]!.record));
  if (missing.length) return { error: { line: 1, reason: `表头缺少列：${missing.join("、")}` } };
  return { records, header: original };
}

/** A record's cells in the file's column order (for the rows in error, downloaded as they were uploaded). */
export function cellsOf(record: CsvRecord, header: string[]): string[] {
  const values = Object.values(record.record);
  return header.map((_, i) => String(values[i] ?? ""));
}

/**
 * The rows with index in [from, to) that pass their own checks and do not repeat an earlier row's 统一社会信用代码 or
 * (within one authority) name (R-A4); every other row in that range is pushed to `errors`.
 */
export function validateRecords(
  records: CsvRecord[],
  errors: RowError[],
  options: { fromRow?: number; toRow?: number; onlyAuthorityCode?: string },
): ValidRow[] {
  const valid: ValidRow[] = [];
  const seenCodes = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const from = options.fromRow ?? 0;
  const to = options.toRow ?? records.length;
  for (const [index, { record, info }] of records.entries()) {
    if (index < from || index >= to) continue;
    const line = info.lines;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      errors.push({ line, reason: parsed.error.issues.map((i) => i.message).join("；") });
      continue;
    }
    const row = parsed.data;
    const v = validateUscc(row.uscc, row.type);
    if (!v.ok) {
      errors.push({ line, reason: `统一社会信用代码：${v.message}` });
      continue;
    }
    row.uscc = v.code;
    if (row.status_on && row.status_on < row.registered_on) {
      errors.push({ line, reason: `状态日期 ${row.status_on} 早于成立日期 ${row.registered_on}` });
      continue;
    }
    if (options.onlyAuthorityCode && row.authority_code !== options.onlyAuthorityCode) {
      errors.push({
        line,
        reason: `登记管理机关代码为 ${row.authority_code}，不是本机关（${options.onlyAuthorityCode}）：只能导入本机关登记的组织`,
      });
      continue;
    }
    const nameKey = `${row.authority_code}|${row.name}`;
    if (seenCodes.has(row.uscc)) {
      errors.push({ line, reason: `统一社会信用代码与第${seenCodes.get(row.uscc)}行重复` });
      continue;
    }
    if (seenNames.has(nameKey)) {
      errors.push({
        line,
        reason: `名称与第${seenNames.get(nameKey)}行在同一登记管理机关内重复（R-A4）`,
      });
      continue;
    }
    seenCodes.set(row.uscc, line);
    seenNames.set(nameKey, line);
    valid.push({ line, row });
  }
  return valid;
}
