import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { creditRedListJob } from "../../src/credit/red-list";
import type { Db } from "../../src/db";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The 红名单 job and its publication (守信激励). */
let db: Db;
let orgs: { id: number; uscc: string; name: string }[];
const deps = (config = testConfig()) => ({ db, config, now: () => new Date("2026-12-04T02:00:00Z") });
const run = async (today: string, dryRun = false, config = testConfig()) =>
  (await runJobs(deps(config), today, { dryRun, trigger: "cli" }, [creditRedListJob]))[0]!.report!;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  orgs = await insertOrgs(db, [{ name: "示范市优秀协会" }, { name: "示范市普通协会" }]);
  await db.run(
    sql`UPDATE organizations SET rating = '5A', rating_valid_to = '2027-06-30' WHERE id = ${orgs[0]!.id}`,
  );
  await db.run(
    sql`UPDATE organizations SET rating = '3A', rating_valid_to = '2027-06-30' WHERE id = ${orgs[1]!.id}`,
  );
  for (const year of [2023, 2024, 2025]) {
    await db.run(
      sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on) VALUES (${city}, ${year}, '{}', ${`${year}-06-30`})`,
    );
    for (const o of orgs) {
      await db.run(sql`INSERT INTO annual_inspections (org_id, authority_id, year_id, year, org_type, supervision_mode, state, conclusion, concluded_on, published_on)
        SELECT ${o.id}, o.authority_id, y.id, ${year}, o.type, o.supervision_mode, 'published', 'qualified', ${`${year + 1}-05-01`}, ${`${year + 1}-05-10`}
        FROM organizations o, inspection_years y WHERE o.id = ${o.id} AND y.year = ${year}`);
    }
  }
});

const entries = async () =>
  (await db.all(sql`SELECT org_id AS "orgId", listed_on AS "listedOn", removed_on AS "removedOn", removal_reason AS reason
    FROM red_list_entries ORDER BY id`)) as Record<string, unknown>[];

describe("the credit-red-list job", () => {
  it("lists who meets every criterion once; a dry run writes nothing; a failing criterion removes it the same day, with the reason kept", async () => {
    const dry = await run("2026-12-04", true);
    expect(dry.items.map((i) => i.label)).toEqual(["示范市优秀协会"]);
    expect(await entries()).toEqual([]);
    expect((await run("2026-12-04")).changed).toBe(1);
    expect((await run("2026-12-04")).changed).toBe(0);

    const page = await (await createApp(deps()).request("/credit/red-list")).text();
    expect(page).toContain("示范市优秀协会");
    expect(page).toContain("评估等级为4A及以上且在有效期内");
    expect(await (await createApp(deps()).request(`/orgs/${orgs[0]!.uscc}`)).text()).toContain("列入红名单");

    await db.run(sql`INSERT INTO penalties (org_id, authority_id, kind, department, document_no, decided_on, facts)
      SELECT ${orgs[0]!.id}, authority_id, 'warning', '示范市民政局', '示民罚〔2026〕1号', '2026-12-05', '未按规定报送年度报告'
      FROM organizations WHERE id = ${orgs[0]!.id}`);
    expect((await run("2026-12-06")).changed).toBe(1);
    expect(await entries()).toEqual([
      { orgId: orgs[0]!.id, listedOn: "2026-12-04", removedOn: "2026-12-06", reason: "3年内受到行政处罚" },
    ]);
    const removed = await (await createApp(deps()).request("/credit/red-list?removed=1")).text();
    expect(removed).toContain("3年内受到行政处罚");
    expect(await (await createApp(deps()).request(`/orgs/${orgs[0]!.uscc}`)).text()).not.toContain(
      "列入红名单",
    );
  });

  it("[C] a locality that asks for 3A lists the second organization too", async () => {
    const config = testConfig();
    config.domain = { ...config.domain, redList: { ...config.domain.redList, minRating: 3 } };
    expect((await run("2026-12-04", false, config)).changed).toBe(2);
  });
});
