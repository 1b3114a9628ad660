import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import {
  classifyQuery,
  iterateOrganizations,
  type OrgSummary,
  searchOrganizations,
  TOTAL_CAP,
} from "../../src/registry/search";
import { insertOrgs } from "../support/orgs";

let db: Db;
let codes: Record<string, string>;

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  const rows = await insertOrgs(db, [
    { name: "示范市河南商会" }, // contains 商会
    { name: "商会", status: "deregistered" }, // exact, terminated
    { name: "商会", authorityCode: "159901" }, // exact, active (another authority)
    { name: "商会服务中心", type: "private_non_enterprise", status: "revoked" }, // prefix, terminated
    { name: "商会发展促进会" }, // prefix, active
    { name: "东湖区商会联合会", status: "deregistered" }, // contains, terminated
    { name: "东湖区爱心协会", registeredOn: "2008-05-01" },
    { name: "西山区自行车运动协会", registeredOn: "2020-01-15", authorityCode: "159901" },
    { name: "示范市100%公益基金会", type: "foundation" },
    { name: 'A"B*C(OR)会' },
  ]);
  codes = Object.fromEntries(rows.map((r) => [r.name, r.uscc]));
});

const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);

describe("register search", () => {
  it("ranks exact names first, then names starting with the query, then the rest; 正常 before terminated in each", async () => {
    const r = await searchOrganizations(db, { q: "商会", page: 1, perPage: 20 });
    expect(r.mode).toBe("name");
    expect(names(r)).toEqual([
      "商会",
      "商会",
      "商会发展促进会",
      "商会服务中心",
      "示范市河南商会",
      "东湖区商会联合会",
    ]);
    expect(r.items[0]!.status).toBe("active");
    expect(r.items[1]!.status).toBe("deregistered");
    expect(r).toMatchObject({ total: 6, totalCapped: false });
  });

  it("finds one-character queries anywhere in the name", async () => {
    const r = await searchOrganizations(db, { q: "爱", page: 1, perPage: 20 });
    expect(names(r)).toEqual(["东湖区爱心协会"]);
    const hui = await searchOrganizations(db, { q: "会", page: 1, perPage: 50 });
    expect(hui.total).toBe(10);
  });

  it("matches 3+ character fragments exactly, not just their bigrams", async () => {
    expect(names(await searchOrganizations(db, { q: "自行车运动", page: 1, perPage: 20 }))).toEqual([
      "西山区自行车运动协会",
    ]);
    // 车运 and 运动 both occur, but not 车动.
    expect((await searchOrganizations(db, { q: "车动协", page: 1, perPage: 20 })).total).toBe(0);
  });

  it("treats a well-formed code (any case) as an exact lookup", async () => {
    const code = codes["东湖区爱心协会"]!;
    const r = await searchOrganizations(db, { q: ` ${code.toLowerCase()} `, page: 1, perPage: 20 });
    expect(r.mode).toBe("uscc");
    expect(names(r)).toEqual(["东湖区爱心协会"]);
  });

  it("takes characters that mean something to SQL or FTS5 literally", async () => {
    for (const q of [
      '"',
      "'",
      "*",
      "%",
      "_",
      "OR",
      "NEAR(",
      "--",
      'A"B*C(OR)',
      "100%",
      "'; DROP TABLE organizations; --",
    ]) {
      const r = await searchOrganizations(db, { q, page: 1, perPage: 20 });
      for (const item of r.items) expect(item.name.toLowerCase()).toContain(q.toLowerCase());
    }
    expect(names(await searchOrganizations(db, { q: "100%", page: 1, perPage: 20 }))).toEqual([
      "示范市100%公益基金会",
    ]);
    expect(names(await searchOrganizations(db, { q: "B*C(", page: 1, perPage: 20 }))).toEqual([
      'A"B*C(OR)会',
    ]);
  });

  it("applies filters: type, status, authority, registration-date range", async () => {
    const byType = await searchOrganizations(db, {
      q: "商会",
      type: "private_non_enterprise",
      page: 1,
      perPage: 20,
    });
    expect(names(byType)).toEqual(["商会服务中心"]);
    const active = await searchOrganizations(db, { q: "商会", status: "active", page: 1, perPage: 20 });
    expect(names(active)).toEqual(["商会", "商会发展促进会", "示范市河南商会"]);
    const district = await searchOrganizations(db, { authorityCode: "159901", page: 1, perPage: 20 });
    expect(names(district).sort()).toEqual(["商会", "西山区自行车运动协会"]);
    const dated = await searchOrganizations(db, {
      registeredFrom: "2008-01-01",
      registeredTo: "2008-12-31",
      page: 1,
      perPage: 20,
    });
    expect(names(dated)).toEqual(["东湖区爱心协会"]);
    const unknownAuthority = await searchOrganizations(db, { authorityCode: "999999", page: 1, perPage: 20 });
    expect(unknownAuthority.total).toBe(0);
  });

  it("lists 正常 organizations first when there is no query", async () => {
    const r = await searchOrganizations(db, { page: 1, perPage: 20 });
    expect(r.mode).toBe("filters");
    expect(r.total).toBe(10);
    const firstTerminated = r.items.findIndex((i) => i.status !== "active");
    expect(r.items.slice(firstTerminated).every((i) => i.status !== "active")).toBe(true);
  });

  it("pages across segment boundaries without gaps or repeats", async () => {
    const all = names(await searchOrganizations(db, { q: "会", page: 1, perPage: 50 }));
    const paged: string[] = [];
    for (let page = 1; page <= 5; page++) {
      paged.push(...names(await searchOrganizations(db, { q: "会", page, perPage: 2 })));
    }
    expect(paged).toEqual(all);
  });

  it("streams every match in page order for the CSV export", async () => {
    const paged = names(await searchOrganizations(db, { q: "会", page: 1, perPage: 50 }));
    const streamed: string[] = [];
    for await (const o of iterateOrganizations(db, { q: "会" }, 2)) streamed.push(o.name);
    expect(streamed).toEqual(paged);
  });

  it("classifies queries", () => {
    expect(classifyQuery("  ")).toEqual({ mode: "filters" });
    expect(classifyQuery("商会").mode).toBe("name");
    expect(classifyQuery("53100000500019795a").mode).toBe("uscc");
    expect(TOTAL_CAP).toBe(10_000);
  });
});

