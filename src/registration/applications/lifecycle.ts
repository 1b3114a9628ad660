import { and, desc, eq, inArray } from "drizzle-orm";
import { registrationApplications, registrationEvents } from "../../../db/schema";
import { commitWithAudit } from "../../audit/audit";
import { newToken } from "../../auth/tokens";
import type { SessionUser } from "../../context";
import { type BatchItem, type Db, staleGuard } from "../../db";
import { type ApplicationKind, decisionDueOn, type RuleProblem } from "../../domain/registration";
import {
  type ApplicationAction,
  type ApplicationState,
  registrationMachine,
} from "../../domain/registration-workflow";
import { decide, type FilingSubject, registrarSubject } from "../../domain/workflow";
import { loadCalendar } from "../../inspection/holidays";
import type { EstablishmentData } from "../forms";
import { approveChange, changeProblems } from "./change";
import { approveCharter, charterProblems } from "./charter";
import { approveDeregistration, deregistrationProblems } from "./deregister";
import { approveEstablishment, establishmentProblems } from "./establish";
import {
  type ApplicationRow,
  type ApprovalEffect,
  approvalContext,
  auditActorOf,
  authorityFacts,
  isFiler,
  isStaleWrite,
  type OrgRow,
  orgById,
  orgOf,
  type Refusal,
  staleRefusal,
  type Viewer,
  versionAfter,
  workflowActor,
} from "./shared";
import { UNIT_OUTSIDE_DISTRICT, unitInDistrict } from "./units";

/**
 * Registration applications: 成立 from the public site through a one-time link, 变更 / 章程核准 / 注销 by the
 * organization, paper applications recorded by the registrar — one workflow (src/domain/registration-workflow.ts),
 * one correction loop, and on approval the register changes in the same batch as the transition and its audit event.
 */

/** Every rule problem of the application as it stands (blocks and warnings), for the form and for the reviewer. */
export async function applicationProblems(
  db: Db,
  app: ApplicationRow,
  today: string,
  /** For the registrar (and at approval): people behind 严重 entries, blocking where the locality says so. */
  staff: { seriousPersonBlocks: boolean } | null = null,
): Promise<RuleProblem[]> {
  const authority = await authorityFacts(db, app.authorityId);
  switch (app.kind) {
    case "establishment":
      return establishmentProblems(db, app, authority, staff);
    case "change":
      return changeProblems(db, app, authority, today, staff);
    case "charter":
      return charterProblems(db, app, today);
    case "deregistration":
      return deregistrationProblems(app, today);
  }
  return [];
}

export function subjectOf(app: ApplicationRow): FilingSubject {
  return registrarSubject(app.orgId ?? 0, app.authorityId, app.id);
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

/** An organization's own account starts a 变更 / 章程核准 / 注销 for it. */
export async function startForOwnOrg(
  db: Db,
  user: SessionUser,
  kind: Exclude<ApplicationKind, "establishment">,
  ip: string | null,
): Promise<{ ok: true; id: number } | Refusal> {
  const org = await orgById(db, user.orgId!);
  if (!org) return { ok: false, code: "not_found", message: "没有找到本账号所属的社会组织。" };
  return startForOrg(db, user, org, kind, ip);
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
  // R-A11: the 业务主管单位 is one of the authority's district (or not yet placed in one).
  const unitId = data.supervisorUnitId;
  if (typeof unitId === "number" && !(await unitInDistrict(db, unitId, app.authorityId))) {
    return {
      ok: false,
      code: "invalid",
      message: UNIT_OUTSIDE_DISTRICT,
      fields: { supervisorUnitId: UNIT_OUTSIDE_DISTRICT },
    };
  }
  const changes: BatchItem[] = [
    db
      .update(registrationApplications)
      .set({ data, version: app.version + 1, updatedAt: now.toISOString() })
      .where(and(eq(registrationApplications.id, app.id), eq(registrationApplications.version, version))),
    staleGuard(db),
  ];
  try {
    await commitWithAudit(db, auditActorOf(viewer, ip), changes, {
      action: "registration.save",
      objectType: "application",
      objectId: app.id,
      orgId: app.orgId,
      summary: { kind: app.kind, fields: Object.keys(data) },
    });
  } catch (err) {
    // Someone saved first: the guard rolled the batch back, audit event included.
    if (isStaleWrite(err)) return staleRefusal();
    throw err;
  }
  return { ok: true };
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
    const effect = await approvalStatements(
      await approvalContext(db, app, org, today, input.documentNo!.trim(), actor),
    );
    changes.push(...effect.statements);
    orgUscc = effect.uscc;
  }
  changes.unshift(
    db
      .update(registrationApplications)
      .set(set)
      .where(and(eq(registrationApplications.id, app.id), eq(registrationApplications.version, version))),
    // Right after the conditional UPDATE: if it changed no row (someone else acted first), the guard fails and the
    // whole batch rolls back — no lost update, nothing half-written.
    staleGuard(db),
    db.insert(registrationEvents).values({
      applicationId: app.id,
      action,
      fromState: app.state,
      toState: decision.to,
      actorRole: actor.role,
      actorUserId: actor.userId,
      actorLabel: actor.username ?? actor.role,
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

/** What approval writes to the register, by kind (R-A6, R-A7, R-B6, R-A9). */
function approvalStatements(ctx: Awaited<ReturnType<typeof approvalContext>>): Promise<ApprovalEffect> {
  switch (ctx.app.kind) {
    case "establishment":
      return approveEstablishment(ctx);
    case "change":
      return approveChange(ctx);
    case "charter":
      return approveCharter(ctx);
    default:
      return approveDeregistration(ctx);
  }
}
