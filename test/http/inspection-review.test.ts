/**
 * The reviewers' inspection pages over HTTP: the registrar's and supervisor's queues, the review page and
 * its actions, take / release, opening a year, 未参检, rates, notices, the printable 年检结论通知书 and the
 * administrator's holidays — and every refusal: wrong reviewer, wrong authority, a district a city registrar may only
 * read, an illegal transition, a stale version ("someone else acted"), bad input (422, the field's message, nothing
 * stored).
 */
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../src/context";
import type { ReportSection } from "../../src/domain/inspection-report";
import { STALE_MESSAGE, inspectionService as svc } from "../../src/inspection/service";
import { asUsers, buildInspectionWorld, goodForms, type InspectionWorld, ok } from "../support/inspection";

// Built afresh before each test.
let { db, world, clock, deps, app } = {} as InspectionWorld;

const http = asUsers(
  () => app,
  () => db,
  () => clock,
);
const { get, post } = http;

/** The organization fills in every section and submits (the portal's service calls). */
async function submitted(user: SessionUser) {
  const home = await svc.orgHome(deps, user);
  const f = home.current!;
  for (const [section, form] of Object.entries(goodForms(2025, f.report.basicInfo?.legalRepresentative))) {
    ok(await svc.saveSection(deps, user, f.id, section as ReportSection, form, f.version));
  }
  const fresh = (await svc.getFiling(deps, user, f.id))!;
  ok(
    await svc.act(deps, user, f.id, "submit", {
      version: fresh.version,
      idempotencyKey: crypto.randomUUID(),
    }),
  );
  return f.id;
}

async function versionOf(id: number) {
  const [row] = (await db.all(sql`SELECT version FROM annual_inspections WHERE id = ${id}`)) as {
    version: number;
  }[];
  return String(row!.version);
}

async function stateOf(id: number) {
  const [row] = (await db.all(sql`SELECT state, conclusion FROM annual_inspections WHERE id = ${id}`)) as {
    state: string;
    conclusion: string | null;
  }[];
  return row!;
}

/** Takes an action through the registrar's or supervisor's page form. */
async function act(
  u: SessionUser,
  base: string,
  id: number,
  action: string,
  extra: Record<string, string> = {},
) {
  return post(u, `${base}/inspections/${id}/actions`, { version: await versionOf(id), action, ...extra });
}

beforeEach(async () => {
  http.clear();
  ({ db, world, clock, deps, app } = await buildInspectionWorld({
    openBy: ["cityRegistrar", "districtRegistrar"],
  }));
});

describe("the registrar's queue (/registrar/inspections)", () => {
  it("lists what waits for the registrar with counts per state, filters, search and an htmx fragment", async () => {
    const id = await submitted(world.users.learned);
    await submitted(world.users.foundation);
    const res = await get(world.users.cityRegistrar, "/registrar/inspections");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<!doctype html>");
    expect(html).toContain(`/registrar/inspections/${id}`);
    expect(html).toContain("示范市计算机学会");
    expect(html).toMatch(/已提交 <span class="count">2<\/span>/);
    // Type filter and name search narrow the list.
    const results = (h: string) => h.slice(h.indexOf('id="queue-results"'));
    const byType = results(
      await (await get(world.users.cityRegistrar, "/registrar/inspections?type=foundation")).text(),
    );
    expect(byType).toContain("示范市爱心公益基金会");
    expect(byType).not.toContain("示范市计算机学会");
    const byName = results(
      await (await get(world.users.cityRegistrar, "/registrar/inspections?q=计算机")).text(),
    );
    expect(byName).toContain(`href="/registrar/inspections/${id}">示范市计算机学会`);
    expect(byName).not.toContain("示范市爱心公益基金会");
    // htmx asks for the results only.
    const frag = await get(world.users.cityRegistrar, "/registrar/inspections?state=draft", {
      "HX-Request": "true",
      "HX-Target": "div#queue-results",
    });
    const body = await frag.text();
    expect(body).not.toContain("<!doctype html>");
    expect(body).toContain('id="queue-results"');
    expect(body).toContain("示范市物流行业协会"); // still a draft
  });

  it("answers bad filters with 422 and the field's message, never a 500", async () => {
    const res = await get(world.users.cityRegistrar, "/registrar/inspections?year=abc&state=nonsense&page=0");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("data-error-summary");
    expect(html).toContain('href="#year"');
    expect(html).toContain("请选择列表中的状态");
  });

  it("a city registrar sees its districts' filings; another city's registrar sees none of them", async () => {
    const id = await submitted(world.users.districtOrg);
    expect(await (await get(world.users.cityRegistrar, "/registrar/inspections")).text()).toContain(
      `/registrar/inspections/${id}`,
    );
    expect(await (await get(world.users.otherRegistrar, "/registrar/inspections")).text()).not.toContain(
      `/registrar/inspections/${id}`,
    );
    expect((await get(world.users.otherRegistrar, `/registrar/inspections/${id}`)).status).toBe(404);
  });

  it("refuses anonymous visitors (login) and other roles (404)", async () => {
    const anon = await get(null, "/registrar/inspections");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toContain("/login");
    expect((await get(world.users.learned, "/registrar/inspections")).status).toBe(404);
    expect((await get(world.users.supervisorA, "/registrar/inspections")).status).toBe(404);
  });
});

