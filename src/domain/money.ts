/**
 * Money as people type it (yuan) and as the system keeps it (integer fen, R-A5: exact decimal).
 *
 * Parsing never goes through floating point: "0.29" is 29 fen, not 28.999…. Accepted: "1234", "1,234.5",
 * full-width "１２３４．５０" and "１，２３４", spaces as thousands separators "1 234.50", a ¥/￥ sign, a trailing 元,
 * and a leading minus only when the caller allows negatives. Refused with a Chinese reason: anything else.
 */
import { z } from "zod";

/** Largest accepted amount: 10^13 yuan (10^15 fen, still an exact JavaScript integer). */
export const MAX_YUAN = 10_000_000_000_000n;
const MAX_FEN = MAX_YUAN * 100n;

export type MoneyErrorCode = "empty" | "format" | "decimals" | "separator" | "too_large" | "negative";

export type ParseYuanResult =
  | { ok: true; fen: number }
  | { ok: false; code: MoneyErrorCode; message: string };

export interface ParseYuanOptions {
  /** Allow a leading minus (e.g. net assets may be negative). Default false. */
  allowNegative?: boolean;
}

const FORMAT = "金额格式不正确：";

function fail(code: MoneyErrorCode, message: string): ParseYuanResult {
  return { ok: false, code, message };
}

/** Parses an amount in yuan into integer fen. */
export function parseYuan(input: string, options: ParseYuanOptions = {}): ParseYuanResult {
  // NFKC folds full-width digits, ，．－ and ￥ and the ideographic space into their ASCII forms.
  let s = input
    .normalize("NFKC")
    .replace(/[\u2212\u2012\u2013]/g, "-")
    .replace(/\u3002/g, ".")
    .replace(/\s/g, " ")
    .trim();
  if (s === "") return fail("empty", "请填写金额");

  // One optional sign, before or after the currency sign: "-¥12.30", "¥-12.30".
  const head = /^([+-])?\s*¥?\s*([+-])?\s*/.exec(s)!;
  if (head[1] && head[2]) return fail("format", `${FORMAT}正负号重复`);
  const negative = (head[1] ?? head[2]) === "-";
  s = s.slice(head[0].length);
  s = s.replace(/\s*元$/, "");

  const bad = /[^0-9., ]/.exec(s);
  if (bad) return fail("format", `${FORMAT}“${bad[0]}”不是数字，只能填写数字、千分位逗号和小数点`);
  const parts = s.split(".");
  if (parts.length > 2) return fail("format", `${FORMAT}只能有一个小数点`);
  const intPart = parts[0]!;
  const decPart = parts[1];
  if (decPart !== undefined) {
    if (/[^0-9]/.test(decPart)) return fail("separator", `${FORMAT}小数点后只能是数字`);
    if (decPart === "") return fail("format", `${FORMAT}小数点后缺少数字`);
    if (decPart.length > 2) return fail("decimals", `${FORMAT}最多保留两位小数（精确到分）`);
  }
  if (intPart === "" && decPart === undefined) return fail("format", `${FORMAT}没有数字`);

  let digits = intPart;
  if (/[, ]/.test(intPart)) {
    const hasComma = intPart.includes(",");
    const hasSpace = intPart.includes(" ");
    if (hasComma && hasSpace) return fail("separator", `${FORMAT}千分位分隔符不一致，请只用逗号或只用空格`);
    const groups = intPart.split(hasComma ? "," : " ");
    const [first, ...rest] = groups;
    const firstOk = first !== undefined && /^[1-9][0-9]{0,2}$/.test(first);
    if (!firstOk || rest.some((g) => !/^[0-9]{3}$/.test(g))) {
      return fail(
        "separator",
        `${FORMAT}千分位分隔符位置不正确（“${intPart}”），应每三位一组，如 1,234,567.89`,
      );
    }
    digits = groups.join("");
  }

  const fenBig = BigInt(digits === "" ? "0" : digits) * 100n + BigInt((decPart ?? "").padEnd(2, "0"));
  if (fenBig > MAX_FEN) return fail("too_large", `金额过大：不能超过 ${formatYuanBig(MAX_YUAN)} 元`);
  if (negative && fenBig !== 0n && !options.allowNegative) return fail("negative", "金额不能为负数");
  const fen = Number(fenBig);
  return { ok: true, fen: negative && fen !== 0 ? -fen : fen };
}

function formatYuanBig(yuan: bigint): string {
  return yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not an integer amount in fen: ${fen}`);
}

/** 123450 → "1,234.50" (for people). Negative amounts get a leading minus. */
export function formatFen(fen: number): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${fen < 0 ? "-" : ""}${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

/** 123450 → "1234.50" (the API's decimal string: no separators, always two decimals). */
export function fenToDecimalString(fen: number): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * A zod field for an amount: a string is yuan as a person or the API writes it (parsed by `parseYuan`, errors in
 * Chinese); a number is already integer fen (stored data). The output is always integer fen.
 */
export function moneyField(options: ParseYuanOptions = {}) {
  const error = (iss: { input?: unknown }) => (iss.input === undefined ? "请填写金额" : "金额格式不正确");
  return z.union([z.string(), z.number()], { error }).transform((value, ctx): number => {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value) || Math.abs(value) > Number(MAX_FEN)) {
        ctx.addIssue({ code: "custom", message: "金额格式不正确：应为以分为单位的整数" });
        return z.NEVER;
      }
      if (value < 0 && !options.allowNegative) {
        ctx.addIssue({ code: "custom", message: "金额不能为负数" });
        return z.NEVER;
      }
      return value;
    }
    const r = parseYuan(value, options);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.fen;
  });
}
