import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { gradeDowngradeJob } from "../../src/registry/grades";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** R-G2 as the daily grade-downgrades job, and the grade history it leaves on the public page and in the API. */
let db: Db;
let orgs: { id: number; uscc: string; name: string }[];
const deps = () => ({ db, config: testConfig(), now: () => new Date("2026-12-04T02:00:00Z") });
const run = async (today: string, dryRun = false) =>
  (await runJobs(deps(), today, { dryRun, trigger: "cli" }, [gradeDowngradeJob]))[0]!.report!;

async function filing(orgId: number, year: number, conclusion: string, publishedOn: string) {
  const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  await db.run(sql`INSERT OR IGNORE INTO inspection_years (authority_id, year, windows, cutoff_on)
    VALUES (${city}, ${year}, '{}', ${`${year}-06-30`})`);
  await db.run(sql`INSERT INTO annual_inspections (org_id, authority_id, year_id, year, org_type, supervision_mode, state, conclusion, concluded_on, published_on)
    SELECT ${orgId}, o.authority_id, y.id, ${year}, o.type, o.supervision_mode, 'published', ${conclusion}, ${publishedOn}, ${publishedOn}
    FROM organizations o, inspection_years y WHERE o.id = ${orgId} AND y.year = ${year} AND y.authority_id = o.authority_id`);
}

const grade = async (id: number) =>
  (
    (await db.all(sql`SELECT rating, rating_valid_to AS "validTo" FROM organizations WHERE id = ${id}`)) as {
      rating: string | null;
      validTo: string | null;
    }[]
  )[0];
const notices = async () =>
  (await db.all(
    sql`SELECT org_id AS "orgId", kind, title, body, published_on AS "on" FROM announcements ORDER BY id`,
  )) as { orgId: number; kind: string; title: string; body: string; on: string }[];

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  orgs = await insertOrgs(db, [
    { name: "示范市不合格协会" },
    { name: "示范市基本合格协会" },
    { name: "示范市合格协会" },
  ]);
  for (const o of orgs) {
    await db.run(
      sql`UPDATE organizations SET rating = '4A', rating_valid_to = '2028-06-30' WHERE id = ${o.id}`,
    );
  }
  await filing(orgs[0]!.id, 2025, "unqualified", "2026-05-20");
  await filing(orgs[1]!.id, 2024, "basically_qualified", "2025-05-20");
  await filing(orgs[1]!.id, 2025, "basically_qualified", "2026-05-20");
  await filing(orgs[2]!.id, 2025, "qualified", "2026-05-20");
});

describe("the grade-downgrades job (R-G2)", () => {
  it("R-G2: a 不合格 conclusion revokes the grade with a 公告; two 基本合格 running lower it one level; a dry run writes nothing; a second run changes nothing", async () => {
    const dry = await run("2026-12-04", true);
    expect(dry.changed).toBe(2);
    expect(dry.items.map((i) => i.label)).toEqual(["示范市不合格协会", "示范市基本合格协会"]);
    expect(await notices()).toEqual([]);

    expect((await run("2026-12-04")).changed).toBe(2);
    expect(await grade(orgs[0]!.id)).toEqual({ rating: null, validTo: null });
    expect(await grade(orgs[1]!.id)).toEqual({ rating: "3A", validTo: "2028-06-30" });
    expect(await grade(orgs[2]!.id)).toEqual({ rating: "4A", validTo: "2028-06-30" });
    const list = await notices();
    expect(list.map((n) => [n.orgId, n.kind, n.title, n.on])).toEqual([
      [orgs[0]!.id, "rating_change", "关于取消示范市不合格协会评估等级的公告", "2026-12-04"],
      [orgs[1]!.id, "rating_change", "关于降低示范市基本合格协会评估等级的公告", "2026-12-04"],
    ]);
    expect(list[0]!.body).toContain("2025年度年检不合格");
    expect(list[1]!.body).toContain("由4A降为3A");
    const events = (await db.all(
      sql`SELECT action, org_id AS "orgId" FROM audit_events WHERE action LIKE 'organization.rating_%' ORDER BY id`,
    )) as { action: string; orgId: number }[];
    expect(events).toEqual([
      { action: "organization.rating_revoke", orgId: orgs[0]!.id },
      { action: "organization.rating_lower", orgId: orgs[1]!.id },
    ]);

    expect((await run("2026-12-05")).changed).toBe(0);
    expect(await notices()).toHaveLength(2);
  });

  it("R-G2: a penalty lowers the grade once; grounds from before the grade was awarded do not count", async () => {
    await db.run(sql`INSERT INTO penalties (org_id, authority_id, kind, department, document_no, decided_on, facts)
      SELECT ${orgs[2]!.id}, authority_id, 'warning', '示范市民政局', '示民罚〔2026〕7号', '2026-11-30', '未按规定使用名称'
      FROM organizations WHERE id = ${orgs[2]!.id}`);
    // Awarded 2023-07-01 (valid to 2028-06-30): a 2022 不合格 is older than the grade.
    await filing(orgs[2]!.id, 2021, "unqualified", "2022-05-20");
    expect((await run("2026-12-04")).items.find((i) => i.orgId === orgs[2]!.id)?.reason).toContain(
      "示民罚〔2026〕7号",
    );
    expect(await grade(orgs[2]!.id)).toEqual({ rating: "3A", validTo: "2028-06-30" });
    expect((await run("2026-12-06")).changed).toBe(0);
  });

  it("R-G1, R-G2: the public page and GET /api/v1/organizations/{code} show the grade history with the downgrade", async () => {
    await run("2026-12-04");
    const app = createApp(deps());
    const page = await (await app.request(`/orgs/${orgs[1]!.uscc}`)).text();
    expect(page).toContain("3A（有效期 2023年7月1日 至 2028年6月30日）");
    expect(page).toContain(
      "4A（有效期 2023年7月1日 至 2028年6月30日；2026年12月4日 降低评估等级：2024、2025年度连续两年年检基本合格）",
    );
    const api = (await (await app.request(`/api/v1/organizations/${orgs[0]!.uscc}`)).json()) as {
      grades: unknown[];
    };
    expect(api.grades).toEqual([
      {
        grade: "4A",
        valid_from: "2023-07-01",
        valid_to: "2028-06-30",
        state: "revoked",
        ended_on: "2026-12-04",
        reason: "2025年度年检不合格",
      },
    ]);
  });

  it("R-G1: an expired grade is listed as expired in the history and the API", async () => {
    await db.run(
      sql`UPDATE organizations SET rating = '2A', rating_valid_to = '2025-06-30' WHERE id = ${orgs[2]!.id}`,
    );
    const app = createApp(deps());
    const api = (await (await app.request(`/api/v1/organizations/${orgs[2]!.uscc}`)).json()) as {
      grades: { state: string }[];
    };
    expect(api.grades.map((g) => g.state)).toEqual(["expired"]);
  });
});