describe("search result cache", () => {
  it("serves a repeated search from the cache and recomputes it after the register changes", async () => {
    const { cachedSearch, createSearchCache, registerVersion } = await import(
      "../../src/registry/search-cache"
    );
    const cache = createSearchCache(10);
    const before = await cachedSearch(cache, db, { q: "爱心", page: 1, perPage: 20 });
    expect(names(before)).toEqual(["东湖区爱心协会"]);
    expect(cache.size).toBe(1);
    const v = await registerVersion(db);
    await insertOrgs(db, [{ name: "南河区爱心助学促进会" }]);
    expect(await registerVersion(db)).toBeGreaterThan(v);
    const after = await cachedSearch(cache, db, { q: "爱心", page: 1, perPage: 20 });
    expect(names(after)).toEqual(["东湖区爱心协会", "南河区爱心助学促进会"]);
  });

  it("evicts the least recently used entry beyond its size", async () => {
    const { cachedSearch, createSearchCache } = await import("../../src/registry/search-cache");
    const cache = createSearchCache(2);
    for (const q of ["会", "商", "协"]) await cachedSearch(cache, db, { q, page: 1, perPage: 5 });
    expect(cache.size).toBe(2);
  });
});

describe("one-statement search (latency)", () => {
  let big: Db;
  // 40 matches of 协会 spread over every segment and status: exact, prefix and contains, 正常 and terminated.
  const statuses = ["active", "deregistered", "revoked", "license_revoked"] as const;
  beforeAll(async () => {
    ({ db: big } = await openMemoryDatabase());
    const list: { name: string; status: (typeof statuses)[number]; authorityCode?: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const status = statuses[i % 4]!;
      const name =
        i % 5 === 0 ? "协会" : i % 5 < 3 ? `协会${String(i).padStart(2, "0")}分会` : `第${i}体育协会`;
      // Names are unique per authority: the exact ones go to different authorities.
      list.push({ name, status, authorityCode: i % 5 === 0 ? `1599${10 + i}` : undefined });
    }
    await insertOrgs(big, list);
  });

  it("ranks exact → prefix → rest, 正常 first in each, on every page when each segment is larger than a page", async () => {
    const rank = (o: { name: string; status: string }) =>
      (o.name === "协会" ? 0 : o.name.startsWith("协会") ? 2 : 4) + (o.status === "active" ? 0 : 1);
    const paged: OrgSummary[] = [];
    for (let page = 1; page <= 6; page++) {
      paged.push(...(await searchOrganizations(big, { q: "协会", page, perPage: 7 })).items);
    }
    expect(paged).toHaveLength(40);
    const ranks = paged.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Within the exact and prefix segments, by name (then id).
    const prefix = paged.filter((o) => rank(o) === 2).map((o) => o.name);
    expect(prefix).toEqual([...prefix].sort());
    const full = (await searchOrganizations(big, { q: "协会", page: 1, perPage: 40 })).items;
    expect(full.map((o) => o.uscc)).toEqual(paged.map((o) => o.uscc));
  });

  it("a page past the last match is empty but still carries the count", async () => {
    const r = await searchOrganizations(big, { q: "协会", page: 5, perPage: 20 });
    expect(r).toMatchObject({ total: 40, totalCapped: false, items: [] });
  });

  it("returns full summaries (authority included) in page order", async () => {
    const r = await searchOrganizations(big, { q: "体育协会", page: 1, perPage: 3 });
    expect(r.items).toHaveLength(3);
    for (const o of r.items) {
      expect(o).toMatchObject({
        type: "social_group",
        legalRepresentative: "张三",
        address: "示范市测试路1号",
      });
      expect(o.authority).toEqual({ code: "159900", name: "测试159900民政局" });
      expect(typeof o.id).toBe("number");
    }
  });

  it("reads the register version in the same statement as the search", async () => {
    const { searchAtVersion } = await import("../../src/registry/search");
    const { registerVersion } = await import("../../src/registry/search-cache");
    const { version } = await searchAtVersion(big, { q: "协会", page: 1, perPage: 5 });
    expect(version).toBe(await registerVersion(big));
    await insertOrgs(big, [{ name: "版本测试协会" }]);
    expect((await searchAtVersion(big, { q: "协会", page: 1, perPage: 5 })).version).toBeGreaterThan(version);
  });
});

