/**
 * Search parameters shared by the pages and the open-data API: parsed with zod, each problem a Chinese message
 * keyed by the parameter's name. Unknown parameters are ignored.
 */

import { z } from "zod";
import { parseAsOf } from "../domain/as-of";
import { ORG_STATUSES, ORG_TYPES } from "../domain/org-kinds";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "../domain/text";
import { chinaDateOf, isIsoDate } from "../domain/working-days";

import { INSPECTION_OUTCOMES, type SearchQuery, searchQueryString } from "./contract";
import { MAX_QUERY_LENGTH, type SearchParams, TOTAL_CAP } from "./search";

export { INSPECTION_OUTCOMES, type SearchQuery, searchQueryString };

const date = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isIsoDate(v), `${label}应为有效日期，格式如 2020-01-31。`);

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (values as readonly string[]).includes(v), message)
    .transform((v) => v as T[number] | undefined);

const positiveInt = (message: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Number(v);
    });

export const searchQuerySchema = z
  .object({
    q: z
      .string()
      .optional()
      .refine((v) => v === undefined || !hasControlCharacters(v), `查询内容${CONTROL_CHARACTER_MESSAGE}`)
      .transform((v) => (v ?? "").replace(/\s+/g, " ").trim())
      .refine(
        (v) => Array.from(v).length <= MAX_QUERY_LENGTH,
        `查询内容不能超过${MAX_QUERY_LENGTH}个字，请缩短后再查。`,
      ),
    type: optionalEnum(ORG_TYPES, "类型应为社会团体、民办非企业单位或基金会。"),
    status: optionalEnum(ORG_STATUSES, "状态应为正常、注销、撤销或吊销。"),
    authority: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^[0-9A-Za-z]{1,20}$/.test(v), "登记管理机关代码格式不正确。"),
    subordinates: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || v === "1", "“含下级登记管理机关”只能勾选或不选。")
      .transform((v) => (v === "1" ? ("1" as const) : undefined)),
    supervisor: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine(
        (v) => v === undefined || /^(direct|decoupled|\d{1,9})$/.test(v),
        "业务主管单位请从列表中选择。",
      ),
    registered_from: date("成立日期（起）"),
    registered_to: date("成立日期（止）"),
    inspection: optionalEnum(INSPECTION_OUTCOMES, "年检结论应为合格、基本合格、不合格或未参检。"),
    inspection_year: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^(19|2[0-1])\d{2}$/.test(v), "年检年度应为四位数字的年份，如 2025。")
      .transform((v) => (v === undefined ? undefined : Number(v))),
    credit: optionalEnum(
      ["abnormal", "serious", "none"] as const,
      "信用状况应为活动异常名录、严重违法失信名单或未列入。",
    ),
    page: positiveInt("页码应为1以上的整数。", 1, 100000, 1),
    per_page: positiveInt("每页条数应为1至100之间的整数。", 1, 100, 20),
  })
  .superRefine((v, ctx) => {
    if (v.registered_from && v.registered_to && v.registered_from > v.registered_to) {
      ctx.addIssue({
        code: "custom",
        path: ["registered_to"],
        message: "成立日期（止）不能早于成立日期（起）。",
      });
    }
    if ((v.page - 1) * v.per_page >= TOTAL_CAP) {
      ctx.addIssue({
        code: "custom",
        path: ["page"],
        message: `只能浏览前${TOTAL_CAP.toLocaleString("en-US")}条结果，请增加筛选条件缩小范围。`,
      });
    }
  });

export type ParsedSearch =
  | { ok: true; query: SearchQuery; params: SearchParams }
  | { ok: false; fields: Record<string, string>; raw: Record<string, string> };

export function parseSearch(raw: Record<string, string>): ParsedSearch {
  const r = searchQuerySchema.safeParse(raw);
  if (!r.success) {
    const fields: Record<string, string> = {};
    for (const issue of r.error.issues) {
      const key = String(issue.path[0] ?? "q");
      fields[key] ??= issue.message;
    }
    return { ok: false, fields, raw };
  }
  const v = r.data;
  return {
    ok: true,
    query: v,
    params: {
      q: v.q || undefined,
      type: v.type,
      status: v.status,
      authorityCode: v.authority,
      withSubordinates: v.authority !== undefined && v.subordinates === "1",
      supervisor:
        v.supervisor === undefined
          ? undefined
          : v.supervisor === "direct" || v.supervisor === "decoupled"
            ? { mode: v.supervisor }
            : { unitId: Number(v.supervisor) },
      registeredFrom: v.registered_from,
      registeredTo: v.registered_to,
      // "last year's conclusion" — the year before today's (China time) unless a year is given.
      inspection: v.inspection
        ? {
            outcome: v.inspection,
            year: v.inspection_year ?? Number(chinaDateOf(new Date()).slice(0, 4)) - 1,
          }
        : undefined,
      credit: v.credit,
      page: v.page,
      perPage: v.per_page,
    },
  };
}

/**
 * The search page's query: the search itself and `?as_of=` (the register as at a past day). `errors` holds a Chinese
 * message per field; `past` is the day asked for, if any; `query` is what the form shows again; `q` the text typed.
 */
export function parseSearchPage(raw: Record<string, string>, today: string) {
  const parsed = parseSearch(raw);
  const asOf = raw.as_of === undefined || raw.as_of === "" ? null : parseAsOf(raw.as_of, today, null);
  const errors: Record<string, string> = {
    ...(parsed.ok ? {} : parsed.fields),
    ...(asOf?.kind === "invalid" ? { as_of: asOf.message } : {}),
  };
  const past = asOf?.kind === "past" ? asOf.date : undefined;
  const query = { ...(parsed.ok ? parsed.query : raw), ...(past ? { as_of: past } : {}) };
  const params = parsed.ok && asOf?.kind !== "invalid" ? parsed.params : null;
  /** The search in its normal form (a cache key), when it is valid. */
  const canonical = parsed.ok && params ? searchQueryString(parsed.query) : null;
  return { params, errors, past, query, canonical, q: typeof raw.q === "string" ? raw.q : undefined };
}
