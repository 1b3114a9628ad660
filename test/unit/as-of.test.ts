import { describe, expect, it } from "vitest";
import {
  conclusionKnownAsOf,
  fieldAsOf,
  isCalendarDay,
  onListAsOf,
  parseAsOf,
  parseDateRange,
  pastViewBanner,
  statusAsOf,
} from "../../src/domain/as-of";
import { summaryAsOf } from "../../src/registry/as-of";
import type { OrgSummary } from "../../src/registry/search";
import { medianOf } from "../../src/statistics/breakdowns";
import { yearsHeld } from "../../src/statistics/service";
import { columnLetter, seriesSheet, sheetName } from "../../src/statistics/workbook";
import { linePath } from "../../views/statistics/page";

/** The register as at a past day (历史视图): which dates are accepted and how an entry read on that day. */
describe("as_of: the date a reader may ask for", () => {
  const today = "2026-12-04";
  const began = "1995-06-01";

  it("absent, empty or today's date is the live register", () => {
    expect(parseAsOf(undefined, today, began)).toEqual({ kind: "today" });
    expect(parseAsOf("", today, began)).toEqual({ kind: "today" });
    expect(parseAsOf("2026-12-04", today, began)).toEqual({ kind: "today" });
  });

  it("a real past day from the register's first entry is a past view", () => {
    expect(parseAsOf("2025-12-31", today, began)).toEqual({ kind: "past", date: "2025-12-31" });
    expect(parseAsOf("1995-06-01", today, began)).toEqual({ kind: "past", date: "1995-06-01" });
  });

  it("a malformed or impossible day, a future day or one before the register began is refused in Chinese", () => {
    for (const bad of ["2025-13-01", "2025-02-30", "20251231", "2025/12/31", "yesterday", "2025-12-31x"]) {
      const r = parseAsOf(bad, today, began);
      expect(r.kind).toBe("invalid");
      if (r.kind === "invalid") expect(r.message).toContain("格式");
    }
    const future = parseAsOf("2026-12-05", today, began);
    expect(future).toEqual({ kind: "invalid", message: "查询日期不能晚于今天（2026年12月4日）。" });
    const early = parseAsOf("1995-05-31", today, began);
    expect(early).toEqual({ kind: "invalid", message: "查询日期不能早于登记簿的起始日期（1995年6月1日）。" });
  });

  it("leap days are real days only in leap years", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2025-02-29")).toBe(false);
  });

  it("the banner names the day and says it is a past view", () => {
    expect(pastViewBanner("2025-12-31")).toBe("以下为2025年12月31日的登记状态（历史视图），不是当前状态。");
  });
});

describe("the statistics' date range (起止日期): what a reader may ask for", () => {
  const today = "2026-12-04";
  it("both days, in order, up to today: a range; both empty: none", () => {
    expect(parseDateRange("2025-03-01", "2025-09-30", today)).toEqual({
      kind: "range",
      from: "2025-03-01",
      to: "2025-09-30",
    });
    expect(parseDateRange("2026-12-04", "2026-12-04", today).kind).toBe("range");
    expect(parseDateRange("", "", today)).toEqual({ kind: "none" });
    expect(parseDateRange(undefined, undefined, today)).toEqual({ kind: "none" });
  });
  it("refuses, naming the field: one day alone, a day that does not exist, the end after today, the start after the end", () => {
    expect(parseDateRange("", "2025-01-01", today)).toMatchObject({
      field: "from",
      message: "请填写起始日期。",
    });
    expect(parseDateRange("2025-01-01", "", today)).toMatchObject({
      field: "to",
      message: "请填写截止日期。",
    });
    expect(parseDateRange("2025-02-30", "2025-03-01", today)).toMatchObject({
      kind: "invalid",
      field: "from",
    });
    expect(parseDateRange("2025-02-01", "2025-3-1", today)).toMatchObject({ kind: "invalid", field: "to" });
    expect(parseDateRange("2025-02-01", "2026-12-05", today)).toMatchObject({
      field: "to",
      message: "截止日期不能晚于今天（2026年12月4日）。",
    });
    expect(parseDateRange("2025-06-01", "2025-05-31", today)).toMatchObject({
      field: "from",
      message: "起始日期不能晚于截止日期。",
    });
  });
});

