/**
 * Zombie cases (R-E2, R-E3): one per organization, opened by a registrar from the triage list with its signals and
 * evidence, carried on the workflow engine (src/domain/zombie-case.ts) to one outcome. Each step writes the case, its
 * event, what the step does elsewhere (a 整改通知书, the register's 撤销 and its 公告, a notice to the organization) and
 * the audit event in one batch.
 */
import { sql } from "drizzle-orm";
import {
  letters,
  notices,
  organizations,
  rectificationNotices,
  zombieAssignments,
  zombieCaseEvents,
  zombieCases,
  zombieContacts,
} from "../../db/schema";
import { type AuditInput, commitWithAudit } from "../audit/audit";
import { actorOf, findOrgFor, readableAuthorityIds } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { type BatchItem, nextId } from "../db";
import { actionsFor, decide } from "../domain/workflow";
import { addWorkingDays, chinaDateOf } from "../domain/working-days";
import { ZOMBIE_SIGNAL_LABELS, type ZombieSignal } from "../domain/zombie";
import {
  mayDecide,
  revocationWindow,
  type ZombieCaseAction,
  type ZombieCaseState,
  type ZombieOutcome,
  zombieCaseMachine,
} from "../domain/zombie-case";
import { loadCalendar } from "../inspection/holidays";
import { isStaleWrite, staleGuard } from "../inspection/queries";
import { revocationStatements } from "../registration/revocation";

export const todayOf = (deps: AppDeps) => chinaDateOf(deps.now?.() ?? new Date());

type CaseRow = typeof zombieCases.$inferSelect;

export interface ZombieCaseView extends CaseRow {
  orgName: string;
  uscc: string;
  orgStatus: string;
  isCharity: boolean;
  orgVersion: number;
  authorityName: string;
  assigneeName: string | null;
  notice: { documentNo: string; deadline: string; state: string } | null;
  events: {
    action: string;
    toState: string;
    actorName: string | null;
    at: string;
    details: Record<string, unknown> | null;
  }[];
  contacts: { kind: string; on: string; byName: string; reached: boolean; outcome: string }[];
  actions: { action: ZombieCaseAction; label: string }[];
  mayAct: boolean;
  today: string;
}

export type CaseResult =
  | { ok: true; id: number }
  | { ok: false; code: string; message: string; fields?: Record<string, string> };

/** The signals an organization holds now, in words (what 立案 records). */
export async function openSignals(deps: AppDeps, orgId: number): Promise<string[]> {
  const rows = (await deps.db.all(sql`SELECT signal, facts, first_seen_on AS "firstSeenOn" FROM zombie_signals
    WHERE org_id = ${orgId} AND closed_on IS NULL ORDER BY first_seen_on`)) as {
    signal: ZombieSignal;
    facts: string;
    firstSeenOn: string;
  }[];
  return rows.map((r) => `${ZOMBIE_SIGNAL_LABELS[r.signal]}：${r.facts}（${r.firstSeenOn}起）`);
}

/** 立案: a registrar opens the one case of an organization of its own authority, with the signals and evidence. */
export async function openCase(
  deps: AppDeps,
  user: SessionUser,
  input: { uscc: string; evidence: string },
  ip: string | null,
): Promise<CaseResult> {
  const access = await findOrgFor(deps.db, user, input.uscc);
  if (!access || user.role !== "registrar")
    return { ok: false, code: "not_found", message: "没有找到该组织。" };
  if (!access.canAct)
    return { ok: false, code: "forbidden", message: "该组织不属于本登记管理机关，不能立案。" };
  if (access.org.status !== "active") {
    return {
      ok: false,
      code: "invalid",
      message: "该组织已终止登记，无需立案。",
      fields: { uscc: "该组织已终止登记。" },
    };
  }
  const [open] = (await deps.db.all(
    sql`SELECT id FROM zombie_cases WHERE org_id = ${access.org.id} AND state <> 'closed'`,
  )) as { id: number }[];
  if (open) return { ok: false, code: "conflict", message: "该组织已有未结案件，请在原案件中办理。" };
  const signals = await openSignals(deps, access.org.id);
  const today = todayOf(deps);
  const id = await nextId(deps.db, "zombie_cases");
  try {
    await commitWithAudit(
      deps.db,
      actorOf(user, ip),
      [
        deps.db.insert(zombieCases).values({
          id,
          orgId: access.org.id,
          authorityId: access.org.authorityId,
          openedOn: today,
          signals:
            signals.length > 0 ? signals.join("\n") : "（立案时无系统信号，依登记管理机关掌握的情况立案）",
          evidence: input.evidence,
        }),
        event(deps, id, "open", null, "open", user.displayName, { evidence: input.evidence }),
      ],
      {
        action: "zombie.case.open",
        objectType: "zombie_case",
        objectId: id,
        orgId: access.org.id,
        summary: { signals: signals.length },
      },
    );
  } catch (e) {
    if (String((e as Error)?.message ?? e).includes("UNIQUE")) {
      return { ok: false, code: "conflict", message: "该组织已有未结案件，请在原案件中办理。" };
    }
    throw e;
  }
  return { ok: true, id };
}

