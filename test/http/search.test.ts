import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import {
  classifyQuery,
  iterateOrganizations,
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
    const { createSearchCache, registerVersion } = await import("../../src/registry/search-cache");
    const cache = createSearchCache(10);
    const before = await cache.search(db, { q: "爱心", page: 1, perPage: 20 });
    expect(names(before)).toEqual(["东湖区爱心协会"]);
    expect(cache.size).toBe(1);
    const v = await registerVersion(db);
    await insertOrgs(db, [{ name: "南河区爱心助学促进会" }]);
    expect(await registerVersion(db)).toBeGreaterThan(v);
    const after = await cache.search(db, { q: "爱心", page: 1, perPage: 20 });
    expect(names(after)).toEqual(["东湖区爱心协会", "南河区爱心助学促进会"]);
  });

  it("evicts the least recently used entry beyond its size", async () => {
    const { createSearchCache } = await import("../../src/registry/search-cache");
    const cache = createSearchCache(2);
    for (const q of ["会", "商", "协"]) await cache.search(db, { q, page: 1, perPage: 5 });
    expect(cache.size).toBe(2);
  });
});
