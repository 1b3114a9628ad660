/**
 * Form field helpers shared by every form schema (the annual report, the party-building ledger, the cadre register):
 * Chinese messages naming the field, blank treated as absent for optional fields, counts that accept full-width digits,
 * dates as YYYY-MM-DD, yes/no answers in the words people type, and free text refused when it carries control
 * characters (src/domain/text.ts).
 */
import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "./text";
import { isIsoDate } from "./working-days";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export function text(label: string, max = 200) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine((v) => !hasControlCharacters(v), `${label}${CONTROL_CHARACTER_MESSAGE}`);
}

export function optionalText(label: string, max = 200) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(max, `${label}不能超过${max}个字`)
      .refine((v) => !hasControlCharacters(v), `${label}${CONTROL_CHARACTER_MESSAGE}`)
      .optional(),
  );
}

export function date(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine(isIsoDate, `${label}格式不正确，应为“年-月-日”，如 2025-03-31`);
}

export function optionalDate(label: string) {
  return z.preprocess(blankToUndefined, date(label).optional());
}

const MAX_COUNT = 10_000_000;

export function count(label: string, min = 0) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.normalize("NFKC").trim() : v),
    z
      .union([z.number(), z.string().regex(/^\d+$/, `${label}应为整数`).transform(Number)], {
        error: (iss) => (iss.input === undefined || iss.input === "" ? `请填写${label}` : `${label}应为整数`),
      })
      .pipe(
        z
          .number()
          .int(`${label}应为整数`)
          .min(min, min === 0 ? `${label}不能为负数` : `${label}至少为${min}`)
          .max(MAX_COUNT, `${label}过大`),
      ),
  );
}

export function optionalCount(label: string, min = 0) {
  return z.preprocess(blankToUndefined, count(label, min).optional());
}

const TRUE_WORDS = new Set(["true", "1", "on", "yes", "是", "有"]);
const FALSE_WORDS = new Set(["false", "0", "off", "no", "否", "无"]);

/** A yes/no question that must be answered. */
export function yesNo(label: string) {
  return z.union([z.boolean(), z.string()], { error: `请选择${label}` }).transform((v, ctx): boolean => {
    if (typeof v === "boolean") return v;
    const w = v.trim().toLowerCase();
    if (TRUE_WORDS.has(w)) return true;
    if (FALSE_WORDS.has(w)) return false;
    ctx.addIssue({ code: "custom", message: `请选择${label}` });
    return z.NEVER;
  });
}

/** A checkbox: absent means no. */
export function checkbox(label: string) {
  return z.preprocess((v) => (v === undefined || v === "" ? false : v), yesNo(label));
}

export function enumField<T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.enum(values, { error: `请选择${label}` });
}

export function optionalEnum<T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.preprocess(blankToUndefined, enumField(values, label).optional());
}
