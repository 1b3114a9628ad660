import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { usccCheckChar } from "../../src/domain/uscc";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** What the public reads: exact reasons for a malformed code (R-B1, R-B2), in Chinese, with no rule ids. */

let db: Db;
let app: ReturnType<typeof createApp>;
let sample: { uscc: string; name: string };
let districtId: number;

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  districtId = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  sample = (await insertOrgs(db, [{ name: "示范市自行车运动协会", authorityCode: "159900" }]))[0]!;
  app = createApp({ db, config: testConfig(), now: () => new Date("2026-11-22T04:00:00Z") });
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const search = async (q: string, headers: Record<string, string> = {}) => {
  const res = await get(`/search?q=${encodeURIComponent(q)}`, headers);
  expect(res.status).toBe(200);
  return res.text();
};

describe("public search with a malformed 统一社会信用代码", () => {
  it("R-B1: a code of the wrong length says how long it should be and how long it is", async () => {
    const html = await search(sample.uscc.slice(0, 16));
    expect(html).toContain("应为18位，现为16位");
    expect(html).not.toContain("须为完整的18位");
  });

  it("R-B1: a forbidden character is named with its position, also in the htmx fragment", async () => {
    const html = await search(`${sample.uscc.slice(0, 17)}I`, { "HX-Request": "true" });
    expect(html).toContain("第18位“I”不是允许的字符");
  });

  it("R-B2: a wrong check character says which one it should be and which one was given", async () => {
    const first17 = sample.uscc.slice(0, 17);
    const right = usccCheckChar(first17);
    const wrong = right === "0" ? "1" : "0";
    const html = await search(first17 + wrong);
    expect(html).toContain(`校验位应为“${right}”，现为“${wrong}”`);
  });

  it("R-B1: a name that finds nothing is not reported as a malformed code", async () => {
    const html = await search("不存在的名称");
    expect(html).toContain("没有找到符合条件的社会组织");
    expect(html).not.toContain("应为18位");
  });
});

const post = (path: string, body: Record<string, string>) =>
  app.request(path, { method: "POST", headers: formHeaders(), body: new URLSearchParams(body) });
const RULE_ID = /R-[A-G]\d/;

describe("rule ids stay out of what the public reads", () => {
  it("the 申请成立 start page, and its refusal of an empty form", async () => {
    const page = await get("/apply");
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(RULE_ID);
    const refused = await post("/apply", { authorityId: "", applicantName: "" });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain("请填写申请人姓名");
    expect(html).not.toMatch(RULE_ID);
  });

  it("the applicant's application page and its live checks (R-A1, R-A4, R-F3 problems) speak without rule ids", async () => {
    const started = await post("/apply", { authorityId: String(districtId), applicantName: "林海" });
    expect(started.status).toBe(303);
    const path = started.headers.get("Location")!.replace(/\?.*$/, "");
    const page = await get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(RULE_ID);
    const check = await post(`${path}/check`, {
      orgType: "social_group",
      name: "中国第一自行车协会",
      individualMembers: "20",
      partyCommitment: "",
    });
    const html = await check.text();
    expect(html).toContain("必须修改");
    expect(html).not.toMatch(RULE_ID);
  });

  it("search results, an empty search and a malformed code", async () => {
    for (const q of ["自行车", "不存在的名称", sample.uscc.slice(0, 16)]) {
      expect(await search(q)).not.toMatch(RULE_ID);
    }
  });

  it("the organization page, and the 400 for a malformed code", async () => {
    const page = await get(`/orgs/${sample.uscc}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(sample.name);
    expect(html).not.toMatch(RULE_ID);
    const bad = await get(`/orgs/${sample.uscc.slice(0, 17)}I`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toMatch(RULE_ID);
  });
});

describe("the audit browser in Chinese", () => {
  it("shows each event as a sentence: the action, its object and details in words, no codes or JSON", async () => {
    expect((await post("/apply", { authorityId: String(districtId), applicantName: "林海" })).status).toBe(
      303,
    );
    const admin = await createUser(db, { role: "admin", username: "auditor" });
    const { cookie } = await signIn(db, admin.id, new Date("2026-11-22T04:00:00Z"));
    const res = await get("/admin/audit?action=registration.", { Cookie: cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("创建登记申请");
    expect(html).toContain("事项：成立登记");
    expect(html).not.toMatch(/registration\.start|>application |\{&quot;|\{"/);
  });
});
