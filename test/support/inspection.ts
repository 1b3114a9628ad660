import { sql } from "drizzle-orm";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { AppDeps, FileStorage, SessionUser } from "../../src/context";
import type { Db } from "../../src/db";
import type { ReportSection } from "../../src/domain/inspection-report";
import type { Result } from "../../src/inspection/contract";
import { inspectionService } from "../../src/inspection/service";
import { openMemoryDatabase } from "../../src/node-db";
import { createSupervisorUnit, createUser, formHeaders, signIn } from "./auth";
import { ensureAuthority, insertOrgs } from "./orgs";

/** Fixtures for the annual inspection's service tests and the load script. */

/** A fresh :memory: database with every real migration. */
export async function openTestDb(): Promise<Db> {
  const { db } = await openMemoryDatabase();
  return db;
}

export function memoryStorage(): FileStorage & {
  files: Map<string, { data: Uint8Array; contentType: string }>;
} {
  const files = new Map<string, { data: Uint8Array; contentType: string }>();
  return {
    files,
    async put(key, data, contentType) {
      files.set(key, { data, contentType });
    },
    async get(key) {
      return files.get(key) ?? null;
    },
    async delete(key) {
      files.delete(key);
    },
  };
}

/** A clock that can be moved: `clock.set("2026-03-02")` is 10:00 in China that day. */
export function movableClock(day: string) {
  let current = new Date(`${day}T02:00:00Z`);
  return {
    now: () => current,
    set(d: string) {
      current = new Date(`${d}T02:00:00Z`);
    },
  };
}

export function makeDeps(db: Db, clock: { now: () => Date }, storage?: FileStorage): AppDeps {
  return { db, config: testConfig(), now: clock.now, storage: storage ?? memoryStorage() };
}

/** An active account (test/support/auth.ts createUser) and the SessionUser the app would see for it. */
export async function insertUser(
  db: Db,
  u: {
    role: SessionUser["role"];
    displayName: string;
    orgId?: number | null;
    authorityId?: number | null;
    supervisorUnitId?: number | null;
  },
): Promise<SessionUser> {
  const displayName = u.displayName;
  const row = await createUser(
    db,
    u.role === "org"
      ? { role: "org", orgId: u.orgId!, displayName }
      : u.role === "registrar"
        ? { role: "registrar", authorityId: u.authorityId!, displayName }
        : u.role === "supervisor"
          ? { role: "supervisor", supervisorUnitId: u.supervisorUnitId!, displayName }
          : { role: "admin", displayName },
  );
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    orgId: row.orgId,
    isOrgAdmin: row.isOrgAdmin,
    authorityId: row.authorityId,
    supervisorUnitId: row.supervisorUnitId,
    sessionId: `test-${row.username}`,
  };
}

export const insertSupervisorUnit = createSupervisorUnit;