const event = (
  deps: AppDeps,
  caseId: number,
  action: string,
  fromState: string | null,
  toState: string,
  actorName: string,
  details: Record<string, unknown>,
) =>
  deps.db.insert(zombieCaseEvents).values({
    caseId,
    action,
    fromState,
    toState,
    actorName,
    at: (deps.now?.() ?? new Date()).toISOString(),
    details,
  });

export async function caseView(deps: AppDeps, user: SessionUser, id: number): Promise<ZombieCaseView | null> {
  if (!Number.isSafeInteger(id) || id <= 0 || user.role !== "registrar") return null;
  const [row] = (await deps.db.all(sql`
    SELECT c.*, o.name AS "orgName", o.uscc, o.status AS "orgStatus", o.is_charity AS "isCharity", o.version AS "orgVersion",
      a.name AS "authorityName", u.display_name AS "assigneeName",
      n.document_no AS "noticeDocumentNoR", n.deadline AS "noticeDeadline", n.state AS "noticeState"
    FROM zombie_cases c JOIN organizations o ON o.id = c.org_id JOIN authorities a ON a.id = c.authority_id
    LEFT JOIN zombie_assignments z ON z.org_id = c.org_id LEFT JOIN users u ON u.id = z.user_id
    LEFT JOIN rectification_notices n ON n.id = c.rectification_notice_id
    WHERE c.id = ${id}`)) as Record<string, unknown>[];
  if (!row) return null;
  if (!(await readableAuthorityIds(deps.db, user)).includes(Number(row.authority_id))) return null;
  const c = (await deps.db.select().from(zombieCases).where(sql`id = ${id}`))[0]!;
  const [events, contacts] = await Promise.all([
    deps.db.all(sql`SELECT action, to_state AS "toState", actor_name AS "actorName", at, details
      FROM zombie_case_events WHERE case_id = ${id} ORDER BY id`) as Promise<Record<string, unknown>[]>,
    deps.db.all(sql`SELECT kind, "on", by_name AS "byName", reached, outcome FROM zombie_contacts
      WHERE org_id = ${c.orgId} ORDER BY "on" DESC, id DESC LIMIT 100`) as Promise<Record<string, unknown>[]>,
  ]);
  const mayAct = user.authorityId === c.authorityId;
  const actions = mayAct
    ? actionsFor(
        zombieCaseMachine,
        c.state as ZombieCaseState,
        { role: "registrar", authorityId: user.authorityId },
        {
          orgId: c.orgId,
          authorityId: c.authorityId,
          supervisorUnitId: null,
          supervisionMode: "direct",
        },
      )
    : [];
  return {
    ...c,
    orgName: String(row.orgName),
    uscc: String(row.uscc),
    orgStatus: String(row.orgStatus),
    isCharity: Boolean(row.isCharity),
    orgVersion: Number(row.orgVersion),
    authorityName: String(row.authorityName),
    assigneeName: (row.assigneeName as string | null) ?? null,
    notice: row.noticeDocumentNoR
      ? {
          documentNo: String(row.noticeDocumentNoR),
          deadline: String(row.noticeDeadline),
          state: String(row.noticeState),
        }
      : null,
    events: events.map((e) => ({
      action: String(e.action),
      toState: String(e.toState),
      actorName: (e.actorName as string | null) ?? null,
      at: String(e.at),
      details: e.details ? (JSON.parse(String(e.details)) as Record<string, unknown>) : null,
    })),
    contacts: contacts.map((k) => ({
      kind: String(k.kind),
      on: String(k.on),
      byName: String(k.byName),
      reached: Boolean(k.reached),
      outcome: String(k.outcome),
    })),
    actions,
    mayAct,
    today: todayOf(deps),
  };
}

