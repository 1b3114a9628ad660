/**
 * Credit lists: the use cases (rules in src/domain/credit.ts, SQL in ./queries.ts, view types in ./contract.ts).
 * Every step is one batch: the case's conditional update (its version), the stale guard, the step's event, the
 * organization's notice where it concerns it, and the audit event.
 */
import { sql } from "drizzle-orm";
import { creditCases, creditEvents, notices } from "../../db/schema";
import { type Actor as AuditActor, type AuditInput, commitWithAudit } from "../audit/audit";
import { actorOf, readableAuthorityIds } from "../auth/scope";
import { type AppDeps, type SessionUser, todayOf } from "../context";
import { type BatchItem, isStaleWrite, nextId, staleGuard } from "../db";
import {
  CREDIT_GROUNDS,
  CREDIT_LIST_LABELS,
  type CreditAction,
  type CreditGround,
  type CreditList,
  type CreditState,
  creditMachine,
  entryDeadline,
  objectionDeadline,
  publicationPeriodOf,
  publicationServedOn,
  type RemovalReason,
  type ServiceMethod,
} from "../domain/credit";
import { decide, registrarSubject, type Actor as WorkflowActor } from "../domain/workflow";
import { workingDaysRemaining, yearsWithoutCalendar } from "../domain/working-days";
import { loadCalendar } from "../inspection/holidays";
import type { CaseView, QueueItem, Result } from "./contract";
import { caseEvents, caseWithOrg, ownOrg, queueRows } from "./queries";

const STALE = {
  ok: false as const,
  code: "stale",
  message: "这条记录已被他人处理，请刷新页面后查看当前状态。",
};
const NOT_FOUND = { ok: false as const, code: "not_found", message: "没有这条信用记录。" };

const workflowActor = (user: SessionUser | "system"): WorkflowActor =>
  user === "system"
    ? { role: "system" }
    : {
        role: user.role,
        orgId: user.orgId,
        authorityId: user.authorityId,
        supervisorUnitId: user.supervisorUnitId,
      };

// ---------------------------------------------------------------------------------------------------------------
// Registrar: the queue, a case, a candidate entered by hand

/** Cases of the registrar's authority (a city also reads its districts'), oldest first, with R-D10's days left. */
export async function queue(
  deps: AppDeps,
  user: SessionUser,
  filter: { state?: CreditState; page: number },
): Promise<{ items: QueueItem[]; total: number }> {
  const authorityIds = await readableAuthorityIds(deps.db, user);
  if (authorityIds.length === 0) return { items: [], total: 0 };
  const { rows, total } = await queueRows(deps.db, authorityIds, filter.state, filter.page);
  const calendar = await loadCalendar(deps.db);
  const today = todayOf(deps);
  return {
    total,
    items: rows.map((r) => ({
      ...r,
      entryDaysLeft:
        r.state === "candidate"
          ? workingDaysRemaining(today, entryDeadline(r.arisenOn, calendar), calendar)
          : null,
      entryUncalendared:
        r.state === "candidate"
          ? yearsWithoutCalendar(r.arisenOn, entryDeadline(r.arisenOn, calendar), calendar)
          : [],
    })),
  };
}

/** A case as its viewer may see it: registrars of its authority tree, the organization itself. */
export async function getCase(deps: AppDeps, viewer: SessionUser, id: number): Promise<CaseView | null> {
  const c = await caseWithOrg(deps.db, id);
  if (!c) return null;
  if (viewer.role === "org") {
    // The organization sees its own cases once it has been told (a bare candidate is the registrar's work).
    if (viewer.orgId !== c.orgId || c.state === "candidate") return null;
  } else if (viewer.role === "registrar") {
    if (!(await readableAuthorityIds(deps.db, viewer)).includes(c.authorityId)) return null;
  } else return null;
  const actions = (Object.keys(creditMachine.actions) as CreditAction[]).filter(
    (a) =>
      creditMachine.transitions.some(
        (t) => t.action === a && t.from.includes(c.state) && t.roles.includes(viewer.role),
      ) &&
      (viewer.role !== "registrar" || viewer.authorityId === c.authorityId) &&
      (a !== "list_directly" || c.ground === "d4_7") &&
      (a !== "object" || (c.objectionDeadline !== null && todayOf(deps) <= c.objectionDeadline)),
  );
  return { ...c, events: await caseEvents(deps.db, id), actions, today: todayOf(deps) };
}

export interface CandidateInput {
  uscc: string;
  list: CreditList;
  ground: CreditGround;
  facts: string;
  evidence: string;
  arisenOn: string;
}

/** A registrar enters a candidate with its evidence (R-D7: nobody is listed without one). */
export async function createCandidate(
  deps: AppDeps,
  user: SessionUser,
  input: CandidateInput,
  ip: string | null,
): Promise<Result<{ id: number }>> {
  const own = await ownOrg(deps.db, user, input.uscc);
  if (!own.ok) return own;
  const { org } = own;
  if (CREDIT_GROUNDS[input.ground].list !== input.list) {
    return {
      ok: false,
      code: "invalid",
      message: "列入事由与名录不符。",
      fields: { ground: "请选择该名录的列入事由。" },
    };
  }
  const id = await insertCase(deps, actorOf(user, ip), {
    orgId: org.id,
    authorityId: org.authorityId,
    list: input.list,
    ground: input.ground,
    facts: input.facts,
    evidence: input.evidence,
    arisenOn: input.arisenOn,
    sourceKey: null,
  });
  return { ok: true, id };
}

