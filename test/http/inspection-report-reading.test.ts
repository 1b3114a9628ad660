/**
 * The annual report as its readers meet it over HTTP: a section's save confirmed beside its button (R-C5), the filed
 * report read as a report and printed as 年度工作报告书, totals computed from their parts (R-C5), the registrar's
 * review page with the report before the actions and the supervisor unit's 初审意见 as text, and 未参检 neither
 * offered nor taken while the window or a correction deadline runs (R-C1, R-C8).
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { annualInspections, inspectionSections } from "../../db/schema";
import type { SessionUser } from "../../src/context";
import type { ReportSection } from "../../src/domain/inspection-report";
import { inspectionService as svc } from "../../src/inspection/service";
import { asUsers, buildInspectionWorld, goodForms, type InspectionWorld, ok } from "../support/inspection";

// Built afresh before each test.
let { db, world, clock, deps, app } = {} as InspectionWorld;

const http = asUsers(
  () => app,
  () => db,
  () => clock,
);
const { get, post } = http;

beforeEach(async () => {
  http.clear();
  ({ db, world, clock, deps, app } = await buildInspectionWorld());
});

async function filingOf(orgId: number) {
  const [f] = await db.select().from(annualInspections).where(eq(annualInspections.orgId, orgId));
  return f!;
}

async function versionOf(id: number) {
  return String((await db.select().from(annualInspections).where(eq(annualInspections.id, id)))[0]!.version);
}

/** The organization fills in every section and submits. */
async function submitted(user: SessionUser) {
  const f = (await svc.orgHome(deps, user)).current!;
  for (const [section, form] of Object.entries(goodForms(2025, f.report.basicInfo?.legalRepresentative))) {
    ok(
      await svc.saveSection(deps, user, f.id, section as ReportSection, form, Number(await versionOf(f.id))),
    );
  }
  ok(
    await svc.act(deps, user, f.id, "submit", {
      version: Number(await versionOf(f.id)),
      idempotencyKey: crypto.randomUUID(),
    }),
  );
  return f.id;
}

async function act(
  u: SessionUser,
  base: string,
  id: number,
  action: string,
  extra: Record<string, string> = {},
) {
  return post(u, `${base}/inspections/${id}/actions`, { version: await versionOf(id), action, ...extra });
}

/** The registrar takes the filing and passes its pre-review: it waits for the supervisor unit. */
async function toSupervisor(id: number) {
  const reg = world.users.cityRegistrar;
  expect(
    (await post(reg, `/registrar/inspections/${id}/take`, { version: await versionOf(id) })).status,
  ).toBe(303);
  expect((await act(reg, "/registrar", id, "start_pre_review")).status).toBe(303);
  expect((await act(reg, "/registrar", id, "pass_pre_review")).status).toBe(303);
}

const staffForm = { fullTime: "5", partTime: "2", volunteers: "30", socialInsured: "5" };

