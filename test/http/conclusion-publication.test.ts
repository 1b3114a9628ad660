import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { ensureAuthority, insertOrgs } from "../support/orgs";

describe("R-C4: a conclusion is not public before its 公告", () => {
  it("a recorded conclusion stays off the public page, the API and the search filter until it is published", async () => {
    const { db } = await openMemoryDatabase();
    const cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
    const [org] = await insertOrgs(db, [{ name: "示范市公告测试协会" }]);
    await db.run(
      sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on) VALUES (${cityId}, 2025, '{}', '2025-06-30')`,
    );
    await db.run(sql`INSERT INTO annual_inspections (org_id, authority_id, year_id, year, org_type, supervision_mode, state, conclusion, concluded_on)
      SELECT ${org!.id}, ${cityId}, y.id, 2025, 'social_group', 'direct', 'concluded', 'basically_qualified', '2026-05-20'
      FROM inspection_years y WHERE y.year = 2025`);
    const app = createApp({ db, config: testConfig() });
    const api = async () =>
      ((await (await app.request(`/api/v1/organizations/${org!.uscc}`)).json()) as { inspections: unknown[] })
        .inspections;
    const filtered = async () =>
      (
        (await (
          await app.request("/api/v1/organizations?inspection=basically_qualified&inspection_year=2025")
        ).json()) as {
          total: number;
        }
      ).total;

    expect(await api()).toEqual([]);
    expect(await filtered()).toBe(0);
    expect(await (await app.request(`/orgs/${org!.uscc}`)).text()).not.toContain("基本合格");

    await db.run(sql`UPDATE annual_inspections SET state = 'published' WHERE org_id = ${org!.id}`);
    expect(await api()).toEqual([
      { year: 2025, conclusion: "basically_qualified", concluded_on: "2026-05-20" },
    ]);
    expect(await filtered()).toBe(1);
    expect(await (await app.request(`/orgs/${org!.uscc}`)).text()).toContain("基本合格");
  });
});
