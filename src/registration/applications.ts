import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  announcements,
  authorities,
  organizations,
  orgHistory,
  partyMemberCounts,
  partyOrgVersions,
  registrationApplications,
  registrationEvents,
  supervisorUnits,
  usccSequences,
} from "../../db/schema";
import { type Actor as AuditActor, commitWithAudit } from "../audit/audit";
import { readableAuthorityIds } from "../auth/scope";
import { newToken, parseToken, secretMatches } from "../auth/tokens";
import type { SessionUser } from "../context";
import { seriousPersonProblems } from "../credit/people";
import type { BatchItem, Db } from "../db";
import { formatFen } from "../domain/money";
import {
  APPLICATION_KIND_LABELS,
  type ApplicationKind,
  decisionDueOn,
  filingLimitProblem,
  foundingProblems,
  legalRepresentativeProblems,
  nameProblems,
  type RuleProblem,
} from "../domain/registration";
import {
  type ApplicationAction,
  type ApplicationState,
  registrationMachine,
} from "../domain/registration-workflow";
import { issueUscc, type UsccOrgType } from "../domain/uscc";
import { decide, type FilingSubject, type Actor as WorkflowActor } from "../domain/workflow";
import { toDayNumber } from "../domain/working-days";
import { loadCalendar } from "../inspection/holidays";
import { indexNameStatement, nameTokens, unindexNameStatement } from "../registry/grams";
import type { ChangeData, CharterData, DeregistrationData, EstablishmentData } from "./forms";

/**
 * Registration applications (issue 5): 成立 from the public site through a one-time link, 变更 / 章程核准 / 注销 by
 * the organization, paper applications recorded by the registrar — one workflow (src/domain/registration-workflow.ts),
 * one correction loop, and on approval the register changes in the same batch as the transition and its audit event.
 */
export type ApplicationRow = typeof registrationApplications.$inferSelect;

/** Who is looking: the holder of a 成立 link, or a signed-in user. */
export type Viewer = { kind: "applicant"; applicationId: number } | { kind: "user"; user: SessionUser };

export type Refusal = { ok: false; code: string; message: string; fields?: Record<string, string> };

const ORG_TYPE_TO_USCC: Record<string, UsccOrgType> = {
  social_group: "social_group",
  private_non_enterprise: "private_non_enterprise",
  foundation: "foundation",
};

export function auditActorOf(viewer: Viewer, ip: string | null): AuditActor {
  if (viewer.kind === "applicant")
    return { userId: null, username: `申请人#${viewer.applicationId}`, role: "applicant", ip };
  return { userId: viewer.user.id, username: viewer.user.username, role: viewer.user.role, ip };
}

function workflowActor(viewer: Viewer): WorkflowActor {
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

type OrgRow = typeof organizations.$inferSelect;

async function orgOf(db: Db, app: ApplicationRow): Promise<OrgRow | null> {
  if (app.orgId === null) return null;
  const [o] = await db.select().from(organizations).where(eq(organizations.id, app.orgId));
  return o ?? null;
}

async function namesInAuthority(db: Db, authorityId: number, exceptOrgId: number | null): Promise<string[]> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.authorityId, authorityId));
  return rows.filter((r) => r.id !== exceptOrgId).map((r) => r.name);
}

async function representedBy(db: Db, person: string, exceptOrgId: number | null) {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type })
    .from(organizations)
    .where(and(eq(organizations.legalRepresentative, person), eq(organizations.status, "active")));
  return rows.filter((r) => r.id !== exceptOrgId);
}

