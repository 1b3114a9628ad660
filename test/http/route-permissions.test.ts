import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { importJobs, inspectionAttachments, registrationApplications } from "../../db/schema";
import { createApp } from "../../src/app";
import { areaOf, mayEnter, PUBLIC_ROUTES } from "../../src/auth/permissions";
import { testConfig } from "../../src/config";
import type { SessionUser } from "../../src/context";
import type { Db } from "../../src/db";
import { inspectionService } from "../../src/inspection/service";
import { openMemoryDatabase } from "../../src/node-db";
import { createSupervisorUnit, createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/**
 * Issue 3: every registered route that is not public refuses anonymous users (login redirect, or 401 for the API),
 * users of the wrong role (404), and users of the right role asking for another organization's or authority's
 * object (404). The list of routes comes from the app itself, so a new route without a permission rule, or with a
 * parameter this test cannot fill, fails here.
 */

type Role = SessionUser["role"];
const ROLES: Role[] = ["org", "supervisor", "registrar", "admin"];

let db: Db;
let app: ReturnType<typeof createApp>;
const cookies = {} as Record<Role, string>;
/** Objects that belong to someone else (another organization, another authority, another unit). */
const foreign: Record<string, string> = {};

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  app = createApp({ db, config: testConfig() });
  const cityA = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  const cityB = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
  const unitA = await createSupervisorUnit(db, "示范市科学技术协会");
  const unitB = await createSupervisorUnit(db, "邻市教育局");
  const [orgA, orgB] = await insertOrgs(db, [
    { name: "示范市计算机学会", authorityCode: "159900" },
    { name: "邻市围棋协会", authorityCode: "159800" },
  ]);
  await db.run(`UPDATE organizations SET supervisor_unit_id = ${unitA} WHERE id = ${orgA!.id}` as never);
  await db.run(`UPDATE organizations SET supervisor_unit_id = ${unitB} WHERE id = ${orgB!.id}` as never);

  const acting = {
    admin: await createUser(db, { role: "admin" }),
    registrar: await createUser(db, { role: "registrar", authorityId: cityA }),
    supervisor: await createUser(db, { role: "supervisor", supervisorUnitId: unitA }),
    org: await createUser(db, { role: "org", orgId: orgA!.id, isOrgAdmin: true }),
  };
  for (const role of ROLES) cookies[role] = (await signIn(db, acting[role].id)).cookie;

  const registrarB = await createUser(db, { role: "registrar", authorityId: cityB });
  const orgBAdmin = await createUser(db, { role: "org", orgId: orgB!.id, isOrgAdmin: true });
  const orgBColleague = await createUser(db, { role: "org", orgId: orgB!.id, isOrgAdmin: false });
  const orgBSession = await signIn(db, orgBAdmin.id);
  foreign.uscc = orgB!.uscc;
  foreign.userId = String(orgBColleague.id);
  foreign.id = orgBSession.user.sessionId;
  const [application] = await db
    .insert(registrationApplications)
    .values({
      kind: "change",
      channel: "online",
      authorityId: cityB,
      orgId: orgB!.id,
      applicantName: "邻市围棋协会",
      data: {},
    })
    .returning({ id: registrationApplications.id });
  foreign.applicationId = String(application!.id);
  const [job] = await db
    .insert(importJobs)
    .values({
      authorityId: cityB,
      userId: 1,
      filename: "x.csv",
      fileKey: "imports/x.csv",
      totalRows: 1,
      preview: { inserted: 1, updated: 0, unchanged: 0, errors: [] },
      errors: [],
    })
    .returning({ id: importJobs.id });
  foreign.jobId = String(job!.id);
  // Annual inspection (issue 4): city B's 2025 year, orgB's filing, its notice and attachment; no such holiday.
  const regB = (await signIn(db, registrarB.id)).user;
  await inspectionService.openYear({ db, config: testConfig() }, regB, { year: 2025 });
  const [filing] = (await db.all(sql`SELECT id FROM annual_inspections WHERE org_id = ${orgB!.id}`)) as {
    id: number;
  }[];
  const [notice] = (await db.all(sql`SELECT id FROM notices WHERE org_id = ${orgB!.id}`)) as { id: number }[];
  const [attachment] = await db
    .insert(inspectionAttachments)
    .values({
      filingId: filing!.id,
      section: "declaration",
      filename: "签字页.pdf",
      storageKey: "route-permissions/1",
      sha256: "0".repeat(64),
      contentType: "application/pdf",
      size: 10,
    })
    .returning({ id: inspectionAttachments.id });
  foreign.filingId = String(filing!.id);
  foreign.year = "2025";
  foreign.section = "meetings";
  foreign.noticeId = String(notice!.id);
  foreign.attachmentId = String(attachment!.id);
  foreign.holidayId = "999999";
});

interface Route {
  method: string;
  path: string;
}

function routes(): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  for (const r of app.routes) {
    if (r.method === "ALL") continue; // middleware
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

/** Why a route has no permission rule, or null when it has one. */
function missingRule(r: Route): string | null {
  if (PUBLIC_ROUTES.has(`${r.method} ${r.path}`)) return null;
  return areaOf(r.path)
    ? null
    : `${r.method} ${r.path} is neither public nor in an area of src/auth/permissions.ts`;
}

function fill(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = foreign[name];
    if (value === undefined)
      throw new Error(`No fixture for the route parameter :${name} (${path}): add one here`);
    return encodeURIComponent(value);
  });
}

const call = (r: Route, path: string, cookie?: string) =>
  app.request(path, {
    method: r.method,
    headers: r.method === "GET" ? (cookie ? { Cookie: cookie } : {}) : formHeaders(cookie),
    body: r.method === "GET" ? undefined : new URLSearchParams({ version: "1" }),
  });

const protectedRoutes = () => routes().filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`));

describe("the route-permission matrix (issue 3)", () => {
  it("finds the app's routes, and every one has a permission rule", () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(20);
    expect(all.map(missingRule).filter(Boolean)).toEqual([]);
  });

  it("would report a route added without a rule", () => {
    expect(missingRule({ method: "GET", path: "/secret-report" })).toMatch(/neither public nor in an area/);
    expect(missingRule({ method: "POST", path: "/orgs/:uscc" })).toMatch(/neither public/);
  });

  it("every protected route sends anonymous pages to /login?next=… and anonymous API calls a 401", async () => {
    const wrong: string[] = [];
    for (const r of protectedRoutes()) {
      const res = await call(r, fill(r.path));
      const api = r.path.startsWith("/api/");
      const ok = api
        ? res.status === 401
        : res.status === 302 && (res.headers.get("Location") ?? "").startsWith("/login?next=");
      if (!ok) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("every protected route answers 404 to a signed-in user of a role that may not enter it", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of protectedRoutes()) {
      const area = areaOf(r.path)!;
      for (const role of ROLES) {
        if (mayEnter({ role } as SessionUser, area)) continue;
        checked++;
        const res = await call(r, fill(r.path), cookies[role]);
        if (res.status !== 404) wrong.push(`${role}: ${r.method} ${r.path} → ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it("every protected route with an object in its path answers 404 for another organization's or authority's object", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of protectedRoutes()) {
      if (!r.path.includes(":")) continue;
      const area = areaOf(r.path)!;
      const roles = area === "signed-in" ? ROLES : [area as Role];
      for (const role of roles) {
        checked++;
        const res = await call(r, fill(r.path), cookies[role]);
        if (res.status !== 404) wrong.push(`${role}: ${r.method} ${fill(r.path)} → ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(wrong).toEqual([]);
  });
});
