import { and, eq, inArray } from "drizzle-orm";
import {
  announcements,
  authorities,
  type OrgType,
  organizations,
  orgHistory,
  registrationApplications,
} from "../../../db/schema";
import type { Actor as AuditActor } from "../../audit/audit";
import { readableAuthorityIds } from "../../auth/scope";
import { parseToken, secretMatches } from "../../auth/tokens";
import type { SessionUser } from "../../context";
import { seriousPersonProblems } from "../../credit/people";
import { type BatchItem, type Db, isStaleWrite as isGuardStale } from "../../db";
import {
  APPLICATION_KIND_LABELS,
  legalRepresentativeProblems,
  nameProblems,
  type RuleProblem,
} from "../../domain/registration";
import type { Actor as WorkflowActor } from "../../domain/workflow";
import type { Refusal } from "../../result";

/**
 * What every kind of registration application shares: who is looking, who may act, the authority's facts used by the
 * name rules, the batch's stale-write guard, and the history and 公告 rows an approval writes.
 */
export type ApplicationRow = typeof registrationApplications.$inferSelect;

/** Who is looking: the holder of a 成立 link, or a signed-in user. */
export type Viewer = { kind: "applicant"; applicationId: number } | { kind: "user"; user: SessionUser };

export type { Refusal } from "../../result";

export function auditActorOf(viewer: Viewer, ip: string | null): AuditActor {
  if (viewer.kind === "applicant")
    return { userId: null, username: `申请人#${viewer.applicationId}`, role: "applicant", ip };
  return { userId: viewer.user.id, username: viewer.user.username, role: viewer.user.role, ip };
}

export function workflowActor(viewer: Viewer): WorkflowActor {
  if (viewer.kind === "applicant") return { role: "applicant", applicationId: viewer.applicationId };
  return viewer.user;
}

export async function loadApplication(db: Db, id: number): Promise<ApplicationRow | null> {
  const [row] = await db.select().from(registrationApplications).where(eq(registrationApplications.id, id));
  return row ?? null;
}

/** The application behind a 成立 link, or null (malformed, unknown, wrong secret). */
export async function findByLink(db: Db, token: string): Promise<ApplicationRow | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db
    .select()
    .from(registrationApplications)
    .where(eq(registrationApplications.linkId, parsed.id));
  if (!row?.linkSecretHash || !(await secretMatches(parsed.secret, row.linkSecretHash))) return null;
  return row;
}

/** Whether `viewer` may see the application, and act on it (a city registrar reads its districts' read-only). */
export async function accessOf(
  db: Db,
  viewer: Viewer,
  app: ApplicationRow,
): Promise<{ canAct: boolean } | null> {
  if (viewer.kind === "applicant")
    return viewer.applicationId === app.id && app.channel === "online" ? { canAct: true } : null;
  const u = viewer.user;
  if (u.role === "org")
    return app.orgId !== null && app.orgId === u.orgId && app.kind !== "establishment"
      ? { canAct: true }
      : null;
  if (u.role === "registrar") {
    if (app.authorityId === u.authorityId) return { canAct: true };
    return (await readableAuthorityIds(db, u)).includes(app.authorityId) ? { canAct: false } : null;
  }
  return null;
}

export interface AuthorityFacts {
  id: number;
  name: string;
  level: "national" | "province" | "city" | "district";
  regionCode: string;
  regionPrefixes: string[];
}

/** 示范市东湖区民政局 → 示范市东湖区, 东湖区; 示范市民政局 → 示范市, 市. */
export function regionPrefixes(name: string, level: AuthorityFacts["level"]): string[] {
  const place = name.replace(/民政(局|厅|部)$/, "");
  if (level === "district") {
    const m = place.match(/(?:市|州|盟)([^市州盟]+(?:区|县|旗|市))$/);
    return m ? [place, m[1]!] : [place];
  }
  if (level === "city") return place.endsWith("市") ? [place, "市"] : [place];
  return [place];
}

export async function authorityFacts(db: Db, id: number): Promise<AuthorityFacts> {
  const [a] = await db.select().from(authorities).where(eq(authorities.id, id));
  return {
    id: a!.id,
    name: a!.name,
    level: a!.level,
    regionCode: a!.regionCode,
    regionPrefixes: regionPrefixes(a!.name, a!.level),
  };
}

export type OrgRow = typeof organizations.$inferSelect;

export async function orgOf(db: Db, app: ApplicationRow): Promise<OrgRow | null> {
  if (app.orgId === null) return null;
  const [o] = await db.select().from(organizations).where(eq(organizations.id, app.orgId));
  return o ?? null;
}

export async function namesInAuthority(
  db: Db,
  authorityId: number,
  exceptOrgId: number | null,
): Promise<string[]> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.authorityId, authorityId));
  return rows.filter((r) => r.id !== exceptOrgId).map((r) => r.name);
}

export async function representedBy(db: Db, person: string, exceptOrgId: number | null) {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type })
    .from(organizations)
    .where(and(eq(organizations.legalRepresentative, person), eq(organizations.status, "active")));
  return rows.filter((r) => r.id !== exceptOrgId);
}

