import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { zombieFiguresByYear } from "../../src/zombie/stats";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** Zombie figures per year and district (domain.md §5): candidates found (R-E1), cases opened, closed by outcome (R-E2). */
let db: Db;
let cityId: number;
let districtId: number;
let orgs: { id: number }[];

async function signal(
  orgId: number,
  authorityId: number,
  signal: string,
  firstSeenOn: string,
  closedOn?: string,
) {
  await db.run(sql`INSERT INTO zombie_signals (org_id, authority_id, signal, facts, first_seen_on, closed_on)
    VALUES (${orgId}, ${authorityId}, ${signal}, '事实', ${firstSeenOn}, ${closedOn ?? null})`);
}
async function zcase(orgId: number, authorityId: number, openedOn: string, closed?: [string, string]) {
  await db.run(sql`INSERT INTO zombie_cases (org_id, authority_id, state, outcome, opened_on, signals, evidence, closed_on)
    VALUES (${orgId}, ${authorityId}, ${closed ? "closed" : "open"}, ${closed?.[1] ?? null}, ${openedOn}, '信号', '证据',
      ${closed?.[0] ?? null})`);
}

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  districtId = await ensureAuthority(db, { code: "159901", name: "示范区民政局", level: "district" });
  orgs = await insertOrgs(
    db,
    Array.from({ length: 5 }, (_, i) => ({ name: `示范市统计协会${i}`, registeredOn: "2015-01-01" })),
  );
});

describe("zombieFiguresByYear (R-E1, R-E2)", () => {
  it("counts an organization once in the year its first signal was seen, cases by the year opened and closed by outcome, and the stock at each year's end", async () => {
    const [a, b, c, d] = orgs.map((o) => o.id) as [number, number, number, number];
    await signal(a, cityId, "missed_inspections", "2025-03-01");
    await signal(a, cityId, "unreachable", "2026-02-01"); // the same organization: not found again in 2026
    await signal(b, cityId, "unreachable", "2025-12-31", "2026-01-10");
    await signal(c, cityId, "missed_inspections", "2026-01-01");
    await signal(d, districtId, "missed_inspections", "2026-05-01");
    await zcase(a, cityId, "2025-06-01", ["2026-03-01", "revoked"]);
    await zcase(b, cityId, "2025-12-01", ["2025-12-20", "not_zombie"]);
    await zcase(c, cityId, "2026-02-01");
    await zcase(d, districtId, "2026-05-02", ["2026-06-01", "rectified"]);

    const rows = await zombieFiguresByYear(db, [cityId, districtId], [2025, 2026]);
    const brief = rows.map((r) => [
      r.year,
      r.authorityName,
      r.candidatesFound,
      r.casesOpened,
      Object.fromEntries(Object.entries(r.closed).filter(([, n]) => n > 0)),
      r.openAtYearEnd,
    ]);
    expect(brief).toEqual([
      [2025, "示范市民政局", 2, 2, { not_zombie: 1 }, 1],
      [2026, "示范市民政局", 1, 1, { revoked: 1 }, 1],
      [2026, "示范区民政局", 1, 1, { rectified: 1 }, 0],
    ]);
  });

  it("reads only the authorities asked for, and nothing for none", async () => {
    await signal(orgs[0]!.id, cityId, "missed_inspections", "2025-03-01");
    expect(await zombieFiguresByYear(db, [districtId], [2025])).toEqual([]);
    expect(await zombieFiguresByYear(db, [], [2025])).toEqual([]);
    expect((await zombieFiguresByYear(db, [cityId], [2025]))[0]?.candidatesFound).toBe(1);
  });
});

describe("the registrar's statistics carry the zombie figures (R-E1, R-E2)", () => {
  it("found, opened, closed and open at year end per year, and per district for this year", async () => {
    const [a, b, c] = orgs.map((o) => o.id) as [number, number, number];
    await signal(a, cityId, "missed_inspections", "2025-03-01");
    await signal(b, cityId, "unreachable", "2026-02-01");
    await signal(c, districtId, "missed_inspections", "2026-05-01");
    await zcase(a, cityId, "2025-06-01", ["2026-03-01", "revoked"]);
    await zcase(b, cityId, "2026-02-10");
    const { statistics } = await import("../../src/statistics/service");
    const { testConfig } = await import("../../src/config");
    const registrar = {
      id: 1,
      username: "r",
      displayName: "r",
      role: "registrar" as const,
      orgId: null,
      isOrgAdmin: false,
      authorityId: cityId,
      supervisorUnitId: null,
      sessionId: "s",
    };
    await db.run(sql`UPDATE authorities SET parent_id = ${cityId} WHERE id = ${districtId}`);
    const v = await statistics(
      { db, config: testConfig(), now: () => new Date("2026-06-10T02:00:00Z") },
      registrar,
      {},
    );
    const flow = v.series.find((x) => x.key === "zombie-flow")!;
    const row = (label: string) => flow.rows.find((r) => r.label === label)!.values;
    expect(row("2025年")).toEqual([1, 1, 0, 1]);
    expect(row("2026年")).toEqual([2, 1, 1, 1]);
    const districts = v.series.find((x) => x.key === "zombie-districts")!;
    expect(districts.rows.map((r) => [r.label, ...r.values])).toEqual([
      ["示范市民政局", 1, 1, 1, 1],
      ["示范区民政局", 1, 0, 0, 0],
    ]);
  });
});