/** Every rule problem of the application as it stands (blocks and warnings), for the form and for the reviewer. */
export async function applicationProblems(
  db: Db,
  app: ApplicationRow,
  today: string,
  /** For the registrar (and at approval): people behind 严重 entries, blocking where the locality says so. */
  staff: { seriousPersonBlocks: boolean } | null = null,
): Promise<RuleProblem[]> {
  const authority = await authorityFacts(db, app.authorityId);
  const out: RuleProblem[] = [];
  const need = (field: string, message: string) =>
    out.push({ field, rule: "R-A6", message, level: "block" as const });
  switch (app.kind) {
    case "establishment": {
      const d = app.data as EstablishmentData;
      if (!d.name) need("name", "请填写拟成立组织的名称。");
      if (!d.type) need("type", "请选择组织类型。");
      if (!d.address) need("address", "请填写住所。");
      if (!d.purpose) need("purpose", "请填写宗旨。");
      if (!d.businessScope) need("businessScope", "请填写业务范围。");
      if (!d.supervisionMode) need("supervisionMode", "请选择管理方式：有业务主管单位，或直接登记。");
      if (d.supervisionMode === "supervised" && !d.supervisorUnitId)
        need("supervisorUnitId", "请选择业务主管单位。");
      // R-A11: only four categories register directly, and they name their 党建领导机关 instead.
      if (d.supervisionMode === "direct") {
        if (!d.directCategory) {
          out.push({
            field: "directCategory",
            rule: "R-A11",
            level: "block",
            message:
              "直接登记只适用于行业协会商会类、科技类、公益慈善类和城乡社区服务类社会组织，请选择所属类别；其他组织须有业务主管单位。",
          });
        }
        if (!d.partyBuildingAuthority) {
          out.push({
            field: "partyBuildingAuthority",
            rule: "R-A11",
            level: "block",
            message: "直接登记的社会组织请填写党建领导机关（负责其党建工作的机关）。",
          });
        }
      }
      if (d.name && d.type) {
        out.push(
          ...nameProblems({
            name: d.name,
            type: d.type,
            level: authority.level,
            regionPrefixes: authority.regionPrefixes,
            existingNames: await namesInAuthority(db, app.authorityId, null),
          }),
        );
      }
      if (d.type) {
        out.push(
          ...foundingProblems({
            type: d.type,
            level: authority.level,
            individualMembers: d.individualMembers ?? 0,
            unitMembers: d.unitMembers ?? 0,
            capitalFen: d.capitalFen ?? 0,
            foundationKind: d.foundationKind ?? null,
            boardSize: d.boardSize ?? null,
            boardTermYears: d.boardTermYears ?? null,
            partyCommitment: d.partyCommitment === true,
            partySurvey: d.partyFullMembers !== undefined && d.partyProbationaryMembers !== undefined,
            charter: d.charter ?? "",
          }),
        );
        out.push(
          ...legalRepresentativeProblems(
            d.type,
            d.legalRepresentative ?? "",
            await representedBy(db, d.legalRepresentative ?? "", null),
          ),
        );
        if (staff) {
          out.push(
            ...(await seriousPersonProblems(db, d.legalRepresentative, null, staff.seriousPersonBlocks)),
          );
        }
      }
      break;
    }
    case "change": {
      const d = app.data as ChangeData;
      const org = (await orgOf(db, app))!;
      const items = d.items ?? [];
      if (items.length === 0) need("items", "请至少选择一项变更事项。");
      const same = (item: string, now: unknown, before: unknown) => {
        if (now === undefined || now === "") need(item, "请填写变更后的内容。");
        else if (now === before) need(item, "变更后的内容与现登记内容相同。");
      };
      for (const item of items) {
        if (item === "name") same("name", d.name, org.name);
        if (item === "address") same("address", d.address, org.address);
        if (item === "legalRepresentative")
          same("legalRepresentative", d.legalRepresentative, org.legalRepresentative);
        if (item === "purpose") same("purpose", d.purpose, org.purpose);
        if (item === "businessScope") same("businessScope", d.businessScope, org.businessScope);
        if (item === "capital") same("capital", d.capitalFen, org.capitalFen);
        if (item === "supervisor") same("supervisorUnitId", d.supervisorUnitId, org.supervisorUnitId);
        if (item === "activityArea") same("activityArea", d.activityArea, org.activityArea);
      }
      if (items.includes("name") && d.name) {
        out.push(
          ...nameProblems({
            name: d.name,
            type: org.type,
            level: authority.level,
            regionPrefixes: authority.regionPrefixes,
            existingNames: await namesInAuthority(db, app.authorityId, org.id),
          }),
        );
      }
      // R-A1 / R-A2: a change of 注册资金 / 原始基金 meets the same minimums as 成立.
      if (items.includes("capital") && d.capitalFen !== undefined) {
        out.push(
          ...foundingProblems({
            type: org.type,
            level: authority.level,
            individualMembers: 50,
            unitMembers: 30,
            capitalFen: d.capitalFen,
            foundationKind: org.foundationKind,
            boardSize: 5,
            boardTermYears: 5,
            partyCommitment: true,
            partySurvey: true,
            charter: "x".repeat(50),
          }).filter((p) => p.field === "capital"),
        );
      }
      if (items.includes("legalRepresentative") && d.legalRepresentative) {
        out.push(
          ...legalRepresentativeProblems(
            org.type,
            d.legalRepresentative,
            await representedBy(db, d.legalRepresentative, org.id),
          ),
        );
        if (staff) {
          out.push(
            ...(await seriousPersonProblems(db, d.legalRepresentative, org.id, staff.seriousPersonBlocks)),
          );
        }
        if (!d.auditReportNo) {
          out.push({
            field: "auditReportNo",
            rule: "R-A8",
            message: "变更法定代表人前须进行财务审计：请填写审计报告文号。",
            level: "block",
          });
        }
      }
      if (org.supervisionMode === "supervised" && !d.supervisorApprovedOn) {
        need("supervisorApprovedOn", "请填写业务主管单位同意变更的日期。");
      }
      const late = filingLimitProblem("change", d.supervisorApprovedOn ?? null, app.submittedOn ?? today);
      if (late) out.push(late);
      break;
    }
    case "charter": {
      const d = app.data as CharterData;
      const org = (await orgOf(db, app))!;
      if (!d.charter || d.charter.length < 50) need("charter", "请提交修改后的章程全文。");
      if (!d.changedClauses) need("changedClauses", "请列出修改的条款（修改前、修改后）。");
      if (org.supervisionMode === "supervised" && !d.supervisorApprovedOn) {
        need("supervisorApprovedOn", "请填写业务主管单位同意的日期。");
      }
      const late = filingLimitProblem("charter", d.supervisorApprovedOn ?? null, app.submittedOn ?? today);
      if (late) out.push(late);
      break;
    }
    case "deregistration": {
      const d = app.data as DeregistrationData;
      if (!d.reason) need("reason", "请填写注销原因。");
      if (!d.liquidationReport)
        need("liquidationReport", "请提交清算报告（资产、债权债务的清理情况和剩余财产的处置）。");
      if (!d.liquidationEndedOn) need("liquidationEndedOn", "请填写清算结束的日期。");
      else if (toDayNumber(d.liquidationEndedOn) > toDayNumber(today)) {
        need("liquidationEndedOn", "清算结束日期不能晚于今天。");
      }
      const late = filingLimitProblem(
        "deregistration",
        d.liquidationEndedOn ?? null,
        app.submittedOn ?? today,
      );
      if (late) out.push(late);
      break;
    }
  }
  return out;
}

