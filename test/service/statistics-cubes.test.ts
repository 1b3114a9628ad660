import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orgHistory } from "../../db/schema";
import { testConfig } from "../../src/config";
import type { AppDeps, SessionUser } from "../../src/context";
import type { Db } from "../../src/db";
import { cubeStamp, statisticsCubesJob } from "../../src/statistics/cubes";
import { type CountScope, directCounts, type RawCounts } from "../../src/statistics/figures";
import { pastCubeCounts } from "../../src/statistics/past";
import {
  type Series,
  type StatisticsFilters,
  type StatisticsView,
  statistics,
} from "../../src/statistics/service";
import { createSupervisorUnit } from "../support/auth";
import { openTestDb } from "../support/inspection";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/**
 * The nightly precomputation (statistics-cubes) against the register counted directly, on a fixture small enough to
 * count by hand. The job runs on 2026-11-22:
 *   甲 (supervised by 示范市科协) moved from district 159981 to 159982 on 2026-07-01;
 *   乙 (直接登记, 159981) was 注销 on 2026-11-22, the job's day; 丙 (a foundation, 已脱钩, 159981) was registered that
 *   day; 丁 (159981) was 撤销 in 2025; 戊 (159982) was registered in 2024.
 *   Filings for 2025: 甲 合格 (published), 乙 未参检, 戊 submitted. Credit: 乙 listed 2025-07-01 (still on), 丁 listed
 *   2024-03-01 and removed 2025-02-01.
 */
let db: Db;
let deps: AppDeps;
let user: SessionUser;
let unit: number;
const TODAY = "2026-11-22";

