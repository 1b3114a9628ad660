import { sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
import { letters, zombieSignals } from "../../db/schema";
import { createApp } from "../../src/app";
import { defaultDomainSettings, testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { zombieSignalsJob } from "../../src/zombie/jobs";
import { createUser, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** Zombie signals (R-E1) computed by the daily job, and the registrar's triage list; never a sanction (R-E2). */
let db: Db;
let cityId: number;
let orgs: { id: number; uscc: string; name: string }[];
const clock = new Date("2026-06-10T02:00:00Z");

async function filing(orgId: number, year: number, state: string, conclusion: string | null = null) {
  // The filing rows the signal reads: year, state, conclusion (the rest as a minimal valid row).
  await db.run(sql`INSERT INTO annual_inspections (org_id, authority_id, year_id, year, org_type, supervision_mode, state, conclusion, concluded_on)
    SELECT ${orgId}, o.authority_id, y.id, ${year}, o.type, o.supervision_mode, ${state}, ${conclusion}, ${conclusion ? `${year + 1}-05-01` : null}
    FROM organizations o, inspection_years y WHERE o.id = ${orgId} AND y.year = ${year} AND y.authority_id = o.authority_id`);
}

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  orgs = await insertOrgs(db, [
    { name: "示范市沉睡协会", registeredOn: "2015-01-01" },
    { name: "示范市新成立协会", registeredOn: "2025-03-01" },
    { name: "示范市失联协会", registeredOn: "2015-01-01" },
    { name: "示范市活跃协会", registeredOn: "2015-01-01" },
  ]);
  await db.run(sql`UPDATE organizations SET certificate_issued_on = registered_on`);
  for (const year of [2023, 2024, 2025]) {
    await db.run(
      sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on) VALUES (${cityId}, ${year}, '{}', ${`${year}-06-30`})`,
    );
  }
  for (const [i, states] of [
    [0, ["published", "not_filed", "not_filed"]],
    [3, ["published", "published", "published"]],
    [2, ["published", "published", "published"]],
  ] as const) {
    for (const [k, state] of states.entries())
      await filing(orgs[i]!.id, 2023 + k, state, state === "published" ? "qualified" : null);
  }
  await db.insert(letters).values([
    {
      orgId: orgs[2]!.id,
      authorityId: cityId,
      purpose: "address_check",
      address: "示范市测试路1号",
      sentOn: "2026-03-02",
      trackingNo: "XA1",
      outcome: "unsigned",
      outcomeOn: "2026-03-10",
    },
    {
      orgId: orgs[2]!.id,
      authorityId: cityId,
      purpose: "address_check",
      address: "示范市测试路1号",
      sentOn: "2026-04-01",
      trackingNo: "XA2",
      outcome: "unsigned",
      outcomeOn: "2026-04-09",
    },
  ]);
});

const deps = () => ({ db, config: testConfig(), now: () => clock });
const run = async (today: string, dryRun = false, config = testConfig()) =>
  (await runJobs({ db, config, now: () => clock }, today, { dryRun, trigger: "cli" }, [zombieSignalsJob]))[0]!
    .report!;

describe("the zombie signals job", () => {
  it("opens each holding signal once with its facts; a second run the same day changes nothing; a dry run writes nothing", async () => {
    const dry = await run("2026-06-10", true);
    expect(dry.changed).toBe(3);
    expect(await db.select().from(zombieSignals)).toEqual([]);
    expect((await run("2026-06-10")).changed).toBe(3);
    expect((await run("2026-06-10")).changed).toBe(0);
    const open = await db.select().from(zombieSignals).orderBy(zombieSignals.orgId);
    expect(open.map((s) => [s.orgId, s.signal, s.firstSeenOn, s.closedOn])).toEqual([
      [orgs[0]!.id, "missed_inspections", "2026-06-10", null],
      [orgs[1]!.id, "no_activity_after_certificate", "2026-06-10", null],
      [orgs[2]!.id, "unreachable", "2026-06-10", null],
    ]);
    expect(open[0]!.facts).toContain("2024、2025年度连续未参检");
  });

  it("a signal that stops holding is closed with its date, never deleted", async () => {
    await run("2026-06-10");
    await db.run(
      sql`UPDATE annual_inspections SET state = 'submitted' WHERE org_id = ${orgs[0]!.id} AND year = 2025`,
    );
    expect((await run("2026-06-11")).changed).toBe(1);
    const rows = await db.select().from(zombieSignals).where(sql`org_id = ${orgs[0]!.id}`);
    expect(rows.map((r) => r.closedOn)).toEqual(["2026-06-11"]);
  });

  it("missedInspectionThreshold is read per type: with 3 years for 社团 the two-year organization is no longer a candidate", async () => {
    const config = testConfig({
      domain: {
        ...defaultDomainSettings,
        missedInspectionThreshold: { social_group: 3, private_non_enterprise: 2, foundation: 2 },
      },
    });
    const report = await run("2026-06-10", true, config);
    expect(report.items.map((i) => i.label)).not.toContain("示范市沉睡协会");
    expect(report.changed).toBe(2);
  });
});

async function activities(orgId: number, year: number, dates: string[]) {
  await db.run(sql`INSERT INTO inspection_sections (filing_id, section, data, saved_version)
    SELECT id, 'activities', ${JSON.stringify({ items: dates.map((date) => ({ title: "年会", date, reported: false })) })}, 1
    FROM annual_inspections WHERE org_id = ${orgId} AND year = ${year}`);
}

describe("R-E1(c): the no-in-scope-activity signal, from the date set in zombieNoActivitySince", () => {
  const since = (date: string | null) =>
    testConfig({ domain: { ...defaultDomainSettings, zombieNoActivitySince: date } });
  const quiet = async () =>
    (await db.select().from(zombieSignals).where(sql`signal = 'no_in_scope_activity'`)).map((s) => [
      s.orgId,
      s.facts,
      s.firstSeenOn,
      s.closedOn,
    ]);

  it("unset (the default) it fires for no one; set, it fires for reports since the date that list no in-scope activity, once", async () => {
    await activities(orgs[3]!.id, 2024, ["2024-05-01"]);
    await activities(orgs[2]!.id, 2023, ["2023-05-01"]);
    await run("2026-06-10");
    expect(await quiet()).toEqual([]);
    expect((await run("2026-06-10", false, since("2024-01-01"))).changed).toBe(2);
    expect((await run("2026-06-10", false, since("2024-01-01"))).changed).toBe(0);
    expect(await quiet()).toEqual([
      [
        orgs[0]!.id,
        "2024年1月1日以来，2024、2025年度报告均未列出业务范围内的活动（R-E1(c)）",
        "2026-06-10",
        null,
      ],
      [
        orgs[2]!.id,
        "2024年1月1日以来，2024、2025年度报告均未列出业务范围内的活动（R-E1(c)）",
        "2026-06-10",
        null,
      ],
    ]);
  });

  it("R-E1(c) [C]: the date's dry run says how many candidates another date would give, writes nothing, and refuses a bad date", async () => {
    await activities(orgs[3]!.id, 2024, ["2024-05-01"]);
    await activities(orgs[2]!.id, 2023, ["2023-05-01"]);
    const registrar = (
      await signIn(db, (await createUser(db, { role: "registrar", authorityId: cityId })).id, clock)
    ).cookie;
    const app = createApp(deps());
    const page = async (q: string) =>
      app.request(`/registrar/zombies${q}`, { headers: { Cookie: registrar } });
    const later = await (await page("?what_if_since=2024-01-01")).text();
    expect(later).toContain(
      "按 2024年1月1日 起计算，“设定日期以来未开展业务范围内活动”候选将为 2 个（现为 0 个），增加 2 个",
    );
    const earlier = await (await page("?what_if_since=2023-01-01")).text();
    expect(earlier).toContain("候选将为 1 个（现为 0 个），增加 1 个");
    expect(await quiet()).toEqual([]);
    const bad = await page("?what_if_since=2024-13-01");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("试算日期格式不正确，如 2025-01-01。");
  });

  it("moving the date earlier answers it with an older activity: the signal is closed with its date, never deleted", async () => {
    await activities(orgs[3]!.id, 2024, ["2024-05-01"]);
    await activities(orgs[2]!.id, 2023, ["2023-05-01"]);
    await run("2026-06-10", false, since("2024-01-01"));
    expect((await run("2026-06-11", false, since("2023-01-01"))).changed).toBe(1);
    expect((await quiet()).map(([orgId, , , closedOn]) => [orgId, closedOn])).toEqual([
      [orgs[0]!.id, null],
      [orgs[2]!.id, "2026-06-11"],
    ]);
  });

  it("an activity the registrar marked outside the business scope does not count", async () => {
    await activities(orgs[3]!.id, 2024, ["2024-05-01"]);
    await db.run(sql`INSERT INTO inspection_problems (filing_id, description, severity, section)
      SELECT id, '所列活动超出业务范围', 'minor', 'activities' FROM annual_inspections
      WHERE org_id = ${orgs[3]!.id} AND year = 2024`);
    await run("2026-06-10", false, since("2024-01-01"));
    expect((await quiet()).map(([orgId]) => orgId)).toContain(orgs[3]!.id);
  });
});

describe("/registrar/zombies", () => {
  it("lists the authority's candidates with their signals and counts, filters by signal, exports CSV; others see nothing", async () => {
    await run("2026-06-10");
    const reg = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: cityId })).id,
      clock,
    );
    const app = createApp(deps());
    const home = await (await app.request("/registrar", { headers: { Cookie: reg.cookie } })).text();
    expect(home).toContain('href="/registrar/zombies"');
    const page = await (await app.request("/registrar/zombies", { headers: { Cookie: reg.cookie } })).text();
    for (const o of orgs.slice(0, 3)) expect(page).toContain(o.name);
    expect(page).not.toContain("示范市活跃协会");
    const only = await (
      await app.request("/registrar/zombies?signal=unreachable", { headers: { Cookie: reg.cookie } })
    ).text();
    expect(only).toContain("示范市失联协会");
    expect(only).not.toContain("示范市沉睡协会");
    expect(
      (await app.request("/registrar/zombies?signal=ghost", { headers: { Cookie: reg.cookie } })).status,
    ).toBe(400);
    const bytes = new Uint8Array(
      await (
        await app.request("/registrar/zombies/export.csv", { headers: { Cookie: reg.cookie } })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel and WPS need
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("统一社会信用代码")).toBe(true);
    expect(csv).toContain("通过登记住所无法取得联系");

    const xlsx = await app.request("/registrar/zombies/export.xlsx?signal=unreachable", {
      headers: { Cookie: reg.cookie },
    });
    expect(
      xlsx.status,
      await xlsx
        .clone()
        .text()
        .then((t) => t.slice(0, 300)),
    ).toBe(200);
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const sheets = Object.entries(files)
      .filter(([n]) => n.startsWith("xl/"))
      .map(([, b]) => strFromU8(b))
      .join("");
    expect(sheets).toContain("示范市失联协会");
    expect(sheets).not.toContain("示范市沉睡协会");

    const neighbourId = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
    const other = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: neighbourId })).id,
      clock,
    );
    const theirs = await (
      await app.request("/registrar/zombies", { headers: { Cookie: other.cookie } })
    ).text();
    expect(theirs).not.toContain("示范市沉睡协会");
    const orgUser = await signIn(db, (await createUser(db, { role: "org", orgId: orgs[0]!.id })).id, clock);
    expect((await app.request("/registrar/zombies", { headers: { Cookie: orgUser.cookie } })).status).toBe(
      404,
    );
  });
});

describe("the triage list's export (R-E1)", () => {
  it("CSV and XLSX carry the current filters and neutralise a name a spreadsheet would read as a formula", async () => {
    await activities(orgs[3]!.id, 2025, ["2025-09-01"]);
    await db.run(
      sql`UPDATE organizations SET name = '=HYPERLINK("http://x","点我")' WHERE id = ${orgs[2]!.id}`,
    );
    await run(
      "2026-06-10",
      false,
      testConfig({ domain: { ...defaultDomainSettings, zombieNoActivitySince: "2024-01-01" } }),
    );
    const reg = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: cityId })).id,
      clock,
    );
    const app = createApp(deps());
    const get = (path: string) => app.request(path, { headers: { Cookie: reg.cookie } });
    const csv = await (await get("/registrar/zombies/export.csv?signal=no_in_scope_activity")).text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe("统一社会信用代码,名称,类型,登记管理机关,成立日期,信号数,最早发现,信号,事实");
    expect(lines).toHaveLength(3);
    expect(csv).toContain("设定日期以来未开展业务范围内活动");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csv).not.toContain("示范市活跃协会");
    const page = await (await get("/registrar/zombies?signal=no_in_scope_activity")).text();
    expect(page).toContain("示范市沉睡协会");
    expect(page).not.toContain("示范市新成立协会");

    const xlsx = await get("/registrar/zombies/export.xlsx?type=foundation");
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const sheets = Object.entries(files)
      .filter(([n]) => n.startsWith("xl/"))
      .map(([, b]) => strFromU8(b))
      .join("");
    expect(sheets).toContain("统一社会信用代码");
    expect(sheets).not.toContain("示范市沉睡协会");
  });

  it("refuses a filter it cannot read (400, in Chinese), a user who is not a registrar (404), and shows another authority nothing", async () => {
    await run("2026-06-10");
    const app = createApp(deps());
    const reg = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: cityId })).id,
      clock,
    );
    for (const path of [
      "/registrar/zombies/export.csv?signal=ghost",
      "/registrar/zombies/export.xlsx?missed=9",
    ]) {
      const res = await app.request(path, { headers: { Cookie: reg.cookie } });
      expect(res.status).toBe(400);
      expect(await res.text()).toBe("筛选条件有误。");
    }
    const orgUser = await signIn(db, (await createUser(db, { role: "org", orgId: orgs[0]!.id })).id, clock);
    for (const path of ["/registrar/zombies/export.csv", "/registrar/zombies/export.xlsx"]) {
      expect((await app.request(path, { headers: { Cookie: orgUser.cookie } })).status).toBe(404);
      expect((await app.request(path)).status).not.toBe(200);
    }
    const neighbourId = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
    const other = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: neighbourId })).id,
      clock,
    );
    const theirs = await (
      await app.request("/registrar/zombies/export.csv", { headers: { Cookie: other.cookie } })
    ).text();
    expect(theirs.trim().split(/\r?\n/)).toHaveLength(1);
  });
});

describe("the triage list's filters and the threshold dry run (R-E1 [C])", () => {
  it("R-E1 [C]: filters by years missed; with N=3, with 不合格 counted or another letter interval, the dry run says how many candidates there would be and writes nothing", async () => {
    await run("2026-06-10");
    const registrar = (
      await signIn(db, (await createUser(db, { role: "registrar", authorityId: cityId })).id, clock)
    ).cookie;
    const app = createApp(deps());
    const page = async (q: string) =>
      (await app.request(`/registrar/zombies${q}`, { headers: { Cookie: registrar } })).text();
    expect(await page("?missed=2")).toContain("示范市沉睡协会");
    expect(await page("?missed=3")).not.toContain("示范市沉睡协会");
    const before = await db.select().from(zombieSignals);
    const three = await page("?what_if=3");
    expect(three).toContain("按连续 3 年计算，“连续未参检”候选将为 0 个（现为 1 个），减少 1 个");
    const one = await page("?what_if=1");
    expect(one).toContain("按连续 1 年计算，“连续未参检”候选将为 1 个（现为 1 个）");
    // zombieCountsUnqualified has its dry run too: two 不合格 years count only when 计入 is chosen.
    await db.run(sql`UPDATE annual_inspections SET conclusion = 'unqualified' WHERE org_id = ${orgs[3]!.id}
      AND year IN (2024, 2025)`);
    expect(await page("?what_if=2&what_if_unqualified=1")).toContain(
      "按连续 2 年（不合格年度计入）计算，“连续未参检”候选将为 2 个（现为 1 个），增加 1 个",
    );
    expect(await page("?what_if=2&what_if_unqualified=0")).toContain("候选将为 1 个（现为 1 个）");
    // unreachableLetterIntervalDays (R-D2): letters 30 days apart hold with 20–60 days, not with 40–60.
    expect(await page("?what_if_min=40&what_if_max=60")).toContain(
      "按间隔 40 至 60 天计算，“通过登记住所无法取得联系”候选将为 0 个（现为 1 个），减少 1 个",
    );
    expect(await page("?what_if_min=20&what_if_max=30")).toContain("候选将为 1 个（现为 1 个）");
    expect(await db.select().from(zombieSignals)).toEqual(before);
    for (const [q, message] of [
      ["?what_if_min=50&what_if_max=40", "最短间隔不能大于最长间隔。"],
      ["?what_if_min=5", "请同时填写最短和最长间隔。"],
      ["?what_if_min=0&what_if_max=40", "最短间隔应为1至365之间的整数（天）。"],
    ]) {
      const res = await app.request(`/registrar/zombies${q}`, { headers: { Cookie: registrar } });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
  });
});