describe("the review loop over HTTP (R-C3, R-C4, R-A11)", () => {
  it("registrar takes, pre-reviews, returns with comments; org resubmits; supervisor passes; registrar concludes and publishes", async () => {
    const reg = world.users.cityRegistrar;
    const sup = world.users.supervisorA;
    const id = await submitted(world.users.learned);

    let res = await post(reg, `/registrar/inspections/${id}/take`, { version: await versionOf(id) });
    expect(res.status).toBe(303);
    const page = await (await get(world.users.cityRegistrar2, `/registrar/inspections/${id}`)).text();
    expect(page).toContain("李审查"); // the colleague sees who holds it
    expect(page).toContain("其他工作人员已领取办理");

    res = await act(reg, "/registrar", id, "start_pre_review");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/registrar/inspections/${id}?done=start_pre_review`);
    res = await act(reg, "/registrar", id, "return_for_correction", {
      reason: "财务数据需要核对。",
      deadline: "",
      "comment.finances": "收入合计与明细不符，请核对。",
    });
    expect(res.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ state: "returned" });
    const returned = await (await get(reg, `/registrar/inspections/${id}`)).text();
    expect(returned).toContain("收入合计与明细不符，请核对。");
    expect(returned).toContain("2026年3月9日"); // 5 working days after Monday 2026-03-02

    // The organization resubmits (its portal calls the service).
    const f = (await svc.getFiling(deps, world.users.learned, id))!;
    ok(
      await svc.act(deps, world.users.learned, id, "resubmit", {
        version: f.version,
        idempotencyKey: "again-1",
      }),
    );
    await act(reg, "/registrar", id, "start_pre_review");
    res = await act(reg, "/registrar", id, "pass_pre_review");
    expect(res.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ state: "supervisor_review" });

    // The supervisor's queue and page; the pass action.
    const supQueue = await (await get(sup, "/supervisor/inspections")).text();
    expect(supQueue).toContain(`/supervisor/inspections/${id}`);
    res = await act(sup, "/supervisor", id, "pass_supervisor_review");
    expect(res.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ state: "registrar_review" });

    res = await act(reg, "/registrar", id, "conclude", { conclusion: "qualified" });
    expect(res.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ state: "concluded", conclusion: "qualified" });
    const letter = await get(reg, `/registrar/inspections/${id}/notice`);
    expect(letter.status).toBe(200);
    const letterHtml = await letter.text();
    expect(letterHtml).toContain("年检结论通知书");
    expect(letterHtml).toContain("合格");
    res = await act(reg, "/registrar", id, "publish");
    expect(res.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ state: "published" });
    const audit = await db.all(sql`SELECT action FROM audit_events WHERE object_type = 'annual_inspection'`);
    expect(audit.length).toBeGreaterThanOrEqual(8);
  });

  it("R-A11: a decoupled association skips the supervisor, whose queue never shows it", async () => {
    const id = await submitted(world.users.logistics);
    await act(world.users.cityRegistrar, "/registrar", id, "start_pre_review");
    await act(world.users.cityRegistrar, "/registrar", id, "pass_pre_review");
    expect(await stateOf(id)).toMatchObject({ state: "registrar_review" });
    expect((await get(world.users.supervisorA, `/supervisor/inspections/${id}`)).status).toBe(404);
  });

  it("R-C4: conclusion and problems must agree — 422 with the field's message, nothing stored", async () => {
    const id = await submitted(world.users.foundation); // direct registration: straight to registrar review
    await act(world.users.cityRegistrar, "/registrar", id, "start_pre_review");
    await act(world.users.cityRegistrar, "/registrar", id, "pass_pre_review");
    const before = await versionOf(id);
    let res = await act(world.users.cityRegistrar, "/registrar", id, "conclude", {
      conclusion: "basically_qualified",
    });
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain("data-error-summary");
    expect(html).toContain("结论为“基本合格”时，请记录发现的问题及其情节。");
    expect(html).toContain('value="basically_qualified" checked=""');
    res = await act(world.users.cityRegistrar, "/registrar", id, "conclude", {
      conclusion: "basically_qualified",
      "problems.0.description": "理事会会议记录不完整。",
      "problems.0.severity": "serious",
    });
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain("存在情节严重的问题，结论应为“不合格”");
    expect(html).toContain("理事会会议记录不完整。"); // what was typed comes back
    res = await act(world.users.cityRegistrar, "/registrar", id, "conclude", { conclusion: "excellent" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("请选择年检结论");
    expect(await stateOf(id)).toMatchObject({ state: "registrar_review", conclusion: null });
    expect(await versionOf(id)).toBe(before);
    const problems = await db.all(sql`SELECT 1 FROM inspection_problems WHERE filing_id = ${id}`);
    expect(problems).toHaveLength(0);
    res = await act(world.users.cityRegistrar, "/registrar", id, "conclude", {
      conclusion: "unqualified",
      "problems.0.description": "未按章程规定换届。",
      "problems.0.severity": "serious",
      "problems.0.section": "termChange",
    });
    expect(res.status).toBe(303);
    expect(await stateOf(id)).toMatchObject({ conclusion: "unqualified" });
  });

  it("a return needs a reason and a future deadline (422, nothing stored)", async () => {
    const id = await submitted(world.users.learned);
    await act(world.users.cityRegistrar, "/registrar", id, "start_pre_review");
    let res = await act(world.users.cityRegistrar, "/registrar", id, "return_for_correction", { reason: "" });
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain('href="#reason"');
    res = await act(world.users.cityRegistrar, "/registrar", id, "return_for_correction", {
      reason: "请补充。",
      deadline: "2026-02-01",
    });
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain("补正期限应晚于今天。");
    expect(html).toContain("请补充。");
    expect(await stateOf(id)).toMatchObject({ state: "pre_review" });
  });

  it("R-C3: a correction deadline counted across a year with no holiday calendar says so on the review page", async () => {
    const id = await submitted(world.users.learned);
    await act(world.users.cityRegistrar, "/registrar", id, "start_pre_review");
    await db.run(sql`DELETE FROM holidays`);
    const res = await act(world.users.cityRegistrar, "/registrar", id, "return_for_correction", {
      reason: "请补充。",
    });
    expect(res.status).toBe(303);
    const page = await (await get(world.users.cityRegistrar, `/registrar/inspections/${id}`)).text();
    expect(page).toContain("该年度节假日安排尚未录入，期限按周末计算");
    expect(page).toMatch(/期限 \d{4}年\d{1,2}月\d{1,2}日/);
  });

  it("two reviewers on one filing: the second is told someone else acted (stale version), nothing overwritten", async () => {
    const id = await submitted(world.users.learned);
    const seen = await versionOf(id);
    let res = await post(world.users.cityRegistrar, `/registrar/inspections/${id}/actions`, {
      version: seen,
      action: "start_pre_review",
    });
    expect(res.status).toBe(303);
    res = await post(world.users.cityRegistrar2, `/registrar/inspections/${id}/actions`, {
      version: seen,
      action: "start_pre_review",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(STALE_MESSAGE);
    const transitions = await db.all(
      sql`SELECT 1 FROM inspection_transitions WHERE filing_id = ${id} AND action = 'start_pre_review'`,
    );
    expect(transitions).toHaveLength(1);
  });

  it("an illegal transition is refused with the reason (409): concluding a filing still waiting for pre-review", async () => {
    const id = await submitted(world.users.learned);
    const res = await act(world.users.cityRegistrar, "/registrar", id, "conclude", {
      conclusion: "qualified",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("不能“作出年检结论”");
    expect(await stateOf(id)).toMatchObject({ state: "submitted" });
  });

  it("wrong reviewer and wrong authority get 404; a city registrar reads a district filing but cannot act (403)", async () => {
    const id = await submitted(world.users.learned); // supervised by unit A
    expect((await get(world.users.supervisorB, `/supervisor/inspections/${id}`)).status).toBe(404);
    expect((await act(world.users.supervisorB, "/supervisor", id, "pass_supervisor_review")).status).toBe(
      404,
    );
    expect((await act(world.users.otherRegistrar, "/registrar", id, "start_pre_review")).status).toBe(404);
    expect(
      (await post(world.users.otherRegistrar, `/registrar/inspections/${id}/take`, { version: "1" })).status,
    ).toBe(404);
    // The supervisor cannot act before the registrar's pre-review (it is not in its queue yet).
    expect((await act(world.users.supervisorA, "/supervisor", id, "pass_supervisor_review")).status).toBe(
      409,
    );
    // A district's filing: the city reads it, only the district acts.
    const d = await submitted(world.users.districtOrg);
    const page = await get(world.users.cityRegistrar, `/registrar/inspections/${d}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("市级登记管理机关只能查看，不能办理");
    const res = await act(world.users.cityRegistrar, "/registrar", d, "start_pre_review");
    expect([403, 409]).toContain(res.status);
    expect(await stateOf(d)).toMatchObject({ state: "submitted" });
    expect((await act(world.users.districtRegistrar, "/registrar", d, "start_pre_review")).status).toBe(303);
    // Non-numeric ids are simply not found.
    expect((await get(world.users.cityRegistrar, "/registrar/inspections/abc")).status).toBe(404);
  });

  it("a malformed action post is 422 and changes nothing", async () => {
    const id = await submitted(world.users.learned);
    const res = await post(world.users.cityRegistrar, `/registrar/inspections/${id}/actions`, {
      version: "x",
      action: "fly",
    });
    expect(res.status).toBe(422);
    expect(await stateOf(id)).toMatchObject({ state: "submitted" });
  });

  it("the printable notice exists only once concluded", async () => {
    const id = await submitted(world.users.learned);
    expect((await get(world.users.cityRegistrar, `/registrar/inspections/${id}/notice`)).status).toBe(404);
  });
});