beforeAll(async () => {
  db = await openTestDb();
  const city = await ensureAuthority(db, { code: "159980", name: "测试市民政局" });
  const d1 = await ensureAuthority(db, {
    code: "159981",
    name: "甲区民政局",
    level: "district",
    parentCode: "159980",
  });
  const d2 = await ensureAuthority(db, {
    code: "159982",
    name: "乙区民政局",
    level: "district",
    parentCode: "159980",
  });
  unit = await createSupervisorUnit(db, "示范市科协");
  const [jia, yi, bing, ding, wu] = await insertOrgs(db, [
    { name: "甲协会", authorityCode: "159982", registeredOn: "2020-01-10" },
    { name: "乙协会", authorityCode: "159981", registeredOn: "2019-05-05" },
    { name: "丙基金会", type: "foundation", authorityCode: "159981", registeredOn: TODAY },
    { name: "丁协会", authorityCode: "159981", registeredOn: "2018-01-01" },
    { name: "戊协会", authorityCode: "159982", registeredOn: "2024-04-01" },
  ]);
  await db.run(sql`UPDATE organizations SET supervisor_unit_id = ${unit} WHERE id = ${jia!.id}`);
  await db.run(sql`UPDATE organizations SET supervision_mode = 'direct', status = 'deregistered',
    status_on = ${TODAY} WHERE id = ${yi!.id}`);
  await db.run(sql`UPDATE organizations SET supervision_mode = 'decoupled' WHERE id = ${bing!.id}`);
  await db.run(
    sql`UPDATE organizations SET status = 'revoked', status_on = '2025-03-15' WHERE id = ${ding!.id}`,
  );
  await db.insert(orgHistory).values({
    orgId: jia!.id,
    kind: "change",
    before: { authorityId: d1 },
    after: { authorityId: d2 },
    actorLabel: "测试",
    at: "2026-07-01T02:00:00.000Z",
  });
  await db.run(
    sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on) VALUES (${city}, 2025, '{}', '2026-06-30')`,
  );
  for (const [org, state, conclusion] of [
    [jia!.id, "published", "qualified"],
    [yi!.id, "not_filed", null],
    [wu!.id, "submitted", null],
  ] as const)
    await db.run(sql`INSERT INTO annual_inspections (org_id, authority_id, year_id, year, org_type, supervision_mode,
      state, conclusion, concluded_on, published_on) SELECT ${org}, ${city}, y.id, 2025, 'social_group', 'supervised', ${state},
      ${conclusion}, ${conclusion ? "2026-06-20" : null}, ${state === "published" ? "2026-07-10" : null} FROM inspection_years y`);
  // 甲's filing was returned once: submitted first on 2026-03-10 (Beijing), concluded 2026-06-20, 102 days later.
  await db.run(sql`UPDATE annual_inspections SET round = 2, submitted_at = '2026-03-10T02:00:00.000Z'
    WHERE org_id = ${jia!.id}`);
  for (const [org, listed, removed] of [
    [yi!.id, "2025-07-01", null],
    [ding!.id, "2024-03-01", "2025-02-01"],
  ] as const)
    await db.run(sql`INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, arisen_on, listed_on,
      removed_on, removal_reason, publication_period) VALUES (${org}, ${city}, 'abnormal', 'd1_1',
      ${removed ? "removed" : "listed"}, '未按规定参加年检', ${listed}, ${listed}, ${removed}, ${removed ? "cured" : null}, '30')`);
  // Party building (R-F3): 甲 has its own party organization, 戊 an instructor only.
  await db.run(sql`INSERT INTO party_org_versions (org_id, authority_id, has_party_org, state, org_type, name,
    effective_on) VALUES (${jia!.id}, ${d2}, 1, 'confirmed', 'branch', '甲协会党支部', '2025-01-01')`);
  await db.run(sql`INSERT INTO party_org_versions (org_id, authority_id, has_party_org, state, instructor_name,
    effective_on) VALUES (${wu!.id}, ${d2}, 0, 'confirmed', '王五', '2025-01-01')`);
  deps = { db, config: testConfig(), now: () => new Date(`${TODAY}T04:00:00Z`) } as AppDeps;
  user = {
    id: 1,
    username: "r",
    displayName: "r",
    role: "registrar",
    orgId: null,
    isOrgAdmin: false,
    authorityId: city,
  } as SessionUser;
});

const row = (v: StatisticsView, key: string, label: string) =>
  v.series.find((s) => s.key === key)?.rows.find((r) => r.label === label)?.values;
/** The figures without the note saying when they were computed. */
const figures = (v: StatisticsView): Series[] => v.series;

/** Every filter the pages offer, alone and combined. */
const views = (): StatisticsFilters[] => [
  {},
  { authority: "159981" },
  { authority: "159982" },
  { type: "social_group" },
  { type: "foundation" },
  { supervisor: "direct" },
  { supervisor: "decoupled" },
  { supervisor: String(unit) },
  { authority: "159982", supervisor: String(unit), type: "social_group" },
  { year: 2025 },
  { authority: "159981", year: 2026 },
];

describe("statistics from the nightly precomputation", () => {
  it("the precomputed figures equal the register counted directly, for every filter, registrar and public", async () => {
    const direct = [];
    for (const f of views()) direct.push([await statistics(deps, user, f), await statistics(deps, null, f)]);
    expect(direct[0]![0]!.computedAt).toBeUndefined();
    expect((await statisticsCubesJob.run(deps, TODAY, { dryRun: false })).changed).toBeGreaterThan(0);
    let i = 0;
    for (const f of views()) {
      const [reg, pub] = direct[i++]!;
      const cubeReg = await statistics(deps, user, f);
      const cubePub = await statistics(deps, null, f);
      expect(cubeReg.computedAt).toBe(`${TODAY}T04:00:00.000Z`);
      expect(figures(cubeReg)).toEqual(figures(reg!));
      expect(figures(cubePub)).toEqual(figures(pub!));
      expect(cubeReg.asOf).toBe(TODAY);
    }
  });

  it("a past day from the cubes and the changes dated after it equals the register counted directly: a registration, termination, listing, removal, move and 公告 on the day and the day after, for every filter", async () => {
    // The days either side of each dated fact of the fixture (the job's day is the last day a past view may not ask).
    const days = [
      "2024-03-31",
      "2024-04-01",
      "2025-01-31",
      "2025-02-01",
      "2025-03-15",
      "2025-06-30",
      "2025-07-01",
      "2026-06-30",
      "2026-07-01",
      "2026-07-10",
      "2026-11-21",
    ];
    await db.run(sql`DELETE FROM stat_cube_meta`);
    const direct = new Map<string, StatisticsView[]>();
    for (const day of days)
      for (const [i, f] of views().entries())
        direct.set(`${day}/${i}`, [
          await statistics(deps, user, f, day),
          await statistics(deps, null, f, day),
        ]);
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    for (const day of days)
      for (const [i, f] of views().entries()) {
        const [reg, pub] = direct.get(`${day}/${i}`)!;
        expect(figures(await statistics(deps, user, f, day)), `${day} ${JSON.stringify(f)}`).toEqual(
          figures(reg!),
        );
        expect(figures(await statistics(deps, null, f, day)), `${day} ${JSON.stringify(f)}`).toEqual(
          figures(pub!),
        );
      }
    // Counted by hand: on 2026-06-30 甲 was still in 159981 (it moved on 07-01) and its 2025 conclusion not yet out.
    const before = await statistics(deps, user, { authority: "159981" }, "2026-06-30");
    expect(row(before, "register", "社会团体")).toEqual([2, 0, 1, 0]); // 甲, 乙 正常; 丁 撤销
    expect(row(before, "inspection-conclusions", "2025年度")).toEqual([0, 0, 0, 1]); // 乙 未参检 only
  });

  it("a date range (起止日期) counts each year's flows within it, counted by hand, and the nightly counts agree with the register", async () => {
    const ranges: [string, string][] = [
      ["2025-02-01", "2025-06-30"],
      ["2025-02-02", "2025-12-31"],
      ["2024-01-01", "2025-12-31"],
      ["2026-01-01", TODAY],
    ];
    const ask = (f: StatisticsFilters, [from, to]: [string, string]) =>
      statistics(deps, user, { ...f, from, to }, to < TODAY ? to : undefined);
    await db.run(sql`DELETE FROM stat_cube_meta`);
    const direct = new Map<string, StatisticsView>();
    for (const r of ranges) for (const [i, f] of views().entries()) direct.set(`${r}/${i}`, await ask(f, r));
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    for (const r of ranges)
      for (const [i, f] of views().entries())
        expect(figures(await ask(f, r)), `${r} ${JSON.stringify(f)}`).toEqual(
          figures(direct.get(`${r}/${i}`)!),
        );

    // 2025-02-01 to 06-30: 丁 撤销 (03-15) and removed from its list (02-01); 乙 not yet listed (07-01).
    const spring = await ask({}, ranges[0]!);
    expect(spring.series.find((s) => s.key === "flows")!.rows.map((r) => r.label)).toEqual(["2025年"]);
    expect(row(spring, "flows", "2025年")).toEqual([0, 0, 1, 0]);
    expect(row(spring, "credit", "2025年")).toEqual([0, 1, 0]);
    expect(spring.series.find((s) => s.key === "flows")!.definition).toContain(
      "起止日期：2025年2月1日至2025年6月30日。",
    );
    // From the day after 丁's removal: only 乙's listing, still on at the year's end.
    expect(row(await ask({}, ranges[1]!), "credit", "2025年")).toEqual([1, 0, 1]);
    // Two years: 戊 registered in 2024 (and 丁 listed then), 丁 撤销 in 2025.
    const two = await ask({}, ranges[2]!);
    expect(row(two, "flows", "2024年")).toEqual([1, 0, 0, 0]);
    expect(row(two, "flows", "2025年")).toEqual([0, 0, 1, 0]);
    expect(row(two, "credit", "2024年")).toEqual([1, 0, 1]);
    // From the day after 丁's 撤销: none of the year's terminations.
    expect(row(await ask({}, ["2025-03-16", "2025-12-31"]), "flows", "2025年")).toEqual([0, 0, 0, 0]);
    // A range ending today: 丙 registered and 乙 注销 on the job's day.
    expect(row(await ask({}, ranges[3]!), "flows", "2026年")).toEqual([1, 1, 0, 0]);
  });

  it("counted by hand: 乙 terminated and 丙 registered on the job's day; 甲 counts in the district it moved to", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    const all = await statistics(deps, user, {});
    // 正常: 甲, 丙, 戊; 注销: 乙; 撤销: 丁 (columns 正常, 注销, 撤销, 吊销).
    expect(row(all, "register", "社会团体")).toEqual([2, 1, 1, 0]);
    expect(row(all, "register", "基金会")).toEqual([1, 0, 0, 0]);
    // 2026: 丙 registered, 乙 注销; 2025: 丁 撤销.
    expect(row(all, "flows", "2026年")).toEqual([1, 1, 0, 0]);
    expect(row(all, "flows", "2025年")).toEqual([0, 0, 1, 0]);
    const d2 = await statistics(deps, user, { authority: "159982" });
    expect(row(d2, "register", "社会团体")).toEqual([2, 0, 0, 0]); // 甲 (moved here) and 戊
    // Party coverage in 159982: 甲 and 戊 active; 甲 organizational, both work (tenths of a percent).
    expect(row(d2, "party-coverage", "乙区民政局")).toEqual([500, 1000]);
    const d1 = await statistics(deps, user, { authority: "159981" });
    expect(row(d1, "register", "社会团体")).toEqual([0, 1, 1, 0]);
  });

  it("counted by hand: the months of a year, the districts compared and the supervision compared, on both paths", async () => {
    const check = async () => {
      const all = await statistics(deps, user, {});
      // 2026-11-22: 丙 registered, 乙 注销 (columns 成立, 注销, 撤销, 吊销, 净增长).
      expect(row(all, "flows-month", "11月")).toEqual([1, 1, 0, 0, 0]);
      expect(all.series.find((s) => s.key === "flows-month")!.rows).toHaveLength(11); // up to the day counted to
      const y2025 = await statistics(deps, user, { year: 2025 });
      expect(row(y2025, "flows-month", "3月")).toEqual([0, 0, 1, 0, -1]); // 丁 撤销
      // Districts (正常, 2026年成立, 2026年终止): 甲 (moved) and 戊 in 159982; 乙, 丙, 丁 in 159981.
      expect(row(all, "register-districts", "乙区民政局")).toEqual([2, 0, 0]);
      expect(row(all, "register-districts", "甲区民政局")).toEqual([1, 1, 1]);
      expect(row(all, "register-supervision", "直接登记")).toEqual([0, 0, 1]); // 乙
      expect(row(all, "register-supervision", "已脱钩")).toEqual([1, 1, 0]); // 丙
      expect(row(all, "register-supervision", "示范市科协")).toEqual([1, 0, 0]); // 甲
      expect(row(all, "register-supervision", "业务主管单位未登记")).toEqual([1, 0, 0]); // 戊 (丁 撤销)
      // The review (registrar): 甲 returned once, 102 days from its first submission to its conclusion.
      expect(row(all, "inspection-review", "2025年度")).toEqual([0, 1, 0, 0]);
      expect(row(all, "inspection-days", "2025年度")).toEqual([102]);
      expect(
        row(await statistics(deps, user, { type: "foundation" }), "inspection-days", "2025年度"),
      ).toBeUndefined();
      // The public sees no net growth; each number of the register opens its organizations in the search.
      const pub = await statistics(deps, null, {});
      expect(pub.series.find((s) => s.key === "flows-month")!.columns).toEqual([
        "成立",
        "注销",
        "撤销",
        "吊销",
      ]);
      const register = all.series.find((s) => s.key === "register")!.rows[0]!;
      expect(register.cells![0]).toBe("/search?type=social_group&status=active");
    };
    await db.run(sql`DELETE FROM stat_cube_meta`);
    await check();
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    await check();
  });

  it("the supervisor filter: 直接登记, 已脱钩 and one 业务主管单位, each counted by hand", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    const direct = await statistics(deps, user, { supervisor: "direct" });
    expect(row(direct, "register", "社会团体")).toEqual([0, 1, 0, 0]); // 乙
    expect(row(direct, "inspection-conclusions", "2025年度")).toEqual([0, 0, 0, 1]); // 乙 未参检
    expect(row(direct, "credit", "2025年")).toEqual([1, 0, 1]); // 乙 listed 2025, still on at the year's end
    const decoupled = await statistics(deps, user, { supervisor: "decoupled" });
    expect(row(decoupled, "register", "基金会")).toEqual([1, 0, 0, 0]); // 丙
    const kexie = await statistics(deps, user, { supervisor: String(unit) });
    expect(row(kexie, "register", "社会团体")).toEqual([1, 0, 0, 0]); // 甲
    expect(row(kexie, "inspection-conclusions", "2025年度")).toEqual([1, 0, 0, 0]); // 甲 合格
    const all = await statistics(deps, user, {});
    // 丁: listed 2024, removed 2025; 乙 listed 2025.
    expect(row(all, "credit", "2024年")).toEqual([1, 0, 1]);
    expect(row(all, "credit", "2025年")).toEqual([1, 1, 1]);
  });

  it("one year chosen: the per-year figures show that year only", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    const v = await statistics(deps, user, { year: 2025 });
    expect(v.series.find((s) => s.key === "flows")!.rows.map((r) => r.label)).toEqual(["2025年"]);
    expect(v.series.find((s) => s.key === "inspection-rates")!.rows.map((r) => r.label)).toEqual([
      "2025年度",
    ]);
    expect(v.series.find((s) => s.key === "register")!.rows).toHaveLength(3);
  });

  it("run twice on the same day, the job changes nothing the second time", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    const events = async () =>
      Number(((await db.all(sql`SELECT count(*) AS n FROM audit_events`)) as { n: number }[])[0]!.n);
    const before = await events();
    const stamp = await cubeStamp(db);
    const again = await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    expect(again.changed).toBe(0);
    expect(await events()).toBe(before);
    expect(await cubeStamp(db)).toEqual(stamp);
  });

  it("a new day with the same counts moves the day the figures are as at, and writes no cube row", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    const before = (await cubeStamp(db))!;
    const rows = async () =>
      Number(((await db.all(sql`SELECT count(*) AS n FROM stat_org_cube`)) as { n: number }[])[0]!.n);
    const held = await rows();
    expect((await statisticsCubesJob.run(deps, "2026-11-23", { dryRun: false })).changed).toBe(0);
    const after = (await cubeStamp(db))!;
    expect([after.day, after.gen]).toEqual(["2026-11-23", before.gen]);
    expect(await rows()).toBe(held);
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
  });

  it("a change to the register after the job shows the next night, and a dry run counts it without writing", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    await insertOrgs(db, [{ name: "己协会", authorityCode: "159981", registeredOn: TODAY }]);
    const stale = await statistics(deps, user, {});
    expect(row(stale, "register", "社会团体")).toEqual([2, 1, 1, 0]);
    expect((await statisticsCubesJob.run(deps, TODAY, { dryRun: true })).changed).toBeGreaterThan(0);
    expect(row(await statistics(deps, user, {}), "register", "社会团体")).toEqual([2, 1, 1, 0]);
    await statisticsCubesJob.run(deps, "2026-11-23", { dryRun: false });
    expect(row(await statistics(deps, user, {}), "register", "社会团体")).toEqual([3, 1, 1, 0]);
    await db.run(sql`DELETE FROM organizations WHERE name = '己协会'`);
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
  });

  it("a rebuild writes a new generation beside the old and switches to it: one generation is left, the one the pages read", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    const before = (await cubeStamp(db))!.gen;
    await insertOrgs(db, [{ name: "庚协会", authorityCode: "159981", registeredOn: TODAY }]);
    await statisticsCubesJob.run(deps, "2026-11-23", { dryRun: false });
    const after = (await cubeStamp(db))!.gen;
    expect(after).toBe(before + 1);
    for (const table of [
      "stat_org_cube",
      "stat_filing_cube",
      "stat_credit_cube",
      "stat_review_cube",
      "stat_compare_cube",
      "stat_party_cube",
    ]) {
      const gens = (await db.all(sql`SELECT DISTINCT gen FROM ${sql.raw(table)}`)) as { gen: number }[];
      expect(
        gens.map((g) => Number(g.gen)),
        table,
      ).toEqual(gens.length ? [after] : []);
    }
    // A generation left half-written by an interrupted run never shows: the pages read the switched one only.
    await db.run(sql`INSERT INTO stat_org_cube (gen, authority_id, type, sup_mode, sup_unit, reg_year, status, end_year, n)
      VALUES (${after + 1}, 0, 'social_group', 'direct', 0, '2026', 'active', '', 1000)`);
    expect(row(await statistics(deps, user, {}), "register", "社会团体")).toEqual([3, 1, 1, 0]);
    await db.run(sql`DELETE FROM organizations WHERE name = '庚协会'`);
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    expect(
      (await db.all(sql`SELECT count(*) AS n FROM stat_org_cube WHERE gen <> ${after + 1}`)) as {
        n: number;
      }[],
    ).toEqual([{ n: 0 }]);
  });

  it("R-C2: a filing for a year before its organization's registration (a registration date corrected later) is counted in a past day as in the register; the run records such filings, and with none a past day does not look for them", async () => {
    await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    expect((await cubeStamp(db))!.earlyFilings).toBe(0);
    // 戊 (159982, a 2025 filing) now reads as registered on 2026-08-01: its 2025 filing is before its registration.
    await db.run(sql`UPDATE organizations SET registered_on = '2026-08-01' WHERE name = '戊协会'`);
    try {
      const days = ["2026-03-01", "2026-07-31", "2026-08-01"];
      await db.run(sql`DELETE FROM stat_cube_meta`);
      const direct = new Map<string, StatisticsView>();
      for (const day of days)
        for (const [i, f] of views().entries())
          direct.set(`${day}/${i}`, await statistics(deps, user, f, day));
      expect(row(direct.get("2026-07-31/0")!, "inspection-conclusions", "2025年度")).toEqual([1, 0, 0, 1]);
      await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
      expect((await cubeStamp(db))!.earlyFilings).toBe(1);
      for (const day of days)
        for (const [i, f] of views().entries())
          expect(figures(await statistics(deps, user, f, day)), `${day} ${JSON.stringify(f)}`).toEqual(
            figures(direct.get(`${day}/${i}`)!),
          );
    } finally {
      await db.run(sql`UPDATE organizations SET registered_on = '2024-04-01' WHERE name = '戊协会'`);
      await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    }
    expect((await cubeStamp(db))!.earlyFilings).toBe(0);
  });

  it("a past day's credit entries for a part of the register, read through its organizations or by their dates, both equal the register counted directly (a moved organization's entry included)", async () => {
    // 甲 (moved from 159981 to 159982 on 2026-07-01) listed on 2025-10-01 and removed on 2026-09-01.
    await db.run(sql`INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, arisen_on, listed_on,
      removed_on, removal_reason, publication_period) SELECT id, authority_id, 'abnormal', 'd1_1', 'removed', '未按规定参加年检',
      '2025-10-01', '2025-10-01', '2026-09-01', 'cured', '30' FROM organizations WHERE name = '甲协会'`);
    try {
      await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
      const run = (await cubeStamp(db))!;
      const ids = async (...codes: string[]) =>
        (
          (await db.all(
            sql`SELECT id FROM authorities WHERE code IN (${sql.join(
              codes.map((c) => sql`${c}`),
              sql`, `,
            )})`,
          )) as { id: number }[]
        ).map((r) => Number(r.id));
      const parts = [await ids("159981"), await ids("159982"), await ids("159980", "159981", "159982")];
      const sorted = (c: RawCounts) =>
        Object.fromEntries(
          Object.entries(c).map(([k, rows]) => [k, (rows as object[]).map((r) => JSON.stringify(r)).sort()]),
        );
      for (const day of ["2025-09-30", "2025-10-01", "2026-06-30", "2026-07-01", "2026-08-31", "2026-11-21"])
        for (const part of parts)
          for (const type of [undefined, "social_group"]) {
            const scope: CountScope = { ids: part, whole: false, type, today: day, past: true };
            const direct = sorted(await directCounts(db, scope));
            const label = `${day} ${part} ${type}`;
            expect(sorted(await pastCubeCounts(db, scope, run)), label).toEqual(direct);
            expect(sorted(await pastCubeCounts(db, scope, run, { fewOrganizations: 0 })), label).toEqual(
              direct,
            );
          }
    } finally {
      await db.run(sql`DELETE FROM credit_cases WHERE listed_on = '2025-10-01'`);
      await statisticsCubesJob.run(deps, TODAY, { dryRun: false });
    }
  });
});