export interface StepInput {
  version: number;
  reasons?: string;
  documentNo?: string;
  method?: "mail" | "publication";
  kind?: "revocation" | "license_revocation";
  note?: string;
  /** 限期整改: the 整改通知书's facts, items ("事项｜依据" per line) and working days. */
  facts?: string;
  items?: { text: string; basis: string }[];
  days?: number;
}

const OUTCOME_OF: Partial<Record<ZombieCaseAction, ZombieOutcome>> = {
  close_rectified: "rectified",
  close_deregistered: "deregistered",
  close_not_zombie: "not_zombie",
};

/** One step of the case: checked by the machine, written with its effects in one batch. */
export async function act(
  deps: AppDeps,
  user: SessionUser,
  id: number,
  action: ZombieCaseAction,
  input: StepInput,
  ip: string | null,
): Promise<CaseResult> {
  const c = await caseView(deps, user, id);
  if (!c) return { ok: false, code: "not_found", message: "没有找到该案件。" };
  const today = todayOf(deps);
  const calendar = await loadCalendar(deps.db);
  const decision = decide(
    zombieCaseMachine,
    c.state as ZombieCaseState,
    action,
    { role: user.role === "registrar" ? "registrar" : "admin", authorityId: user.authorityId },
    {
      subject: {
        orgId: c.orgId,
        authorityId: c.authorityId,
        supervisorUnitId: null,
        supervisionMode: "direct",
      },
      today,
      flags: {
        noticeAccepted: c.notice?.state === "accepted",
        deregistered: c.orgStatus === "deregistered",
        windowOpen: c.windowEndsOn !== null && today <= c.windowEndsOn,
        mayDecide: mayDecide(c, today),
        kindAllowed: input.kind !== "license_revocation" || c.isCharity,
      },
      input: { reason: input.reasons ?? input.note },
      version: { read: input.version, current: c.version },
    },
  );
  if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };

  const set: Partial<typeof zombieCases.$inferInsert> & Record<string, unknown> = { state: decision.to };
  const items: BatchItem[] = [];
  const audits: AuditInput[] = [];
  const details: Record<string, unknown> = {};
  const at = (deps.now?.() ?? new Date()).toISOString();
  const tell = (text: string) =>
    items.push(deps.db.insert(notices).values({ orgId: c.orgId, text, href: "/portal", createdAt: at }));

  switch (action) {
    case "order_rectification": {
      if (!input.documentNo || !input.facts || !input.items?.length) {
        return {
          ok: false,
          code: "invalid",
          message: "请填写整改通知书的文号、事实和整改事项。",
          fields: { documentNo: "请填写文号、事实和整改事项。" },
        };
      }
      const noticeId = await nextId(deps.db, "rectification_notices");
      const deadline = addWorkingDays(
        today,
        input.days ?? deps.config.domain.rectificationWorkingDays,
        calendar,
      );
      items.push(
        deps.db.insert(rectificationNotices).values({
          id: noticeId,
          orgId: c.orgId,
          authorityId: c.authorityId,
          source: "zombie",
          sourceId: c.id,
          documentNo: input.documentNo,
          facts: input.facts,
          items: input.items,
          servedOn: today,
          deadline,
        }),
      );
      set.rectificationNoticeId = noticeId;
      details.notice = { documentNo: input.documentNo, deadline };
      tell(
        `登记管理机关向您单位发出整改通知书（${input.documentNo}），请于${deadline}前完成整改并报送整改报告。`,
      );
      break;
    }
    case "guide_deregistration":
      set.deregistrationInvitedOn = today;
      tell("登记管理机关经核查，建议您单位依法办理注销登记。请在本系统“登记事项”中申请注销登记。");
      break;
    case "serve_revocation_notice": {
      if (!input.documentNo) {
        return {
          ok: false,
          code: "invalid",
          message: "请填写事先告知书的文号。",
          fields: { documentNo: "请填写事先告知书的文号。" },
        };
      }
      const method = input.method ?? "mail";
      const w = revocationWindow(
        today,
        method,
        deps.config.domain.creditPublicationDays,
        (d, n) => addWorkingDays(d, n, calendar),
        deps.config.domain.revocationHearingWorkingDays,
      );
      Object.assign(set, {
        noticeMethod: method,
        noticeDocumentNo: input.documentNo,
        noticePublishedOn: method === "publication" ? today : null,
        noticeServedOn: w.servedOn,
        windowEndsOn: w.windowEndsOn,
      });
      Object.assign(details, { method, ...w });
      tell(
        `登记管理机关拟撤销您单位的登记（${input.documentNo}），您单位可在${w.windowEndsOn}前提出陈述、申辩或申请听证。`,
      );
      break;
    }
    case "record_hearing_request":
      set.hearingRequestedOn = today;
      break;
    case "record_hearing":
      if (!input.note) {
        return {
          ok: false,
          code: "invalid",
          message: "请写明听证的日期、参加人和结论。",
          fields: { note: "请写明听证情况。" },
        };
      }
      set.hearingHeldOn = today;
      set.hearingOutcome = input.note;
      break;
    case "decide_revocation": {
      if (!input.documentNo) {
        return {
          ok: false,
          code: "invalid",
          message: "请填写撤销决定的文号。",
          fields: { documentNo: "请填写撤销决定的文号。" },
        };
      }
      const [org] = await deps.db.select().from(organizations).where(sql`id = ${c.orgId}`);
      if (!org || org.status !== "active") {
        return { ok: false, code: "invalid", message: "该组织已终止登记，不能再作出撤销决定。" };
      }
      const kind = input.kind ?? "revocation";
      const r = revocationStatements(
        deps.db,
        actorOf(user, ip),
        org,
        c.authorityId,
        { documentNo: input.documentNo, decidedOn: today, reason: input.reasons ?? "", version: org.version },
        kind,
      );
      items.push(...r.items);
      audits.push(r.event);
      Object.assign(set, {
        decisionKind: kind,
        decisionDocumentNo: input.documentNo,
        decidedOn: today,
        decisionReasons: input.reasons,
      });
      details.documentNo = input.documentNo;
      break;
    }
    case "record_certificate":
      if (!input.note) {
        return {
          ok: false,
          code: "invalid",
          message: "请写明登记证书、印章收缴或公告作废的情况。",
          fields: { note: "请写明收缴或作废情况。" },
        };
      }
      set.certificateNote = input.note;
      set.outcome = c.decisionKind === "license_revocation" ? "license_revoked" : "revoked";
      set.closedOn = today;
      break;
    default:
      break;
  }
  const outcome = OUTCOME_OF[action];
  if (outcome) {
    set.outcome = outcome;
    set.closedOn = today;
    set.closeReason = input.reasons ?? null;
  }
  if (input.reasons) details.reasons = input.reasons;
  try {
    await commitWithAudit(
      deps.db,
      actorOf(user, ip),
      [
        deps.db
          .update(zombieCases)
          .set({ ...set, version: c.version + 1 })
          .where(sql`id = ${c.id} AND version = ${c.version}`),
        staleGuard(deps.db),
        ...items,
        event(deps, c.id, action, c.state, decision.to, user.displayName, details),
      ],
      [
        {
          action: `zombie.case.${action}`,
          objectType: "zombie_case",
          objectId: c.id,
          orgId: c.orgId,
          summary: { to: decision.to, ...details },
        },
        ...audits,
      ],
    );
  } catch (e) {
    if (isStaleWrite(e) || String((e as Error)?.message ?? e).includes("NOT NULL")) {
      return { ok: false, code: "stale", message: "已被他人修改，请刷新后重试。" };
    }
    throw e;
  }
  return { ok: true, id: c.id };
}

