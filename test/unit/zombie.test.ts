import { describe, expect, it } from "vitest";
import {
  missedInspections,
  noActivityAfterCertificate,
  noInScopeActivitySince,
} from "../../src/domain/zombie";

const f = (year: number, state: string, conclusion: string | null = null) => ({ year, state, conclusion });

describe("R-E1(a) / R-C8: consecutive missed inspections", () => {
  it("fires at exactly N consecutive 未参检 years, newest first, and not at N−1", () => {
    expect(missedInspections([f(2024, "not_filed"), f(2025, "not_filed")], 2, false)).toEqual([2025, 2024]);
    expect(missedInspections([f(2024, "published", "qualified"), f(2025, "not_filed")], 2, false)).toBeNull();
  });

  it("the threshold is per type: with N=3 two missed years are not enough", () => {
    const two = [f(2023, "published", "qualified"), f(2024, "not_filed"), f(2025, "not_filed")];
    expect(missedInspections(two, 2, false)).not.toBeNull();
    expect(missedInspections(two, 3, false)).toBeNull();
  });

  it("a filed year or a gap breaks the run; 不合格 counts only where the locality says so", () => {
    expect(missedInspections([f(2023, "not_filed"), f(2025, "not_filed")], 2, false)).toBeNull();
    const failed = [f(2024, "published", "unqualified"), f(2025, "not_filed")];
    expect(missedInspections(failed, 2, false)).toBeNull();
    expect(missedInspections(failed, 2, true)).toEqual([2025, 2024]);
  });
  it("R-E1(a): a year still open (its draft) neither counts nor breaks the run; a filed one does", () => {
    const open = [f(2023, "not_filed"), f(2024, "not_filed"), f(2025, "draft")];
    expect(missedInspections(open, 2, false)).toEqual([2024, 2023]);
    expect(missedInspections([f(2024, "not_filed"), f(2025, "draft")], 2, false)).toBeNull();
    expect(
      missedInspections([f(2023, "not_filed"), f(2024, "not_filed"), f(2025, "submitted")], 2, false),
    ).toBeNull();
  });
});

describe("R-E1(b) / R-A10: no activity within a year of the certificate", () => {
  it("fires 366 days after a certificate with nothing filed and nothing recorded, not at 364", () => {
    const none = { filedAnyInspection: false, recordedActivity: false };
    expect(noActivityAfterCertificate("2025-03-01", "2026-02-28", none)).toBeNull(); // 364 days
    expect(noActivityAfterCertificate("2025-03-01", "2026-03-01", none)).toBe("2026-03-01");
    expect(noActivityAfterCertificate("2025-03-01", "2026-03-02", none)).toBe("2026-03-01"); // 366 days
  });

  it("a certificate older than the records the system holds is not judged", () => {
    const none = { filedAnyInspection: false, recordedActivity: false };
    expect(noActivityAfterCertificate("2015-03-01", "2026-06-01", none, "2023-01-01")).toBeNull();
    expect(noActivityAfterCertificate("2024-03-01", "2026-06-01", none, "2023-01-01")).toBe("2025-03-01");
  });

  it("any filed report or recorded activity answers it", () => {
    expect(
      noActivityAfterCertificate("2025-03-01", "2026-06-01", {
        filedAnyInspection: true,
        recordedActivity: false,
      }),
    ).toBeNull();
    expect(
      noActivityAfterCertificate(null, "2026-06-01", { filedAnyInspection: false, recordedActivity: false }),
    ).toBeNull();
  });
});

describe("R-E1(c): no in-scope activity since a set date", () => {
  const since = "2024-01-01";
  const act = (date: string, inScope = true) => ({ date, inScope });

  it("fires when the reports due since the date list no activity, naming those years", () => {
    expect(noInScopeActivitySince(since, "2026-06-10", "2015-01-01", [2023, 2024, 2025], [])).toEqual([
      2024, 2025,
    ]);
  });

  it("an activity on the date itself answers it; one the day before does not", () => {
    const years = [2024, 2025];
    expect(noInScopeActivitySince(since, "2026-06-10", "2015-01-01", years, [act("2024-01-01")])).toBeNull();
    expect(noInScopeActivitySince(since, "2026-06-10", "2015-01-01", years, [act("2023-12-31")])).toEqual(
      years,
    );
  });

  it("an activity marked off-scope does not answer it", () => {
    expect(
      noInScopeActivitySince(since, "2026-06-10", "2015-01-01", [2024], [act("2024-05-01", false)]),
    ).toEqual([2024]);
  });

  it("an organization registered after the date is not judged by it; one registered on the date is", () => {
    expect(noInScopeActivitySince(since, "2026-06-10", "2024-01-02", [2024], [])).toBeNull();
    expect(noInScopeActivitySince(since, "2026-06-10", "2024-01-01", [2024], [])).toEqual([2024]);
  });

  it("nothing to judge before a report covering the date is due, before the date, or with no date set", () => {
    expect(noInScopeActivitySince(since, "2026-06-10", "2015-01-01", [2022, 2023], [])).toBeNull();
    expect(noInScopeActivitySince(since, "2023-12-31", "2015-01-01", [2024], [])).toBeNull();
    expect(noInScopeActivitySince(null, "2026-06-10", "2015-01-01", [2024], [])).toBeNull();
  });
});
