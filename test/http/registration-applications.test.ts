import { and, desc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  announcements,
  auditEvents,
  organizations,
  orgHistory,
  registrationApplications,
  usccSequences,
} from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { validateUscc } from "../../src/domain/uscc";
import { openMemoryDatabase } from "../../src/node-db";
import { saveDraft } from "../../src/registration/applications/lifecycle";
import { searchOrganizations } from "../../src/registry/search";
import { createSupervisorUnit, createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** Registration applications through the shared workflow — 成立, 变更, 章程核准, 注销 — and every refusal. */

let db: Db;
let clock: Date;
const app = () => createApp({ db, config: testConfig({ trustProxy: { hops: 1 } }), now: () => clock });
let cityId: number;
let districtId: number;
let unitId: number;
let registrar: string;
let otherRegistrar: string;
let cityReader: string;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  clock = new Date("2026-11-23T02:00:00Z");
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  districtId = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  const other = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
  unitId = await createSupervisorUnit(db, "示范市体育局");
  registrar = (
    await signIn(db, (await createUser(db, { role: "registrar", authorityId: districtId })).id, clock)
  ).cookie;
  otherRegistrar = (
    await signIn(db, (await createUser(db, { role: "registrar", authorityId: other })).id, clock)
  ).cookie;
  cityReader = (
    await signIn(db, (await createUser(db, { role: "registrar", authorityId: cityId })).id, clock)
  ).cookie;
});

const post = (path: string, body: Record<string, string | string[]>, cookie?: string) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return app().request(path, { method: "POST", headers: formHeaders(cookie), body: params });
};
const get = (path: string, cookie?: string) =>
  app().request(path, { headers: cookie ? { Cookie: cookie } : {} });
const rowOf = async (id: number) =>
  (await db.select().from(registrationApplications).where(eq(registrationApplications.id, id)))[0]!;

const CHARTER =
  "第一章 总则：本会名称为东湖区围棋协会，宗旨是普及围棋运动。第二章 业务范围：比赛、培训、交流。第三章 会员。第四章 组织机构和负责人产生、罢免。第五章 资产管理、使用原则。第六章 章程的修改程序。第七章 终止程序及终止后的财产处理。";

const goodEstablishment = {
  name: "东湖区围棋协会",
  type: "social_group",
  address: "东湖区湖滨路 8 号",
  activityArea: "东湖区",
  legalRepresentative: "林海",
  capital: "３０，０００.００",
  individualMembers: "56",
  unitMembers: "0",
  purpose: "普及围棋运动，提高棋艺水平。",
  businessScope: "围棋比赛、培训、交流。",
  supervisionMode: "direct",
  directCategory: "community",
  partyBuildingAuthority: "东湖区社会组织党委",
  partyCommitment: "1",
  partyFullMembers: "3",
  partyProbationaryMembers: "0",
  partySecretaryCandidate: "林海",
  charter: CHARTER,
};

async function startApplication(): Promise<{ path: string; id: number }> {
  const res = await post("/apply", {
    authorityId: String(districtId),
    applicantName: "林海",
    applicantPhone: "13800000000",
  });
  expect(res.status).toBe(303);
  const path = res.headers.get("Location")!.replace(/\?.*$/, "");
  expect(path).toMatch(/^\/apply\/[0-9a-f]{32}\.[0-9a-f]{64}$/);
  const [row] = await db
    .select()
    .from(registrationApplications)
    .orderBy(desc(registrationApplications.id))
    .limit(1);
  return { path, id: row!.id };
}

