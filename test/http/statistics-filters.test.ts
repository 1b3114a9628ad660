import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoCity } from "../../db/seed/demo";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { statisticsCubesJob } from "../../src/statistics/cubes";
import { createUser, signIn } from "../support/auth";

/**
 * The statistics' filters as URL parameters (supervisor unit, one year, besides authority and type), read from the
 * nightly precomputation once the job has run, and refused with a Chinese message when not valid.
 */
let db: Db;
let city: string;
const now = () => new Date("2026-11-22T02:00:00Z");
const app = () => createApp({ db, config: testConfig(), now });
const get = (path: string, cookie?: string) =>
  app().request(path, { headers: cookie ? { Cookie: cookie } : {} });
const count = async (where: ReturnType<typeof sql>) =>
  Number(
    ((await db.all(sql`SELECT count(*) AS n FROM organizations o WHERE ${where}`)) as { n: number }[])[0]!.n,
  );

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  await seedDemoCity(db, { count: 300 });
  const [c] = (await db.all(sql`SELECT id FROM authorities WHERE code = '159900'`)) as { id: number }[];
  city = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: c!.id })).id)).cookie;
});

describe("statistics filters", () => {
  it("before the job has run the figures are counted directly and the page says nothing of a precomputation", async () => {
    const html = await (await get("/registrar/statistics", city)).text();
    expect(html).not.toContain("数据截至");
    expect(html).toContain('name="supervisor"');
    expect(html).toContain('name="year"');
  });

  it("after the nightly job the page says as at when its figures were computed", async () => {
    await statisticsCubesJob.run({ db, config: testConfig(), now }, "2026-11-22", { dryRun: false });
    const html = await (await get("/registrar/statistics", city)).text();
    expect(html).toContain("数据截至2026年11月22日10时00分");
    const pub = await (await get("/statistics")).text();
    expect(pub).toContain("数据截至2026年11月22日10时00分");
    const api = (await (await get("/api/v1/statistics")).json()) as { computed_at: string };
    expect(api.computed_at).toBe("2026-11-22T02:00:00.000Z");
  });

  it("supervisor=direct counts only 直接登记 organizations, the chosen view is in the CSV link, and each number opens a search with the same filter", async () => {
    const n = await count(
      sql`o.supervision_mode = 'direct' AND o.type = 'social_group' AND o.status = 'active'`,
    );
    const csv = await (await get("/registrar/statistics/register.csv?supervisor=direct", city)).text();
    expect(csv).toContain(`社会团体,${n}`);
    const html = await (await get("/registrar/statistics?supervisor=direct", city)).text();
    expect(html).toContain("/registrar/statistics/register.csv?supervisor=direct");
    expect(html).toMatch(/<option value="direct" selected/);
    // The number opens a search with the same supervisor filter, which finds as many (the city and its districts).
    const inCity =
      await count(sql`o.supervision_mode = 'direct' AND o.type = 'social_group' AND o.status = 'active'
      AND o.authority_id IN (SELECT id FROM authorities WHERE code = '159900'
        OR parent_id = (SELECT id FROM authorities WHERE code = '159900'))`);
    const link = "/search?authority=159900&subordinates=1&supervisor=direct&type=social_group&status=active";
    expect(html).toContain(
      `<a href="${link.replaceAll("&", "&amp;")}">${inCity.toLocaleString("zh-CN")}</a>`,
    );
    const found = await (await get(link)).text();
    expect(found.replace(/\s+/g, " ")).toContain(`共 ${inCity.toLocaleString("zh-CN")} 个社会组织`);
    expect(found).toMatch(/<option value="direct" selected/);
    const bad = await get("/search?supervisor=somebody");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("业务主管单位请从列表中选择。");
  });

  it("supervisor=<unit id> counts the organizations of that 业务主管单位, on the public page too", async () => {
    const [u] = (await db.all(
      sql`SELECT supervisor_unit_id AS id, count(*) AS n FROM organizations WHERE supervisor_unit_id IS NOT NULL
      AND type = 'social_group' AND status = 'active' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    )) as { id: number; n: number }[];
    const csv = await (await get(`/registrar/statistics/register.csv?supervisor=${u!.id}`, city)).text();
    expect(csv).toContain(`社会团体,${u!.n}`);
    const api = (await (await get(`/api/v1/statistics?supervisor=${u!.id}`)).json()) as {
      series: { key: string; rows: { label: string; values: (number | null)[] }[] }[];
    };
    const shown = api.series.find((s) => s.key === "register")!.rows.find((r) => r.label === "社会团体")!
      .values[0];
    expect(shown).toBe(u!.n >= 5 ? u!.n : null);
    // The search finds the unit's organizations from the unit's own index, in name order.
    const found = await (await get(`/search?supervisor=${u!.id}&type=social_group&status=active`)).text();
    expect(found.replace(/\s+/g, " ")).toContain(`共 ${u!.n.toLocaleString("zh-CN")} 个社会组织`);
    const names = [...found.matchAll(/<a class="org-name" href="\/orgs\/[0-9A-Z]{18}">([^<]+)<\/a>/g)].map(
      (m) => m[1]!,
    );
    expect(names.length).toBe(Math.min(u!.n, 20));
    expect(names).toEqual([...names].sort());
  });

  it("year=2025 shows the per-year figures of 2025 only", async () => {
    const n = await count(sql`substr(o.registered_on, 1, 4) = '2025'`);
    const csv = await (await get("/registrar/statistics/flows.csv?year=2025", city)).text();
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^2025年,${n},`));
  });

  it("a number opens the organizations it counts: the register's 社会团体 正常 links to a search that finds as many, for the whole register, one district and a city with its districts", async () => {
    const n = await count(sql`o.type = 'social_group' AND o.status = 'active'`);
    // The whole register (the public figures; a registrar's one district alike): the search's own filters say it.
    const html = await (await get("/statistics")).text();
    expect(html).toContain(
      `<a href="/search?type=social_group&amp;status=active">${n.toLocaleString("zh-CN")}</a>`,
    );
    const found = await (await get("/search?type=social_group&status=active")).text();
    expect(found.replace(/\s+/g, " ")).toContain(`共 ${n.toLocaleString("zh-CN")} 个社会组织`);
    // The months of this year and the districts compared are on the page, each with its definition.
    expect(html).toContain("成立与终止（2026年，按月）");
    expect(html).toContain("各登记管理机关对比");
    // A city's registrar sees its authority and the districts under it: the search's 含下级登记管理机关 selects them.
    const inCity = await count(sql`o.type = 'social_group' AND o.status = 'active' AND o.authority_id IN
      (SELECT id FROM authorities WHERE code = '159900' OR parent_id = (SELECT id FROM authorities WHERE code = '159900'))`);
    const cityPage = await (await get("/registrar/statistics", city)).text();
    expect(cityPage).toContain(
      `<a href="/search?authority=159900&amp;subordinates=1&amp;type=social_group&amp;status=active">${inCity.toLocaleString("zh-CN")}</a>`,
    );
    const inTree = await (
      await get("/search?authority=159900&subordinates=1&type=social_group&status=active")
    ).text();
    expect(inTree.replace(/\s+/g, " ")).toContain(`共 ${inCity.toLocaleString("zh-CN")} 个社会组织`);
    expect(inTree).toMatch(/<input type="checkbox" id="subordinates" name="subordinates" value="1" checked/);
    const api = (await (
      await get("/api/v1/organizations?authority=159900&subordinates=1&type=social_group&status=active")
    ).json()) as { total: number };
    expect(api.total).toBe(inCity);
    // Without it, the city's own organizations only.
    const own = await count(sql`o.type = 'social_group' AND o.status = 'active' AND o.authority_id =
      (SELECT id FROM authorities WHERE code = '159900')`);
    expect(own).toBeLessThan(inCity);
    const cityOnly = await (await get("/search?authority=159900&type=social_group&status=active")).text();
    expect(cityOnly.replace(/\s+/g, " ")).toContain(`共 ${own.toLocaleString("zh-CN")} 个社会组织`);
    const bad = await get("/search?authority=159900&subordinates=yes");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("“含下级登记管理机关”只能勾选或不选。");
    const district = await (await get("/registrar/statistics?authority=159901", city)).text();
    expect(district).toContain('href="/search?authority=159901&amp;type=social_group&amp;status=active"');
  });

  it("from=&to= (起止日期) counts each year's registrations within the range, in the page, its CSV and the API", async () => {
    const n = await count(sql`o.registered_on BETWEEN '2025-03-01' AND '2025-09-30'`);
    const q = "from=2025-03-01&to=2025-09-30";
    const csv = await (await get(`/registrar/statistics/flows.csv?${q}`, city)).text();
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^2025年,${n},`));
    const html = await (await get(`/registrar/statistics?${q}`, city)).text();
    expect(html).toContain("起止日期：2025年3月1日至2025年9月30日。");
    expect(html).toContain('value="2025-03-01"');
    expect(html).toContain(`/registrar/statistics/flows.csv?${q.replace("&", "&amp;")}`);
    const api = (await (await get(`/api/v1/statistics?${q}`)).json()) as {
      from: string;
      to: string;
      historical: boolean;
      series: { key: string; rows: { label: string; values: (number | null)[] }[] }[];
    };
    expect([api.from, api.to, api.historical]).toEqual(["2025-03-01", "2025-09-30", true]);
    expect(api.series.find((s) => s.key === "flows")!.rows.map((r) => r.label)).toEqual(["2025年"]);
    expect(api.series.find((s) => s.key === "flows")!.rows[0]!.values[0]).toBe(n >= 5 ? n : null);
  });

  it("a range is refused, with the message beside the field it names: one day alone, an impossible day, the end after today, the start after the end, with a year or a day", async () => {
    for (const [q, field, message] of [
      ["to=2025-01-01", "from", "请填写起始日期。"],
      ["from=2025-01-01", "to", "请填写截止日期。"],
      ["from=2025-02-30&to=2025-03-01", "from", "起始日期请按“2025-01-01”的格式填写。"],
      ["from=2025-01-01&to=2026-11-23", "to", "截止日期不能晚于今天（2026年11月22日）。"],
      ["from=2025-06-01&to=2025-05-31", "from", "起始日期不能晚于截止日期。"],
      ["from=2025-01-01&to=2025-05-31&year=2025", "year", "年度和起止日期只能选择一种，请清空其中之一。"],
      [
        "from=2025-01-01&to=2025-05-31&as_of=2025-05-31",
        "as_of",
        "查询日期和起止日期只能选择一种，请清空其中之一。",
      ],
    ]) {
      const res = await get(`/registrar/statistics?${q}`, city);
      expect(res.status, q).toBe(400);
      const html = await res.text();
      expect(html).toContain(`<p class="error-message" id="${field}-error">${message}</p>`);
      expect(html).toContain(`aria-describedby="${field}-error"`);
      const api = await get(`/api/v1/statistics?${q}`);
      expect(api.status).toBe(400);
      expect(await api.json()).toEqual({ error: message, parameter: field });
      expect((await get(`/statistics/flows.csv?${q}`)).status).toBe(400);
    }
  });

  it("bad input is a 400 with a Chinese message, never a 500 (supervisor, year, authority, type)", async () => {
    for (const [q, message] of [
      ["supervisor=abc", "业务主管单位应从列表中选择。"],
      ["year=20x5", "年度应为1949年至2026年之间的四位数字年份。"],
      ["year=2030", "年度应为1949年至2026年之间的四位数字年份。"],
      ["authority=12", "登记管理机关应为六位数字代码。"],
      ["type=club", "组织类型应为社会团体、民办非企业单位或基金会。"],
    ]) {
      const csv = await get(`/registrar/statistics/register.csv?${q}`, city);
      expect(csv.status).toBe(400);
      expect(await csv.text()).toBe(message);
      // The page: the message in the error summary and beside its field, the figures of today below.
      const field = String(q).split("=")[0]!;
      for (const res of [await get(`/registrar/statistics?${q}`, city), await get(`/statistics?${q}`)]) {
        expect(res.status).toBe(400);
        const html = await res.text();
        expect(html).toContain('class="error-summary"');
        expect(html).toContain(`<p class="error-message" id="${field}-error">${message}</p>`);
        expect(html).toContain('aria-labelledby="h-register"');
      }
      const api = await get(`/api/v1/statistics?${q}`);
      expect(api.status).toBe(400);
      expect(((await api.json()) as { error: string }).error).toBe(message);
    }
  });

  it("an anonymous visitor is still refused the registrar's statistics, whatever the filters", async () => {
    const res = await get("/registrar/statistics?supervisor=direct&year=2025");
    expect([302, 303, 401, 403]).toContain(res.status);
  });
});
