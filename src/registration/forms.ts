import { z } from "zod";
import { parseYuan } from "../domain/money";
import { ORG_TYPES, type OrgType } from "../domain/org-kinds";
import {
  type ApplicationKind,
  CHANGE_ITEMS,
  type ChangeItem,
  DIRECT_CATEGORIES,
  type DirectCategory,
} from "../domain/registration";
import { isIsoDate } from "../domain/working-days";

/**
 * The application forms: what each kind of application holds, parsed from form fields. A draft may be
 * incomplete (the rules in src/domain/registration.ts say what is missing); a value that is present must be well
 * formed, or nothing is saved and the field says why.
 */

export interface EstablishmentData {
  name?: string;
  type?: OrgType;
  foundationKind?: "public" | "non_public";
  address?: string;
  purpose?: string;
  businessScope?: string;
  activityArea?: string;
  legalRepresentative?: string;
  capitalFen?: number;
  individualMembers?: number;
  unitMembers?: number;
  boardSize?: number;
  boardTermYears?: number;
  supervisionMode?: "supervised" | "direct";
  /** R-A11: the category that allows 直接登记, and the 党建领导机关 named instead of a 业务主管单位. */
  directCategory?: DirectCategory;
  partyBuildingAuthority?: string;
  supervisorUnitId?: number;
  isCharity?: boolean;
  partyCommitment?: boolean;
  /** R-F3 党员情况调查表: the founders' party members, needed before the certificate is issued. */
  partyFullMembers?: number;
  partyProbationaryMembers?: number;
  partyActivists?: number;
  partySecretaryCandidate?: string;
  charter?: string;
  phone?: string;
  email?: string;
}

export {
  CHANGE_ITEM_LABELS,
  CHANGE_ITEMS,
  type ChangeItem,
  DIRECT_CATEGORIES,
  DIRECT_CATEGORY_LABELS,
  type DirectCategory,
} from "../domain/registration";

export interface ChangeData {
  items?: ChangeItem[];
  name?: string;
  address?: string;
  legalRepresentative?: string;
  purpose?: string;
  businessScope?: string;
  capitalFen?: number;
  supervisorUnitId?: number;
  activityArea?: string;
  supervisorApprovedOn?: string;
  /** R-A8: the financial audit done before a change of legal representative. */
  auditReportNo?: string;
  explanation?: string;
}

export interface CharterData {
  charter?: string;
  changedClauses?: string;
  supervisorApprovedOn?: string;
}

export interface DeregistrationData {
  liquidationEndedOn?: string;
  liquidationReport?: string;
  reason?: string;
}

