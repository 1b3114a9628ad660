import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoCity } from "../../db/seed/demo";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, signIn } from "../support/auth";

/** /registrar/statistics: the bureau's numbers with their definitions, tables and CSVs, scoped like every registrar page. */
let db: Db;
let city: string;
let district: string;
const app = () => createApp({ db, config: testConfig(), now: () => new Date("2026-11-22T02:00:00Z") });

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  await seedDemoCity(db, { count: 300 });
  const [c] = (await db.all(sql`SELECT id FROM authorities WHERE code = '159900'`)) as { id: number }[];
  const [d] = (await db.all(sql`SELECT id FROM authorities WHERE code = '159901'`)) as { id: number }[];
  city = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: c!.id })).id)).cookie;
  district = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: d!.id })).id)).cookie;
});

const get = (path: string, cookie: string) => app().request(path, { headers: { Cookie: cookie } });

describe("statistics", () => {
  it("R-C10 and the register: each figure with its definition, a chart with a title and summary, the numbers as a table", async () => {
    const res = await get("/registrar/statistics", city);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const title of [
      "登记的社会组织（按类型和状态）",
      "年检率与合格率（按年度）",
      "信用名单（按年度）",
      "僵尸型社会组织处置（按年度结案）",
      "党的组织覆盖和工作覆盖（按登记管理机关）",
    ])
      expect(html).toContain(title);
    expect(html).toContain('role="img"');
    expect(html).toContain("已报送年度工作报告的组织数÷应参检组织数");
    // The register's total is the number of organizations the city reads.
    const [n] = (await db.all(
      sql`SELECT count(*) AS n FROM organizations WHERE type = 'social_group' AND status = 'active'`,
    )) as { n: number }[];
    const bytes = new Uint8Array(await (await get("/registrar/statistics/register.csv", city)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain(`社会团体,${n!.n}`);
  });

  it("a district registrar counts only its own organizations; a filter is a URL", async () => {
    const [n] =
      (await db.all(sql`SELECT count(*) AS n FROM organizations o JOIN authorities a ON a.id = o.authority_id
      WHERE a.code = '159901' AND o.type = 'social_group' AND o.status = 'active'`)) as { n: number }[];
    const own = await (await get("/registrar/statistics/register.csv", district)).text();
    expect(own).toContain(`社会团体,${n!.n}`);
    const filtered = await (
      await get("/registrar/statistics/register.csv?authority=159901&type=social_group", city)
    ).text();
    expect(filtered.trim().split("\n")).toHaveLength(2);
    expect(filtered).toContain(`社会团体,${n!.n}`);
    // A district cannot widen its scope with the filter.
    const wider = await (await get("/registrar/statistics/register.csv?authority=159900", district)).text();
    expect(wider).toBe(own);
    expect((await get("/registrar/statistics/nothing.csv", city)).status).toBe(404);
  });
});

describe("public statistics (/statistics, GET /api/v1/statistics)", () => {
  it("publishes the register, published conclusions and the credit lists — no zombie, party or rate figures — and withholds counts under 5", async () => {
    const res = await app().request("/statistics");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("登记的社会组织（按类型和状态）");
    expect(html).toContain("年检结论（按年度，已公告）");
    expect(html).not.toContain("党的组织覆盖");
    expect(html).not.toContain("僵尸型");
    expect(html).not.toContain("/registrar/");
    const api = (await (await app().request("/api/v1/statistics")).json()) as {
      min_cell: number;
      series: { key: string; rows: { values: (number | null)[]; withheld: boolean }[] }[];
    };
    expect(api.min_cell).toBe(5);
    const all = api.series.flatMap((s) => s.rows.flatMap((r) => r.values));
    expect(all.every((v) => v === null || v === 0 || v >= 5)).toBe(true);
    // The 300-organization demo has a handful of 吊销: withheld, never shown as a number.
    const flows = api.series.find((s) => s.key === "flows")!;
    expect(flows.rows.some((r) => r.withheld)).toBe(true);
    const csv = await (await app().request("/statistics/flows.csv")).text();
    expect(csv).toContain("少于5");
    expect((await app().request("/statistics/party-coverage.csv")).status).toBe(404);
  });
});