/** What a new case states: whose, on which list and ground, the facts and evidence, the day the ground arose. */
export interface CaseFacts {
  orgId: number;
  authorityId: number;
  list: CreditList;
  ground: CreditGround;
  facts: string;
  evidence: string | null;
  arisenOn: string;
}

/** Inserts a candidate with its first event and audit event; a rule-made one is skipped when its key exists. */
export async function insertCase(
  deps: AppDeps,
  actor: AuditActor,
  c: CaseFacts & { sourceKey: string | null },
): Promise<number> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  // The case, its first event and the audit event land in one batch; the id is chosen here so the events can name it.
  // A rule-made candidate whose source key exists already (another run got there first) is not made again.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (c.sourceKey) {
      const [seen] = (await deps.db.all(
        sql`SELECT 1 AS x FROM credit_cases WHERE source_key = ${c.sourceKey}`,
      )) as unknown[];
      if (seen) return 0;
    }
    const id = await nextId(deps.db, "credit_cases");
    try {
      await commitWithAudit(
        deps.db,
        actor,
        [
          deps.db.insert(creditCases).values({ ...c, id, publicationPeriod: publicationPeriodOf(c.ground) }),
          createdEvent(deps, id, actor, at, c),
        ],
        {
          action: "credit.candidate",
          objectType: "credit_case",
          objectId: id,
          orgId: c.orgId,
          summary: { list: c.list, ground: c.ground },
        },
      );
      return id;
    } catch (e) {
      if (!String((e as Error)?.message ?? e).includes("UNIQUE") || attempt === 2) throw e;
    }
  }
  return 0;
}

/** A case's first event: created as a candidate, on which ground, from which source. */
function createdEvent(
  deps: AppDeps,
  caseId: number,
  actor: AuditActor,
  at: string,
  c: { ground: CreditGround; sourceKey: string | null },
) {
  return deps.db.insert(creditEvents).values({
    caseId,
    action: "create",
    toState: "candidate",
    actorUserId: actor.userId,
    actorRole: actor.role,
    actorName: actor.username,
    at,
    details: { ground: c.ground, sourceKey: c.sourceKey },
  });
}

/** A candidate (or, with `listed`, an entry listed directly by a rule: R-D4(7)) for the batched jobs. */
export interface NewCase extends CaseFacts {
  sourceKey: string;
  /** Listed at once by the rule (R-D4(7)): the reasons, the day. */
  listed?: { reasons: string; on: string; documentNo?: string | null };
}

/**
 * Many rule-made cases at once, fifty per batch (each batch: the cases, their events and audit events, all
 * or nothing), so a daily job over a national register neither takes hours nor holds the database for long. Ids are
 * chosen per batch; a batch that collides with a concurrent insert is retried with fresh ids. Returns how many were
 * made (cases whose source key exists already are skipped).
 */
export async function insertCases(
  deps: AppDeps,
  actor: AuditActor,
  cases: NewCase[],
  perBatch = 50,
): Promise<number> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  let made = 0;
  for (let i = 0; i < cases.length; i += perBatch) {
    const part = cases.slice(i, i + perBatch);
    for (let attempt = 0; ; attempt++) {
      const first = await nextId(deps.db, "credit_cases");
      const statements: BatchItem[] = [];
      const events: AuditInput[] = [];
      part.forEach((c, k) => {
        const id = first + k;
        const { listed, ...row } = c;
        statements.push(
          deps.db.insert(creditCases).values({
            ...row,
            id,
            publicationPeriod: publicationPeriodOf(c.ground),
            ...(listed
              ? {
                  state: "listed" as const,
                  decisionOn: listed.on,
                  decisionReasons: listed.reasons,
                  listedOn: listed.on,
                  documentNo: listed.documentNo ?? null,
                }
              : {}),
          }),
          createdEvent(deps, id, actor, at, c),
        );
        if (listed) {
          statements.push(
            deps.db.insert(creditEvents).values({
              caseId: id,
              action: "list_directly",
              fromState: "candidate",
              toState: "listed",
              actorUserId: actor.userId,
              actorRole: actor.role,
              actorName: actor.username,
              at,
              details: { reasons: listed.reasons },
            }),
            deps.db.insert(notices).values({
              orgId: c.orgId,
              text: NOTICE_TEXT.list_directly?.(CREDIT_LIST_LABELS[c.list]) ?? "",
              href: `/portal/credit/${id}`,
              createdAt: at,
            }),
          );
        }
        events.push({
          action: listed ? "credit.list_directly" : "credit.candidate",
          objectType: "credit_case",
          objectId: id,
          orgId: c.orgId,
          summary: { list: c.list, ground: c.ground },
        });
      });
      try {
        await commitWithAudit(deps.db, actor, statements, events);
        made += part.length;
        break;
      } catch (e) {
        if (!String((e as Error)?.message ?? e).includes("UNIQUE") || attempt === 2) throw e;
      }
    }
  }
  return made;
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