export async function addContact(
  deps: AppDeps,
  user: SessionUser,
  caseId: number,
  input: {
    kind: "phone" | "visit" | "letter" | "other";
    on: string;
    byName: string;
    reached: boolean;
    outcome: string;
  },
  ip: string | null,
): Promise<CaseResult> {
  const c = await caseView(deps, user, caseId);
  if (!c) return { ok: false, code: "not_found", message: "没有找到该案件。" };
  if (!c.mayAct) return { ok: false, code: "forbidden", message: "只有立案的登记管理机关可以登记联系情况。" };
  if (input.on > todayOf(deps))
    return {
      ok: false,
      code: "invalid",
      message: "日期不能晚于今天。",
      fields: { on: "日期不能晚于今天。" },
    };
  await commitWithAudit(
    deps.db,
    actorOf(user, ip),
    [deps.db.insert(zombieContacts).values({ ...input, orgId: c.orgId, caseId: c.id, recordedBy: user.id })],
    {
      action: "zombie.contact.add",
      objectType: "zombie_case",
      objectId: c.id,
      orgId: c.orgId,
      summary: { kind: input.kind, reached: input.reached },
    },
  );
  return { ok: true, id: c.id };
}

/**
 * Bulk preparation on the triage list (R-E2 allows nothing more in bulk): a letter sent to each selected organization
 * (one row each, numbered within the batch), or the selected assigned to a registrar of the authority.
 */
