import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoCity } from "../../db/seed/demo";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { insertOrgs } from "../support/orgs";

let db: Db;
let app: ReturnType<typeof createApp>;
let sample: { uscc: string; name: string };

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  await seedDemoCity(db);
  sample = (await insertOrgs(db, [{ name: "示范市测试唯一名称协会", authorityCode: "159900" }]))[0]!;
  app = createApp({ db, config: testConfig(), now: () => new Date("2026-11-22T04:00:00Z") });
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe("public pages", () => {
  it("home has one search box and the register's size", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="q"');
    expect(html).toContain("2,001");
  });

  it("search lists matches with a count, filters and pagination that keep the query", async () => {
    const res = await get("/search?q=%E5%95%86%E4%BC%9A&per_page=5");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/共 \d+ 个社会组织/);
    expect(html).toContain('rel="next"');
    expect(html).toContain("page=2");
    expect(html).toContain("q=%E5%95%86%E4%BC%9A");
    expect(res.headers.get("Vary")).toContain("HX-Request");
  });

  it("answers htmx with the results fragment only, and a full page otherwise", async () => {
    const frag = await (await get("/search?q=%E5%95%86", { "HX-Request": "true" })).text();
    expect(frag.startsWith('<div id="results"')).toBe(true);
    expect(frag).not.toContain("<html");
    const history = await (
      await get("/search?q=%E5%95%86", { "HX-Request": "true", "HX-Request-Type": "full" })
    ).text();
    expect(history).toContain("<html");
  });

  it("refuses a query over 100 characters with 400 and the message next to the field", async () => {
    const res = await get(`/search?q=${"会".repeat(101)}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("不能超过100个字");
    expect(html).toContain('id="q-error"');
    expect(html).toContain("data-error-summary");
  });

  it("refuses bad filters with 400 and says which, in Chinese words only", async () => {
    const res = await get("/search?type=school&registered_from=2020-13-01");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("类型应为社会团体、民办非企业单位或基金会。");
    expect(html).toContain("成立日期（起）应为有效日期");
    // The message names the choices in Chinese, never the parameter's internal values.
    expect(html.replace(/<[^>]*>/g, " ")).not.toContain("social_group");
  });

  it("never errors on input that means something to SQL or FTS5", async () => {
    for (const q of ["%", "_", '"', "'", "*", "OR", "NEAR(", "--", "a' OR '1'='1", '商会"*']) {
      const res = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it("shows the organization page with registration facts, certificate and 公告", async () => {
    const res = await get(`/orgs/${sample.uscc}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const s of [sample.name, sample.uscc, "登记管理机关", "登记证书", "公告", "注册资金"])
      expect(html).toContain(s);
  });

  it("redirects a lower-case code to the canonical one", async () => {
    const res = await get(`/orgs/${sample.uscc.toLowerCase()}`);
    expect(res.status).toBe(301);
    expect(res.headers.get("Location")).toBe(`/orgs/${sample.uscc}`);
  });

  it("answers 400 naming the problem for a malformed code, 404 for an unknown valid one", async () => {
    const bad = await get("/orgs/52110101MJ0018899X");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("校验位应为");
    const unknown = await get("/orgs/53100000500019795A");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("未找到该社会组织");
  });

  it("documents the open data", async () => {
    const res = await get("/data");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/api/v1/organizations.csv");
  });
});

