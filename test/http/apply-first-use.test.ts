import { desc, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { applicationAttachments, registrationApplications, supervisorUnits } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { cnDate } from "../../src/domain/dates";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { memoryStorage } from "../support/inspection";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The public 成立 application as a first-time applicant meets it: the name checked as typed (R-A4). */

let db: Db;
let clock: Date;
let storage: ReturnType<typeof memoryStorage>;
const app = () =>
  createApp({ db, config: testConfig({ trustProxy: { hops: 1 } }), now: () => clock, storage });
let districtId: number;
let westId: number;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  storage = memoryStorage();
  clock = new Date("2026-11-23T02:00:00Z");
  await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  districtId = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  westId = await ensureAuthority(db, {
    code: "159902",
    name: "示范市西湖区民政局",
    level: "district",
    parentCode: "159900",
  });
});

const unit = async (name: string, authorityId: number | null) =>
  (await db.insert(supervisorUnits).values({ name, authorityId }).returning({ id: supervisorUnits.id }))[0]!
    .id;

const CHARTER =
  "第一章 总则：本会名称为东湖区围棋协会，宗旨是普及围棋运动。第二章 业务范围：比赛、培训、交流。第三章 会员。第四章 组织机构和负责人产生、罢免。第五章 资产管理、使用原则。第六章 章程的修改程序。第七章 终止程序及终止后的财产处理。";