export async function bulkPrepare(
  deps: AppDeps,
  user: SessionUser,
  input:
    | { kind: "letter"; orgIds: number[]; sentOn: string; batchNo: string }
    | { kind: "assign"; orgIds: number[]; assigneeId: number },
  ip: string | null,
): Promise<{ ok: true; count: number } | { ok: false; message: string }> {
  if (user.role !== "registrar" || user.authorityId === null)
    return { ok: false, message: "只有登记管理机关可以办理。" };
  const ids = [...new Set(input.orgIds)].slice(0, 500);
  const own =
    (await deps.db.all(sql`SELECT id, address FROM organizations WHERE authority_id = ${user.authorityId}
    AND status = 'active' AND id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`)) as { id: number; address: string }[];
  if (own.length === 0) return { ok: false, message: "请勾选本机关登记的组织。" };
  const today = todayOf(deps);
  const items: BatchItem[] = [];
  if (input.kind === "letter") {
    own.forEach((o, i) => {
      items.push(
        deps.db.insert(letters).values({
          orgId: o.id,
          authorityId: user.authorityId!,
          purpose: "zombie",
          address: o.address,
          sentOn: input.sentOn,
          trackingNo: `${input.batchNo}-${String(i + 1).padStart(3, "0")}`,
          recordedBy: user.id,
        }),
      );
    });
  } else {
    const [assignee] =
      (await deps.db.all(sql`SELECT id FROM users WHERE id = ${input.assigneeId} AND role = 'registrar'
      AND authority_id = ${user.authorityId} AND status = 'active'`)) as { id: number }[];
    if (!assignee) return { ok: false, message: "请选择本机关的工作人员。" };
    for (const o of own) {
      items.push(
        deps.db
          .insert(zombieAssignments)
          .values({ orgId: o.id, userId: assignee.id, assignedBy: user.id, assignedOn: today })
          .onConflictDoUpdate({
            target: zombieAssignments.orgId,
            set: { userId: assignee.id, assignedBy: user.id, assignedOn: today },
          }),
      );
    }
  }
  await commitWithAudit(deps.db, actorOf(user, ip), items, {
    action: input.kind === "letter" ? "zombie.bulk.letter" : "zombie.bulk.assign",
    objectType: "organization",
    summary: {
      orgIds: own.map((o) => o.id),
      ...(input.kind === "letter" ? { batchNo: input.batchNo } : { assigneeId: input.assigneeId }),
    },
  });
  return { ok: true, count: own.length };
}

export interface CaseListRow {
  id: number;
  orgName: string;
  uscc: string;
  state: ZombieCaseState;
  outcome: ZombieOutcome | null;
  openedOn: string;
  closedOn: string | null;
  windowEndsOn: string | null;
  assigneeName: string | null;
}

