import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orgHistory } from "../../db/schema";
import { testConfig } from "../../src/config";
import type { AppDeps, SessionUser } from "../../src/context";
import type { Db } from "../../src/db";
import { type Series, statistics } from "../../src/statistics/service";
import { openTestDb } from "../support/inspection";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/**
 * The register as at 2025-12-31 on a fixture small enough to count by hand:
 *   甲 moved from district 159981 to 159982 on 2025-07-01; 乙 was 注销 on 2025-12-31 (the day itself);
 *   丙 (a foundation) was registered on 2025-12-31; 丁 was registered in 2026; 戊 was 撤销 in 2026.
 */
let db: Db;
let deps: AppDeps;
let user: SessionUser;
let d1: number;
let d2: number;

beforeAll(async () => {
  db = await openTestDb();
  const city = await ensureAuthority(db, { code: "159980", name: "测试市民政局" });
  d1 = await ensureAuthority(db, {
    code: "159981",
    name: "甲区民政局",
    level: "district",
    parentCode: "159980",
  });
  d2 = await ensureAuthority(db, {
    code: "159982",
    name: "乙区民政局",
    level: "district",
    parentCode: "159980",
  });
  const [jia] = await insertOrgs(db, [
    { name: "甲协会", authorityCode: "159982", registeredOn: "2020-01-10" },
  ]);
  const [yi] = await insertOrgs(db, [
    { name: "乙协会", authorityCode: "159981", registeredOn: "2019-05-05" },
  ]);
  await insertOrgs(db, [
    { name: "丙基金会", type: "foundation", authorityCode: "159981", registeredOn: "2025-12-31" },
    { name: "丁协会", authorityCode: "159981", registeredOn: "2026-03-01" },
  ]);
  const [wu] = await insertOrgs(db, [
    { name: "戊协会", authorityCode: "159981", registeredOn: "2018-01-01" },
  ]);
  await db.run(
    sql`UPDATE organizations SET status = 'deregistered', status_on = '2025-12-31' WHERE id = ${yi!.id}`,
  );
  await db.run(
    sql`UPDATE organizations SET status = 'revoked', status_on = '2026-02-01' WHERE id = ${wu!.id}`,
  );
  await db.insert(orgHistory).values({
    orgId: jia!.id,
    kind: "change",
    before: { authorityId: d1 },
    after: { authorityId: d2 },
    actorLabel: "测试",
    at: "2025-07-01T02:00:00.000Z",
  });
  deps = { db, config: testConfig(), now: () => new Date("2026-11-22T02:00:00Z") } as AppDeps;
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

const row = (s: Series | undefined, label: string) => s?.rows.find((r) => r.label === label)?.values;
const series = (v: { series: Series[] }, key: string) => v.series.find((s) => s.key === key);

describe("statistics as at a past day", () => {
  it("the register on 2025-12-31: 乙 terminated that day counts 注销, 丙 registered that day counts, 丁 not yet, 戊 still 正常", async () => {
    const v = await statistics(deps, user, {}, "2025-12-31");
    expect(v.past).toBe(true);
    expect(v.asOf).toBe("2025-12-31");
    const reg = series(v, "register");
    // columns: 正常, 注销, 撤销, 吊销
    expect(row(reg, "社会团体")).toEqual([2, 1, 0, 0]);
    expect(row(reg, "基金会")).toEqual([1, 0, 0, 0]);
  });

  it("today: 丁 registered and 戊 撤销", async () => {
    const v = await statistics(deps, user, {});
    expect(v.past).toBeFalsy();
    expect(row(series(v, "register"), "社会团体")).toEqual([2, 1, 1, 0]);
  });

  it("an organization that changed district mid-year counts where it was registered that day", async () => {
    const before = await statistics(deps, user, { authority: "159981" }, "2025-06-30");
    expect(row(series(before, "register"), "社会团体")).toEqual([3, 0, 0, 0]); // 甲, 乙, 戊
    const after = await statistics(deps, user, { authority: "159982" }, "2025-12-31");
    expect(row(series(after, "register"), "社会团体")).toEqual([1, 0, 0, 0]); // 甲
    const now = await statistics(deps, user, { authority: "159982" });
    expect(row(series(now, "register"), "社会团体")).toEqual([1, 0, 0, 0]);
    const early = await statistics(deps, user, { authority: "159982" }, "2025-06-30");
    expect(row(series(early, "register"), "社会团体")).toEqual([0, 0, 0, 0]);
  });

  it("flows count only what had happened by the day; the trend line runs from the first year held", async () => {
    const v = await statistics(deps, user, {}, "2025-12-31");
    // columns: 成立, 注销, 撤销, 吊销
    expect(row(series(v, "flows"), "2025年")).toEqual([1, 1, 0, 0]);
    const trend = series(v, "flows-trend");
    expect(trend?.line).toBe(true);
    expect(trend?.rows[0]?.label).toBe("2018年");
    expect(trend?.rows.at(-1)?.label).toBe("2025年");
    expect(row(trend, "2025年")).toEqual([1, 1]);
    expect(row(trend, "2026年")).toBeUndefined();
    const now = await statistics(deps, user, {});
    expect(row(series(now, "flows-trend"), "2026年")).toEqual([1, 1]);
  });

  it("a past view leaves out party coverage, whose ledger keeps no dates to rebuild it", async () => {
    const v = await statistics(deps, user, {}, "2025-12-31");
    expect(series(v, "party-coverage")).toBeUndefined();
    expect(series(await statistics(deps, user, {}), "party-coverage")).toBeDefined();
  });
});
