import { describe, expect, it } from "vitest";
import {
  DEFAULT_WINDOW_SETTINGS,
  dateIn,
  defaultWindow,
  describeWindow,
  isWindowOpen,
  mustFile,
  requiredToFile,
  supervisorDeadlineFor,
  validateWindow,
  windowDaysRemaining,
  windowFlags,
  windowStatus,
} from "../../src/domain/inspection-window";
import { annualInspectionMachine } from "../../src/domain/inspection-workflow";
import { decide } from "../../src/domain/workflow";

describe("default windows (R-C1)", () => {
  it("R-C1: 社团 and 民非 report year N to the registrar by 5/31 of N+1 and to the supervisor by 3/31", () => {
    for (const type of ["social_group", "private_non_enterprise"] as const) {
      expect(defaultWindow(2025, type)).toEqual({
        year: 2025,
        orgType: type,
        opensOn: "2026-01-01",
        closesOn: "2026-05-31",
        supervisorDeadline: "2026-03-31",
      });
    }
  });

  it("R-C1: 基金会 report by 3/31 of N+1", () => {
    expect(defaultWindow(2025, "foundation")).toMatchObject({
      opensOn: "2026-01-01",
      closesOn: "2026-03-31",
    });
  });

  it("R-C1 [C]: an authority's own dates replace the defaults", () => {
    const settings = {
      ...DEFAULT_WINDOW_SETTINGS,
      opens: { month: 2, day: 15 },
      registrarDeadline: {
        ...DEFAULT_WINDOW_SETTINGS.registrarDeadline,
        social_group: { month: 6, day: 30 },
      },
    };
    expect(defaultWindow(2025, "social_group", settings)).toMatchObject({
      opensOn: "2026-02-15",
      closesOn: "2026-06-30",
    });
  });

  it("R-A11: organizations without a 业务主管单位 have no supervisor deadline", () => {
    const w = defaultWindow(2025, "social_group");
    expect(supervisorDeadlineFor(w, "supervised")).toBe("2026-03-31");
    expect(supervisorDeadlineFor(w, "direct")).toBeNull();
    expect(supervisorDeadlineFor(w, "decoupled")).toBeNull();
  });

  it("R-C1: a month/day past the month's end is clamped (29 February in a common year)", () => {
    expect(dateIn(2026, { month: 2, day: 29 })).toBe("2026-02-28");
    expect(dateIn(2028, { month: 2, day: 29 })).toBe("2028-02-29");
  });

  it("R-C1: an edited window is checked field by field, in Chinese", () => {
    expect(validateWindow(defaultWindow(2025, "social_group"))).toEqual({});
    expect(
      validateWindow({
        year: 2025,
        opensOn: "2026-02-30",
        closesOn: "2026-05-31",
        supervisorDeadline: "2026-03-31",
      }),
    ).toEqual({ opensOn: expect.stringContaining("日期格式不正确") });
    expect(
      validateWindow({
        year: 2025,
        opensOn: "2025-12-01",
        closesOn: "2026-05-31",
        supervisorDeadline: "2026-03-31",
      }),
    ).toEqual({ opensOn: "2025 年度的年检应在 2026 年开始申报" });
    expect(
      validateWindow({
        year: 2025,
        opensOn: "2026-03-01",
        closesOn: "2026-02-01",
        supervisorDeadline: "2026-02-15",
      }),
    ).toEqual({ closesOn: "截止日期不能早于开始日期" });
    expect(
      validateWindow({
        year: 2025,
        opensOn: "2026-01-01",
        closesOn: "2026-05-31",
        supervisorDeadline: "2026-06-30",
      }),
    ).toEqual({ supervisorDeadline: "业务主管单位初审截止日期应在申报期内" });
  });
});