describe("open-data API hot path", () => {
  it("serves a repeated search with the same body and headers, and the new data once the register changes", async () => {
    const { createApp } = await import("../../src/app");
    const { testConfig } = await import("../../src/config");
    const { db: apiDb } = await openMemoryDatabase();
    await insertOrgs(apiDb, [{ name: "热路径测试协会" }]);
    const app = createApp({ db: apiDb, config: testConfig() });
    const url = "/api/v1/organizations?q=%E7%83%AD%E8%B7%AF%E5%BE%84";
    const first = await app.request(url);
    const second = await app.request(url);
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/json");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=60");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    }
    const body = await first.text();
    expect(await second.text()).toBe(body);
    expect(JSON.parse(body)).toMatchObject({ total: 1, items: [{ name: "热路径测试协会" }] });
    await insertOrgs(apiDb, [{ name: "热路径测试二协会" }]);
    expect(await (await app.request(url)).json()).toMatchObject({ total: 2 });
  });

  it("GET skips the body limit; a POST over it is still refused with 413", async () => {
    const { createApp } = await import("../../src/app");
    const { testConfig } = await import("../../src/config");
    const { db: apiDb } = await openMemoryDatabase();
    const app = createApp({ db: apiDb, config: { ...testConfig(), bodyLimitBytes: 10 } });
    expect((await app.request("/api/v1/organizations")).status).toBe(200);
    const res = await app.request("/login", {
      method: "POST",
      body: "x".repeat(100),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: testConfig().publicOrigin },
    });
    expect(res.status).toBe(413);
  });
});

describe("total without counting", () => {
  it("a short first page gives the total by itself, and a page past the end still counts", async () => {
    const { db: small } = await openMemoryDatabase();
    await insertOrgs(small, [{ name: "甲乙丙协会" }, { name: "丙甲乙丙协会", status: "revoked" }]);
    const first = await searchOrganizations(small, { q: "甲乙丙", page: 1, perPage: 20 });
    expect(first).toMatchObject({ total: 2, totalCapped: false });
    expect(first.items.map((o) => o.name)).toEqual(["甲乙丙协会", "丙甲乙丙协会"]);
    const second = await searchOrganizations(small, { q: "甲乙丙", page: 2, perPage: 1 });
    expect(second).toMatchObject({ total: 2, items: [{ name: "丙甲乙丙协会" }] });
    const past = await searchOrganizations(small, { q: "甲乙丙", page: 5, perPage: 1 });
    expect(past).toMatchObject({ total: 2, items: [] });
    const none = await searchOrganizations(small, { q: "无此名称", page: 1, perPage: 20 });
    expect(none).toMatchObject({ total: 0, totalCapped: false, items: [] });
  });
});
