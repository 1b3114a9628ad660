import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { countText, TRIAGE_COUNT_CAP } from "../../src/zombie/contract";
import { signalCounts, triageRows } from "../../src/zombie/queries";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/**
 * The triage list's candidates (R-E1, R-E2): one row per organization with an open signal, with its organization's
 * type, registration date, authority and supervisor unit, kept by triggers so every filter and the strength sort read
 * an index.
 */
let db: Db;
let cityId: number;
let districtId: number;
let ids: number[];

async function signal(orgId: number, name: string, firstSeenOn: string) {
  await db.run(sql`INSERT INTO zombie_signals (org_id, authority_id, signal, facts, first_seen_on)
    VALUES (${orgId}, ${cityId}, ${name}, '事实', ${firstSeenOn})`);
}
const candidate = async (orgId: number) =>
  (
    (await db.all(sql`SELECT authority_id AS "authorityId", type, registered_on AS "registeredOn",
      supervisor_unit_id AS "unitId", signal_count AS n, since, missed, after_certificate AS "afterCertificate",
      quiet, unreachable FROM zombie_candidates WHERE org_id = ${orgId}`)) as Record<string, unknown>[]
  )[0];

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  districtId = await ensureAuthority(db, { code: "159901", name: "示范区民政局", level: "district" });
  ids = (
    await insertOrgs(
      db,
      Array.from({ length: 4 }, (_, i) => ({
        name: `示范市候选协会${i}`,
        registeredOn: i < 2 ? "2008-05-01" : "2016-05-01",
      })),
    )
  ).map((o) => o.id);
  await db.run(sql`UPDATE organizations SET authority_id = ${cityId}`);
});

