import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { publicStatistics, StatisticsBusy } from "../../src/statistics/public-cache";
import { insertOrgs } from "../support/orgs";

/**
 * The public statistics read the whole register: a process computes them once while the register is unchanged, and
 * one past day at a time, so that no burst of requests (or of dates) holds the database for everyone.
 */
describe("the public statistics' reuse", () => {
  it("the same figures are reused until the register changes; a second past day asked meanwhile is refused", async () => {
    const { db } = await openMemoryDatabase();
    const deps = { db, config: testConfig(), now: () => new Date("2026-06-10T02:00:00Z") };
    await insertOrgs(db, [{ name: "示范市甲协会", registeredOn: "2020-01-01" }]);
    const first = await publicStatistics(deps, {});
    expect(await publicStatistics(deps, {})).toBe(first);
    await insertOrgs(db, [{ name: "示范市乙协会", registeredOn: "2021-01-01" }]);
    const after = await publicStatistics(deps, {});
    expect(after).not.toBe(first);
    const registered = (v: typeof after) => v.series.find((s) => s.key === "register")!.rows[0]!.values[0];
    expect([registered(first), registered(after)]).toEqual([-1, -1]); // both below the minimum cell of 5

    const a = publicStatistics(deps, {}, "2025-12-31");
    const b = publicStatistics(deps, {}, "2024-12-31");
    await expect(b).rejects.toBeInstanceOf(StatisticsBusy);
    expect((await a).asOf).toBe("2025-12-31");
    // Once it is done, another day may be computed.
    expect((await publicStatistics(deps, {}, "2024-12-31")).asOf).toBe("2024-12-31");
    const [v] = (await db.all(sql`SELECT version FROM register_version`)) as { version: number }[];
    expect(v!.version).toBeGreaterThan(0);
  });
});
