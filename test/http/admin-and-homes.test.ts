import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, authorities } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { createSupervisorUnit, createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The administrator's reference-data pages and the role homes, through HTTP: what each shows, what each refuses. */
let db: Db;
let cookies: Record<"admin" | "registrar" | "supervisor" | "org", string>;
const app = () => createApp({ db, config: testConfig(), now: () => new Date("2026-06-01T02:00:00Z") });
const get = (path: string, cookie: string) => app().request(path, { headers: { Cookie: cookie } });
const post = (path: string, body: Record<string, string>, cookie: string) =>
  app().request(path, { method: "POST", headers: formHeaders(cookie), body: new URLSearchParams(body) });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  const cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  const [org] = await insertOrgs(db, [{ name: "示范市围棋协会" }]);
  const unitId = await createSupervisorUnit(db, "示范市体育局");
  const cookieOf = async (f: Parameters<typeof createUser>[1]) =>
    (await signIn(db, (await createUser(db, f)).id)).cookie;
  cookies = {
    admin: await cookieOf({ role: "admin" }),
    registrar: await cookieOf({ role: "registrar", authorityId: cityId }),
    supervisor: await cookieOf({ role: "supervisor", supervisorUnitId: unitId }),
    org: await cookieOf({ role: "org", orgId: org!.id }),
  };
});

describe("/admin/authorities", () => {
  it("adds an authority and records authority.create in the audit log", async () => {
    const body = { code: "159901", name: "示范市某区民政局", level: "district", parentId: "" };
    const res = await post("/admin/authorities", body, cookies.admin);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/authorities?done=created");
    expect(await db.select().from(authorities).where(eq(authorities.code, "159901"))).toHaveLength(1);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, "authority.create"));
    expect(events.map((e) => e.objectId)).toEqual(["159901"]);
    expect(await (await get("/admin/authorities?done=created", cookies.admin)).text()).toContain(
      "示范市某区民政局",
    );
  });

  it("answers a bad code or a taken one with 422 and the message by the field (R-B4)", async () => {
    const bad = await post("/admin/authorities", { code: "12", name: "某局", level: "city" }, cookies.admin);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("代码应为 6 位数字");
    const taken = await post(
      "/admin/authorities",
      { code: "159900", name: "某局", level: "city" },
      cookies.admin,
    );
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain("这个代码已经有登记管理机关了。");
  });

  it("is not there for a registrar (404)", async () => {
    expect((await get("/admin/authorities", cookies.registrar)).status).toBe(404);
    const res = await post(
      "/admin/authorities",
      { code: "159902", name: "某局", level: "city" },
      cookies.registrar,
    );
    expect(res.status).toBe(404);
  });
});

describe("/admin/supervisor-units", () => {
  it("adds a unit once and refuses the same name with 422", async () => {
    expect((await post("/admin/supervisor-units", { name: "示范市教育局" }, cookies.admin)).status).toBe(303);
    const again = await post("/admin/supervisor-units", { name: "示范市教育局" }, cookies.admin);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("已经有这个业务主管单位了。");
  });

  it("R-A11: places a unit in an authority's district, shown in the list; an unknown authority is refused next to the field", async () => {
    const [city] = (await db.all(sql`SELECT id FROM authorities WHERE code = '159900'`)) as { id: number }[];
    const ok = await post(
      "/admin/supervisor-units",
      { name: "示范市教育局", authorityId: String(city!.id) },
      cookies.admin,
    );
    expect(ok.status).toBe(303);
    const list = await (await get("/admin/supervisor-units", cookies.admin)).text();
    expect(list).toMatch(/<td>示范市教育局<\/td>\s*<td>示范市民政局<\/td>/);
    expect(list).toMatch(/<td>示范市体育局<\/td>\s*<td>未划分/);
    const bad = await post(
      "/admin/supervisor-units",
      { name: "示范市民宗委", authorityId: "999999" },
      cookies.admin,
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="authorityId-error">请选择列表中的登记管理机关。/);
  });
});

describe("the role homes", () => {
  it("shows each role its own home, with the 年检 panel for the registrar and the supervisor", async () => {
    const registrar = await (await get("/registrar", cookies.registrar)).text();
    expect(registrar).toContain("登记管理机关工作台");
    expect(registrar).toContain("示范市民政局");
    expect(registrar).toContain("尚未开启年检");
    const supervisor = await (await get("/supervisor", cookies.supervisor)).text();
    expect(supervisor).toContain("示范市体育局");
    expect(supervisor).toContain("尚未开启年检");
    expect(await (await get("/portal", cookies.org)).text()).toContain("示范市围棋协会");
    expect(await (await get("/admin", cookies.admin)).text()).toContain("业务主管单位");
  });

  it("is not there for another role (404)", async () => {
    expect((await get("/registrar", cookies.supervisor)).status).toBe(404);
    expect((await get("/supervisor", cookies.org)).status).toBe(404);
    expect((await get("/admin", cookies.registrar)).status).toBe(404);
  });
});

describe("the registrar's organization list", () => {
  it("finds by name with the search box kept on the page; a query with control characters, too long, or a bad page is refused with 400 and a message beside the field", async () => {
    const found = await get(`/registrar/orgs?q=${encodeURIComponent("围棋")}`, cookies.registrar);
    expect(found.status).toBe(200);
    const page = await found.text();
    expect(page).toContain("示范市围棋协会");
    expect(page).toMatch(/<input type="search" id="q" name="q" value="围棋"/);
    for (const bad of [
      `q=${encodeURIComponent("围棋\u0000")}`,
      `q=${"协".repeat(101)}`,
      "page=0",
      "page=abc",
    ]) {
      const res = await get(`/registrar/orgs?${bad}`, cookies.registrar);
      expect(res.status, bad).toBe(400);
      const body = await res.text();
      expect(body, bad).toContain("请修改以下内容");
      expect(body, bad).toMatch(/含有不可见的控制字符|不能超过 100 个字|页码应为 1 至 200 的整数/);
      expect(body, bad).toContain('aria-invalid="true"');
    }
    expect((await get("/registrar/orgs", cookies.supervisor)).status).toBe(404);
  });
});

describe("/admin/audit/export.csv", () => {
  it("the log under the page's filters as CSV, each event a sentence; other roles and bad filters refused", async () => {
    await post(
      "/admin/authorities",
      { code: "159901", name: "示范市某区民政局", level: "district", parentId: "" },
      cookies.admin,
    );
    await post("/admin/supervisor-units", { name: "示范市教育局" }, cookies.admin);
    const res = await get("/admin/audit/export.csv?action=authority.", cookies.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain("编号,时间,操作人,角色,IP,操作,社会组织,说明");
    expect(csv).toContain("新增登记管理机关");
    expect(csv).toContain("159901");
    expect(csv).not.toContain("示范市教育局"); // another family of actions: filtered out
    const all = new TextDecoder().decode(
      new Uint8Array(await (await get("/admin/audit/export.csv", cookies.admin)).arrayBuffer()),
    );
    expect(all).toContain("示范市教育局");
    expect(all).not.toMatch(/supervisor_unit\.create|authority\.create/); // actions in words, never as codes
    expect((await get("/admin/audit/export.csv?from=2026-13-01", cookies.admin)).status).toBe(400);
    expect((await get("/admin/audit/export.csv", cookies.registrar)).status).toBe(404);
  });
});