describe("years, 未参检 and rates (R-C1, R-C2, R-C8, R-C10)", () => {
  it("opens a year with the default windows; bad dates are 422 next to the field and store nothing; twice is 409", async () => {
    const form = await (await get(world.users.otherRegistrar, "/registrar/inspections/years")).text();
    expect(form).toContain('name="windows.social_group.closesOn" value="2026-05-31"');
    let res = await post(world.users.otherRegistrar, "/registrar/inspections/years", {
      year: "2025",
      cutoffOn: "2025-06-30",
      "windows.social_group.opensOn": "2026-04-01",
      "windows.social_group.closesOn": "2026-03-01",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('href="#windows.social_group.closesOn"');
    expect(html).toContain("截止日期不能早于开始日期");
    const none = await db.all(
      sql`SELECT 1 FROM inspection_years WHERE authority_id = ${world.authorities.otherCity}`,
    );
    expect(none).toHaveLength(0);
    res = await post(world.users.otherRegistrar, "/registrar/inspections/years", { year: "20x5" });
    expect(res.status).toBe(422);
    res = await post(world.users.otherRegistrar, "/registrar/inspections/years", { year: "2025" });
    expect(res.status).toBe(303);
    const list = await (await get(world.users.otherRegistrar, res.headers.get("Location")!)).text();
    expect(list).toContain("2025 年度年检已开启");
    expect(list).toContain("1 个组织");
    res = await post(world.users.otherRegistrar, "/registrar/inspections/years", { year: "2025" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("不能重复开启");
  });

  it("R-C1/R-C8: 未参检 is marked only after the window closes, then listed", async () => {
    // While the window is open the page does not offer the marking, and the server refuses it.
    const open = await (
      await get(world.users.cityRegistrar, "/registrar/inspections/not-filed?year=2025")
    ).text();
    expect(open).not.toContain("/registrar/inspections/years/2025/not-filed");
    expect(open).toContain("2025 年度的申报期尚未结束");
    let res = await post(world.users.cityRegistrar, "/registrar/inspections/years/2025/not-filed", {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("年检申报期尚未结束");
    clock.set("2026-06-02");
    http.clear(); // three months idle: sign in again
    const closed = await (
      await get(world.users.cityRegistrar, "/registrar/inspections/not-filed?year=2025")
    ).text();
    expect(closed).toContain('action="/registrar/inspections/years/2025/not-filed"');
    res = await post(world.users.cityRegistrar, "/registrar/inspections/years/2025/not-filed", {});
    expect(res.status).toBe(303);
    const list = await (await get(world.users.cityRegistrar, res.headers.get("Location")!)).text();
    expect(list).toContain("未参检名单");
    expect(list).toContain("示范市计算机学会");
    expect(
      (await post(world.users.cityRegistrar, "/registrar/inspections/years/1999/not-filed", {})).status,
    ).toBe(404);
  });

  it("R-C10: the registrar's home shows the year's rates for the authority and each district; the supervisor's its queue", async () => {
    await submitted(world.users.learned);
    const home = await (await get(world.users.cityRegistrar, "/registrar")).text();
    expect(home).toContain("2025 年度年检率与合格率");
    expect(home).toContain("示范市东湖区民政局");
    expect(home).toContain("25.0%"); // the city: 1 of 4 required has filed
    const sup = await (await get(world.users.supervisorA, "/supervisor")).text();
    expect(sup).toContain("/supervisor/inspections");
  });

  it("R-C10: the rates per type and district", async () => {
    await submitted(world.users.learned);
    const html = await (
      await get(world.users.cityRegistrar, "/registrar/inspections/rates?year=2025")
    ).text();
    expect(html).toContain("年检率");
    expect(html).toContain("东湖区");
    expect(html).toMatch(/25\.0%|20\.0%/); // 1 of the city's 4 (or of all 5) required has filed
  });
});

describe("notices and holidays", () => {
  it("a submission notifies the registrar; marking it read works with and without htmx", async () => {
    await submitted(world.users.learned);
    const html = await (await get(world.users.cityRegistrar, "/registrar/notices")).text();
    const m = html.match(/\/registrar\/notices\/(\d+)\/read/);
    expect(m).not.toBeNull();
    const res = await post(
      world.users.cityRegistrar,
      `/registrar/notices/${m![1]}/read`,
      {},
      { "HX-Request": "true" },
    );
    expect(res.status).toBe(200);
    const frag = await res.text();
    expect(frag).not.toContain("<!doctype html>");
    expect(frag).not.toContain("未读");
    expect((await post(world.users.cityRegistrar, "/registrar/notices/999999/read", {})).status).toBe(404);
  });

  it("the administrator maintains holidays; bad input is 422 next to the field; other roles get 404", async () => {
    let res = await post(world.users.admin, "/admin/holidays", {
      date: "2026-10-01",
      kind: "holiday",
      name: "国庆节",
    });
    expect(res.status).toBe(303);
    expect(await (await get(world.users.admin, "/admin/holidays?year=2026")).text()).toContain("国庆节");
    res = await post(world.users.admin, "/admin/holidays", { date: "2026-13-01", kind: "holiday" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('href="#date"');
    res = await post(world.users.admin, "/admin/holidays", { date: "2026-10-01", kind: "holiday" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("已在列表中");
    const rows = (await db.all(sql`SELECT id FROM holidays`)) as { id: number }[];
    expect(rows).toHaveLength(1);
    expect((await get(world.users.cityRegistrar, "/admin/holidays")).status).toBe(404);
    res = await post(world.users.admin, `/admin/holidays/${rows[0]!.id}/delete`, { year: "2026" });
    expect(res.status).toBe(303);
    expect(await db.all(sql`SELECT id FROM holidays`)).toHaveLength(0);
  });
});
