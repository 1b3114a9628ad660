/**
 * Every audit event names who, what, which organization, when and from where: a walk through the main actions over
 * HTTP (the annual inspection from 领取 to 公告, 准予成立登记, the browser import) and a look at every event written.
 */
import { eq, gt, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { announcements, auditEvents, organizations, registrationApplications } from "../../db/schema";
import { testConfig } from "../../src/config";
import type { SessionUser } from "../../src/context";
import { establishmentAnnouncement } from "../../src/domain/announcement-texts";
import type { ReportSection } from "../../src/domain/inspection-report";
import { issueUscc } from "../../src/domain/uscc";
import { inspectionService as svc } from "../../src/inspection/service";
import { formHeaders } from "../support/auth";
import { asUsers, buildInspectionWorld, goodForms, type InspectionWorld, ok } from "../support/inspection";

const FROM = { "X-Forwarded-For": "203.0.113.9" };
// Built afresh before each test.
let { db, world, clock, deps, app } = {} as InspectionWorld;
const http = asUsers(
  () => app,
  () => db,
  () => clock,
);

beforeEach(async () => {
  http.clear();
  ({ db, world, clock, deps, app } = await buildInspectionWorld({
    config: testConfig({ trustProxy: { hops: 1 } }),
  }));
});

async function submitted(user: SessionUser) {
  const f = (await svc.orgHome(deps, user)).current!;
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

const versionOf = async (table: string, id: number) =>
  String(
    ((await db.all(sql`SELECT version FROM ${sql.raw(table)} WHERE id = ${id}`)) as { version: number }[])[0]!
      .version,
  );

async function lastEventId() {
  const [row] = (await db.all(sql`SELECT coalesce(max(id), 0) AS id FROM audit_events`)) as { id: number }[];
  return row!.id;
}

describe("audit events: who, what, which organization, when, from where", () => {
  it("every event the main actions write has its actor, its organization where there is one, and the client's address", async () => {
    const reg = world.users.cityRegistrar;
    const id = await submitted(world.users.learned);
    const since = await lastEventId();

    // The annual inspection, through the reviewers' pages.
    const act = async (u: SessionUser, base: string, action: string, extra: Record<string, string> = {}) =>
      http.post(
        u,
        `${base}/inspections/${id}/actions`,
        { version: await versionOf("annual_inspections", id), action, ...extra },
        FROM,
      );
    expect(
      (
        await http.post(
          reg,
          `/registrar/inspections/${id}/take`,
          { version: await versionOf("annual_inspections", id) },
          FROM,
        )
      ).status,
    ).toBe(303);
    for (const a of ["start_pre_review", "pass_pre_review"])
      expect((await act(reg, "/registrar", a)).status).toBe(303);
    expect((await act(world.users.supervisorA, "/supervisor", "pass_supervisor_review")).status).toBe(303);
    expect((await act(reg, "/registrar", "conclude", { conclusion: "qualified" })).status).toBe(303);
    expect((await act(reg, "/registrar", "publish")).status).toBe(303);

    // 成立登记 online: the applicant's link, submission, 准予登记 (the event names the organization it registers).
    const start = await app.request("/apply", {
      method: "POST",
      headers: { ...formHeaders(), ...FROM },
      body: new URLSearchParams({
        authorityId: String(world.authorities.city),
        applicantName: "林海",
        applicantPhone: "13800000000",
      }),
    });
    expect(start.status).toBe(303);
    const link = start.headers.get("Location")!.replace(/\?.*$/, "");
    const [application] = await db.select().from(registrationApplications);
    const submit = await app.request(`${link}/submit`, {
      method: "POST",
      headers: { ...formHeaders(), ...FROM },
      body: new URLSearchParams({ ...ESTABLISHMENT, version: String(application!.version) }),
    });
    expect(submit.status).toBe(303);
    const approve = await http.post(
      reg,
      `/registrar/applications/${application!.id}/approve`,
      {
        version: await versionOf("registration_applications", application!.id),
        documentNo: "示民社准〔2026〕3号",
      },
      FROM,
    );
    expect(approve.status).toBe(303);

    // The browser import: a new organization and a changed one.
    const header =
      "统一社会信用代码,名称,类型,状态,成立日期,法定代表人,住所,登记管理机关代码,登记管理机关,注册资金(元)";
    const csv = [
      header,
      `${issueUscc("159900", "social_group", 701)},示范市导入审计协会,社会团体,正常,2020-01-02,钱七,示范路1号,159900,示范市民政局,30000`,
    ].join("\n");
    const fd = new FormData();
    fd.set("file", new File([csv], "导入.csv", { type: "text/csv" }));
    const upload = await app.request("/registrar/import", {
      method: "POST",
      headers: { Cookie: await http.cookieOf(reg), Origin: "http://localhost", ...FROM },
      body: fd,
    });
    expect(upload.status).toBe(303);
    const jobPath = upload.headers.get("Location")!;
    expect((await http.post(reg, `${jobPath}/step`, {}, FROM)).status).toBe(303);

    const events = await db.select().from(auditEvents).where(gt(auditEvents.id, since));
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "inspection.take",
        "inspection.conclude",
        "inspection.publish",
        "registration.import.preview",
        "organization.import.create",
        "registration.approve",
      ]),
    );
    for (const e of events) {
      expect(e.ip, e.action).toBe("203.0.113.9");
      expect(e.actorUserId ?? e.actorUsername, e.action).toBeTruthy();
      expect(e.at, e.action).toBeTruthy();
      if (e.objectType === "annual_inspection" || e.objectType === "organization")
        expect(e.orgId, e.action).not.toBeNull();
    }
    const approved = events.find((e) => e.action === "registration.approve")!;
    const [registered] = await db.select().from(registrationApplications);
    expect(approved.orgId).toBe(registered!.orgId);
    // The app's 成立 公告 reads as the one template for 成立 says (the demo seed uses the same).
    const [org] = await db.select().from(organizations).where(eq(organizations.id, registered!.orgId!));
    const [notice] = await db.select().from(announcements).where(eq(announcements.orgId, org!.id));
    expect({ title: notice!.title, body: notice!.body }).toEqual(
      establishmentAnnouncement({
        name: "示范市围棋协会",
        uscc: org!.uscc,
        typeLabel: "社会团体",
        address: "示范市湖滨路 8 号",
        legalRepresentative: "林海",
        capitalFen: 3_000_000,
        supervisor: null,
        authorityName: "示范市民政局",
      }),
    );
    const created = events.find((e) => e.action === "organization.import.create")!;
    expect(created.orgId).not.toBeNull();
  });
});

const ESTABLISHMENT = {
  name: "示范市围棋协会",
  type: "social_group",
  address: "示范市湖滨路 8 号",
  activityArea: "示范市",
  legalRepresentative: "林海",
  capital: "30000",
  individualMembers: "56",
  unitMembers: "0",
  purpose: "普及围棋运动，提高棋艺水平。",
  businessScope: "围棋比赛、培训、交流。",
  supervisionMode: "direct",
  directCategory: "community",
  partyBuildingAuthority: "示范市社会组织党委",
  partyCommitment: "1",
  partyFullMembers: "3",
  partyProbationaryMembers: "0",
  partySecretaryCandidate: "林海",
  charter:
    "第一章 总则：本会名称为示范市围棋协会，宗旨是普及围棋运动。第二章 业务范围：比赛、培训、交流。第三章 会员。第四章 组织机构和负责人产生、罢免。第五章 资产管理、使用原则。第六章 章程的修改程序。第七章 终止程序及终止后的财产处理。",
};