export function subjectOf(app: ApplicationRow): FilingSubject {
  return {
    orgId: app.orgId ?? 0,
    applicationId: app.id,
    authorityId: app.authorityId,
    supervisorUnitId: null,
    supervisionMode: "direct",
  };
}

// ------------------------------------------------------------------------------------------------ starting

export async function startEstablishment(
  db: Db,
  input: { authorityId: number; applicantName: string; applicantPhone: string | null },
  ip: string | null,
): Promise<{ id: number; token: string }> {
  const t = await newToken();
  await commitWithAudit(
    db,
    { userId: null, username: input.applicantName, role: "applicant", ip },
    [
      db.insert(registrationApplications).values({
        kind: "establishment",
        channel: "online",
        authorityId: input.authorityId,
        linkId: t.id,
        linkSecretHash: t.secretHash,
        applicantName: input.applicantName,
        applicantPhone: input.applicantPhone,
        data: {},
      }),
    ],
    {
      action: "registration.start",
      objectType: "application",
      objectId: `link:${t.id.slice(0, 8)}`,
      summary: { kind: "establishment" },
    },
  );
  const [row] = await db
    .select({ id: registrationApplications.id })
    .from(registrationApplications)
    .where(eq(registrationApplications.linkId, t.id));
  return { id: row!.id, token: t.token };
}

const OPEN_STATES: ApplicationState[] = ["draft", "submitted", "returned"];

