import { describe, expect, it } from "vitest";
import {
  issueUscc,
  looksLikeUscc,
  normalizeUscc,
  orgCodeCheckChar,
  usccCheckChar,
  usccQueryProblem,
  validateUscc,
} from "../../src/domain/uscc";

describe("统一社会信用代码 validation", () => {
  it("R-B2: accepts the domain.md vector 53100000500019795A (a national 基金会)", () => {
    const r = validateUscc("53100000500019795A");
    expect(r).toMatchObject({ ok: true, type: "foundation", regionCode: "100000", warnings: [] });
  });

  it("R-B2: computes the check character of the enterprise vector 91350100M000100Y43", () => {
    expect(usccCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("R-B3: refuses an enterprise code as not issued by civil affairs", () => {
    const r = validateUscc("91350100M000100Y43");
    expect(r).toMatchObject({ ok: false, error: "not_civil_affairs", position: 1 });
  });

  it("R-B2: refuses 52110101MJ0018899X with the expected check character", () => {
    const r = validateUscc("52110101MJ0018899X");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe("check_digit");
      expect(r.message).toContain(`应为“${usccCheckChar("52110101MJ0018899")}”`);
    }
  });

  it("R-B1: refuses a wrong length and says how many characters were given", () => {
    const r = validateUscc("5310000050001979");
    expect(r).toMatchObject({ ok: false, error: "length" });
    if (!r.ok) expect(r.message).toContain("16位");
  });

  it("R-B1: refuses letters outside the alphabet (I, O, S, V, Z) and names the position", () => {
    const r = validateUscc("53100000500019795O");
    expect(r).toMatchObject({ ok: false, error: "character", position: 18 });
    if (!r.ok) expect(r.message).toContain("I、O、S、V、Z");
  });

  it("R-B1: refuses non-digits in positions 3–8", () => {
    const r = validateUscc("531A0000500019795A");
    expect(r).toMatchObject({ ok: false, error: "region_digits", position: 4 });
  });

  it("R-B3: refuses an unknown type digit in position 2", () => {
    const code17 = "54150300MA0000001";
    const r = validateUscc(code17 + usccCheckChar(code17));
    expect(r).toMatchObject({ ok: false, error: "type_digit", position: 2 });
  });

  it("R-B3: refuses a code whose type digit does not match the declared type", () => {
    const code = issueUscc("150302", "foundation", 7);
    expect(validateUscc(code, "social_group")).toMatchObject({ ok: false, error: "type_mismatch" });
    expect(validateUscc(code, "foundation")).toMatchObject({ ok: true });
  });

  it("normalizes case, spaces and full-width characters", () => {
    expect(normalizeUscc(" ５３１０００００５０００１９７９５ａ ")).toBe("53100000500019795A");
    expect(validateUscc("53100000500019795a").ok).toBe(true);
    expect(looksLikeUscc("53100000500019795a")).toBe(true);
    expect(looksLikeUscc("商会")).toBe(false);
  });

  it("R-B5: warns, without refusing, when the organization-code check does not hold", () => {
    const code17 = "52150302MJ0018899";
    const code = code17 + usccCheckChar(code17);
    const r = validateUscc(code);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.length).toBe(orgCodeCheckChar("MJ001889") === "9" ? 0 : 1);
  });
});

describe("统一社会信用代码 typed into the public search (R-B1, R-B2)", () => {
  it("R-B1: a code of the wrong length says how long it should be and how long it is", () => {
    expect(usccQueryProblem("5310000050001979")).toBe("统一社会信用代码应为18位，现为16位。");
    expect(usccQueryProblem("53100000500019795A1")).toBe("统一社会信用代码应为18位，现为19位。");
  });

  it("R-B1: a forbidden character names its position and the character", () => {
    expect(usccQueryProblem("53100000500019795I")).toContain("第18位“I”不是允许的字符");
    expect(usccQueryProblem("5310000O500019795A")).toContain("第8位“O”不是允许的字符");
    expect(usccQueryProblem("53100000500019795*")).toContain("第18位“*”不是允许的字符");
  });

  it("R-B2: a wrong check character says which one it should be and which one was given", () => {
    const expected = usccCheckChar("52110101MJ0018899");
    expect(expected).not.toBe("X");
    expect(usccQueryProblem("52110101mj0018899x")).toContain(`校验位应为“${expected}”，现为“X”`);
  });

  it("R-B1: names and valid codes are not reported as malformed codes", () => {
    expect(usccQueryProblem("53100000500019795A")).toBeNull();
    expect(usccQueryProblem("商会")).toBeNull();
    expect(usccQueryProblem("ABC自行车协会")).toBeNull();
    expect(usccQueryProblem("IBM Club")).toBeNull();
    expect(usccQueryProblem("")).toBeNull();
    expect(usccQueryProblem(undefined)).toBeNull();
  });
});

describe("统一社会信用代码 issuance", () => {
  it("R-B4/R-B6: issued codes validate, carry the region code and type digit, and pass the GB 11714 check", () => {
    for (const [type, digit] of [
      ["social_group", "1"],
      ["private_non_enterprise", "2"],
      ["foundation", "3"],
    ] as const) {
      for (const seq of [0, 1, 30, 31, 961, 123_456, 27_512_614_110]) {
        const code = issueUscc("150303", type, seq);
        const r = validateUscc(code, type);
        expect(r, code).toMatchObject({ ok: true, regionCode: "150303", warnings: [] });
        expect(code.slice(0, 2)).toBe(`5${digit}`);
      }
    }
  });

  it("R-B6: distinct sequence numbers never give the same code", () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 20_000; seq++) seen.add(issueUscc("150300", "social_group", seq));
    expect(seen.size).toBe(20_000);
  });

  it("refuses a malformed region code or sequence", () => {
    expect(() => issueUscc("15030", "social_group", 1)).toThrow();
    expect(() => issueUscc("150300", "social_group", -1)).toThrow();
  });
});
