/**
 * The public side of the annual inspection: each organization's page shows its 年检 history, the yearly
 * 年检结论公告 lists published conclusions, and the open-data API item carries "inspections".
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../src/context";
import type { ReportSection } from "../../src/domain/inspection-report";
import { inspectionService as svc } from "../../src/inspection/service";
import { buildInspectionWorld, goodForms, type InspectionWorld, ok } from "../support/inspection";

// Built once for the file.
let { world, deps, app } = {} as InspectionWorld;

async function step(user: SessionUser, id: number, action: Parameters<typeof svc.act>[3], input = {}) {
  const f = (await svc.getFiling(deps, user, id))!;
  return ok(await svc.act(deps, user, id, action, { version: f.version, ...input }));
}

beforeAll(async () => {
  ({ world, deps, app } = await buildInspectionWorld());
  // The foundation (directly registered) files and is concluded 基本合格, then published.
  const org = world.users.foundation;
  const f = (await svc.orgHome(deps, org)).current!;
  for (const [section, form] of Object.entries(goodForms(2025, f.report.basicInfo?.legalRepresentative))) {
    ok(await svc.saveSection(deps, org, f.id, section as ReportSection, form, f.version));
  }
  await step(org, f.id, "submit", { idempotencyKey: "pub-1" });
  const reg = world.users.cityRegistrar;
  await step(reg, f.id, "start_pre_review");
  await step(reg, f.id, "pass_pre_review");
  await step(reg, f.id, "conclude", {
    conclusion: "basically_qualified",
    problems: [{ description: "会议记录不完整。", severity: "minor" }],
  });
  await step(reg, f.id, "publish");
});

describe("public inspection results (R-C4, domain.md §8)", () => {
  it("the organization's page shows its inspection history: year, conclusion, date", async () => {
    const res = await app.request(`/orgs/${world.orgs.foundation.uscc}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("年检情况");
    expect(html).toMatch(/2025 年度<\/td><td><span class="tag warn">基本合格<\/span><\/td><td>2026年3月2日/);
    // The problems found are the registrar's record, not published on the page.
    expect(html).not.toContain("会议记录不完整");
    const other = await (await app.request(`/orgs/${world.orgs.learned.uscc}`)).text();
    expect(other).toContain("暂无年检结论");
  });

  it("the 年检结论公告 lists the year's published conclusions, by authority, for anyone", async () => {
    const res = await app.request("/inspection-results?year=2025");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("2025 年度社会组织年检结论公告");
    expect(html).toContain(world.orgs.foundation.uscc);
    expect(html).toContain("基本合格");
    const other = await (await app.request("/inspection-results?year=2025&authority=159800")).text();
    expect(other).not.toContain(world.orgs.foundation.uscc);
    // Nonsense parameters fall back to the defaults, never a 500.
    expect((await app.request("/inspection-results?year=abc&authority=<x>&page=-1")).status).toBe(200);
  });

  it('the open-data API item gains "inspections": [{year, conclusion, concluded_on}]', async () => {
    const res = await app.request(`/api/v1/organizations/${world.orgs.foundation.uscc}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { inspections: unknown };
    expect(body.inspections).toEqual([
      { year: 2025, conclusion: "basically_qualified", concluded_on: "2026-03-02" },
    ]);
    const none = (await (await app.request(`/api/v1/organizations/${world.orgs.learned.uscc}`)).json()) as {
      inspections: unknown;
    };
    expect(none.inspections).toEqual([]);
  });

  it("the search and the API filter by a year's conclusion (default: last year) and refuse nonsense", async () => {
    const page = await (
      await app.request("/search?inspection=basically_qualified&inspection_year=2025")
    ).text();
    expect(page).toContain("示范市爱心公益基金会");
    expect(page).not.toContain("示范市计算机学会");
    const none = await (await app.request("/search?inspection=qualified&inspection_year=2025")).text();
    expect(none).not.toContain("示范市爱心公益基金会");
    const api = (await (
      await app.request("/api/v1/organizations?inspection=basically_qualified&inspection_year=2025")
    ).json()) as { total: number; items: { uscc: string }[] };
    expect(api.total).toBe(1);
    expect(api.items[0]!.uscc).toBe(world.orgs.foundation.uscc);
    // Without a year, "last year" is the year before today's (China time).
    const lastYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;
    const byDefault = (await (
      await app.request("/api/v1/organizations?inspection=basically_qualified")
    ).json()) as { total: number };
    expect(byDefault.total).toBe(lastYear === 2025 ? 1 : 0);
    const bad = await app.request("/search?inspection=excellent&inspection_year=99");
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("年检结论应为");
    expect(html).toContain("年检年度应为四位数字的年份");
  });
});