/** An organization (or the registrar, on paper) starts a 变更 / 章程核准 / 注销; one open application per kind. */
export async function startForOrg(
  db: Db,
  user: SessionUser,
  org: OrgRow,
  kind: Exclude<ApplicationKind, "establishment">,
  ip: string | null,
): Promise<{ ok: true; id: number } | Refusal> {
  if (org.status !== "active")
    return { ok: false, code: "terminal_status", message: "该组织已终止登记，不能再申请。" };
  const [open] = await db
    .select({ id: registrationApplications.id })
    .from(registrationApplications)
    .where(
      and(
        eq(registrationApplications.orgId, org.id),
        eq(registrationApplications.kind, kind),
        inArray(registrationApplications.state, OPEN_STATES),
      ),
    );
  if (open) return { ok: true, id: open.id };
  const channel = user.role === "registrar" ? "paper" : "online";
  await commitWithAudit(
    db,
    auditActorOf({ kind: "user", user }, ip),
    [
      db.insert(registrationApplications).values({
        kind,
        channel,
        authorityId: org.authorityId,
        orgId: org.id,
        applicantName: user.role === "registrar" ? org.name : user.displayName,
        data: {},
        createdByUserId: user.id,
      }),
    ],
    { action: "registration.start", objectType: "application", orgId: org.id, summary: { kind, channel } },
  );
  const [row] = await db
    .select({ id: registrationApplications.id })
    .from(registrationApplications)
    .where(and(eq(registrationApplications.orgId, org.id), eq(registrationApplications.kind, kind)))
    .orderBy(desc(registrationApplications.id))
    .limit(1);
  return { ok: true, id: row!.id };
}

/** The registrar records a paper 成立 application (same checks as online ones). */
export async function startPaperEstablishment(
  db: Db,
  user: SessionUser,
  applicantName: string,
  ip: string | null,
): Promise<number> {
  await commitWithAudit(
    db,
    auditActorOf({ kind: "user", user }, ip),
    [
      db.insert(registrationApplications).values({
        kind: "establishment",
        channel: "paper",
        authorityId: user.authorityId!,
        applicantName,
        data: {},
        createdByUserId: user.id,
      }),
    ],
    {
      action: "registration.start",
      objectType: "application",
      summary: { kind: "establishment", channel: "paper" },
    },
  );
  const [row] = await db
    .select({ id: registrationApplications.id })
    .from(registrationApplications)
    .where(eq(registrationApplications.createdByUserId, user.id))
    .orderBy(desc(registrationApplications.id))
    .limit(1);
  return row!.id;
}

// ------------------------------------------------------------------------------------------------ saving

/** Whether this viewer is the side that fills the form (the applicant online, the registrar on paper). */
function isFiler(viewer: Viewer, app: ApplicationRow): boolean {
  if (app.channel === "paper") return viewer.kind === "user" && viewer.user.role === "registrar";
  return viewer.kind === "applicant" || (viewer.kind === "user" && viewer.user.role === "org");
}

export async function saveDraft(
  db: Db,
  viewer: Viewer,
  app: ApplicationRow,
  version: number,
  data: Record<string, unknown>,
  now: Date,
  ip: string | null,
): Promise<{ ok: true } | Refusal> {
  if (!isFiler(viewer, app)) return { ok: false, code: "forbidden", message: "只有申请方可以修改申请内容。" };
  if (app.state !== "draft" && app.state !== "returned") {
    return {
      ok: false,
      code: "not_editable",
      message: "申请已提交或已办结，不能再修改；退回补正后可以修改。",
    };
  }
  if (version !== app.version) return staleRefusal();
  const changes: BatchItem[] = [
    db
      .update(registrationApplications)
      .set({ data, version: app.version + 1, updatedAt: now.toISOString() })
      .where(and(eq(registrationApplications.id, app.id), eq(registrationApplications.version, version))),
  ];
  await commitWithAudit(db, auditActorOf(viewer, ip), changes, {
    action: "registration.save",
    objectType: "application",
    objectId: app.id,
    orgId: app.orgId,
    summary: { kind: app.kind, fields: Object.keys(data) },
  });
  return (await versionAfter(db, app.id)) === version + 1 ? { ok: true } : staleRefusal();
}

/** A NOT NULL value that is null when the statement just before changed no row: the batch's stale-write guard. */
function guarded(label: string) {
  return sql`(CASE WHEN changes() = 1 THEN ${label} END)`;
}

function isStaleWrite(err: unknown): boolean {
  for (let x: unknown = err; x; x = (x as { cause?: unknown }).cause) {
    const m = String((x as Error).message ?? "");
    if (m.includes("NOT NULL constraint failed") || m.includes("UNIQUE constraint failed")) return true;
  }
  return false;
}

function staleRefusal(): Refusal {
  return {
    ok: false,
    code: "stale",
    message: "这份申请刚被其他人处理或修改过，页面上的内容不是最新的。请刷新后再操作。",
  };
}

