import { describe, expect, it } from "vitest";
import { fenToDecimalString, formatFen, moneyField, parseYuan } from "../../src/domain/money";

const fen = (input: string, allowNegative = false) => {
  const r = parseYuan(input, { allowNegative });
  if (!r.ok) throw new Error(`${input}: ${r.message}`);
  return r.fen;
};
const refusal = (input: string, allowNegative = false) => {
  const r = parseYuan(input, { allowNegative });
  if (r.ok) throw new Error(`${input} was accepted as ${r.fen}`);
  return r;
};

describe("parsing yuan into fen (R-A5: exact, integer fen)", () => {
  it("R-A5: reads plain, decimal and thousands-separated amounts", () => {
    expect(fen("1234")).toBe(123_400);
    expect(fen("1,234.5")).toBe(123_450);
    expect(fen("1,234,567.89")).toBe(123_456_789);
    expect(fen("0")).toBe(0);
    expect(fen("0.05")).toBe(5);
    expect(fen(".5")).toBe(50);
    expect(fen("007")).toBe(700);
    expect(fen("  12.30  ")).toBe(1_230);
  });

  it("R-A5: reads full-width digits, comma and period as typed with a Chinese input method", () => {
    expect(fen("１２３４.５０")).toBe(123_450);
    expect(fen("１，２３４．５")).toBe(123_450);
    expect(fen("１２３４。５")).toBe(123_450);
    expect(fen("￥１２")).toBe(1_200);
  });

  it("R-A5: reads spaces as thousands separators, a yuan sign and a trailing 元", () => {
    expect(fen("1 234.50")).toBe(123_450);
    expect(fen("1\u00a0234\u00a0567")).toBe(123_456_700);
    expect(fen("1\u3000234")).toBe(123_400);
    expect(fen("¥1,234.00")).toBe(123_400);
    expect(fen("¥ 1,234")).toBe(123_400);
    expect(fen("1234元")).toBe(123_400);
    expect(fen("+5")).toBe(500);
  });

  it("R-A5: is exact where floating point is not (0.29 is 29 fen, every cent from 0.00 to 99.99)", () => {
    expect(fen("0.29")).toBe(29);
    expect(fen("1.15")).toBe(115);
    expect(fen("4.35")).toBe(435);
    expect(fen("9007199254740.99")).toBe(900_719_925_474_099);
    for (let c = 0; c < 10_000; c++) {
      expect(fen(`${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`)).toBe(c);
    }
  });

  it("R-A5: accepts negatives only when the caller allows them", () => {
    expect(refusal("-12.30")).toMatchObject({ code: "negative", message: "金额不能为负数" });
    expect(fen("-12.30", true)).toBe(-1_230);
    expect(fen("－１２.３", true)).toBe(-1_230);
    expect(fen("-¥12.30", true)).toBe(-1_230);
    expect(fen("¥-12.30", true)).toBe(-1_230);
    expect(fen("-0")).toBe(0);
    expect(Object.is(fen("-0.00", true), -0)).toBe(false);
  });

  it("R-A5: refuses nonsense with a Chinese reason", () => {
    expect(refusal("abc")).toMatchObject({ code: "format" });
    expect(refusal("abc").message).toMatch(/^金额格式不正确：/);
    expect(refusal("12a").message).toContain("“a”");
    expect(refusal("1.2.3").message).toContain("只能有一个小数点");
    expect(refusal("1.").message).toContain("小数点后缺少数字");
    expect(refusal("¥").code).toBe("format");
    expect(refusal("--3").code).toBe("format");
    expect(refusal("1e5").code).toBe("format");
    expect(refusal("").message).toBe("请填写金额");
    expect(refusal("   ").code).toBe("empty");
  });

  it("R-A5: refuses more than two decimals", () => {
    expect(refusal("1.234")).toMatchObject({ code: "decimals" });
    expect(refusal("0.001").message).toContain("两位小数");
  });

  it("R-A5: refuses misplaced or mixed thousands separators", () => {
    for (const bad of ["1,23,4", "12,34", "1,2345", ",123", "123,", "0,123", "1,,234", "1 23"]) {
      expect(refusal(bad).code).toBe("separator");
    }
    expect(refusal("1,23,4").message).toContain("千分位分隔符位置不正确");
    expect(refusal("1,234 567").message).toContain("不一致");
    expect(refusal("1.2,3").code).toBe("separator");
  });

  it("R-A5: refuses amounts above 10^13 yuan", () => {
    expect(fen("10000000000000")).toBe(1e15);
    expect(fen("10,000,000,000,000.00")).toBe(1e15);
    expect(refusal("10000000000000.01")).toMatchObject({ code: "too_large" });
    expect(refusal("99999999999999999999").message).toContain("金额过大");
  });
});

describe("formatting fen", () => {
  it("R-A5: formats for people with thousands separators and two decimals", () => {
    expect(formatFen(123_450)).toBe("1,234.50");
    expect(formatFen(0)).toBe("0.00");
    expect(formatFen(5)).toBe("0.05");
    expect(formatFen(100_000_000)).toBe("1,000,000.00");
    expect(formatFen(-123_456)).toBe("-1,234.56");
    expect(formatFen(-5)).toBe("-0.05");
  });

  it("R-A5: formats the API's decimal string without separators", () => {
    expect(fenToDecimalString(123_450)).toBe("1234.50");
    expect(fenToDecimalString(29)).toBe("0.29");
    expect(fenToDecimalString(-5)).toBe("-0.05");
    expect(fenToDecimalString(1e15)).toBe("10000000000000.00");
  });

  it("R-A5: formatting and parsing round-trip", () => {
    for (const v of [0, 1, 29, 99, 100, 123_456_789, 1e15]) {
      expect(fen(formatFen(v))).toBe(v);
      expect(fen(fenToDecimalString(v))).toBe(v);
    }
  });

  it("R-A5: refuses to format a non-integer amount", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => fenToDecimalString(Number.NaN)).toThrow(RangeError);
  });
});

describe("moneyField (zod)", () => {
  it("R-A5: turns a yuan string into fen and keeps a fen number", () => {
    expect(moneyField().parse("1,234.50")).toBe(123_450);
    expect(moneyField().parse(123_450)).toBe(123_450);
    expect(moneyField({ allowNegative: true }).parse("-1")).toBe(-100);
  });

  it("R-A5: reports the parse reason, negatives, fractional fen and a missing value in Chinese", () => {
    const msg = (v: unknown, opts = {}) => {
      const r = moneyField(opts).safeParse(v);
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(msg("1,23,4")).toMatch(/^金额格式不正确：千分位/);
    expect(msg("-5")).toBe("金额不能为负数");
    expect(msg(-5)).toBe("金额不能为负数");
    expect(msg(1.5)).toContain("整数");
    expect(msg(undefined)).toBe("请填写金额");
    expect(msg(true)).toBe("金额格式不正确");
    expect(msg(-5, { allowNegative: true })).toBeNull();
  });
});