/** A small world: a city with a district, another city, two supervisor units, organizations of each kind. */
export async function buildWorld(db: Db) {
  const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局", level: "city" });
  const district = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  const otherCity = await ensureAuthority(db, { code: "159800", name: "邻市民政局", level: "city" });
  const unitA = await insertSupervisorUnit(db, "示范市科学技术协会");
  const unitB = await insertSupervisorUnit(db, "示范市教育局");
  const orgs = await insertOrgs(db, [
    {
      name: "示范市计算机学会",
      authorityCode: "159900",
      registeredOn: "2012-04-01",
      legalRepresentative: "张三",
    },
    { name: "示范市爱心公益基金会", type: "foundation", authorityCode: "159900", registeredOn: "2016-05-01" },
    { name: "示范市物流行业协会", authorityCode: "159900", registeredOn: "2014-07-01" },
    { name: "示范市阳光社会工作服务中心", type: "private_non_enterprise", authorityCode: "159900" },
    { name: "东湖区书画协会", authorityCode: "159901", registeredOn: "2018-01-01" },
    { name: "示范市新成立协会", authorityCode: "159900", registeredOn: "2025-08-01" },
    { name: "示范市已注销协会", authorityCode: "159900", status: "deregistered" },
    { name: "邻市围棋协会", authorityCode: "159800" },
  ]);
  const [learned, foundation, logistics, center, districtOrg, lateOrg, deadOrg, otherOrg] = orgs as [
    (typeof orgs)[number],
    (typeof orgs)[number],
    (typeof orgs)[number],
    (typeof orgs)[number],
    (typeof orgs)[number],
    (typeof orgs)[number],
    (typeof orgs)[number],
    (typeof orgs)[number],
  ];
  await db.run(sql`UPDATE organizations SET supervision_mode = 'supervised', supervisor_unit_id = ${unitA},
    supervisor = '示范市科学技术协会' WHERE id IN (${learned.id}, ${districtOrg.id})`);
  await db.run(sql`UPDATE organizations SET supervision_mode = 'supervised', supervisor_unit_id = ${unitB},
    supervisor = '示范市教育局' WHERE id = ${center.id}`);
  await db.run(sql`UPDATE organizations SET supervision_mode = 'direct', foundation_kind = 'public', supervisor = NULL
    WHERE id = ${foundation.id}`);
  await db.run(sql`UPDATE organizations SET supervision_mode = 'decoupled', supervisor = NULL,
    party_building_authority = '示范市社会组织党委' WHERE id = ${logistics.id}`);
  const users = {
    cityRegistrar: await insertUser(db, { role: "registrar", displayName: "李审查", authorityId: city }),
    cityRegistrar2: await insertUser(db, { role: "registrar", displayName: "王审查", authorityId: city }),
    districtRegistrar: await insertUser(db, {
      role: "registrar",
      displayName: "赵区审",
      authorityId: district,
    }),
    otherRegistrar: await insertUser(db, {
      role: "registrar",
      displayName: "邻市审查",
      authorityId: otherCity,
    }),
    supervisorA: await insertUser(db, {
      role: "supervisor",
      displayName: "科协初审",
      supervisorUnitId: unitA,
    }),
    supervisorB: await insertUser(db, {
      role: "supervisor",
      displayName: "教育局初审",
      supervisorUnitId: unitB,
    }),
    admin: await insertUser(db, { role: "admin", displayName: "管理员" }),
    learned: await insertUser(db, { role: "org", displayName: "学会填报员", orgId: learned.id }),
    foundation: await insertUser(db, { role: "org", displayName: "基金会填报员", orgId: foundation.id }),
    logistics: await insertUser(db, { role: "org", displayName: "物流协会填报员", orgId: logistics.id }),
    center: await insertUser(db, { role: "org", displayName: "中心填报员", orgId: center.id }),
    districtOrg: await insertUser(db, { role: "org", displayName: "书画协会填报员", orgId: districtOrg.id }),
    otherOrg: await insertUser(db, { role: "org", displayName: "围棋协会填报员", orgId: otherOrg.id }),
  };
  return {
    authorities: { city, district, otherCity },
    units: { unitA, unitB },
    orgs: { learned, foundation, logistics, center, districtOrg, lateOrg, deadOrg, otherOrg },
    users,
  };
}

