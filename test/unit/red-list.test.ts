import { describe, expect, it } from "vitest";
import { criteriaWords, type RedListFacts, redListFailures } from "../../src/domain/red-list";

const good: RedListFacts = {
  status: "active",
  rating: "4A",
  ratingValidTo: "2028-12-31",
  filings: [
    { year: 2023, state: "published", conclusion: "qualified" },
    { year: 2024, state: "published", conclusion: "qualified" },
    { year: 2025, state: "published", conclusion: "qualified" },
  ],
  listings: [],
  penalties: [],
};
const today = "2026-12-04";

describe("the 红名单 criteria (守信激励)", () => {
  it("a 4A grade in force, three 合格 years and a clean three years: listed", () => {
    expect(redListFailures(good, today)).toEqual([]);
  });
  it("an expired or too low grade fails, in words", () => {
    expect(redListFailures({ ...good, ratingValidTo: "2026-12-01" }, today)).toEqual([
      "评估等级已于2026年12月1日到期",
    ]);
    expect(redListFailures({ ...good, rating: "3A" }, today)).toEqual(["评估等级为3A，未达到4A"]);
  });
  it("a 基本合格 year, a missing year or a 未参检 year fails", () => {
    const basic = good.filings.map((f) =>
      f.year === 2024 ? { ...f, conclusion: "basically_qualified" } : f,
    );
    expect(redListFailures({ ...good, filings: basic }, today)).toEqual(["2024年度年检结论不是合格"]);
    expect(redListFailures({ ...good, filings: good.filings.slice(1) }, today)).toEqual([
      "最近3个年度的年度检查结论不全",
    ]);
    const missed = good.filings.map((f) =>
      f.year === 2025 ? { ...f, state: "not_filed", conclusion: null } : f,
    );
    expect(redListFailures({ ...good, filings: missed }, today)).toEqual(["2025年度未参加年检"]);
  });
  it("a listing or a penalty within three years fails; an older one does not", () => {
    expect(
      redListFailures({ ...good, listings: [{ listedOn: "2024-05-01", removedOn: "2024-11-01" }] }, today),
    ).toEqual(["3年内曾被列入信用名单"]);
    expect(
      redListFailures({ ...good, listings: [{ listedOn: "2021-05-01", removedOn: "2022-11-01" }] }, today),
    ).toEqual([]);
    expect(redListFailures({ ...good, penalties: ["2025-01-10"] }, today)).toEqual(["3年内受到行政处罚"]);
  });
  it("[C] the criteria are settings: 5A only, two years", () => {
    const strict = { minRating: 5, qualifiedYears: 2, cleanYears: 2 };
    expect(redListFailures(good, today, strict)).toEqual(["评估等级为4A，未达到5A"]);
    expect(criteriaWords(strict)[1]).toBe("最近2个年度的年度检查结论均为合格");
  });
});
