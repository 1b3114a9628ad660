import { desc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { registrationApplications } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority } from "../support/orgs";

/** Registration rules on the forms: where a 基金会 may be registered, and deadlines counted without a holiday calendar. */

let db: Db;
const clock = new Date("2026-11-23T02:00:00Z");
const app = () => createApp({ db, config: testConfig({ trustProxy: { hops: 1 } }), now: () => clock });
let provinceId: number;
let districtId: number;
let registrar: string;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  await db.run(
    sql`INSERT INTO authorities (code, name, region_code, level) VALUES ('150000', '示范省民政厅', '150000', 'province')`,
  );
  provinceId = ((await db.all(sql`SELECT id FROM authorities WHERE code = '150000'`)) as { id: number }[])[0]!
    .id;
  await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  districtId = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  registrar = (
    await signIn(db, (await createUser(db, { role: "registrar", authorityId: districtId })).id, clock)
  ).cookie;
});

const post = (path: string, body: Record<string, string>, cookie?: string) =>
  app().request(path, { method: "POST", headers: formHeaders(cookie), body: new URLSearchParams(body) });
const get = (path: string, cookie?: string) =>
  app().request(path, { headers: cookie ? { Cookie: cookie } : {} });

async function start(authorityId: number) {
  const res = await post("/apply", {
    authorityId: String(authorityId),
    applicantName: "林海",
    applicantPhone: "13800000000",
  });
  expect(res.status).toBe(303);
  const [row] = await db
    .select()
    .from(registrationApplications)
    .orderBy(desc(registrationApplications.id))
    .limit(1);
  return { path: res.headers.get("Location")!.replace(/\?.*$/, ""), id: row!.id };
}

const CHARTER =
  "第一章 总则：本基金会宗旨是资助青少年教育。第二章 业务范围：助学、奖学。第三章 组织机构和负责人产生、罢免。第四章 财产的管理和使用。第五章 章程的修改程序。第六章 终止程序及终止后的财产处理。";
const foundation = {
  name: "东湖区助学基金会",
  type: "foundation",
  foundationKind: "non_public",
  address: "东湖区湖滨路 8 号",
  activityArea: "东湖区",
  legalRepresentative: "林海",
  capital: "2000000",
  boardSize: "7",
  boardTermYears: "5",
  purpose: "资助青少年教育。",
  businessScope: "助学、奖学。",
  supervisionMode: "direct",
  directCategory: "charity",
  partyBuildingAuthority: "东湖区社会组织党委",
  partyCommitment: "1",
  partyFullMembers: "3",
  partyProbationaryMembers: "0",
  partySecretaryCandidate: "林海",
  charter: CHARTER,
};

describe("基金会 are registered at provincial level or above (domain.md §1, R-A2)", () => {
  it("R-A2: a district registrar's form does not offer 基金会 and says why; a 基金会 application there cannot be submitted", async () => {
    const { path, id } = await start(districtId);
    const form = await (await get(path)).text();
    expect(form).not.toContain('<option value="foundation"');
    expect(form).toContain("基金会由省级以上人民政府民政部门登记");

    const submitted = await post(`${path}/submit`, { ...foundation, version: "1" });
    expect(submitted.status).toBe(422);
    expect(await submitted.text()).toContain("不受理基金会成立登记");
    const [row] = await db.select().from(registrationApplications).where(eq(registrationApplications.id, id));
    expect(row!.state).toBe("draft");
  });

  it("R-A2: a provincial registrar's form offers 基金会 and takes the application", async () => {
    const { path, id } = await start(provinceId);
    const form = await (await get(path)).text();
    expect(form).toContain('<option value="foundation"');
    expect(form).not.toContain("不受理基金会成立登记");
    const submitted = await post(`${path}/submit`, { ...foundation, name: "示范省助学基金会", version: "1" });
    expect(submitted.status).toBe(303);
    const [row] = await db.select().from(registrationApplications).where(eq(registrationApplications.id, id));
    expect(row!.state).toBe("submitted");
  });
});

describe("deadlines counted without a holiday calendar (R-A6, working days)", () => {
  it("R-A6: a decision deadline running into a year with no holiday calendar warns staff that it counted weekends only", async () => {
    await db.run(sql`INSERT INTO holidays (date, kind, name) VALUES ('2026-10-01', 'holiday', '国庆节')`);
    const { path, id } = await start(districtId);
    const ok = await post(`${path}/submit`, {
      ...foundation,
      type: "social_group",
      name: "东湖区围棋协会",
      capital: "30000",
      individualMembers: "56",
      unitMembers: "0",
      directCategory: "community",
      version: "1",
    });
    expect(ok.status).toBe(303);
    const warning = "该年度节假日安排尚未录入，期限按周末计算（2027年）";
    expect(await (await get(`/registrar/applications/${id}`, registrar)).text()).toContain(warning);
    expect(await (await get("/registrar/applications", registrar)).text()).toContain(warning);

    await db.run(sql`INSERT INTO holidays (date, kind, name) VALUES ('2027-01-01', 'holiday', '元旦')`);
    expect(await (await get(`/registrar/applications/${id}`, registrar)).text()).not.toContain(
      "节假日安排尚未录入",
    );
  });
});