/** Form fields (as a browser posts them) for a complete year-N report of a 社团 that passes every block. */
export function goodForms(
  year: number,
  legalRepresentative = "张三",
): Partial<Record<ReportSection, Record<string, string>>> {
  return {
    meetings: {
      "items.0.kind": "board",
      "items.0.date": `${year}-03-01`,
      "items.0.topic": "年度计划",
      "items.1.kind": "board",
      "items.1.date": `${year}-09-01`,
      "items.2.kind": "general_assembly",
      "items.2.date": `${year}-06-01`,
    },
    termChange: {
      termYears: "5",
      currentTermStartedOn: `${year - 2}-06-01`,
      currentTermEndsOn: `${year + 3}-05-31`,
      heldThisYear: "否",
      "officers.0.name": legalRepresentative,
      "officers.0.post": "会长",
      "officers.0.postKind": "chair",
      "officers.0.birthDate": "1970-05-01",
      "officers.0.termsServed": "1",
      "officers.0.isLegalRepresentative": "on",
    },
    staff: { fullTime: "5", partTime: "2", volunteers: "30", socialInsured: "5" },
    branches: {},
    finances: {
      "balance.assets": "500,000.00",
      "balance.liabilities": "100000",
      "balance.netAssets": "400000",
      "income.donations": "100000",
      "income.governmentGrants": "50000",
      "income.serviceIncome": "30000",
      "income.membershipDues": "20000",
      "income.investment": "0",
      "income.other": "0",
      "income.total": "200000",
      "expenses.charitable": "150000",
      "expenses.management": "15000",
      "expenses.fundraising": "0",
      "expenses.other": "5000",
      "expenses.total": "170000",
    },
    donations: {
      receivedTotal: "100000",
      "received.0.donor": "示范市某科技公司",
      "received.0.amount": "60000",
      grantsTotal: "0",
    },
    activities: {
      "items.0.title": "年度学术年会",
      "items.0.date": `${year}-11-01`,
      "items.0.reported": "on",
    },
    partyBuilding: {
      hasPartyOrg: "是",
      orgType: "branch",
      orgName: "示范市计算机学会党支部",
      fullMembers: "4",
      probationaryMembers: "0",
      secretaryName: "李四",
      hasInstructor: "否",
    },
    cadres: {},
    declaration: { agreed: "on", signedBy: legalRepresentative, signedOn: `${year + 1}-03-01` },
  };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

/** What an annual-inspection test runs against, built afresh by buildInspectionWorld. */
export interface InspectionWorld {
  db: Db;
  world: World;
  clock: ReturnType<typeof movableClock>;
  storage: ReturnType<typeof memoryStorage>;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
}

/**
 * A fresh annual-inspection world: a database with every migration, buildWorld's authorities, organizations and
 * accounts, the clock at `day` (by default 2026-03-02, a Monday with the 2025 windows open), in-memory storage, the
 * deps (with `config` when given) and the app; the 2025 year opened by each registrar in `openBy` (R-C1).
 */
export async function buildInspectionWorld(
  opts: {
    day?: string;
    openBy?: readonly ("cityRegistrar" | "districtRegistrar" | "otherRegistrar")[];
    config?: AppDeps["config"];
  } = {},
): Promise<InspectionWorld> {
  const db = await openTestDb();
  const world = await buildWorld(db);
  const clock = movableClock(opts.day ?? "2026-03-02");
  const storage = memoryStorage();
  const deps = makeDeps(db, clock, storage);
  if (opts.config) deps.config = opts.config;
  const app = createApp(deps);
  for (const registrar of opts.openBy ?? ["cityRegistrar"]) {
    ok(await inspectionService.openYear(deps, world.users[registrar], { year: 2025 }));
  }
  return { db, world, clock, storage, deps, app };
}

/** Unwraps a service result in a test, failing with the refusal's code, message and fields. */
export function ok<T>(r: Result<T>): { ok: true } & T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message} ${JSON.stringify(r.fields ?? {})}`);
  return r;
}

/** Requests as signed-in users (one session per user, opened at the test clock's time). */
export function asUsers(
  appOf: () => { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  dbOf: () => Db,
  clockOf: () => { now: () => Date },
) {
  const cookies = new Map<number, string>();
  async function cookieOf(u: SessionUser) {
    let c = cookies.get(u.id);
    if (!c) {
      c = (await signIn(dbOf(), u.id, clockOf().now())).cookie;
      cookies.set(u.id, c);
    }
    return c;
  }
  return {
    cookieOf,
    /** Forget the sessions (e.g. after moving the clock past the idle limit). */
    clear: () => cookies.clear(),
    async get(u: SessionUser | null, path: string, headers: Record<string, string> = {}) {
      return appOf().request(path, { headers: { ...(u ? { Cookie: await cookieOf(u) } : {}), ...headers } });
    },
    async post(
      u: SessionUser,
      path: string,
      form: Record<string, string>,
      headers: Record<string, string> = {},
    ) {
      return appOf().request(path, {
        method: "POST",
        headers: { ...formHeaders(await cookieOf(u)), ...headers },
        body: new URLSearchParams(form).toString(),
      });
    },
  };
}