describe("a section's save is confirmed where it was made (R-C5)", () => {
  it("without JavaScript the redirect lands on the section's confirmation, beside its save button, in a status region", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const res = await post(u, `/portal/inspections/${f.id}/sections/staff`, {
      ...staffForm,
      version: String(f.version),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/portal/inspections/${f.id}?saved=staff#save-status-staff`);
    const html = await (await get(u, res.headers.get("Location")!)).text();
    const row = html.slice(
      html.indexOf('id="save-staff"'),
      html.indexOf("</form>", html.indexOf('id="save-staff"')),
    );
    expect(row).toMatch(/id="save-status-staff" role="status" aria-live="polite"[^>]*>“工作人员”已保存。/);
    // Other sections carry an empty status region, and no message at the top of the page repeats it.
    expect(html).toMatch(/id="save-status-finances" role="status"[^>]*><\/p>/);
    expect(html.split("已保存。").length).toBe(2);
  });

  it("with htmx the section comes back with its confirmation in the status region next to the button, marked for focus", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const res = await post(
      u,
      `/portal/inspections/${f.id}/sections/staff`,
      { ...staffForm, version: String(f.version) },
      { "HX-Request": "true" },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="section-staff"');
    expect(html).toMatch(
      /id="save-staff"[^>]*>[^<]*<\/button><p class="save-status notice success" id="save-status-staff" role="status" aria-live="polite" tabindex="-1" data-save-status="saved">“工作人员”已保存。/,
    );
  });
});

describe("totals are computed from their parts (R-C5)", () => {
  it("the finance form has no total to type; the server stores the parts' sums and the page shows them", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const { "income.total": _i, "expenses.total": _e, ...parts } = goodForms(2025).finances!;
    const page = await (await get(u, `/portal/inspections/${f.id}`)).text();
    expect(page).not.toContain('name="income.total"');
    expect(page).not.toContain('name="expenses.total"');
    const res = await post(u, `/portal/inspections/${f.id}/sections/finances`, {
      ...parts,
      version: String(f.version),
    });
    expect(res.status).toBe(303);
    const [saved] = await db.select().from(inspectionSections).where(eq(inspectionSections.filingId, f.id));
    const data = saved!.data as { income: { total: number }; expenses: { total: number } };
    expect(data.income.total).toBe(20_000_000); // 100,000 + 50,000 + 30,000 + 20,000 yuan, in fen
    expect(data.expenses.total).toBe(17_000_000);
    const after = await (await get(u, `/portal/inspections/${f.id}`)).text();
    expect(after).toMatch(/<output id="finances\.income\.total"[^>]*>200,000\.00<\/output>/);
    expect(after).toMatch(/<output id="finances\.expenses\.total"[^>]*>170,000\.00<\/output>/);
  });

  it("a total typed anyway must equal its parts: a mismatch is refused next to the total, nothing stored", async () => {
    const u = world.users.learned;
    const f = await filingOf(u.orgId!);
    const res = await post(u, `/portal/inspections/${f.id}/sections/finances`, {
      ...goodForms(2025).finances,
      "income.total": "199,999",
      version: String(f.version),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="finances.income.total-error"');
    expect(html).toContain("收入合计应等于各项收入之和 200,000.00 元");
    expect(await db.select().from(inspectionSections).where(eq(inspectionSections.filingId, f.id))).toEqual(
      [],
    );
    // The matching typed totals of an older form are accepted.
    const good = await post(u, `/portal/inspections/${f.id}/sections/finances`, {
      ...goodForms(2025).finances,
      version: String(f.version),
    });
    expect(good.status).toBe(303);
  });
});

describe("a filed report reads as a report and prints as 年度工作报告书 (R-C5)", () => {
  it("once submitted the organization reads the report (no inputs), with amounts in 元 and dates in Chinese, and a print link", async () => {
    const u = world.users.learned;
    const id = await submitted(u);
    const html = await (await get(u, `/portal/inspections/${id}`)).text();
    const report = html.slice(html.indexOf('id="report"'), html.indexOf('id="attachments"'));
    expect(report).toContain("年度工作报告（已报送，不能修改）");
    expect(report).not.toContain("<input");
    expect(report).not.toContain("<textarea");
    expect(report).not.toContain("disabled");
    expect(report).toContain("500,000.00"); // 资产总计
    expect(report).toContain("200,000.00"); // 收入合计, computed
    expect(report).toContain("单位：元");
    expect(report).toContain("2025年3月1日"); // a meeting
    expect(report).toContain("示范市某科技公司");
    expect(report).toContain(`href="/portal/inspections/${id}/print"`);
    expect(report).toContain("打印年度工作报告书");
  });

  it("the print view has a cover, every section, the signature and seal block, and print rules; another organization gets 404", async () => {
    const u = world.users.learned;
    const id = await submitted(u);
    const res = await get(u, `/portal/inspections/${id}/print`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const cover = html.slice(html.indexOf('class="book-cover"'), html.indexOf('class="report"'));
    expect(cover).toContain("年度工作报告书");
    expect(cover).toContain("示范市计算机学会");
    expect(cover).toContain("统一社会信用代码");
    expect(cover).toContain(world.orgs.learned.uscc);
    expect(cover).toContain("2025 年度");
    expect(cover).toContain("示范市民政局");
    for (const section of [
      "基本信息",
      "会议召开情况",
      "财务状况",
      "接受捐赠与资助",
      "党建工作",
      "承诺与签署",
    ]) {
      expect(html).toContain(section);
    }
    expect(html).toContain("500,000.00");
    expect(html.indexOf("法定代表人签字")).toBeGreaterThan(html.indexOf("财务状况"));
    expect(html).toContain("单位盖章");
    expect(html).not.toContain("<input");
    expect(html).not.toContain("上年度"); // the report alone, as filed
    expect(html).toContain('class="no-print"');
    expect((await get(world.users.foundation, `/portal/inspections/${id}/print`)).status).toBe(404);
  });

  it("the print view's stylesheet breaks pages between sections and hides the site's navigation", () => {
    const source = readFileSync("public/css/app.css", "utf8");
    const printRules = source.slice(source.lastIndexOf("@media print"));
    expect(printRules).toMatch(/\.report-book \.report-section \{\s*break-before: page;/);
    expect(source).toMatch(/@media print \{\s*\.site-header,\s*\.site-footer,\s*\.main-nav,\s*\.no-print/);
  });

  it("the registrar and the reviewing supervisor get the same print view; another supervisor unit gets 404", async () => {
    const id = await submitted(world.users.learned);
    const reg = await get(world.users.cityRegistrar, `/registrar/inspections/${id}/print`);
    expect(reg.status).toBe(200);
    const regHtml = await reg.text();
    expect(regHtml).toContain("年度工作报告书");
    expect(regHtml).toContain("法定代表人签字");
    expect(regHtml).toContain(`href="/registrar/inspections/${id}"`);
    await toSupervisor(id);
    const sup = await get(world.users.supervisorA, `/supervisor/inspections/${id}/print`);
    expect(sup.status).toBe(200);
    expect(await sup.text()).toContain("单位盖章");
    expect((await get(world.users.supervisorB, `/supervisor/inspections/${id}/print`)).status).toBe(404);
    expect((await get(world.users.otherRegistrar, `/registrar/inspections/${id}/print`)).status).toBe(404);
    expect((await get(world.users.learned, `/registrar/inspections/${id}/print`)).status).toBe(404);
  });
});

describe("the registrar's review page", () => {
  it("shows the report first and the action forms after it, with a print link", async () => {
    const id = await submitted(world.users.learned);
    const html = await (await get(world.users.cityRegistrar, `/registrar/inspections/${id}`)).text();
    const report = html.indexOf('id="report-title"');
    expect(report).toBeGreaterThan(0);
    expect(html.indexOf('class="report"')).toBeGreaterThan(report);
    expect(html.indexOf('id="action-panel"')).toBeGreaterThan(html.indexOf("承诺与签署", report));
    expect(html).toContain('<a href="#action-panel">跳到办理</a>');
    expect(html).toContain(`href="/registrar/inspections/${id}/print"`);
  });

  it("shows the supervisor unit's 初审意见 as text (which unit, who, when) above the report", async () => {
    const id = await submitted(world.users.learned);
    await toSupervisor(id);
    const supPage = await (await get(world.users.supervisorA, `/supervisor/inspections/${id}`)).text();
    expect(supPage).toContain('<label for="opinion">初审意见</label>');
    const res = await act(world.users.supervisorA, "/supervisor", id, "pass_supervisor_review", {
      reason: "该学会本年度活动正常，同意通过初审。",
    });
    expect(res.status).toBe(303);
    const html = await (await get(world.users.cityRegistrar, `/registrar/inspections/${id}`)).text();
    const opinion = html.slice(
      html.indexOf('id="supervisor-opinion"'),
      html.indexOf("</section>", html.indexOf('id="supervisor-opinion"')),
    );
    expect(opinion).toContain("业务主管单位初审意见");
    expect(opinion).toContain("示范市科学技术协会（科协初审）");
    expect(opinion).toMatch(/于 2026年3月2日 \d\d:\d\d 通过初审/);
    expect(opinion).toContain(
      '<blockquote class="opinion">该学会本年度活动正常，同意通过初审。</blockquote>',
    );
    expect(html.indexOf('id="supervisor-opinion"')).toBeLessThan(html.indexOf('id="report-title"'));
    // The organization's own page does not show it.
    expect(await (await get(world.users.learned, `/portal/inspections/${id}`)).text()).not.toContain(
      "初审意见",
    );
  });
});

describe("未参检 while the window or a correction deadline runs (R-C1, R-C8)", () => {
  it("is neither offered nor accepted while the window is open, and offered once it has closed", async () => {
    const reg = world.users.cityRegistrar;
    const f = await filingOf(world.orgs.learned.id);
    const open = await (await get(reg, `/registrar/inspections/${f.id}`)).text();
    expect(open).not.toContain("标记为未参检");
    const refused = await act(reg, "/registrar", f.id, "mark_not_filed");
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(await refused.text()).toContain("年检申报期尚未结束，不能标记为未参检。");
    expect((await filingOf(world.orgs.learned.id)).state).toBe("draft");

    clock.set("2026-06-02");
    http.clear();
    const closed = await (await get(reg, `/registrar/inspections/${f.id}`)).text();
    expect(closed).toContain("标记为未参检");
  });

  it("is not offered for a returned filing while its correction deadline runs, even after the window closed", async () => {
    const reg = world.users.cityRegistrar;
    const id = await submitted(world.users.learned);
    expect(
      (await post(reg, `/registrar/inspections/${id}/take`, { version: await versionOf(id) })).status,
    ).toBe(303);
    expect((await act(reg, "/registrar", id, "start_pre_review")).status).toBe(303);
    clock.set("2026-06-02");
    http.clear();
    expect(
      (
        await act(reg, "/registrar", id, "return_for_correction", {
          reason: "请补充财务报表。",
          deadline: "",
        })
      ).status,
    ).toBe(303);
    const deadline = (await filingOf(world.orgs.learned.id)).correctionDeadline!;
    expect(deadline > "2026-06-02").toBe(true);
    const page = await (await get(reg, `/registrar/inspections/${id}`)).text();
    expect(page).not.toContain("标记为未参检");
    const refused = await act(reg, "/registrar", id, "mark_not_filed");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("尚未届满，不能标记为未参检");
    expect((await db.all(sql`SELECT state FROM annual_inspections WHERE id = ${id}`))[0]).toEqual({
      state: "returned",
    });
  });
});
