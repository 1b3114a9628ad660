import { describe, expect, it } from "vitest";
import { computeRates, type InspectionRow, rate, ratesBy, tally } from "../../src/domain/inspection-stats";

describe("rates and their rounding (R-C10)", () => {
  it("R-C10: a rate is a percentage with one decimal, rounded half up, computed exactly", () => {
    expect(rate(88, 100)).toEqual({ numerator: 88, denominator: 100, permille: 880, display: "88.0%" });
    expect(rate(2, 3).display).toBe("66.7%");
    expect(rate(1, 3).display).toBe("33.3%");
    expect(rate(1, 6).display).toBe("16.7%");
    expect(rate(1, 8).display).toBe("12.5%");
    expect(rate(1, 2000).display).toBe("0.1%"); // 0.05% rounds half up
    expect(rate(1, 3000).display).toBe("0.0%");
    expect(rate(7, 7).display).toBe("100.0%");
    expect(rate(0, 5).display).toBe("0.0%");
  });

  it("R-C10: a zero denominator gives no rate rather than an error or NaN", () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, permille: null, display: "—" });
  });

  it("R-C10: counts must be whole and non-negative", () => {
    expect(() => rate(-1, 3)).toThrow(RangeError);
    expect(() => rate(1.5, 3)).toThrow(RangeError);
  });
});

describe("年检率 and 合格率 (R-C10)", () => {
  it("R-C10: 年检率 = filed ÷ required; 合格率 and the shares are over the concluded", () => {
    const r = computeRates({
      required: 200,
      filed: 176,
      qualified: 90,
      basicallyQualified: 8,
      unqualified: 2,
    });
    expect(r.inspectionRate.display).toBe("88.0%");
    expect(r.concluded).toBe(100);
    expect(r.qualifiedRate.display).toBe("90.0%");
    expect(r.basicallyQualifiedShare.display).toBe("8.0%");
    expect(r.unqualifiedShare.display).toBe("2.0%");
  });

  it("R-C10: with nothing required or nothing concluded the rates show “—”", () => {
    const r = computeRates({ required: 0, filed: 0, qualified: 0, basicallyQualified: 0, unqualified: 0 });
    expect(
      [r.inspectionRate, r.qualifiedRate, r.basicallyQualifiedShare, r.unqualifiedShare].map(
        (x) => x.display,
      ),
    ).toEqual(["—", "—", "—", "—"]);
    const none = computeRates({
      required: 10,
      filed: 4,
      qualified: 0,
      basicallyQualified: 0,
      unqualified: 0,
    });
    expect(none.inspectionRate.display).toBe("40.0%");
    expect(none.qualifiedRate.permille).toBeNull();
  });

  it("R-C10: rounded shares need not add up to exactly 100%", () => {
    const r = computeRates({ required: 3, filed: 3, qualified: 1, basicallyQualified: 1, unqualified: 1 });
    const sum = [r.qualifiedRate, r.basicallyQualifiedShare, r.unqualifiedShare].reduce(
      (s, x) => s + x.permille!,
      0,
    );
    expect(sum).toBe(999);
  });
});

describe("counting filings (R-C10)", () => {
  const rows: InspectionRow[] = [
    { required: true, state: "published", conclusion: "qualified" },
    { required: true, state: "concluded", conclusion: "basically_qualified" },
    { required: true, state: "published", conclusion: "unqualified" },
    { required: true, state: "registrar_review", conclusion: null },
    { required: true, state: "returned", conclusion: null },
    { required: true, state: "submitted", conclusion: null },
    { required: true, state: "draft", conclusion: null },
    { required: true, state: "not_filed", conclusion: null },
    { required: true, state: null, conclusion: null },
    { required: false, state: "published", conclusion: "qualified" },
  ];

  it("R-C10: filed counts every submitted filing (returned ones too); drafts, 未参检 and none do not", () => {
    expect(tally(rows)).toEqual({
      required: 9,
      filed: 6,
      qualified: 1,
      basicallyQualified: 1,
      unqualified: 1,
    });
  });

  it("R-C10: organizations not required to file are left out of every figure, so 年检率 never exceeds 100%", () => {
    const r = computeRates(tally([{ required: false, state: "published", conclusion: "qualified" }]));
    expect(r.counts).toEqual({ required: 0, filed: 0, qualified: 0, basicallyQualified: 0, unqualified: 0 });
  });

  it("R-C10: a conclusion counts only once the filing is concluded", () => {
    expect(tally([{ required: true, state: "registrar_review", conclusion: "qualified" }]).qualified).toBe(0);
  });

  it("R-C10: rates per group (type, district), in first-seen order", () => {
    const withType = rows.map((r, i) => ({ ...r, type: i % 2 === 0 ? "social_group" : "foundation" }));
    const byType = ratesBy(withType, (r) => r.type);
    expect([...byType.keys()]).toEqual(["social_group", "foundation"]);
    expect(byType.get("social_group")!.counts).toEqual({
      required: 5,
      filed: 3,
      qualified: 1,
      basicallyQualified: 0,
      unqualified: 1,
    });
    expect(byType.get("social_group")!.inspectionRate.display).toBe("60.0%");
    expect(byType.get("foundation")!.counts.required).toBe(4);
    expect(byType.get("foundation")!.qualifiedRate.display).toBe("0.0%");
    expect(byType.get("foundation")!.basicallyQualifiedShare.display).toBe("100.0%");
  });
});