export async function caseList(
  deps: AppDeps,
  user: SessionUser,
  filter: { state?: string },
  page: number,
): Promise<{
  rows: CaseListRow[];
  total: number;
  byState: Record<string, number>;
  byYear: { year: string; opened: number; outcome: string | null; n: number }[];
}> {
  const ids = await readableAuthorityIds(deps.db, user);
  const inIds = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  const where = sql`c.authority_id IN (${inIds})${filter.state ? sql` AND c.state = ${filter.state}` : sql``}`;
  const rows = (await deps.db.all(sql`
    SELECT c.id, o.name AS "orgName", o.uscc, c.state, c.outcome, c.opened_on AS "openedOn", c.closed_on AS "closedOn",
      c.window_ends_on AS "windowEndsOn", u.display_name AS "assigneeName"
    FROM zombie_cases c JOIN organizations o ON o.id = c.org_id
    LEFT JOIN zombie_assignments z ON z.org_id = c.org_id LEFT JOIN users u ON u.id = z.user_id
    WHERE ${where} ORDER BY c.state = 'closed', c.opened_on, c.id LIMIT 50 OFFSET ${(page - 1) * 50}`)) as CaseListRow[];
  const [n] = (await deps.db.all(sql`SELECT count(*) AS n FROM zombie_cases c WHERE ${where}`)) as {
    n: number;
  }[];
  const states =
    (await deps.db.all(sql`SELECT state, count(*) AS n FROM zombie_cases c WHERE c.authority_id IN (${inIds})
    GROUP BY state`)) as { state: string; n: number }[];
  const byYear = (await deps.db.all(sql`
    SELECT substr(coalesce(c.closed_on, c.opened_on), 1, 4) AS year, count(*) AS n, c.outcome,
      sum(CASE WHEN c.closed_on IS NULL THEN 1 ELSE 0 END) AS opened
    FROM zombie_cases c WHERE c.authority_id IN (${inIds}) GROUP BY year, c.outcome ORDER BY year DESC`)) as {
    year: string;
    opened: number;
    outcome: string | null;
    n: number;
  }[];
  return {
    rows,
    total: Number(n?.n ?? 0),
    byState: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])),
    byYear: byYear.map((y) => ({ ...y, n: Number(y.n), opened: Number(y.opened) })),
  };
}

/** R-E3: 撤销 事先告知 served by 公告 — what /notices-by-publication publishes, with the period's start and end. */
export async function revocationPublications(deps: AppDeps, page: number) {
  const rows = (await deps.db.all(sql`
    SELECT o.name AS "orgName", o.uscc, a.name AS "authorityName", c.notice_document_no AS "documentNo",
      c.notice_published_on AS "publishedOn", c.notice_served_on AS "servedOn", c.window_ends_on AS "windowEndsOn", c.signals
    FROM zombie_cases c JOIN organizations o ON o.id = c.org_id JOIN authorities a ON a.id = c.authority_id
    WHERE c.notice_method = 'publication' ORDER BY c.notice_published_on DESC, c.id DESC
    LIMIT 20 OFFSET ${(page - 1) * 20}`)) as {
    orgName: string;
    uscc: string;
    authorityName: string;
    documentNo: string;
    publishedOn: string;
    servedOn: string;
    windowEndsOn: string;
    signals: string;
  }[];
  const [n] = (await deps.db.all(
    sql`SELECT count(*) AS n FROM zombie_cases WHERE notice_method = 'publication'`,
  )) as { n: number }[];
  return { rows, total: Number(n?.n ?? 0) };
}

/** The registrar home's zombie figures: candidates now, open cases, cases closed this year by outcome. */
export async function zombieHomeFigures(
  deps: AppDeps,
  user: SessionUser,
): Promise<{ candidates: number; open: number; closedThisYear: Partial<Record<ZombieOutcome, number>> }> {
  const ids = await readableAuthorityIds(deps.db, user);
  const inIds = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  const year = todayOf(deps).slice(0, 4);
  const [row] = (await deps.db.all(sql`SELECT
      (SELECT count(DISTINCT org_id) FROM zombie_signals WHERE closed_on IS NULL AND authority_id IN (${inIds})) AS candidates,
      (SELECT count(*) FROM zombie_cases WHERE state <> 'closed' AND authority_id IN (${inIds})) AS open`)) as {
    candidates: number;
    open: number;
  }[];
  const closed = (await deps.db.all(sql`SELECT outcome, count(*) AS n FROM zombie_cases
    WHERE state = 'closed' AND closed_on >= ${`${year}-01-01`} AND authority_id IN (${inIds}) GROUP BY outcome`)) as {
    outcome: ZombieOutcome;
    n: number;
  }[];
  return {
    candidates: Number(row?.candidates ?? 0),
    open: Number(row?.open ?? 0),
    closedThisYear: Object.fromEntries(closed.map((c) => [c.outcome, Number(c.n)])),
  };
}