describe("as_of: an entry as it stood that day", () => {
  // Changes are recorded in UTC; a China day ends at 16:00 UTC.
  const moved = [
    { at: "2025-07-01T02:00:00.000Z", before: { authorityId: 1 } },
    { at: "2026-02-01T02:00:00.000Z", before: { authorityId: 2, name: "旧名称协会" } },
  ];

  it("a field takes the before of the first change recorded after the day (district changed mid-year)", () => {
    expect(fieldAsOf(3, "authorityId", moved, "2025-06-30")).toBe(1);
    expect(fieldAsOf(3, "authorityId", moved, "2025-07-01")).toBe(2);
    expect(fieldAsOf(3, "authorityId", moved, "2025-12-31")).toBe(2);
    expect(fieldAsOf(3, "authorityId", moved, "2026-03-01")).toBe(3);
    expect(fieldAsOf("新名称协会", "name", moved, "2025-12-31")).toBe("旧名称协会");
  });

  it("a change recorded at 23:30 China time still belongs to that day", () => {
    const late = [{ at: "2025-12-31T15:30:00.000Z", before: { name: "旧" } }];
    expect(fieldAsOf("新", "name", late, "2025-12-31")).toBe("新");
    expect(fieldAsOf("新", "name", late, "2025-12-30")).toBe("旧");
  });

  it("status: terminated on the day reads terminated, terminated later reads 正常, registered later did not exist", () => {
    const dereg = { status: "deregistered" as const, statusOn: "2025-12-31", registeredOn: "2019-05-05" };
    expect(statusAsOf(dereg, "2025-12-31")).toBe("deregistered");
    expect(statusAsOf(dereg, "2025-12-30")).toBe("active");
    const newborn = { status: "active" as const, statusOn: "2025-12-31", registeredOn: "2025-12-31" };
    expect(statusAsOf(newborn, "2025-12-31")).toBe("active");
    expect(statusAsOf(newborn, "2025-12-30")).toBeNull();
  });

  it("R-D8: a credit entry was on its list from its 列入 date until its 移出 date", () => {
    const e = { listedOn: "2025-03-01", removedOn: "2026-01-15" };
    expect(onListAsOf(e, "2025-02-28")).toBe(false);
    expect(onListAsOf(e, "2025-03-01")).toBe(true);
    expect(onListAsOf(e, "2025-12-31")).toBe(true);
    expect(onListAsOf(e, "2026-01-15")).toBe(false);
    expect(onListAsOf({ listedOn: null, removedOn: null }, "2025-12-31")).toBe(false);
  });

  it("R-C4: a conclusion is known from the day its 公告 came out", () => {
    expect(conclusionKnownAsOf("2025-06-30", "2025-06-29")).toBe(false);
    expect(conclusionKnownAsOf("2025-06-30", "2025-06-30")).toBe(true);
    expect(conclusionKnownAsOf(null, "2025-12-31")).toBe(false);
  });

  it("a search hit shows its name, district and status as they were that day", () => {
    const item: OrgSummary = {
      id: 7,
      uscc: "51159902MJ0000007X",
      name: "新名称协会",
      type: "social_group",
      status: "revoked",
      statusOn: "2026-02-01",
      registeredOn: "2020-01-10",
      legalRepresentative: "李四",
      address: "新址",
      authority: { code: "159902", name: "乙区民政局" },
    } as OrgSummary;
    const rows = moved.map((m) => ({ orgId: 7, at: m.at, before: JSON.stringify(m.before) }));
    const authorities = [
      { id: 1, code: "159901", name: "甲区民政局" },
      { id: 2, code: "159903", name: "丙区民政局" },
    ];
    const past = summaryAsOf(item, rows, authorities, "2025-12-31");
    expect(past.name).toBe("旧名称协会");
    expect(past.status).toBe("active");
    expect(past.statusOn).toBe("2020-01-10");
    expect(past.authority).toEqual({ code: "159903", name: "丙区民政局" });
    expect(summaryAsOf(item, rows, authorities, "2026-03-01")).toEqual(item);
  });
});

describe("the median days of the review, from counted values", () => {
  it("the middle value, or the mean of the two middle ones; none when nothing is counted", () => {
    expect(medianOf([[5, 3]])).toBe(5);
    expect(
      medianOf([
        [3, 1],
        [1, 1],
      ]),
    ).toBe(2);
    expect(
      medianOf([
        [1, 1],
        [2, 1],
        [10, 1],
      ]),
    ).toBe(2);
    expect(
      medianOf([
        [1, 2],
        [9, 1],
        [10, 0],
      ]),
    ).toBe(1);
    expect(medianOf([])).toBeNull();
  });
});

describe("trend lines and the workbook", () => {
  it("every year from the first held to the last, a gap year included", () => {
    expect(yearsHeld([2021, 2023, 2019], 2025)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(yearsHeld([], 2025)).toEqual([2025]);
  });

  it("a line path moves to the first point and draws to the rest", () => {
    expect(
      linePath([
        [0, 10],
        [5.25, 2],
        [10, 0],
      ]),
    ).toBe("M0.0,10.0L5.3,2.0L10.0,0.0");
  });

  it("sheet names fit Excel (31 characters, no : / ? * [ ]) and stay unique", () => {
    const taken = new Set<string>();
    expect(sheetName("年检率与合格率（按年度）", taken)).toBe("年检率与合格率（按年度）");
    expect(sheetName("年检率与合格率（按年度）", taken)).toBe("年检率与合格率（按年度）-2");
    expect(sheetName("a/b:c?d*e[f]", taken)).toBe("abcdef");
    expect(sheetName("长".repeat(40), taken).length).toBeLessThanOrEqual(31);
  });

  it("column letters run A…Z, AA", () => {
    expect([0, 1, 25, 26, 27].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB"]);
  });

  it("a sheet has Chinese headers, counts as numbers, rates as fractions formatted as percent, withheld cells empty", () => {
    const counts = seriesSheet(
      {
        key: "flows",
        title: "成立与终止",
        definition: "",
        columns: ["成立", "注销"],
        rows: [{ label: "2025年", values: [12, -1] }],
      },
      5,
    );
    expect(counts[0]).toEqual([
      { value: "类别", fontWeight: "bold" },
      { value: "成立", fontWeight: "bold" },
      { value: "注销", fontWeight: "bold" },
      { value: "说明", fontWeight: "bold" },
    ]);
    expect(counts[1]![1]).toEqual({ value: 12, type: Number, format: "#,##0" });
    expect(counts[1]![2]).toBeNull();
    expect(counts[1]![3]).toEqual({ value: "空格为少于5的数字，不公布", type: String });
    const rates = seriesSheet(
      {
        key: "r",
        title: "率",
        definition: "",
        columns: ["年检率"],
        percent: true,
        rows: [{ label: "2025年度", values: [875] }],
      },
      undefined,
    );
    expect(rates[1]![1]).toEqual({ value: 0.875, type: Number, format: "0.0%" });
  });
});