describe("is the window open (R-C1)", () => {
  const w = defaultWindow(2025, "social_group");

  it("R-C1: open from its first to its last day inclusive, closed before and after", () => {
    expect(windowStatus(w, "2025-12-31")).toBe("not_open");
    expect(windowStatus(w, "2026-01-01")).toBe("open");
    expect(windowStatus(w, "2026-05-31")).toBe("open");
    expect(windowStatus(w, "2026-06-01")).toBe("closed");
    expect(isWindowOpen(w, "2026-05-31")).toBe(true);
    expect(isWindowOpen(w, "2026-06-01")).toBe(false);
  });

  it("R-C1: counts the days remaining: 0 on the last day, negative after", () => {
    expect(windowDaysRemaining(w, "2026-05-01")).toBe(30);
    expect(windowDaysRemaining(w, "2026-05-31")).toBe(0);
    expect(windowDaysRemaining(w, "2026-06-02")).toBe(-2);
  });

  it("R-C1: describes where the window stands in plain Chinese", () => {
    expect(describeWindow(w, "2025-12-01")).toBe("申报将于 2026年1月1日 开始，2026年5月31日 截止。");
    expect(describeWindow(w, "2026-05-01")).toBe("申报截止日为 2026年5月31日，还剩 30 天。");
    expect(describeWindow(w, "2026-05-31")).toBe("今天（2026年5月31日）是申报截止日。");
    expect(describeWindow(w, "2026-06-01")).toBe("申报已于 2026年5月31日 截止。");
  });

  it("R-C1: a closed window refuses new filings through the workflow, and allows marking 未参检", () => {
    const subject = { orgId: 1, authorityId: 1, supervisorUnitId: null, supervisionMode: "direct" as const };
    const org = { role: "org" as const, orgId: 1 };
    const flags = (today: string) => ({ ...windowFlags(w, today), hasBlockingChecks: false });
    const submit = (today: string) =>
      decide(annualInspectionMachine, "draft", "submit", org, { subject, today, flags: flags(today) });
    expect(submit("2026-05-31")).toMatchObject({ ok: true, to: "submitted" });
    expect(submit("2026-06-01")).toMatchObject({ ok: false, code: "window_closed" });
    expect(submit("2025-12-31")).toMatchObject({ ok: false, code: "window_closed" });
    const mark = (today: string) =>
      decide(
        annualInspectionMachine,
        "draft",
        "mark_not_filed",
        { role: "system" },
        { subject, today, flags: flags(today) },
      );
    expect(mark("2026-05-31")).toMatchObject({ ok: false, code: "window_not_closed" });
    expect(mark("2026-06-01")).toMatchObject({ ok: true, to: "not_filed" });
  });
});

describe("who must file for year N (R-C2)", () => {
  it("R-C2: registered on or before 6/30 of year N files; after it does not", () => {
    expect(mustFile({ status: "active", registeredOn: "2025-06-30" }, 2025)).toMatchObject({
      required: true,
    });
    expect(mustFile({ status: "active", registeredOn: "2010-01-01" }, 2025)).toMatchObject({
      required: true,
    });
    const late = mustFile({ status: "active", registeredOn: "2025-07-01" }, 2025);
    expect(late).toEqual({
      required: false,
      reason: "于 2025年7月1日 成立登记，晚于 2025年6月30日，2025 年度无需年检。",
    });
    expect(mustFile({ status: "active", registeredOn: "2026-01-10" }, 2025).required).toBe(false);
  });

  it("R-C2: only organizations with status 正常 file", () => {
    for (const status of ["deregistered", "revoked", "license_revoked"] as const) {
      expect(mustFile({ status, registeredOn: "2010-01-01" }, 2025)).toMatchObject({ required: false });
    }
  });

  it("R-C2 [C]: the cut-off is a setting", () => {
    const org = { status: "active" as const, registeredOn: "2025-09-30" };
    expect(mustFile(org, 2025).required).toBe(false);
    expect(mustFile(org, 2025, { month: 9, day: 30 }).required).toBe(true);
    expect(mustFile(org, 2025, { month: 12, day: 31 }).required).toBe(true);
  });

  it("R-C2: requiredToFile keeps the organizations that must file, with their own fields", () => {
    const orgs = [
      { id: 1, status: "active" as const, registeredOn: "2020-01-01" },
      { id: 2, status: "active" as const, registeredOn: "2025-08-01" },
      { id: 3, status: "revoked" as const, registeredOn: "2020-01-01" },
      { id: 4, status: "active" as const, registeredOn: "2025-06-30" },
    ];
    expect(requiredToFile(orgs, 2025).map((o) => o.id)).toEqual([1, 4]);
  });
});
