import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../src/config";
import type { AppDeps, SessionUser } from "../../src/context";
import type { Db } from "../../src/db";
import { loadHome } from "../../src/home/service";
import { openMemoryDatabase } from "../../src/node-db";
import { createSupervisorUnit, createUser, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** One loadHome for every role home: each role gets its own home's figures, scoped to its authority, unit or organization. */
let db: Db;
let deps: AppDeps;
const users: Partial<Record<SessionUser["role"], SessionUser>> = {};
let unitId: number;

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  deps = { db, config: testConfig(), now: () => new Date("2026-06-01T02:00:00Z") } as AppDeps;
  const own = await ensureAuthority(db, { code: "159901", name: "首页测试市民政局" });
  await ensureAuthority(db, { code: "159902", name: "另一市民政局" });
  const [a, , , b] = await insertOrgs(db, [
    { name: "首页测试甲协会", authorityCode: "159901" },
    { name: "首页测试乙协会", authorityCode: "159901" },
    { name: "首页测试已撤销协会", authorityCode: "159901", status: "revoked" },
    { name: "另一市的协会", authorityCode: "159902" },
  ]);
  unitId = await createSupervisorUnit(db, "首页测试业务主管单位");
  await db.run(sql`UPDATE organizations SET supervisor_unit_id = ${unitId} WHERE id IN (${a!.id}, ${b!.id})`);
  for (const f of [
    { role: "registrar", authorityId: own } as const,
    { role: "supervisor", supervisorUnitId: unitId } as const,
    { role: "org", orgId: a!.id, isOrgAdmin: true } as const,
    { role: "admin" } as const,
    { role: "party", authorityId: own } as const,
  ]) {
    const u = await createUser(db, f);
    users[f.role] = (await signIn(db, u.id)).user;
  }
});

describe("loadHome", () => {
  it("gives the registrar its own authority's figures: active organizations only, its accounts, readable authorities", async () => {
    const home = await loadHome(deps, users.registrar!);
    if (home.role !== "registrar") throw new Error(`expected the registrar's home, got ${home.role}`);
    expect(home.authorityName).toBe("首页测试市民政局");
    expect(home.counts).toEqual({ active: 2, orgAccounts: 1, applications: 0 });
    expect(home.readable.find((r) => r.own)?.code).toBe("159901");
    expect(home.inspection.base).toBe("/registrar");
    expect(home.inspection.year).toBeNull();
  });

  it("gives the supervisor unit the organizations it supervises, across authorities, with their status in words", async () => {
    const home = await loadHome(deps, users.supervisor!, { page: 99 });
    if (home.role !== "supervisor") throw new Error(`expected the supervisor's home, got ${home.role}`);
    expect(home.unitName).toBe("首页测试业务主管单位");
    expect(home.total).toBe(2);
    expect(home.pages).toBe(1);
    expect(home.page).toBe(99);
    expect(home.rows).toEqual([]);
    const first = await loadHome(deps, users.supervisor!);
    if (first.role !== "supervisor") throw new Error("expected the supervisor's home");
    expect(first.rows.map((r) => r.name).sort()).toEqual(["另一市的协会", "首页测试甲协会"]);
    expect(first.rows.every((r) => r.statusLabel.length > 0)).toBe(true);
    expect(first.inspection.base).toBe("/supervisor");
  });

  it("gives an organization user its own organization, its authority and its 年检 panel", async () => {
    const home = await loadHome(deps, users.org!);
    if (home.role !== "org") throw new Error(`expected the organization's home, got ${home.role}`);
    expect(home.org).toMatchObject({ name: "首页测试甲协会", authorityName: "首页测试市民政局" });
    expect(home.inspection.current).toBeNull();
    expect(home.party).toEqual({ pending: false, alert: null });
  });

  it("gives the administrator the counts of accounts, authorities and supervisor units, each linked", async () => {
    const home = await loadHome(deps, users.admin!);
    if (home.role !== "admin") throw new Error(`expected the administrator's home, got ${home.role}`);
    const byHref = Object.fromEntries(home.counts.map((c) => [c.href, c.value]));
    expect(byHref["/admin/authorities"]).toBe(2);
    expect(byHref["/admin/supervisor-units"]).toBe(1);
    expect(byHref["/admin/audit?action=account."]).toBe(1);
  });

  it("has no home for the 党建 reviewer, whose home is the party overview", async () => {
    await expect(loadHome(deps, users.party!)).rejects.toThrow(/No home/);
  });
});