async function versionAfter(db: Db, id: number): Promise<number> {
  const [r] = await db
    .select({ v: registrationApplications.version })
    .from(registrationApplications)
    .where(eq(registrationApplications.id, id));
  return r?.v ?? -1;
}

// ------------------------------------------------------------------------------------------------ transitions

export interface TransitionInput {
  reason?: string;
  deadline?: string;
  comments?: { section: string; text: string }[];
  documentNo?: string;
}

export type TransitionResult = { ok: true; to: ApplicationState; orgUscc?: string } | Refusal;

const isoDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export async function act(
  db: Db,
  viewer: Viewer,
  app: ApplicationRow,
  action: ApplicationAction,
  version: number,
  input: TransitionInput,
  now: Date,
  ip: string | null,
  /** The registrar's settings for the people behind 严重 entries (R-D8): warn, or block the approval. */
  staff: { seriousPersonBlocks: boolean } | null = null,
): Promise<TransitionResult> {
  const today = isoDay(now);
  const org = await orgOf(db, app);
  const problems = await applicationProblems(db, app, today, staff);
  const decision = decide(registrationMachine, app.state, action, workflowActor(viewer), {
    subject: subjectOf(app),
    today,
    flags: {
      channelMatches: action === "submit" || action === "withdraw" ? isFiler(viewer, app) : true,
      hasBlockingProblems: problems.some((p) => p.level === "block"),
      organizationActive: org === null || org.status === "active",
    },
    input: { reason: input.reason, deadline: input.deadline, comments: input.comments },
    version: { read: version, current: app.version },
    // The correction deadline's default counts working days on the same holiday calendar as the 年检 (R-C3).
    calendar: await loadCalendar(db),
  });
  if (!decision.ok) {
    if (decision.code === "stale") return staleRefusal();
    const field =
      decision.code === "reason_required"
        ? "reason"
        : decision.code === "deadline_invalid"
          ? "deadline"
          : undefined;
    return {
      ok: false,
      code: decision.code,
      message: decision.message,
      fields: field ? { [field]: decision.message } : undefined,
    };
  }
  if (action === "approve" && !(input.documentNo ?? "").trim()) {
    return {
      ok: false,
      code: "invalid",
      message: "请填写准予登记的决定文号。",
      fields: { documentNo: "请填写决定文号，例如 示民社准〔2026〕12号。" },
    };
  }

  const actor = auditActorOf(viewer, ip);
  const changes: BatchItem[] = [];
  const set: Partial<typeof registrationApplications.$inferInsert> = {
    state: decision.to,
    version: app.version + 1,
    updatedAt: now.toISOString(),
  };
  const open = decision.effects.find((e) => e.kind === "open_correction");
  let orgUscc: string | undefined;
  if (action === "submit") {
    set.round = app.round + 1;
    set.submittedOn = today;
    // R-A6: the decision limit counts working days on the holiday calendar (调休 days included), as the 年检 does.
    set.dueOn = decisionDueOn(
      app.kind,
      today,
      (app.data as EstablishmentData).isCharity === true,
      undefined,
      await loadCalendar(db),
    );
    set.correctionReason = null;
    set.correctionDeadline = null;
    set.correctionComments = null;
  }
  if (open && open.kind === "open_correction") {
    set.correctionReason = open.reason;
    set.correctionDeadline = open.deadline;
    set.correctionComments = [...open.comments];
  }
  if (action === "approve" || action === "refuse") {
    set.decidedOn = today;
    set.decisionReason = input.reason?.trim() || null;
    set.documentNo = input.documentNo?.trim() || null;
  }
  if (action === "approve") {
    const effect = await approvalStatements(db, app, org, today, input.documentNo!.trim(), actor);
    changes.push(...effect.statements);
    orgUscc = effect.uscc;
  }
  changes.unshift(
    db
      .update(registrationApplications)
      .set(set)
      .where(and(eq(registrationApplications.id, app.id), eq(registrationApplications.version, version))),
    // Right after the conditional UPDATE: if it changed no row (someone else acted first), this insert fails its
    // NOT NULL and the whole batch rolls back — no lost update, nothing half-written.
    db.insert(registrationEvents).values({
      applicationId: app.id,
      action,
      fromState: app.state,
      toState: decision.to,
      actorRole: actor.role,
      actorUserId: actor.userId,
      actorLabel: guarded(actor.username ?? actor.role),
      reason: input.reason?.trim() || null,
      deadline: open && open.kind === "open_correction" ? open.deadline : null,
      comments: open && open.kind === "open_correction" ? [...open.comments] : null,
      snapshot: action === "submit" ? app.data : null,
    }),
  );
  try {
    await commitWithAudit(db, actor, changes, {
      action: `registration.${action}`,
      objectType: "application",
      objectId: app.id,
      orgId: app.orgId,
      summary: {
        kind: app.kind,
        from: app.state,
        to: decision.to,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(orgUscc ? { uscc: orgUscc } : {}),
        ...(input.documentNo ? { documentNo: input.documentNo } : {}),
      },
    });
  } catch (err) {
    // Someone acted first (the guard), or two approvals drew the same code (the unique index): nothing was written.
    if (isStaleWrite(err)) return staleRefusal();
    throw err;
  }
  if ((await versionAfter(db, app.id)) !== app.version + 1) return staleRefusal();
  return { ok: true, to: decision.to, orgUscc };
}