export type ApplicationData = EstablishmentData | ChangeData | CharterData | DeregistrationData;

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字。`)
    .optional()
    .transform((v) => (v ? v : undefined));

const count = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const n = Number(v.normalize("NFKC").replace(/[,，]/g, ""));
      if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
        ctx.addIssue({ code: "custom", message: `${label}应为不小于 0 的整数。` });
        return z.NEVER;
      }
      return n;
    });

const money = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const r = parseYuan(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return Number(r.fen);
  });

const date = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      if (!isIsoDate(v)) {
        ctx.addIssue({ code: "custom", message: `${label}应为有效日期，格式 年-月-日，例如 2026-10-08。` });
        return z.NEVER;
      }
      return v;
    });

const id = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on" || v === "true");

const EstablishmentForm = z.object({
  name: text(50, "名称"),
  type: z
    .enum(ORG_TYPES, { error: "请选择类型。" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  foundationKind: z
    .enum(["public", "non_public"], { error: "请选择公募或非公募。" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  address: text(100, "住所"),
  purpose: text(500, "宗旨"),
  businessScope: text(1000, "业务范围"),
  activityArea: text(50, "活动地域"),
  legalRepresentative: text(20, "法定代表人"),
  capital: money,
  individualMembers: count("个人会员数"),
  unitMembers: count("单位会员数"),
  boardSize: count("理事人数"),
  boardTermYears: count("理事任期"),
  supervisionMode: z
    .enum(["supervised", "direct"], { error: "请选择管理方式。" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  supervisorUnitId: id,
  directCategory: z
    .enum(DIRECT_CATEGORIES, { error: "请选择直接登记的类别。" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  partyBuildingAuthority: text(50, "党建领导机关"),
  isCharity: checkbox,
  partyCommitment: checkbox,
  partyFullMembers: count("正式党员人数"),
  partyProbationaryMembers: count("预备党员人数"),
  partyActivists: count("入党积极分子人数"),
  partySecretaryCandidate: text(20, "党组织书记人选"),
  charter: text(20000, "章程"),
  phone: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !v || /^[0-9+\-() ]{7,20}$/.test(v),
      "联系电话格式不正确，例如 0471-1234567 或 13800000000。",
    )
    .transform((v) => v || undefined),
  email: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), "电子邮箱格式不正确。")
    .transform((v) => v || undefined),
});

const ChangeForm = z.object({
  items: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
      const bad = list.filter((x) => !(CHANGE_ITEMS as readonly string[]).includes(x));
      if (bad.length) {
        ctx.addIssue({ code: "custom", message: "请从列表中选择变更事项。" });
        return z.NEVER;
      }
      return list as ChangeItem[];
    }),
  name: text(50, "新名称"),
  address: text(100, "新住所"),
  legalRepresentative: text(20, "新法定代表人"),
  purpose: text(500, "新宗旨"),
  businessScope: text(1000, "新业务范围"),
  capital: money,
  supervisorUnitId: id,
  activityArea: text(50, "新活动地域"),
  supervisorApprovedOn: date("业务主管单位同意日期"),
  auditReportNo: text(60, "审计报告文号"),
  explanation: text(1000, "说明"),
});

const CharterForm = z.object({
  charter: text(20000, "章程"),
  changedClauses: text(5000, "修改条款"),
  supervisorApprovedOn: date("业务主管单位同意日期"),
});

const DeregistrationForm = z.object({
  liquidationEndedOn: date("清算结束日期"),
  liquidationReport: text(10000, "清算报告"),
  reason: text(1000, "注销原因"),
});

export type FormResult = { ok: true; data: ApplicationData } | { ok: false; errors: Record<string, string> };

function errorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== false)) as T;
}

/** Parses the posted form of an application of `kind`. */
export function parseApplicationForm(
  kind: ApplicationKind,
  raw: Record<string, string | string[]>,
): FormResult {
  switch (kind) {
    case "establishment": {
      const r = EstablishmentForm.safeParse(raw);
      if (!r.success) return { ok: false, errors: errorsOf(r.error) };
      const { capital, ...rest } = r.data;
      return { ok: true, data: dropUndefined({ ...rest, capitalFen: capital }) };
    }
    case "change": {
      const r = ChangeForm.safeParse(raw);
      if (!r.success) return { ok: false, errors: errorsOf(r.error) };
      const { capital, ...rest } = r.data;
      return { ok: true, data: dropUndefined({ ...rest, capitalFen: capital }) };
    }
    case "charter": {
      const r = CharterForm.safeParse(raw);
      return r.success ? { ok: true, data: dropUndefined(r.data) } : { ok: false, errors: errorsOf(r.error) };
    }
    case "deregistration": {
      const r = DeregistrationForm.safeParse(raw);
      return r.success ? { ok: true, data: dropUndefined(r.data) } : { ok: false, errors: errorsOf(r.error) };
    }
  }
}

/** The form's fields as strings again, to fill the inputs. */
export function formValues(data: ApplicationData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === "capitalFen" && typeof v === "number") out.capital = (v / 100).toFixed(2);
    else if (Array.isArray(v)) out[k] = v.map(String);
    else if (typeof v === "boolean") out[k] = v ? "1" : "";
    else if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}
