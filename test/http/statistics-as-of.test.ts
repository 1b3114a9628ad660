import { sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoCity } from "../../db/seed/demo";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, signIn } from "../support/auth";

/** `?as_of=` on the statistics, the public search and an organization's page; the whole report as one workbook. */
let db: Db;
let city: string;
let org: { uscc: string; name: string; registeredOn: string };
const app = () => createApp({ db, config: testConfig(), now: () => new Date("2026-11-22T02:00:00Z") });
const get = (path: string, cookie?: string) =>
  app().request(path, cookie ? { headers: { Cookie: cookie } } : undefined);

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  await seedDemoCity(db, { count: 300 });
  const [c] = (await db.all(sql`SELECT id FROM authorities WHERE code = '159900'`)) as { id: number }[];
  city = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: c!.id })).id)).cookie;
  org = (
    (await db.all(sql`SELECT uscc, name, registered_on AS "registeredOn" FROM organizations
    WHERE status = 'active' AND registered_on < '2025-01-01' ORDER BY id LIMIT 1`)) as (typeof org)[]
  )[0]!;
});

const BANNER = "以下为2025年12月31日的登记状态（历史视图）";

describe("as_of on the statistics pages", () => {
  it("a past day shows the banner, a link back to today and keeps the day in the download links", async () => {
    for (const [path, cookie] of [
      ["/registrar/statistics?as_of=2025-12-31", city],
      ["/statistics?as_of=2025-12-31", undefined],
    ] as const) {
      const res = await get(path, cookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(BANNER);
      expect(html).toContain("查看当前状态");
      expect(html).toContain("register.csv?as_of=2025-12-31");
      expect(html).toContain("report.xlsx?as_of=2025-12-31");
    }
    const api = (await (await get("/api/v1/statistics?as_of=2025-12-31")).json()) as {
      as_of: string;
      historical: boolean;
    };
    expect(api).toMatchObject({ as_of: "2025-12-31", historical: true });
  });

  it("the live page has no banner and draws the trend lines", async () => {
    const html = await (await get("/registrar/statistics", city)).text();
    expect(html).not.toContain("历史视图）");
    expect(html).toContain("年检率与合格率的趋势（历年）");
    expect(html).toContain("成立与终止的趋势（历年）");
    expect(html).toContain('class="chart chart-line"');
  });

  it("a future, malformed or pre-register day is a 400 with a Chinese message, never a 500", async () => {
    for (const [q, words] of [
      ["2026-11-23", "不能晚于今天"],
      ["2025-02-30", "格式有误"],
      ["'; DROP TABLE x", "格式有误"],
      ["1900-01-01", "不能早于登记簿的起始日期"],
    ] as const) {
      for (const [path, cookie] of [
        ["/registrar/statistics", city],
        ["/statistics", undefined],
        ["/registrar/statistics/register.csv", city],
        ["/statistics/report.xlsx", undefined],
      ] as const) {
        const res = await get(`${path}?as_of=${encodeURIComponent(q)}`, cookie);
        expect(res.status, `${path} ${q}`).toBe(400);
        expect(await res.text()).toContain(words);
      }
      const api = await get(`/api/v1/statistics?as_of=${encodeURIComponent(q)}`);
      expect(api.status).toBe(400);
      expect(((await api.json()) as { error: string }).error).toContain(words);
    }
  });

  it("a registrar's statistics need a signed-in registrar, with or without as_of", async () => {
    const res = await get("/registrar/statistics?as_of=2025-12-31");
    expect(res.status).not.toBe(200);
    expect((await get("/registrar/statistics/report.xlsx")).status).not.toBe(200);
  });
});

describe("the whole report as one workbook", () => {
  it("one sheet per chart, Chinese headers, numbers as numbers, column widths and an autofilter", async () => {
    const res = await get("/registrar/statistics/report.xlsx", city);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(res.headers.get("Content-Disposition")).toContain(encodeURIComponent("统计分析-2026-11-22.xlsx"));
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    const workbook = text("xl/workbook.xml");
    for (const title of [
      "登记的社会组织（按类型和状态）",
      "年检率与合格率的趋势（历年）",
      "成立与终止（按年度）",
    ])
      expect(workbook).toContain(title);
    const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    const html = await (await get("/registrar/statistics", city)).text();
    expect(sheets.length).toBe((html.match(/class="chart-section"/g) ?? []).length);
    const first = text("xl/worksheets/sheet1.xml");
    expect(first).toMatch(/<autoFilter ref="A1:E4"\/>/); // 类别 + four statuses; header + three types
    expect(first).toContain("<cols>");
    expect(first).toMatch(/<c r="B2"[^>]*><v>\d+<\/v><\/c>/); // a count stored as a number, not text
    const strings = text("xl/sharedStrings.xml");
    expect(strings).toContain("类别");
    expect(strings).toContain("社会团体");
  });

  it("the public workbook holds only the public figures and leaves withheld counts empty with a note", async () => {
    const res = await get("/statistics/report.xlsx");
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const workbook = new TextDecoder().decode(files["xl/workbook.xml"]);
    expect(workbook).not.toContain("党的组织覆盖");
    expect(workbook).not.toContain("年检率");
    expect(new TextDecoder().decode(files["xl/sharedStrings.xml"])).toContain("空格为少于5的数字，不公布");
  });
});

describe("as_of on the public search and an organization's page", () => {
  it("the organization page as at a past day: banner, link back to today, uncached", async () => {
    const res = await get(`/orgs/${org.uscc}?as_of=2025-12-31`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(BANNER);
    expect(html).toContain(`href="/orgs/${org.uscc}"`);
    expect(html).toContain(org.name);
    expect(await (await get(`/orgs/${org.uscc}`)).text()).not.toContain("历史视图）");
  });

  it("a future, malformed or pre-registration day on the organization page is a 400 in Chinese", async () => {
    for (const [q, words] of [
      ["2026-11-23", "不能晚于今天"],
      ["2025-2-1", "格式有误"],
      ["1990-01-01", "不能早于成立日期"],
    ] as const) {
      const res = await get(`/orgs/${org.uscc}?as_of=${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.text()).toContain(words);
    }
  });

  it("the search as at a past day: only organizations registered by then, with the banner", async () => {
    const [early] = (await db.all(sql`SELECT name FROM organizations
      WHERE registered_on <= '2010-12-31' ORDER BY registered_on LIMIT 1`)) as { name: string }[];
    const [late] = (await db.all(sql`SELECT name FROM organizations
      WHERE registered_on > '2010-12-31' ORDER BY registered_on DESC LIMIT 1`)) as { name: string }[];
    const res = await get(`/search?as_of=2010-12-31&q=${encodeURIComponent(early!.name)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("以下为2010年12月31日的登记状态（历史视图）");
    expect(html).toContain(early!.name);
    const none = await (await get(`/search?as_of=2010-12-31&q=${encodeURIComponent(late!.name)}`)).text();
    expect(none).not.toContain(`${late!.name}</a>`);
    const today = await (await get(`/search?q=${encodeURIComponent(late!.name)}`)).text();
    expect(today).toContain(`${late!.name}</a>`);
  });

  it("a future or malformed day on the search is a 400 with the message on the page", async () => {
    for (const [q, words] of [
      ["2026-11-23", "不能晚于今天"],
      ["abc", "格式有误"],
    ] as const) {
      const res = await get(`/search?as_of=${q}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(words);
    }
  });
});
