import { describe, expect, it } from "vitest";
import { type GradeFacts, gradeDowngrade, gradeHistory } from "../../src/domain/evaluation";
import { foundationLevelProblems, mayRegisterType } from "../../src/domain/registration";
import { createCalendar, yearsWithoutCalendar } from "../../src/domain/working-days";

const base: GradeFacts = {
  rating: "4A",
  ratingValidTo: "2028-06-30",
  filings: [{ id: 1, year: 2024, state: "published", conclusion: "qualified", on: "2025-05-20" }],
  penalties: [],
  applied: new Set(),
};
const TODAY = "2026-12-04";

describe("R-G2 downgrades", () => {
  it("R-G2: nothing changes without a ground", () => {
    expect(gradeDowngrade(base, TODAY)).toBeNull();
  });

  it("R-G2: a 不合格 conclusion revokes the grade", () => {
    const d = gradeDowngrade(
      {
        ...base,
        filings: [{ id: 2, year: 2025, state: "published", conclusion: "unqualified", on: "2026-05-20" }],
      },
      TODAY,
    );
    expect(d).toEqual({
      from: "4A",
      to: null,
      grounds: [{ key: "inspection:2", on: "2026-05-20", effect: "revoke", reason: "2025年度年检不合格" }],
    });
  });

  it("R-G2: a missed 年检 revokes the grade", () => {
    const d = gradeDowngrade(
      { ...base, filings: [{ id: 3, year: 2025, state: "not_filed", conclusion: null, on: "2026-06-01" }] },
      TODAY,
    );
    expect(d?.to).toBeNull();
    expect(d?.grounds[0]?.reason).toBe("2025年度未参加年检");
  });

  it("R-G2: two 基本合格 in a row lower the grade one level; one alone does not", () => {
    const one = {
      id: 4,
      year: 2024,
      state: "published",
      conclusion: "basically_qualified",
      on: "2025-05-20",
    };
    const two = {
      id: 5,
      year: 2025,
      state: "published",
      conclusion: "basically_qualified",
      on: "2026-05-20",
    };
    expect(gradeDowngrade({ ...base, filings: [one] }, TODAY)).toBeNull();
    expect(gradeDowngrade({ ...base, filings: [one, two] }, TODAY)?.to).toBe("3A");
  });

  it("R-G2: a penalty lowers one level, and 1A lowered is revoked", () => {
    const penalties = [{ id: 9, decidedOn: "2026-03-01", documentNo: "示民罚〔2026〕1号" }];
    expect(gradeDowngrade({ ...base, penalties }, TODAY)?.to).toBe("3A");
    expect(gradeDowngrade({ ...base, rating: "1A", penalties }, TODAY)?.to).toBeNull();
  });

  it("R-G2: a ground already acted on, older than the grade, or after today does not count", () => {
    const penalties = [{ id: 9, decidedOn: "2026-03-01", documentNo: "示民罚〔2026〕1号" }];
    expect(gradeDowngrade({ ...base, penalties, applied: new Set(["penalty:9"]) }, TODAY)).toBeNull();
    expect(
      gradeDowngrade({ ...base, penalties: [{ ...penalties[0]!, decidedOn: "2023-01-01" }] }, TODAY),
    ).toBeNull();
    expect(
      gradeDowngrade({ ...base, penalties: [{ ...penalties[0]!, decidedOn: "2026-12-05" }] }, TODAY),
    ).toBeNull();
  });

  it("R-G1: an expired grade is not downgraded", () => {
    const penalties = [{ id: 9, decidedOn: "2026-03-01", documentNo: "示民罚〔2026〕1号" }];
    expect(gradeDowngrade({ ...base, ratingValidTo: "2026-06-30", penalties }, TODAY)).toBeNull();
  });
});

describe("grade history (R-G1, R-G2)", () => {
  it("R-G1: the current grade is current until its validity ends, then expired", () => {
    expect(gradeHistory({ rating: "3A", ratingValidTo: "2027-01-31" }, [], TODAY)[0]?.state).toBe("current");
    expect(gradeHistory({ rating: "3A", ratingValidTo: "2026-01-31" }, [], TODAY)[0]).toEqual({
      grade: "3A",
      validFrom: "2021-02-01",
      validTo: "2026-01-31",
      state: "expired",
      endedOn: "2026-01-31",
      reason: null,
    });
  });

  it("R-G2: a lowered grade is followed by the one it was lowered from, newest first", () => {
    const h = gradeHistory(
      { rating: "3A", ratingValidTo: "2028-06-30" },
      [
        {
          from: "4A",
          fromValidTo: "2028-06-30",
          to: "3A",
          on: "2026-12-04",
          reason: "受到行政处罚（示民罚〔2026〕1号）",
        },
      ],
      TODAY,
    );
    expect(h.map((g) => [g.grade, g.state, g.endedOn])).toEqual([
      ["3A", "current", null],
      ["4A", "lowered", "2026-12-04"],
    ]);
  });
});

describe("基金会 registration level (domain.md §1)", () => {
  it("R-A2: 基金会 are registered by a province or 民政部, not by a city or district", () => {
    expect(mayRegisterType("foundation", "province")).toBe(true);
    expect(mayRegisterType("foundation", "national")).toBe(true);
    expect(mayRegisterType("foundation", "city")).toBe(false);
    expect(foundationLevelProblems("foundation", "district")[0]).toMatchObject({
      field: "type",
      level: "block",
    });
    expect(foundationLevelProblems("social_group", "district")).toEqual([]);
  });
});

describe("working days without a holiday calendar", () => {
  it("R-A6: the years a deadline crosses with no holiday calendar entered are named, the entered ones not", () => {
    const cal = createCalendar({ holidays: ["2026-10-01"] });
    expect(yearsWithoutCalendar("2026-11-23", "2027-02-15", cal)).toEqual([2027]);
    expect(yearsWithoutCalendar("2026-11-23", "2026-12-20", cal)).toEqual([]);
  });
});