describe("成立登记 online (R-A1, R-A4, R-F3, R-B6, R-A7)", () => {
  it("apply → blocked until the rules are met → submit → returned once → resubmit → approved: the organization exists with a valid code", async () => {
    const { path, id } = await startApplication();
    const page = await get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("请保存本页地址");

    // Bad money is refused next to the field and nothing is stored.
    const bad = await post(`${path}/save`, { ...goodEstablishment, capital: "三万", version: "1" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("金额格式不正确");
    expect((await rowOf(id)).data).toEqual({});

    // The live check names the rule problems without saving.
    const check = await post(`${path}/check`, {
      ...goodEstablishment,
      individualMembers: "20",
      partyCommitment: "",
    });
    const checkHtml = await check.text();
    expect(checkHtml).toContain("50 个以上个人会员");
    expect(checkHtml).toContain("支持党建工作承诺书");
    // R-F3: without the 党员情况调查表 the certificate cannot be issued.
    const noSurvey = await post(`${path}/check`, { ...goodEstablishment, partyFullMembers: "" });
    expect(await noSurvey.text()).toContain("请填写党员情况调查表");
    expect((await rowOf(id)).version).toBe(1);

    // Submitting with a block is refused; nothing moves.
    const blocked = await post(`${path}/submit`, {
      ...goodEstablishment,
      individualMembers: "20",
      version: "1",
    });
    expect(blocked.status).toBe(422);
    expect(await blocked.text()).toContain("必须修改的问题");
    expect((await rowOf(id)).state).toBe("draft");

    const v = String((await rowOf(id)).version);
    const submitted = await post(`${path}/submit`, { ...goodEstablishment, version: v });
    expect(submitted.status).toBe(303);
    const afterSubmit = await rowOf(id);
    expect(afterSubmit.state).toBe("submitted");
    expect(afterSubmit.data.capitalFen).toBe(3_000_000);
    expect(afterSubmit.dueOn).toBe("2027-02-15"); // 60 working days from 2026-11-23 (R-A6)

    // The registrar's queue shows it with its countdown; a return needs a reason.
    const queue = await (await get("/registrar/applications", registrar)).text();
    expect(queue).toContain("东湖区围棋协会");
    expect(queue).toContain("还剩 60 个工作日");
    // The registrar sees who applied and how to reach them; the applicant's own page does not repeat the phone.
    const asRegistrar = await (await get(`/registrar/applications/${id}`, registrar)).text();
    expect(asRegistrar).toContain("林海，联系电话 13800000000");
    expect(await (await get(path)).text()).not.toContain("13800000000");
    const noReason = await post(
      `/registrar/applications/${id}/return`,
      { version: String(afterSubmit.version), reason: "" },
      registrar,
    );
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain("请填写退回补正的原因");
    const returned = await post(
      `/registrar/applications/${id}/return`,
      { version: String(afterSubmit.version), reason: "章程缺少会费标准，请补充。" },
      registrar,
    );
    expect(returned.status).toBe(303);
    const r = await rowOf(id);
    expect(r.state).toBe("returned");
    expect(r.correctionDeadline).toBe("2026-11-30"); // 5 working days (R-C3 default, shared loop)
    const applicantView = await (await get(path)).text();
    expect(applicantView).toContain("章程缺少会费标准");

    await post(`${path}/submit`, {
      ...goodEstablishment,
      charter: `${CHARTER} 第八章 会费标准。`,
      version: String(r.version),
    });
    const resubmitted = await rowOf(id);
    expect(resubmitted.state).toBe("submitted");
    expect(resubmitted.round).toBe(2);

    const noNumber = await post(
      `/registrar/applications/${id}/approve`,
      { version: String(resubmitted.version) },
      registrar,
    );
    expect(noNumber.status).toBe(422);
    const approved = await post(
      `/registrar/applications/${id}/approve`,
      { version: String(resubmitted.version), documentNo: "东民社准〔2026〕8号" },
      registrar,
    );
    expect(approved.status).toBe(303);

    const done = await rowOf(id);
    expect(done.state).toBe("approved");
    const [org] = await db.select().from(organizations).where(eq(organizations.id, done.orgId!));
    expect(org!.name).toBe("东湖区围棋协会");
    expect(org!.partyBuildingAuthority).toBe("东湖区社会组织党委"); // R-A11
    expect(org!.registeredOn).toBe("2026-11-23");
    expect(org!.certificateValidTo).toBe("2031-11-22");
    const code = validateUscc(org!.uscc, "social_group");
    expect(code.ok).toBe(true);
    expect(org!.uscc.slice(0, 8)).toBe("51159901");
    const [notice] = await db.select().from(announcements).where(eq(announcements.orgId, org!.id));
    expect(notice!.kind).toBe("establishment");
    expect(notice!.documentNo).toBe("东民社准〔2026〕8号");
    expect((await db.select().from(orgHistory).where(eq(orgHistory.orgId, org!.id)))[0]!.kind).toBe(
      "establishment",
    );
    // R-F3: the 党员情况调查表 opened the 党建工作台账 as the certificate was issued.
    const ledger =
      await db.all(sql`SELECT c.full_members AS "full", c.source, v.state, v.has_party_org AS has, v.note
      FROM party_member_counts c JOIN party_org_versions v ON v.org_id = c.org_id WHERE c.org_id = ${org!.id}`);
    expect(ledger).toEqual([
      {
        full: 3,
        source: "registration",
        state: "confirmed",
        has: 0,
        note: "成立登记时的党员情况调查表：党组织书记人选 林海。",
      },
    ]);
    const found = await searchOrganizations(db, { q: "围棋", page: 1, perPage: 20 });
    expect(found.items.map((o) => o.uscc)).toContain(org!.uscc);
    const actions = (await db.select({ a: auditEvents.action }).from(auditEvents)).map((x) => x.a);
    expect(actions).toEqual(
      expect.arrayContaining([
        "registration.start",
        "registration.submit",
        "registration.return",
        "registration.approve",
      ]),
    );
    // Terminal: nothing leads out of a decision.
    const again = await post(
      `/registrar/applications/${id}/refuse`,
      { version: String(done.version), refuseReason: "x", confirm: "1" },
      registrar,
    );
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("办理已结束");
  });

  it("R-A6, R-C3: the decision limit and the correction deadline count working days on the holiday calendar", async () => {
    // 2026-11-26 and 27 declared holidays: both deadlines move past them.
    await db.run(
      sql`INSERT INTO holidays (date, kind, name) VALUES ('2026-11-26', 'holiday', '测试假日'), ('2026-11-27', 'holiday', '测试假日')`,
    );
    const { path, id } = await startApplication();
    expect((await post(`${path}/submit`, { ...goodEstablishment, version: "1" })).status).toBe(303);
    const submitted = await rowOf(id);
    // Submitted Monday 2026-11-23; weekdays only, 5 working days would end 2026-11-30; with two holidays, 2026-12-02.
    const returned = await post(
      `/registrar/applications/${id}/return`,
      { version: String(submitted.version), reason: "请补充章程中的会费标准。" },
      registrar,
    );
    expect(returned.status).toBe(303);
    expect((await rowOf(id)).correctionDeadline).toBe("2026-12-02");
    expect(submitted.dueOn).not.toBe(null);
    const weekdaysOnly = (await import("../../src/domain/registration")).decisionDueOn(
      "establishment",
      "2026-11-23",
      false,
    );
    expect(submitted.dueOn! > weekdaysOnly).toBe(true);
  });

  it("R-B6: codes are issued from a per-authority sequence that never repeats", async () => {
    const codes: string[] = [];
    for (const name of ["东湖区桥牌协会", "东湖区象棋协会"]) {
      const { path, id } = await startApplication();
      await post(`${path}/submit`, {
        ...goodEstablishment,
        name,
        legalRepresentative: `${name}会长`,
        version: "1",
      });
      const row = await rowOf(id);
      expect(row.state).toBe("submitted");
      await post(
        `/registrar/applications/${id}/approve`,
        { version: String(row.version), documentNo: `东民社准〔2026〕${id}号` },
        registrar,
      );
      const org = (
        await db
          .select()
          .from(organizations)
          .where(eq(organizations.id, (await rowOf(id)).orgId!))
      )[0]!;
      codes.push(org.uscc);
    }
    expect(new Set(codes).size).toBe(2);
    const [seq] = await db
      .select()
      .from(usccSequences)
      .where(and(eq(usccSequences.authorityId, districtId), eq(usccSequences.orgType, "social_group")));
    expect(seq!.last).toBe(2);
  });

  it("R-A4 and R-A3: a taken name and a legal representative of another 社团 block submission", async () => {
    await insertOrgs(db, [{ name: "东湖区围棋协会", authorityCode: "159901", legalRepresentative: "王五" }]);
    const { path, id } = await startApplication();
    const res = await post(`${path}/submit`, {
      ...goodEstablishment,
      legalRepresentative: "王五",
      version: "1",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("已有同名的社会组织");
    expect(html).toContain("一人只能担任一个社会团体的法定代表人");
    expect((await rowOf(id)).state).toBe("draft");
  });

  it("R-A11: 直接登记 only for its four categories, naming the 党建领导机关, which the register then keeps", async () => {
    const { path } = await startApplication();
    const check = await post(`${path}/check`, {
      ...goodEstablishment,
      directCategory: "",
      partyBuildingAuthority: "",
    });
    const html = await check.text();
    expect(html).toContain("直接登记只适用于行业协会商会类、科技类、公益慈善类和城乡社区服务类");
    expect(html).toContain("请填写党建领导机关");
  });

  it("R-A3: a foundation's legal representative is refused as a 社团's legal representative at 成立", async () => {
    await insertOrgs(db, [
      { name: "东湖区慈爱基金会", type: "foundation", authorityCode: "159901", legalRepresentative: "王五" },
    ]);
    const { path, id } = await startApplication();
    const res = await post(`${path}/submit`, {
      ...goodEstablishment,
      legalRepresentative: "王五",
      version: "1",
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("“东湖区慈爱基金会”的法定代表人");
    expect((await rowOf(id)).state).toBe("draft");
  });

  it("R-D8: a person behind a 严重 entry named as legal representative: the registrar is warned; where the locality says so, approval is refused", async () => {
    const [listed] = await insertOrgs(db, [
      { name: "东湖区失信协会", authorityCode: "159901", status: "revoked" },
    ]);
    const [entry] =
      (await db.all(sql`INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, arisen_on,
        listed_on, document_no, publication_period)
      VALUES (${listed!.id}, ${districtId}, 'serious', 'd4_7', 'listed', '被撤销登记', '2026-05-01', '2026-05-01', '东民信〔2026〕2号', 'serious')
      RETURNING id`)) as { id: number }[];
    await db.run(
      sql`INSERT INTO credit_case_people (case_id, role, person_name) VALUES (${entry!.id}, 'legal_representative', '林海')`,
    );
    const { path, id } = await startApplication();
    expect((await post(`${path}/submit`, { ...goodEstablishment, version: "1" })).status).toBe(303);
    // The applicant is not told; the registrar is.
    expect(await (await get(path)).text()).not.toContain("严重违法失信名单");
    const review = await (await get(`/registrar/applications/${id}`, registrar)).text();
    expect(review).toContain("林海（同名，未核对身份证号码）为严重违法失信名单中东湖区失信协会");
    const row = await rowOf(id);
    const strict = createApp({
      db,
      config: testConfig({
        domain: { ...testConfig().domain, seriousPersonBlocks: true },
        trustProxy: { hops: 1 },
      }),
      now: () => clock,
    });
    const refused = await strict.request(`/registrar/applications/${id}/approve`, {
      method: "POST",
      headers: formHeaders(registrar),
      body: new URLSearchParams({ version: String(row.version), documentNo: "东民社准〔2026〕9号" }),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("不得担任法定代表人");
    expect((await rowOf(id)).state).toBe("submitted");
    // By default the registrar decides: the warning does not block.
    const approved = await post(
      `/registrar/applications/${id}/approve`,
      { version: String(row.version), documentNo: "东民社准〔2026〕9号" },
      registrar,
    );
    expect(approved.status).toBe(303);
  });

  it("one network address may start at most 10 applications a day", async () => {
    const start = () =>
      app().request("/apply", {
        method: "POST",
        headers: { ...formHeaders(), "X-Forwarded-For": "203.0.113.9" },
        body: new URLSearchParams({ authorityId: String(districtId), applicantName: "林海" }),
      });
    for (let i = 0; i < 10; i++) expect((await start()).status).toBe(303);
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("请明天再试");
    expect((await db.select().from(registrationApplications)).length).toBe(10);
  });

  it("refusal needs a reason; a link with a wrong secret finds nothing", async () => {
    const { path, id } = await startApplication();
    await post(`${path}/submit`, { ...goodEstablishment, version: "1" });
    const v = String((await rowOf(id)).version);
    expect(
      (await post(`/registrar/applications/${id}/refuse`, { version: v, confirm: "1" }, registrar)).status,
    ).toBe(422);
    // 不予登记 cannot be undone: without the box ticked that names the organization, nothing happens.
    const unconfirmed = await post(
      `/registrar/applications/${id}/refuse`,
      { version: v, refuseReason: "发起人不符合条件。" },
      registrar,
    );
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain("请勾选确认后再作出不予登记的决定");
    expect((await rowOf(id)).state).toBe("submitted");
    expect(
      (
        await post(
          `/registrar/applications/${id}/refuse`,
          { version: v, refuseReason: "发起人不符合条件。", confirm: "1" },
          registrar,
        )
      ).status,
    ).toBe(303);
    expect((await rowOf(id)).state).toBe("refused");
    expect(await (await get(path)).text()).toContain("发起人不符合条件");
    const forged = path.replace(/\.[0-9a-f]{64}$/, `.${"0".repeat(64)}`);
    expect((await get(forged)).status).toBe(404);
    expect((await post(`${forged}/submit`, { ...goodEstablishment, version: "1" })).status).toBe(404);
  });
});

describe("applications of an existing organization", () => {
  async function orgWithUser() {
    const [org] = await insertOrgs(db, [
      { name: "东湖区书画协会", authorityCode: "159901", legalRepresentative: "赵一" },
    ]);
    const user = await createUser(db, { role: "org", orgId: org!.id });
    const session = await signIn(db, user.id, clock);
    return { org: org!, cookie: session.cookie, user: session.user };
  }
  async function start(cookie: string, kind: string): Promise<number> {
    const res = await post("/portal/applications", { kind }, cookie);
    expect(res.status).toBe(303);
    return Number(res.headers.get("Location")!.match(/\/(\d+)\?/)![1]);
  }

  it("变更: old and new side by side; a new legal representative needs the audit (R-A8); approval updates the register, history and 公告 (R-A7)", async () => {
    const { org, cookie } = await orgWithUser();
    await db.update(organizations).set({ supervisionMode: "direct" }).where(eq(organizations.id, org.id));
    const id = await start(cookie, "change");
    const form = await (await get(`/portal/applications/${id}`, cookie)).text();
    expect(form).toContain("现登记内容");
    expect(form).toContain("赵一");
    const change = {
      items: ["name", "legalRepresentative"],
      name: "东湖区书法家协会",
      legalRepresentative: "钱二",
      version: "1",
    };
    const blocked = await post(`/portal/applications/${id}/submit`, change, cookie);
    expect(blocked.status).toBe(422);
    expect(await blocked.text()).toContain("变更法定代表人前须进行财务审计");
    const v = String((await rowOf(id)).version);
    expect(
      (
        await post(
          `/portal/applications/${id}/submit`,
          { ...change, auditReportNo: "东审〔2026〕3号", version: v },
          cookie,
        )
      ).status,
    ).toBe(303);
    const row = await rowOf(id);
    expect(
      (
        await post(
          `/registrar/applications/${id}/approve`,
          { version: String(row.version), documentNo: "东民社变〔2026〕1号" },
          registrar,
        )
      ).status,
    ).toBe(303);
    const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(after!.name).toBe("东湖区书法家协会");
    expect(after!.legalRepresentative).toBe("钱二");
    expect(after!.uscc).toBe(org.uscc); // R-B6: a change never changes the code
    const [h] = await db.select().from(orgHistory).where(eq(orgHistory.orgId, org.id));
    expect(h!.before).toEqual({ name: "东湖区书画协会", legalRepresentative: "赵一" });
    expect(h!.after).toEqual({ name: "东湖区书法家协会", legalRepresentative: "钱二" });
    const [n] = await db.select().from(announcements).where(eq(announcements.orgId, org.id));
    expect(n!.body).toContain("名称由“东湖区书画协会”变更为“东湖区书法家协会”");
    expect((await searchOrganizations(db, { q: "书法家", page: 1, perPage: 5 })).total).toBe(1);
    expect((await searchOrganizations(db, { q: "书画", page: 1, perPage: 5 })).total).toBe(0);
  });

  it("R-A1: a 变更 of 注册资金 below the 社团 minimum is refused, as at 成立", async () => {
    const { cookie } = await orgWithUser();
    const id = await start(cookie, "change");
    const low = await post(
      `/portal/applications/${id}/submit`,
      { items: ["capital"], capital: "10000", supervisorApprovedOn: "2026-11-20", version: "1" },
      cookie,
    );
    expect(low.status).toBe(422);
    expect(await low.text()).toContain("活动资金不少于");
    const v = String((await rowOf(id)).version);
    const ok = await post(
      `/portal/applications/${id}/submit`,
      { items: ["capital"], capital: "60000", supervisorApprovedOn: "2026-11-20", version: v },
      cookie,
    );
    expect(ok.status).toBe(303);
  });

  it("a 变更 of 业务主管单位, once approved, moves the open year's filing to the new unit's review", async () => {
    const { org, cookie } = await orgWithUser();
    const newUnit = await createSupervisorUnit(db, "示范市文学艺术界联合会");
    await db.run(
      sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on) VALUES (${districtId}, 2025, '{}', '2025-06-30')`,
    );
    await db.run(sql`INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode, supervisor_unit_id, state)
      SELECT y.id, ${org.id}, 2025, ${districtId}, 'social_group', 'supervised', ${unitId}, 'supervisor_review' FROM inspection_years y WHERE y.year = 2025 AND y.authority_id = ${districtId}`);
    const id = await start(cookie, "change");
    const sent = await post(
      `/portal/applications/${id}/submit`,
      {
        items: ["supervisor"],
        supervisorUnitId: String(newUnit),
        supervisorApprovedOn: "2026-11-20",
        version: "1",
      },
      cookie,
    );
    expect(
      sent.status,
      (await sent.clone().text())
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .slice(-1500),
    ).toBe(303);
    const row = await rowOf(id);
    expect(
      (
        await post(
          `/registrar/applications/${id}/approve`,
          { version: String(row.version), documentNo: "东民社变〔2026〕7号" },
          registrar,
        )
      ).status,
    ).toBe(303);
    const [filing] = (await db.all(
      sql`SELECT supervisor_unit_id AS u FROM annual_inspections WHERE org_id = ${org.id}`,
    )) as { u: number }[];
    expect(filing!.u).toBe(newUnit);
  });

  it("R-A3: at 变更, a foundation's legal representative is refused as a 社团's new legal representative", async () => {
    const { cookie } = await orgWithUser();
    await insertOrgs(db, [
      { name: "东湖区慈爱基金会", type: "foundation", authorityCode: "159901", legalRepresentative: "钱二" },
    ]);
    const id = await start(cookie, "change");
    const res = await post(
      `/portal/applications/${id}/submit`,
      {
        items: ["legalRepresentative"],
        legalRepresentative: "钱二",
        auditReportNo: "东审〔2026〕3号",
        supervisorApprovedOn: "2026-11-20",
        version: "1",
      },
      cookie,
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("“东湖区慈爱基金会”的法定代表人");
    expect((await rowOf(id)).state).toBe("draft");
  });

  it("章程核准 is recorded in the history; 注销 ends the organization and its accounts become read-only (R-A9)", async () => {
    const { org, cookie } = await orgWithUser();
    await db.update(organizations).set({ supervisionMode: "direct" }).where(eq(organizations.id, org.id));
    const charterId = await start(cookie, "charter");
    await post(
      `/portal/applications/${charterId}/submit`,
      { charter: CHARTER, changedClauses: "第三条：会员 → 个人会员和单位会员", version: "1" },
      cookie,
    );
    let row = await rowOf(charterId);
    await post(
      `/registrar/applications/${charterId}/approve`,
      { version: String(row.version), documentNo: "东民社章〔2026〕2号" },
      registrar,
    );
    expect((await rowOf(charterId)).state).toBe("approved");
    expect(
      (await db.select().from(orgHistory).where(eq(orgHistory.orgId, org.id))).map((h) => h.kind),
    ).toEqual(["charter"]);

    const deregId = await start(cookie, "deregistration");
    const future = await post(
      `/portal/applications/${deregId}/submit`,
      {
        reason: "会员大会决议解散。",
        liquidationEndedOn: "2026-12-31",
        liquidationReport: "资产已清理完毕。",
        version: "1",
      },
      cookie,
    );
    expect(future.status).toBe(422);
    expect(await future.text()).toContain("清算结束日期不能晚于今天");
    row = await rowOf(deregId);
    await post(
      `/portal/applications/${deregId}/submit`,
      {
        reason: "会员大会决议解散。",
        liquidationEndedOn: "2026-11-20",
        liquidationReport: "资产已清理完毕。",
        version: String(row.version),
      },
      cookie,
    );
    row = await rowOf(deregId);
    expect(row.state).toBe("submitted");
    await post(
      `/registrar/applications/${deregId}/approve`,
      { version: String(row.version), documentNo: "东民社注〔2026〕1号" },
      registrar,
    );
    const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(after!.status).toBe("deregistered");
    expect(after!.statusOn).toBe("2026-11-23");
    expect(
      (await db.select().from(announcements).where(eq(announcements.orgId, org.id))).map((a) => a.kind),
    ).toEqual(["deregistration"]);
    // The organization's account now only reads.
    expect((await get("/portal/applications", cookie)).status).toBe(200);
    const refused = await post("/portal/applications", { kind: "change" }, cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("账号只能查看");
  });

  it("refuses another organization, another authority, a read-only city registrar and a stale version", async () => {
    const { cookie } = await orgWithUser();
    const id = await start(cookie, "charter");
    const [stranger] = await insertOrgs(db, [{ name: "东湖区钓鱼协会", authorityCode: "159901" }]);
    const strangerCookie = (
      await signIn(db, (await createUser(db, { role: "org", orgId: stranger!.id })).id, clock)
    ).cookie;
    expect((await get(`/portal/applications/${id}`, strangerCookie)).status).toBe(404);
    expect((await post(`/portal/applications/${id}/save`, { version: "1" }, strangerCookie)).status).toBe(
      404,
    );
    expect((await get(`/registrar/applications/${id}`, otherRegistrar)).status).toBe(404);
    await post(
      `/portal/applications/${id}/submit`,
      { charter: CHARTER, changedClauses: "第三条", supervisorApprovedOn: "2026-11-20", version: "1" },
      cookie,
    );
    const row = await rowOf(id);
    expect(row.state).toBe("submitted");
    expect((await get(`/registrar/applications/${id}`, cityReader)).status).toBe(200);
    expect(
      (
        await post(
          `/registrar/applications/${id}/approve`,
          { version: String(row.version), documentNo: "x" },
          cityReader,
        )
      ).status,
    ).toBe(403);
    // Two registrars act on the same version: one wins, the other is told someone else acted.
    const [a, b] = await Promise.all([
      post(
        `/registrar/applications/${id}/approve`,
        { version: String(row.version), documentNo: "东民社章〔2026〕5号" },
        registrar,
      ),
      post(
        `/registrar/applications/${id}/return`,
        { version: String(row.version), reason: "补充说明" },
        registrar,
      ),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const loser = a.status === 409 ? a : b;
    expect(await loser.text()).toContain("刚被其他人处理或修改过");
  });

  it("two saves of the same version: one is kept, the other is told someone saved first, and only one is audited", async () => {
    const { cookie, user } = await orgWithUser();
    const id = await start(cookie, "charter");
    // Both read the application before either writes (as two tabs would).
    const seen = await rowOf(id);
    const viewer = { kind: "user" as const, user };
    const first = await saveDraft(db, viewer, seen, 1, { changedClauses: "第三条" }, clock, null);
    const second = await saveDraft(db, viewer, seen, 1, { changedClauses: "第五条" }, clock, null);
    expect(first).toEqual({ ok: true });
    expect(second).toMatchObject({ ok: false, code: "stale" });
    expect((await rowOf(id)).data).toMatchObject({ changedClauses: "第三条" });
    const saves = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "registration.save"), eq(auditEvents.objectId, String(id))));
    expect(saves).toHaveLength(1);
  });

  it("a 变更 can be refused with reasons; a terminated organization cannot apply at all (R-A9)", async () => {
    const { org, cookie } = await orgWithUser();
    const id = await start(cookie, "charter");
    await post(
      `/portal/applications/${id}/submit`,
      { charter: CHARTER, changedClauses: "第三条", supervisorApprovedOn: "2026-11-20", version: "1" },
      cookie,
    );
    const row = await rowOf(id);
    const refused = await post(
      `/registrar/applications/${id}/refuse`,
      { version: String(row.version), refuseReason: "修改内容违反法规。", confirm: "1" },
      registrar,
    );
    expect(refused.status).toBe(303);
    expect((await rowOf(id)).state).toBe("refused");
    expect((await db.select().from(orgHistory).where(eq(orgHistory.orgId, org.id))).length).toBe(0);
    await db
      .update(organizations)
      .set({ status: "revoked", statusOn: "2026-11-01" })
      .where(eq(organizations.id, org.id));
    const paper = await post("/registrar/applications", { kind: "change", uscc: org.uscc }, registrar);
    expect(paper.status).toBe(409);
    expect(await paper.text()).toContain("已终止登记");
  });

  it("a registrar records a paper application with the same checks and decides it", async () => {
    const res = await post(
      "/registrar/applications",
      { kind: "establishment", applicantName: "窗口申请人" },
      registrar,
    );
    expect(res.status).toBe(303);
    const id = Number(res.headers.get("Location")!.match(/\/(\d+)\?/)![1]);
    const blocked = await post(
      `/registrar/applications/${id}/submit`,
      { ...goodEstablishment, capital: "1000", version: "1" },
      registrar,
    );
    expect(blocked.status).toBe(422);
    expect(await blocked.text()).toContain("活动资金不少于");
    const v = String((await rowOf(id)).version);
    expect(
      (
        await post(
          `/registrar/applications/${id}/submit`,
          {
            ...goodEstablishment,
            supervisionMode: "supervised",
            supervisorUnitId: String(unitId),
            version: v,
          },
          registrar,
        )
      ).status,
    ).toBe(303);
    const row = await rowOf(id);
    expect(row.channel).toBe("paper");
    await post(
      `/registrar/applications/${id}/approve`,
      { version: String(row.version), documentNo: "东民社准〔2026〕9号" },
      registrar,
    );
    const [org] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.id, (await rowOf(id)).orgId!));
    expect(org!.supervisorUnitId).toBe(unitId);
    expect(org!.supervisor).toBe("示范市体育局");
  });
});
