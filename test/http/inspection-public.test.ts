/**
 * The public side of the annual inspection (issue 4): each organization's page shows its 年检 history, the yearly
 * 年检结论公告 lists published conclusions, and the open-data API item carries "inspections".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import type { AppDeps, SessionUser } from "../../src/context";
import type { Db } from "../../src/db";
import type { ReportSection } from "../../src/domain/inspection-report";
import type { Result } from "../../src/inspection/contract";
import { inspectionService as svc } from "../../src/inspection/service";
import {
  buildWorld,
  goodForms,
  makeDeps,
  memoryStorage,
  movableClock,
  openTestDb,
} from "../support/inspection";

let db: Db;
let world: Awaited<ReturnType<typeof buildWorld>>;
let deps: AppDeps;
let app: ReturnType<typeof createApp>;

function ok<T>(r: Result<T>): { ok: true } & T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
}

async function step(user: SessionUser, id: number, action: Parameters<typeof svc.act>[3], input = {}) {
  const f = (await svc.getFiling(deps, user, id))!;
  return ok(await svc.act(deps, user, id, action, { version: f.version, ...input }));
}

beforeAll(async () => {
  db = await openTestDb();
  world = await buildWorld(db);
  deps = makeDeps(db, movableClock("2026-03-02"), memoryStorage());
  app = createApp(deps);
  ok(await svc.openYear(deps, world.users.cityRegistrar, { year: 2025 }));
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
    expect(html).toMatch(/2025 年度<\/td><td><span class="tag warn">基本合格<\/span><\/td><td>2026-03-02/);
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
});
