import { describe, expect, it } from "vitest";
import { cnDate, cnDatesIn } from "../../src/domain/dates";

/** Every date a user reads is written 2026年3月31日 (the house's standard for pages, letters and public lists). */
describe("dates as people read them", () => {
  it("writes one date the Chinese way and an empty one as —", () => {
    expect(cnDate("2026-03-31")).toBe("2026年3月31日");
    expect(cnDate("2026-11-02T08:00:00Z")).toBe("2026年11月2日");
    expect(cnDate(null)).toBe("—");
    expect(cnDate("")).toBe("—");
  });

  it("rewrites every ISO date inside a stored text, and nothing that only looks like one", () => {
    expect(cnDatesIn("该组织于2026-11-12被撤销登记。")).toBe("该组织于2026年11月12日被撤销登记。");
    expect(cnDatesIn("登记管理机关于2026-01-05、2026-02-10两次寄送信件。")).toBe(
      "登记管理机关于2026年1月5日、2026年2月10日两次寄送信件。",
    );
    // Document numbers and longer digit runs are left as they are.
    expect(cnDatesIn("示民罚〔2026〕12号，编号 120260-01-011")).toBe(
      "示民罚〔2026〕12号，编号 120260-01-011",
    );
    expect(cnDatesIn("没有日期")).toBe("没有日期");
  });
});