describe("open-data API", () => {
  it("returns the documented shape, capped total and enums", async () => {
    const res = await get("/api/v1/organizations?q=%E4%BC%9A&per_page=3");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await res.json()) as {
      total: number;
      total_capped: boolean;
      items: Record<string, unknown>[];
    };
    expect(body).toMatchObject({ page: 1, per_page: 3, total_capped: false });
    expect(body.items).toHaveLength(3);
    expect(Object.keys(body.items[0]!).sort()).toEqual(
      ["authority", "legal_representative", "name", "registered_on", "status", "type", "uscc"].sort(),
    );
    expect(["social_group", "private_non_enterprise", "foundation"]).toContain(body.items[0]!.type);
    expect(String(body.items[0]!.registered_on)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("filters by type, status, authority and registration dates", async () => {
    const res = await get(
      "/api/v1/organizations?type=foundation&status=active&authority=150000&registered_from=2010-01-01&registered_to=2020-12-31&per_page=100",
    );
    const body = (await res.json()) as {
      total: number;
      items: { type: string; status: string; registered_on: string }[];
    };
    expect(body.total).toBeGreaterThan(0);
    for (const i of body.items) {
      expect(i).toMatchObject({ type: "foundation", status: "active" });
      expect(i.registered_on >= "2010-01-01" && i.registered_on <= "2020-12-31").toBe(true);
    }
  });

  it("refuses invalid parameters with 400 and per-field Chinese messages", async () => {
    const res = await get("/api/v1/organizations?per_page=0&status=closed&page=x");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("invalid_parameters");
    expect(Object.keys(body.error.fields).sort()).toEqual(["page", "per_page", "status"]);
    const deep = await get("/api/v1/organizations?page=600");
    expect(deep.status).toBe(400);
  });

  it("returns one organization with capital as a decimal string and its announcements", async () => {
    const res = await get(`/api/v1/organizations/${sample.uscc}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ uscc: sample.uscc, name: sample.name, capital_yuan: "0.00" });
    expect(body).toHaveProperty("certificate");
    expect(Array.isArray(body.announcements)).toBe(true);
    const seeded = (await (await get("/api/v1/organizations?type=foundation&per_page=1")).json()) as {
      items: { uscc: string }[];
    };
    const f = (await (await get(`/api/v1/organizations/${seeded.items[0]!.uscc}`)).json()) as {
      capital_yuan: string;
    };
    expect(f.capital_yuan).toMatch(/^\d+\.\d{2}$/);
  });

  it("answers invalid_uscc (400) and not_found (404)", async () => {
    const bad = await get("/api/v1/organizations/123");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_uscc");
    const unknown = await get("/api/v1/organizations/53100000500019795A");
    expect(unknown.status).toBe(404);
  });

  it("streams every filtered match as CSV with a BOM and Chinese headers", async () => {
    const json = (await (await get("/api/v1/organizations?q=%E5%95%86%E4%BC%9A&per_page=1")).json()) as {
      total: number;
    };
    const res = await get("/api/v1/organizations.csv?q=%E5%95%86%E4%BC%9A");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\n");
    expect(lines[0]).toContain("统一社会信用代码,名称,类型,状态");
    expect(lines.length - 1).toBe(json.total);
    const all = await (await get("/api/v1/organizations.csv")).text();
    expect(all.trim().split("\n").length - 1).toBe(2001);
  });
});

describe("every date a visitor reads is written 2026年3月31日 (house standard)", () => {
  /** The text a visitor reads: no tags, scripts or code samples (the open-data page's JSON sample is for developers). */
  const visible = (html: string) =>
    html
      .replace(/<(script|style|pre)[\s\S]*?<\/\1>/g, " ")
      .replace(/<[^>]*>/g, " ")
      .replace(/&[a-z]+;/g, " ");

  it("on the register, an organization with 年检 conclusions, its certificate and check, and the public lists", async () => {
    const [withConclusion] = (await db.all(sql`
      SELECT o.uscc FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id
      WHERE ai.concluded_on IS NOT NULL AND o.certificate_issued_on IS NOT NULL LIMIT 1`)) as {
      uscc: string;
    }[];
    expect(withConclusion).toBeDefined();
    const code = withConclusion!.uscc;
    const pages = [
      "/",
      "/search?q=%E5%8D%8F%E4%BC%9A",
      `/orgs/${code}`,
      `/orgs/${code}/certificate`,
      `/verify/${code}`,
      "/inspection-results",
      "/credit",
      "/announcements",
    ];
    const read: Record<string, string> = {};
    for (const path of pages) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      read[path] = visible(await res.text());
      expect(read[path].match(/\d{4}-\d{2}-\d{2}/g) ?? [], path).toEqual([]);
    }
    // The pages did show dates, the Chinese way: the test would see an ISO one.
    expect(read[`/orgs/${code}`]).toMatch(/年检情况[\s\S]*\d{4}年\d{1,2}月\d{1,2}日/);
    expect(read[`/orgs/${code}/certificate`]).toMatch(/有效期\s*\d{4}年\d{1,2}月\d{1,2}日 至/);
    expect(read["/inspection-results"]).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });
});