const TYPE_LABEL: Record<string, string> = {
  social_group: "社会团体",
  private_non_enterprise: "民办非企业单位",
  foundation: "基金会",
};

function addYearsMinusDay(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** What approval writes to the register, by kind (R-A6, R-A7, R-B6, R-A9). */
async function approvalStatements(
  db: Db,
  app: ApplicationRow,
  org: OrgRow | null,
  today: string,
  documentNo: string,
  actor: AuditActor,
): Promise<{ statements: BatchItem[]; uscc?: string }> {
  const authority = await authorityFacts(db, app.authorityId);
  // After a conditional UPDATE of the organization, the history row doubles as the batch's guard (see guarded()).
  const history = (
    orgIdSql: unknown,
    kind: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ) =>
    db.insert(orgHistory).values({
      orgId: orgIdSql as number,
      kind,
      before,
      after,
      actorUserId: actor.userId,
      actorLabel: guarded(actor.username ?? actor.role),
      reason: `${APPLICATION_KIND_LABELS[app.kind]}（${documentNo}）`,
    });
  const notice = (
    orgIdSql: unknown,
    kind: "establishment" | "change" | "deregistration",
    title: string,
    body: string,
  ) =>
    db.insert(announcements).values({
      orgId: orgIdSql as number,
      authorityId: app.authorityId,
      kind,
      title,
      body,
      documentNo,
      publishedOn: today,
    });

  if (app.kind === "establishment") {
    const d = app.data as EstablishmentData;
    const type = d.type!;
    const seq = await nextSequence(db, app.authorityId, type, authority.regionCode);
    const uscc = issueUscc(authority.regionCode, ORG_TYPE_TO_USCC[type]!, seq);
    const unit =
      d.supervisionMode === "supervised" && d.supervisorUnitId
        ? (await db.select().from(supervisorUnits).where(eq(supervisorUnits.id, d.supervisorUnitId)))[0]
        : undefined;
    const newOrgId = sql`(SELECT id FROM organizations WHERE uscc = ${uscc})`;
    const validTo = addYearsMinusDay(today, 5);
    return {
      uscc,
      statements: [
        db
          .insert(usccSequences)
          .values({ authorityId: app.authorityId, orgType: type, last: seq })
          .onConflictDoUpdate({
            target: [usccSequences.authorityId, usccSequences.orgType],
            set: { last: seq },
          }),
        db.insert(organizations).values({
          uscc,
          name: d.name!,
          type,
          status: "active",
          statusOn: today,
          address: d.address ?? "",
          purpose: d.purpose ?? "",
          businessScope: d.businessScope ?? "",
          activityArea: d.activityArea ?? "",
          legalRepresentative: d.legalRepresentative ?? "",
          capitalFen: d.capitalFen ?? 0,
          supervisionMode: d.supervisionMode === "supervised" ? "supervised" : "direct",
          partyBuildingAuthority: d.supervisionMode === "direct" ? (d.partyBuildingAuthority ?? null) : null,
          supervisor: unit?.name ?? null,
          supervisorUnitId: unit?.id ?? null,
          authorityId: app.authorityId,
          registeredOn: today,
          certificateIssuedOn: today,
          certificateValidFrom: today,
          certificateValidTo: validTo,
          phone: d.phone ?? null,
          email: d.email ?? null,
          isCharity: d.isCharity === true,
          foundationKind: type === "foundation" ? (d.foundationKind ?? null) : null,
        }),
        db.run(
          sql`INSERT INTO org_name_grams (rowid, uni, bi) SELECT id, ${nameTokens(d.name!).uni}, ${nameTokens(d.name!).bi} FROM organizations WHERE uscc = ${uscc}`,
        ),
        history(newOrgId, "establishment", null, {
          name: d.name,
          type,
          legalRepresentative: d.legalRepresentative,
          address: d.address,
          capitalFen: d.capitalFen,
        }),
        notice(
          newOrgId,
          "establishment",
          `关于准予${d.name}成立登记的公告`,
          `经审查，准予${d.name}成立登记。统一社会信用代码：${uscc}；类型：${TYPE_LABEL[type]}；住所：${d.address ?? ""}；法定代表人：${d.legalRepresentative ?? ""}；注册资金：${formatFen(d.capitalFen ?? 0)} 元；${unit ? `业务主管单位：${unit.name}` : "直接登记"}；登记管理机关：${authority.name}。`,
        ),
        db
          .update(registrationApplications)
          .set({ orgId: newOrgId as unknown as number })
          .where(eq(registrationApplications.id, app.id)),
        // R-F3: the 党员情况调查表 opens the organization's 党建工作台账 as its certificate is issued.
        db.insert(partyMemberCounts).values({
          orgId: newOrgId as unknown as number,
          asOf: today,
          fullMembers: Math.min(d.partyFullMembers ?? 0, 100_000),
          probationaryMembers: Math.min(d.partyProbationaryMembers ?? 0, 100_000),
          activists: Math.min(d.partyActivists ?? 0, 100_000),
          source: "registration",
          sourceRef: `application:${app.id}`,
        }),
        db.insert(partyOrgVersions).values({
          orgId: newOrgId as unknown as number,
          authorityId: app.authorityId,
          state: "confirmed",
          hasPartyOrg: false,
          note: d.partySecretaryCandidate
            ? `成立登记时的党员情况调查表：党组织书记人选 ${d.partySecretaryCandidate}。`
            : "成立登记时的党员情况调查表。",
          effectiveOn: today,
          decisionReason: "准予成立登记时建立党建工作台账",
        }),
      ],
    };
  }

  const o = org!;
  if (app.kind === "change") {
    const d = app.data as ChangeData;
    const items = d.items ?? [];
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Partial<typeof organizations.$inferInsert> = {};
    const pick = <K extends keyof OrgRow>(item: string, key: K, value: OrgRow[K] | undefined) => {
      if (!items.includes(item as never) || value === undefined) return;
      before[key] = o[key];
      after[key] = value;
      (set as Record<string, unknown>)[key] = value;
    };
    pick("name", "name", d.name);
    pick("address", "address", d.address);
    pick("legalRepresentative", "legalRepresentative", d.legalRepresentative);
    pick("purpose", "purpose", d.purpose);
    pick("businessScope", "businessScope", d.businessScope);
    pick("capital", "capitalFen", d.capitalFen);
    pick("activityArea", "activityArea", d.activityArea);
    if (items.includes("supervisor") && d.supervisorUnitId) {
      const [unit] = await db
        .select()
        .from(supervisorUnits)
        .where(eq(supervisorUnits.id, d.supervisorUnitId));
      if (unit) {
        before.supervisor = o.supervisor;
        after.supervisor = unit.name;
        set.supervisor = unit.name;
        set.supervisorUnitId = unit.id;
        set.supervisionMode = "supervised";
      }
    }
    const statements: BatchItem[] = [
      db
        .update(organizations)
        .set({ ...set, version: o.version + 1, updatedAt: new Date().toISOString() })
        .where(and(eq(organizations.id, o.id), eq(organizations.version, o.version))),
      history(o.id, "change", before, after),
    ];
    if (set.name) statements.push(unindexNameStatement(db, o.id), indexNameStatement(db, o.id, set.name));
    // A new 业务主管单位 reviews the open year's filing from now on (a filing not yet concluded follows the register).
    if (set.supervisorUnitId) {
      statements.push(
        db.run(sql`UPDATE annual_inspections SET supervisor_unit_id = ${set.supervisorUnitId}, supervision_mode = 'supervised'
          WHERE org_id = ${o.id} AND state IN ('draft', 'submitted', 'pre_review', 'returned', 'supervisor_review')`),
      );
    }
    // R-A7: changes of 名称, 住所 and 法定代表人 are announced.
    const announced = (["name", "address", "legalRepresentative"] as const).filter((k) => k in set);
    if (announced.length > 0) {
      const labels = { name: "名称", address: "住所", legalRepresentative: "法定代表人" };
      const parts = announced.map((k) => `${labels[k]}由“${String(before[k])}”变更为“${String(after[k])}”`);
      statements.push(
        notice(
          o.id,
          "change",
          `关于准予${o.name}变更登记的公告`,
          `经审查，准予${o.name}（统一社会信用代码：${o.uscc}）变更登记：${parts.join("；")}。`,
        ),
      );
    }
    return { statements, uscc: o.uscc };
  }
  if (app.kind === "charter") {
    const d = app.data as CharterData;
    return {
      uscc: o.uscc,
      statements: [
        history(o.id, "charter", null, { changedClauses: d.changedClauses, charterApproved: true }),
      ],
    };
  }
  // deregistration
  const d = app.data as DeregistrationData;
  return {
    uscc: o.uscc,
    statements: [
      db
        .update(organizations)
        .set({
          status: "deregistered",
          statusOn: today,
          version: o.version + 1,
          updatedAt: new Date().toISOString(),
        })
        .where(
          and(
            eq(organizations.id, o.id),
            eq(organizations.version, o.version),
            eq(organizations.status, "active"),
          ),
        ),
      history(
        o.id,
        "deregistration",
        { status: o.status },
        { status: "deregistered", statusOn: today, liquidationEndedOn: d.liquidationEndedOn },
      ),
      notice(
        o.id,
        "deregistration",
        `关于准予${o.name}注销登记的公告`,
        `经审查，准予${o.name}（统一社会信用代码：${o.uscc}）注销登记，其登记证书、印章同时作废。`,
      ),
    ],
  };
}

/** R-B6: the next sequence for (authority, type), above every code already issued there and never reused. */
async function nextSequence(db: Db, authorityId: number, type: string, regionCode: string): Promise<number> {
  const [kept] = await db
    .select({ last: usccSequences.last })
    .from(usccSequences)
    .where(and(eq(usccSequences.authorityId, authorityId), eq(usccSequences.orgType, type as never)));
  const prefix = `5${ORG_TYPE_DIGIT[type]}${regionCode}M`;
  const [existing] = (await db.all(
    sql`SELECT max(uscc) AS top FROM organizations WHERE uscc >= ${prefix} AND uscc < ${`${prefix}~`}`,
  )) as { top: string | null }[];
  let fromCodes = 0;
  if (existing?.top) {
    let n = 0;
    for (const ch of existing.top.slice(9, 16)) n = n * 31 + USCC_ALPHABET.indexOf(ch);
    fromCodes = n;
  }
  return Math.max(kept?.last ?? 0, fromCodes) + 1;
}
const ORG_TYPE_DIGIT: Record<string, string> = {
  social_group: "1",
  private_non_enterprise: "2",
  foundation: "3",
};
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** The registrar's queue: open applications first, due first. */
export async function registrarQueue(db: Db, user: SessionUser, state: ApplicationState | "open" | "all") {
  const readable = await readableAuthorityIds(db, user);
  const where = and(
    inArray(registrationApplications.authorityId, readable),
    state === "open"
      ? inArray(registrationApplications.state, ["submitted", "returned", "draft"])
      : state === "all"
        ? undefined
        : eq(registrationApplications.state, state),
  );
  return db
    .select({
      app: registrationApplications,
      orgName: organizations.name,
      orgUscc: organizations.uscc,
      authorityName: authorities.name,
    })
    .from(registrationApplications)
    .leftJoin(organizations, eq(organizations.id, registrationApplications.orgId))
    .innerJoin(authorities, eq(authorities.id, registrationApplications.authorityId))
    .where(where)
    .orderBy(
      sql`CASE ${registrationApplications.state} WHEN 'submitted' THEN 0 WHEN 'returned' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END`,
      sql`${registrationApplications.dueOn} IS NULL`,
      registrationApplications.dueOn,
      desc(registrationApplications.id),
    )
    .limit(200);
}

export async function applicationEvents(db: Db, id: number) {
  return db
    .select()
    .from(registrationEvents)
    .where(eq(registrationEvents.applicationId, id))
    .orderBy(registrationEvents.id);
}

export async function orgApplications(db: Db, orgId: number) {
  return db
    .select()
    .from(registrationApplications)
    .where(eq(registrationApplications.orgId, orgId))
    .orderBy(desc(registrationApplications.id));
}
