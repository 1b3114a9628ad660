import { sql } from "drizzle-orm";
import {
  applicationAttachments,
  creditCases,
  importJobs,
  inspectionAttachments,
  letters,
  rectificationNotices,
  registrationApplications,
} from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { SessionUser } from "../../src/context";
import type { Db } from "../../src/db";
import { inspectionService } from "../../src/inspection/service";
import { openMemoryDatabase } from "../../src/node-db";
import { createSupervisorUnit, createUser, signIn } from "./auth";
import { ensureAuthority, insertOrgs } from "./orgs";

/**
 * The route matrix shared by the permission test and the fuzz test: the app's own list of routes, a signed-in user
 * of each role, and for every route parameter two fixtures — an object of the acting users' own (city A, its
 * organization A) and one that belongs to someone else (city B, organization B).
 */
export type Role = SessionUser["role"];
export const ROLES: Role[] = ["org", "supervisor", "registrar", "party", "admin"];

export interface Route {
  method: string;
  path: string;
}

export interface RouteMatrix {
  db: Db;
  app: ReturnType<typeof createApp>;
  cookies: Record<Role, string>;
  /** The acting users, to sign in again when a request has ended a session. */
  userIds: Record<Role, number>;
  own: Record<string, string>;
  foreign: Record<string, string>;
  routes(): Route[];
}

async function objectsOf(
  db: Db,
  authorityId: number,
  org: { id: number; uscc: string },
  registrar: SessionUser,
  year: number,
): Promise<Record<string, string>> {
  const colleague = await createUser(db, { role: "org", orgId: org.id, isOrgAdmin: false });
  const orgAdmin = await createUser(db, { role: "org", orgId: org.id, isOrgAdmin: true });
  const session = await signIn(db, orgAdmin.id);
  const [application] = await db
    .insert(registrationApplications)
    .values({
      kind: "change",
      channel: "online",
      authorityId,
      orgId: org.id,
      applicantName: "申请人",
      data: {},
    })
    .returning({ id: registrationApplications.id });
  const [material] = await db
    .insert(applicationAttachments)
    .values({
      applicationId: application!.id,
      kind: "charter",
      filename: "章程.pdf",
      storageKey: `route-matrix/application/${application!.id}`,
      sha256: "0".repeat(64),
      contentType: "application/pdf",
      size: 10,
    })
    .returning({ id: applicationAttachments.id });
  const [job] = await db
    .insert(importJobs)
    .values({
      authorityId,
      userId: 1,
      filename: "x.csv",
      fileKey: `imports/${authorityId}.csv`,
      totalRows: 1,
      preview: { inserted: 1, updated: 0, unchanged: 0, errors: [] },
      errors: [],
    })
    .returning({ id: importJobs.id });
  await inspectionService.openYear({ db, config: testConfig() }, registrar, { year });
  const [filing] = (await db.all(sql`SELECT id FROM annual_inspections WHERE org_id = ${org.id}`)) as {
    id: number;
  }[];
  const [notice] = (await db.all(sql`SELECT id FROM notices WHERE org_id = ${org.id}`)) as { id: number }[];
  const [attachment] = await db
    .insert(inspectionAttachments)
    .values({
      filingId: filing!.id,
      section: "declaration",
      filename: "签字页.pdf",
      storageKey: `route-matrix/${org.id}`,
      sha256: "0".repeat(64),
      contentType: "application/pdf",
      size: 10,
    })
    .returning({ id: inspectionAttachments.id });
  const [creditCase] = await db
    .insert(creditCases)
    .values({
      orgId: org.id,
      authorityId,
      list: "abnormal",
      ground: "d1_1",
      state: "notified",
      facts: "测试事实",
      arisenOn: "2026-06-01",
      noticeMethod: "portal",
      noticeServedOn: "2026-06-02",
      objectionDeadline: "2026-06-16",
      publicationPeriod: "general",
    })
    .returning({ id: creditCases.id });
  const [letter] = await db
    .insert(letters)
    .values({
      orgId: org.id,
      authorityId,
      purpose: "address_check",
      address: "测试地址",
      sentOn: "2026-06-01",
      trackingNo: "XA0001",
    })
    .returning({ id: letters.id });
  const [rectification] = await db
    .insert(rectificationNotices)
    .values({
      orgId: org.id,
      authorityId,
      documentNo: "测试〔2026〕1号",
      facts: "测试事实",
      items: [{ text: "测试事项", basis: "测试依据" }],
      servedOn: "2026-06-01",
      deadline: "2026-06-30",
    })
    .returning({ id: rectificationNotices.id });
  return {
    rectificationId: String(rectification!.id),
    letterId: String(letter!.id),
    caseId: String(creditCase!.id),
    uscc: org.uscc,
    userId: String(colleague.id),
    id: session.user.sessionId,
    applicationId: String(application!.id),
    jobId: String(job!.id),
    filingId: String(filing!.id),
    year: String(year),
    section: "meetings",
    noticeId: String(notice!.id),
    attachmentId: String(attachment!.id),
    materialId: String(material!.id),
    holidayId: "999999",
    // Not an object of anyone's: the installation's settings are the administrator's alone (an unknown one here).
    key: "no-such-setting",
    // Not an object of anyone's: a chart of the statistics, which another authority's fixture names as unknown.
    chart: "unknown-chart.csv",
  };
}

export async function setupRouteMatrix(): Promise<RouteMatrix> {
  const { db } = await openMemoryDatabase();
  const app = createApp({ db, config: testConfig() });
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
  await db.run(sql`UPDATE organizations SET supervisor_unit_id = ${unitA} WHERE id = ${orgA!.id}`);
  await db.run(sql`UPDATE organizations SET supervisor_unit_id = ${unitB} WHERE id = ${orgB!.id}`);

  const acting = {
    admin: await createUser(db, { role: "admin" }),
    registrar: await createUser(db, { role: "registrar", authorityId: cityA }),
    party: await createUser(db, { role: "party", authorityId: cityA }),
    supervisor: await createUser(db, { role: "supervisor", supervisorUnitId: unitA }),
    org: await createUser(db, { role: "org", orgId: orgA!.id, isOrgAdmin: true }),
  };
  const cookies = {} as Record<Role, string>;
  for (const role of ROLES) cookies[role] = (await signIn(db, acting[role].id)).cookie;
  const registrarA = (await signIn(db, acting.registrar.id)).user;
  const registrarB = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: cityB })).id))
    .user;
  // Different years, so that city B's year is one city A has not opened (the route names a year, not an id).
  const own = await objectsOf(db, cityA, orgA!, registrarA, 2025);
  const foreign = await objectsOf(db, cityB, orgB!, registrarB, 2024);

  return {
    db,
    app,
    cookies,
    userIds: {
      admin: acting.admin.id,
      registrar: acting.registrar.id,
      party: acting.party.id,
      supervisor: acting.supervisor.id,
      org: acting.org.id,
    },
    own,
    foreign,
    routes() {
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
    },
  };
}

/** A route's path with its parameters filled from `values`; throws for a parameter without a fixture. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(`No fixture for the route parameter :${name} (${path}): add one`);
    return encodeURIComponent(value);
  });
}