export interface StepInput {
  version: number;
  method?: ServiceMethod;
  reasons?: string;
  documentNo?: string;
  objection?: string;
  removalReason?: RemovalReason;
}

const NOTICE_TEXT: Partial<Record<CreditAction, (list: string) => string>> = {
  serve_notice: (list) => `登记管理机关拟将您单位列入${list}，已送达事先告知书。您可以在期限内提出异议。`,
  decide_list: (list) => `登记管理机关已决定将您单位列入${list}。`,
  list_directly: (list) => `您单位已被列入${list}。`,
  decide_drop: () => "登记管理机关经审查，决定不将您单位列入信用名单。",
  remove: (list) => `您单位已被移出${list}。`,
};

/** One step of a case (the machine decides; the service writes it with its event, notice and audit). */
export async function act(
  deps: AppDeps,
  user: SessionUser | "system",
  id: number,
  action: CreditAction,
  input: StepInput,
  ip: string | null,
): Promise<Result<{ state: CreditState }>> {
  const c = await caseWithOrg(deps.db, id);
  if (!c) return NOT_FOUND;
  if (user !== "system") {
    const visible =
      user.role === "org"
        ? user.orgId === c.orgId && c.state !== "candidate"
        : (await readableAuthorityIds(deps.db, user)).includes(c.authorityId);
    if (!visible) return NOT_FOUND;
  }
  if (input.version !== c.version) return STALE;
  const today = todayOf(deps);
  const calendar = await loadCalendar(deps.db);
  const objectionOpen = c.objectionDeadline !== null && today <= c.objectionDeadline;
  const decision = decide(creditMachine, c.state, action, workflowActor(user), {
    subject: registrarSubject(c.orgId, c.authorityId),
    today,
    flags: {
      objectionWindowOpen: objectionOpen,
      mayDecide: c.state === "objected" || !objectionOpen,
      listableWithoutNotice: c.ground === "d4_7" || (c.ground === "d4_1" && user === "system"),
    },
    input: { reason: input.reasons ?? (action === "remove" ? input.removalReason : undefined) },
  });
  if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };

  const set: Record<string, unknown> = { state: decision.to, version: c.version + 1 };
  const details: Record<string, unknown> = {};
  if (action === "serve_notice") {
    const method = input.method ?? "portal";
    set.noticeMethod = method;
    // R-D7: a 公告 replaces service when the organization is unreachable; it counts as served once its period ends,
    // and the objection window runs from then.
    const served =
      method === "publication" ? publicationServedOn(today, deps.config.domain.creditPublicationDays) : today;
    if (method === "publication") set.noticePublishedOn = today;
    set.noticeServedOn = served;
    set.objectionDeadline = objectionDeadline(
      served,
      calendar,
      deps.config.domain.creditObjectionWorkingDays,
    );
    details.method = method;
  } else if (action === "object") {
    set.objectionText = input.objection;
    set.objectionAt = new Date().toISOString();
  } else if (action === "decide_list" || action === "list_directly" || action === "decide_drop") {
    set.decisionOn = today;
    set.decisionReasons = input.reasons ?? null;
    set.documentNo = input.documentNo ?? null;
    if (action !== "decide_drop") set.listedOn = today;
  } else if (action === "remove") {
    set.removedOn = today;
    set.removalReason = input.removalReason;
    set.removalDocumentNo = input.documentNo ?? null;
    details.reason = input.removalReason;
  }
  const audit: AuditActor =
    user === "system"
      ? { userId: null, username: "credit-jobs", role: "system", ip: null }
      : actorOf(user, ip);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const db = deps.db;
  const statements: BatchItem[] = [
    db
      .update(creditCases)
      .set(set)
      .where(sql`${creditCases.id} = ${id} AND ${creditCases.version} = ${c.version}`),
    staleGuard(db),
    db.insert(creditEvents).values({
      caseId: id,
      action,
      fromState: c.state,
      toState: decision.to,
      actorUserId: audit.userId,
      actorRole: audit.role,
      actorName: audit.username,
      at,
      details: {
        ...details,
        reasons: input.reasons,
        documentNo: input.documentNo,
        objection: input.objection,
      },
    }),
  ];
  const text = NOTICE_TEXT[action]?.(CREDIT_LIST_LABELS[c.list]);
  if (text)
    statements.push(
      db.insert(notices).values({ orgId: c.orgId, text, href: `/portal/credit/${id}`, createdAt: at }),
    );
  try {
    await commitWithAudit(db, audit, statements, {
      action: `credit.${action}`,
      objectType: "credit_case",
      objectId: id,
      orgId: c.orgId,
      summary: { list: c.list, ground: c.ground, from: c.state, to: decision.to },
    });
  } catch (e) {
    if (isStaleWrite(e)) return STALE;
    throw e;
  }
  return { ok: true, state: decision.to };
}