const goodEstablishment = {
  name: "东湖区围棋协会",
  type: "social_group",
  address: "东湖区湖滨路 8 号",
  activityArea: "东湖区",
  legalRepresentative: "林海",
  capital: "30000",
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

const post = (path: string, body: Record<string, string>) =>
  app().request(path, { method: "POST", headers: formHeaders(), body: new URLSearchParams(body) });
const get = (path: string) => app().request(path);

async function startApplication(): Promise<{ path: string; id: number }> {
  const res = await post("/apply", {
    authorityId: String(districtId),
    applicantName: "林海",
    applicantPhone: "13800000000",
  });
  expect(res.status).toBe(303);
  const path = res.headers.get("Location")!.replace(/\?.*$/, "");
  const [row] = await db
    .select()
    .from(registrationApplications)
    .orderBy(desc(registrationApplications.id))
    .limit(1);
  return { path, id: row!.id };
}

describe("R-A4: the proposed name is checked before a type is chosen", () => {
  it("the live check names a taken name and a banned word next to the name field, with no type chosen", async () => {
    await insertOrgs(db, [{ name: "东湖区围棋协会", authorityCode: "159901" }]);
    const { path } = await startApplication();
    const taken = await post(`${path}/check`, { name: "东湖区围棋协会" });
    expect(taken.status).toBe(200);
    const html = await taken.text();
    // The name's own panel is swapped out of band beside the field.
    expect(html).toMatch(/<div id="name-check"[^>]*hx-swap-oob="true"[^>]*>.*已有同名的社会组织/s);
    const banned = await post(`${path}/check`, { name: "东湖区第一围棋协会" });
    expect(await banned.text()).toContain("名称不得使用“第一”");
  });

  it("the checks that depend on the type (民非 may not contain 总) wait until a type is chosen", async () => {
    const { path } = await startApplication();
    const noType = await (await post(`${path}/check`, { name: "东湖区总培训中心" })).text();
    expect(noType).not.toContain("不得含有“总”字");
    const withType = await (
      await post(`${path}/check`, { name: "东湖区总培训中心", type: "private_non_enterprise" })
    ).text();
    expect(withType).toContain("不得含有“总”字");
  });

  it("without JavaScript, saving shows what is wrong with the name under the field", async () => {
    await insertOrgs(db, [{ name: "东湖区围棋协会", authorityCode: "159901" }]);
    const { path } = await startApplication();
    const saved = await post(`${path}/save`, { name: "东湖区围棋协会", version: "1" });
    expect(saved.status).toBe(303);
    const page = await (await get(path)).text();
    expect(page).toMatch(/<div id="name-check"[^>]*>.*名称需要修改：本登记管理机关已有同名的社会组织/s);
    expect(page).toContain('aria-invalid="true"');
    // The form asks for live checks on typing (after an IME composition ends) and on leaving the field.
    expect(page).toContain("live-search delay:500ms, focusout from:#name");
    expect(page).toContain("data-live-search");
  });

  it("an empty name field shows no complaint under it before anything is typed", async () => {
    const { path } = await startApplication();
    const page = await (await get(path)).text();
    expect(page).toContain('<div id="name-check" aria-live="polite"></div>');
  });
});

describe("R-A11: the 业务主管单位 list is the application's district", () => {
  it("offers the district's units under an <optgroup> and leaves out another district's", async () => {
    await unit("东湖区教育局", districtId);
    await unit("西湖区教育局", westId);
    await unit("示范市体育总会", null);
    const { path } = await startApplication();
    const html = await (await get(path)).text();
    expect(html).toMatch(
      /<optgroup label="示范市东湖区民政局辖区"><option value="\d+">东湖区教育局<\/option><\/optgroup>/,
    );
    expect(html).toContain('<optgroup label="其他业务主管单位">');
    expect(html).toContain("示范市体育总会");
    expect(html).not.toContain("西湖区教育局");
  });

  it("refuses a unit outside the authority's district with a message next to the field, and stores nothing", async () => {
    const west = await unit("西湖区教育局", westId);
    const { path, id } = await startApplication();
    const res = await post(`${path}/save`, {
      name: "东湖区围棋协会",
      supervisionMode: "supervised",
      supervisorUnitId: String(west),
      version: "1",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(
      /<p class="error-message" id="supervisorUnitId-error">所选业务主管单位不在本登记管理机关的辖区内/,
    );
    const [row] = await db.select().from(registrationApplications);
    expect(row!.id).toBe(id);
    expect(row!.data).toEqual({});
  });

  it("accepts the district's own unit", async () => {
    const own = await unit("东湖区教育局", districtId);
    const { path } = await startApplication();
    const res = await post(`${path}/save`, {
      supervisionMode: "supervised",
      supervisorUnitId: String(own),
      version: "1",
    });
    expect(res.status).toBe(303);
  });
});

describe("R-A6: the applicant's page after submitting says what happens next", () => {
  it("names the application's number, the review, the limit in working days and the date the decision is due", async () => {
    const { path, id } = await startApplication();
    const res = await post(`${path}/submit`, { ...goodEstablishment, version: "1" });
    expect(res.status).toBe(303);
    const html = await (await get(`${path}?done=submitted`)).text();
    const [row] = await db.select().from(registrationApplications);
    expect(row!.state).toBe("submitted");
    expect(html).toContain(`申请编号：<strong>${id}</strong>`);
    expect(html).toContain("60 个工作日内作出准予登记或不予登记的决定");
    expect(html).toContain(`最迟在 <strong>${cnDate(row!.dueOn!)}</strong> 前`);
    expect(cnDate(row!.dueOn!)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    // How to come back, what to prepare (by type: a 社团's 活动资金), and whom to contact.
    expect(html).toContain("请保存本页地址");
    expect(html.match(/class="activation-link"/g)).toHaveLength(1);
    expect(html).toContain("活动资金不少于 3 万元");
    expect(html).toContain("住所证明");
    expect(html).toContain("本申请由<strong>示范市东湖区民政局</strong>");
  });

  it("a 慈善组织 applicant is told 30 working days", async () => {
    const { path } = await startApplication();
    await post(`${path}/submit`, { ...goodEstablishment, isCharity: "1", version: "1" });
    const html = await (await get(path)).text();
    expect(html).toContain("30 个工作日内作出准予登记或不予登记的决定");
  });
});

const PDF = new TextEncoder().encode("%PDF-1.4\n章程\n%%EOF");
const upload = (path: string, kind: string, name: string, bytes: Uint8Array, cookie?: string) => {
  const body = new FormData();
  body.append("kind", kind);
  body.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  return app().request(`${path}/materials`, {
    method: "POST",
    headers: { Origin: "http://localhost", ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
};
const getAs = (path: string, cookie: string) => app().request(path, { headers: { Cookie: cookie } });

describe("an application's materials (章程, 验资证明, 住所证明)", () => {
  it("the applicant attaches the 章程 and downloads it as an attachment; the registrar of the authority sees and downloads it", async () => {
    const { path, id } = await startApplication();
    const res = await upload(path, "charter", "章程草案.html", PDF);
    expect(res.status).toBe(303);
    const page = await (await get(`${path}?done=uploaded`)).text();
    // The server names the file after what it is (a PDF), not what the uploader wrote.
    const link = page.match(/章程：<a href="([^"]+)">章程草案\.pdf<\/a>/);
    expect(link).not.toBeNull();
    const file = await get(link![1]!);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);

    const registrar = (
      await signIn(db, (await createUser(db, { role: "registrar", authorityId: districtId })).id, clock)
    ).cookie;
    const staffPage = await (await getAs(`/registrar/applications/${id}`, registrar)).text();
    const staffLink = staffPage.match(
      /<a href="(\/registrar\/applications\/\d+\/materials\/\d+)">章程草案\.pdf/,
    );
    expect(staffLink).not.toBeNull();
    expect((await getAs(staffLink![1]!, registrar)).status).toBe(200);
    // The registrar reads the materials but uploads none on the applicant's behalf.
    expect((await upload(`/registrar/applications/${id}`, "other", "x.pdf", PDF, registrar)).status).toBe(
      404,
    );
    const audit = await db.all<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE action = 'registration.attachment.add'`,
    );
    expect(audit).toHaveLength(1);
  });

  it("another applicant's link, a registrar of another district and no one without a link cannot download them", async () => {
    const first = await startApplication();
    await upload(first.path, "premises", "租赁合同.pdf", PDF);
    const second = await startApplication();
    const [row] = await db.select().from(applicationAttachments);
    expect((await get(`${second.path}/materials/${row!.id}`)).status).toBe(404);
    expect((await get(`/apply/not-a-link/materials/${row!.id}`)).status).toBe(404);
    const west = (
      await signIn(db, (await createUser(db, { role: "registrar", authorityId: westId })).id, clock)
    ).cookie;
    expect((await getAs(`/registrar/applications/${first.id}/materials/${row!.id}`, west)).status).toBe(404);
  });

  it("refuses a file that is not a PDF, PNG or JPEG, and a missing file, with a Chinese message next to the field", async () => {
    const { path } = await startApplication();
    const html = await upload(
      path,
      "capital",
      "验资.pdf",
      new TextEncoder().encode("<html>not a pdf</html>"),
    );
    expect(html.status).toBe(400);
    expect(await html.text()).toMatch(
      /<p class="error-message" id="file-error">文件“验资.pdf”的内容不是 PDF、PNG 或 JPEG 格式/,
    );
    const none = await upload(path, "capital", "", new Uint8Array());
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("请选择要上传的文件。");
    const badKind = await upload(path, "__proto__", "a.pdf", PDF);
    expect(badKind.status).toBe(400);
    expect(await badKind.text()).toContain("请选择材料类别。");
    expect(await db.select().from(applicationAttachments)).toHaveLength(0);
    expect(storage.files.size).toBe(0);
  });

  it("after the registrar decides, no more materials are accepted", async () => {
    const { path, id } = await startApplication();
    await db.run(sql`UPDATE registration_applications SET state = 'refused' WHERE id = ${id}`);
    const res = await upload(path, "other", "补充.pdf", PDF);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("申请已办结，不能再上传材料。");
  });
});

describe("a lost link: recorded on /apply, a new one issued by the registrar", () => {
  it("the request shows no link; the registrar sees it and issues a new link, which revokes the old one (audited)", async () => {
    const { path, id } = await startApplication();
    const res = await post("/apply/recover", { recoverNo: String(id), recoverContact: "138 0000 0000" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/apply?done=recover#recover");
    const answer = await (await get("/apply?done=recover")).text();
    expect(answer).toContain("已收到您的找回请求");
    expect(answer).not.toMatch(/\/apply\/[0-9a-f]{32}\./);

    const registrar = (
      await signIn(db, (await createUser(db, { role: "registrar", authorityId: districtId })).id, clock)
    ).cookie;
    expect(await (await getAs(`/registrar/applications/${id}`, registrar)).text()).toContain(
      "申请人请求找回申请链接",
    );
    const issued = await app().request(`/registrar/applications/${id}/reissue-link`, {
      method: "POST",
      headers: formHeaders(registrar),
      body: new URLSearchParams(),
    });
    expect(issued.status).toBe(200);
    const html = await issued.text();
    const fresh = html.match(/\/apply\/[0-9a-f]{32}\.[0-9a-f]{64}/)?.[0];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(path);
    expect((await get(path)).status).toBe(404);
    expect((await get(fresh!)).status).toBe(200);
    // Once issued, the request is no longer pending.
    expect(await (await getAs(`/registrar/applications/${id}`, registrar)).text()).not.toContain(
      "申请人请求找回申请链接",
    );
    const audit = await db.all<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE action LIKE 'registration.link%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      "registration.link_recovery.request",
      "registration.link_reissue",
    ]);
  });

  it("a wrong phone is answered the same but records nothing; a registrar of another district cannot issue a link", async () => {
    const { id } = await startApplication();
    const res = await post("/apply/recover", { recoverNo: String(id), recoverContact: "13911111111" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/apply?done=recover#recover");
    const audit = await db.all(
      sql`SELECT id FROM audit_events WHERE action = 'registration.link_recovery.request'`,
    );
    expect(audit).toHaveLength(0);
    const west = (
      await signIn(db, (await createUser(db, { role: "registrar", authorityId: westId })).id, clock)
    ).cookie;
    const refused = await app().request(`/registrar/applications/${id}/reissue-link`, {
      method: "POST",
      headers: formHeaders(west),
      body: new URLSearchParams(),
    });
    expect(refused.status).toBe(404);
  });

  it("bad input is refused with 400 and a Chinese message next to the field", async () => {
    const res = await post("/apply/recover", { recoverNo: "abc", recoverContact: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<p class="error-message" id="recoverNo-error">申请编号是数字/);
    expect(html).toMatch(
      /<p class="error-message" id="recoverContact-error">请填写申请时留下的联系电话或电子邮箱/,
    );
  });
});