/** R-A4: a proposed name's problems among the names registered with the same authority (but the organization's own). */
export async function proposedNameProblems(
  db: Db,
  app: ApplicationRow,
  authority: AuthorityFacts,
  name: string,
  type: OrgType | null,
  exceptOrgId: number | null,
): Promise<RuleProblem[]> {
  return nameProblems({
    name,
    type,
    level: authority.level,
    regionPrefixes: authority.regionPrefixes,
    existingNames: await namesInAuthority(db, app.authorityId, exceptOrgId),
  });
}

/**
 * R-A3: the proposed 法定代表人's other organizations; and, for the registrar, whether the person stands behind a
 * 严重 entry (a warning, or a block where the locality says so).
 */
export async function representativeProblems(
  db: Db,
  type: OrgType,
  person: string,
  exceptOrgId: number | null,
  staff: { seriousPersonBlocks: boolean } | null,
): Promise<RuleProblem[]> {
  const out = legalRepresentativeProblems(type, person, await representedBy(db, person, exceptOrgId));
  if (staff) out.push(...(await seriousPersonProblems(db, person, exceptOrgId, staff.seriousPersonBlocks)));
  return out;
}

/** Collects the rule problems of one application; `need` records a missing required field (R-A6). */
export function problemList(): { out: RuleProblem[]; need: (field: string, message: string) => void } {
  const out: RuleProblem[] = [];
  const need = (field: string, message: string) =>
    out.push({ field, rule: "R-A6", message, level: "block" as const });
  return { out, need };
}

/**
 * Whether a batch failed because someone acted first: the stale-write guard (src/db.ts) after a version-checked
 * UPDATE, or two approvals that drew the same 统一社会信用代码 (the code's unique index). Nothing was written.
 */
export function isStaleWrite(err: unknown): boolean {
  if (isGuardStale(err)) return true;
  for (let x: unknown = err; x; x = (x as { cause?: unknown }).cause) {
    if (String((x as Error).message ?? "").includes("UNIQUE constraint failed")) return true;
  }
  return false;
}

export function staleRefusal(): Refusal {
  return {
    ok: false,
    code: "stale",
    message: "这份申请刚被其他人处理或修改过，页面上的内容不是最新的。请刷新后再操作。",
  };
}

export async function versionAfter(db: Db, id: number): Promise<number> {
  const [r] = await db
    .select({ v: registrationApplications.version })
    .from(registrationApplications)
    .where(eq(registrationApplications.id, id));
  return r?.v ?? -1;
}

/** What approval writes to the register: statements for the transition's batch, and the organization's code. */
export type ApprovalEffect = { statements: BatchItem[]; uscc?: string };

/** Everything a kind's approval needs: the application, its organization (none for 成立), the day and the decision. */
export interface ApprovalContext {
  db: Db;
  app: ApplicationRow;
  org: OrgRow | null;
  today: string;
  documentNo: string;
  authority: AuthorityFacts;
  /** A row of the organization's history; after a conditional UPDATE of the organization it doubles as the guard. */
  history: (
    orgIdSql: unknown,
    kind: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ) => BatchItem;
  /** A 公告 published with the decision (R-A7). */
  notice: (
    orgIdSql: unknown,
    kind: "establishment" | "change" | "deregistration",
    title: string,
    body: string,
  ) => BatchItem;
}

export async function approvalContext(
  db: Db,
  app: ApplicationRow,
  org: OrgRow | null,
  today: string,
  documentNo: string,
  actor: AuditActor,
): Promise<ApprovalContext> {
  const authority = await authorityFacts(db, app.authorityId);
  return {
    db,
    app,
    org,
    today,
    documentNo,
    authority,
    history: (orgIdSql, kind, before, after) =>
      db.insert(orgHistory).values({
        orgId: orgIdSql as number,
        kind,
        before,
        after,
        actorUserId: actor.userId,
        actorLabel: actor.username ?? actor.role,
        reason: `${APPLICATION_KIND_LABELS[app.kind]}（${documentNo}）`,
      }),
    notice: (orgIdSql, kind, title, body) =>
      db.insert(announcements).values({
        orgId: orgIdSql as number,
        authorityId: app.authorityId,
        kind,
        title,
        body,
        documentNo,
        publishedOn: today,
      }),
  };
}

/** Whether this viewer is the side that fills the form (the applicant online, the registrar on paper). */
export function isFiler(viewer: Viewer, app: ApplicationRow): boolean {
  if (app.channel === "paper") return viewer.kind === "user" && viewer.user.role === "registrar";
  return viewer.kind === "applicant" || (viewer.kind === "user" && viewer.user.role === "org");
}

export async function orgById(db: Db, id: number): Promise<OrgRow | null> {
  const [o] = await db.select().from(organizations).where(eq(organizations.id, id));
  return o ?? null;
}

/** Whether the organization's registration has ended (注销, 撤销, 吊销): its accounts may then only read. */
export async function isTerminated(db: Db, orgId: number): Promise<boolean> {
  const [org] = await db
    .select({ status: organizations.status })
    .from(organizations)
    .where(
      and(
        eq(organizations.id, orgId),
        inArray(organizations.status, ["deregistered", "revoked", "license_revoked"]),
      ),
    );
  return org !== undefined;
}