describe("zombie_candidates (R-E1)", () => {
  it("R-E1: a signal opened or closed recomputes its organization's row; the last one closed removes it", async () => {
    const [a] = ids as [number];
    await signal(a, "unreachable", "2026-03-01");
    await signal(a, "missed_inspections", "2026-01-10");
    expect(await candidate(a)).toMatchObject({
      n: 2,
      since: "2026-01-10",
      missed: 1,
      unreachable: 1,
      quiet: 0,
    });
    await db.run(
      sql`UPDATE zombie_signals SET closed_on = '2026-04-01' WHERE org_id = ${a} AND signal = 'missed_inspections'`,
    );
    expect(await candidate(a)).toMatchObject({ n: 1, since: "2026-03-01", missed: 0, unreachable: 1 });
    await db.run(sql`UPDATE zombie_signals SET closed_on = '2026-05-01' WHERE org_id = ${a}`);
    expect(await candidate(a)).toBeUndefined();
    const kept = (await db.all(sql`SELECT count(*) AS n FROM zombie_signals WHERE org_id = ${a}`)) as {
      n: number;
    }[];
    expect(Number(kept[0]?.n)).toBe(2); // closed with their dates, never deleted
  });

  it("R-E1: an organization's new type, registration date, authority or supervisor unit reaches its candidate row", async () => {
    const [a] = ids as [number];
    await signal(a, "unreachable", "2026-03-01");
    const [unit] = (await db.all(
      sql`INSERT INTO supervisor_units (name) VALUES ('示范市科学技术协会') RETURNING id`,
    )) as {
      id: number;
    }[];
    await db.run(sql`UPDATE organizations SET type = 'foundation', registered_on = '2001-02-03',
      authority_id = ${districtId}, supervisor_unit_id = ${unit!.id} WHERE id = ${a}`);
    expect(await candidate(a)).toMatchObject({
      type: "foundation",
      registeredOn: "2001-02-03",
      authorityId: districtId,
      unitId: unit!.id,
    });
  });

  it("R-E1: the list is strongest first (more signals, then the oldest first seen) and each filter reads the copied columns", async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    await signal(c, "unreachable", "2026-02-01");
    await signal(b, "unreachable", "2026-01-01");
    await signal(d, "missed_inspections", "2026-03-01");
    await signal(d, "no_in_scope_activity", "2026-04-01");
    await signal(a, "no_activity_after_certificate", "2026-06-01");
    const base = { authorityIds: [cityId] };
    const order = async (f: object) => (await triageRows(db, { ...base, ...f }, 1)).rows.map((r) => r.orgId);
    expect(await order({})).toEqual([d, b, c, a]);
    expect(await order({ signal: "unreachable" })).toEqual([b, c]);
    expect(await order({ registeredBefore: "2010-01-01" })).toEqual([b, a]);
    await db.run(sql`UPDATE organizations SET type = 'foundation' WHERE id = ${c}`);
    expect(await order({ type: "foundation" })).toEqual([c]);
    expect(await order({ authorityCode: "159901" })).toEqual([]);
    expect((await triageRows(db, { authorityIds: [districtId] }, 1)).total).toBe(0);
    expect(await signalCounts(db, base)).toEqual({
      missed_inspections: 1,
      no_activity_after_certificate: 1,
      no_in_scope_activity: 1,
      unreachable: 2,
    });
    expect(await signalCounts(db, { ...base, registeredBefore: "2010-01-01" })).toEqual({
      no_activity_after_certificate: 1,
      unreachable: 1,
    });
  });

  it("R-E1: a scope of many authorities (a province) gives the same answers through its own plans, years missed included", async () => {
    const [a, b, c] = ids as [number, number, number];
    await signal(a, "missed_inspections", "2026-01-01");
    await signal(b, "unreachable", "2026-02-01");
    await signal(c, "no_in_scope_activity", "2026-03-01");
    await db.run(sql`UPDATE organizations SET type = 'foundation' WHERE id = ${c}`);
    for (const year of [2024, 2025]) {
      await db.run(
        sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on) VALUES (${cityId}, ${year}, '{}', ${`${year}-06-30`})`,
      );
      await db.run(sql`INSERT INTO annual_inspections (org_id, authority_id, year_id, year, org_type, supervision_mode, state)
        SELECT ${a}, o.authority_id, y.id, ${year}, o.type, o.supervision_mode, 'not_filed'
        FROM organizations o, inspection_years y WHERE o.id = ${a} AND y.year = ${year} AND y.authority_id = o.authority_id`);
    }
    const many = { authorityIds: [cityId, districtId, ...Array.from({ length: 20 }, (_, i) => 90_000 + i)] };
    const order = async (f: object) => (await triageRows(db, { ...many, ...f }, 1)).rows.map((r) => r.orgId);
    expect(await order({})).toEqual([a, b, c]);
    expect(await order({ type: "foundation" })).toEqual([c]);
    expect(await order({ registeredBefore: "2010-01-01" })).toEqual([a, b]);
    expect(await order({ minMissed: 2 })).toEqual([a]);
    expect(await signalCounts(db, { ...many, type: "social_group" })).toEqual({
      missed_inspections: 1,
      unreachable: 1,
    });
    expect(await signalCounts(db, { ...many, registeredBefore: "2010-01-01" })).toEqual({
      missed_inspections: 1,
      unreachable: 1,
    });
    expect(await signalCounts(db, { ...many, minMissed: 2 })).toEqual({ missed_inspections: 1 });
    // A 未参检 year filed after all (a late report) leaves one missed year: the candidate row follows.
    await db.run(sql`UPDATE annual_inspections SET state = 'submitted' WHERE org_id = ${a} AND year = 2025`);
    expect(await order({ minMissed: 2 })).toEqual([]);
    expect(await order({ minMissed: 1 })).toEqual([a]);
    // Many authorities but not every one: the district's candidate is not read.
    await db.run(sql`UPDATE organizations SET authority_id = ${districtId} WHERE id = ${b}`);
    const notAll = { authorityIds: [cityId, ...Array.from({ length: 21 }, (_, i) => 90_000 + i)] };
    expect((await triageRows(db, notAll, 1)).rows.map((r) => r.orgId)).toEqual([a, c]);
    expect((await triageRows(db, { ...notAll, minMissed: 1, type: "social_group" }, 1)).rows).toHaveLength(1);
    expect(await signalCounts(db, { ...notAll, registeredBefore: "2010-01-01" })).toEqual({
      missed_inspections: 1,
    });
  });

  it("counts stop past the cap and read as 以上, as the register's search does", () => {
    expect(countText(TRIAGE_COUNT_CAP + 1)).toBe("10,000 以上");
    expect(countText(1234)).toBe("1,234");
  });
});
