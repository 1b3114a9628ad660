/**
 * A zombie case's steps (R-E2, R-E3): each checked by the case machine (src/domain/zombie-case.ts) and written with its
 * effects elsewhere (a 整改通知书, the register's 撤销 and its 公告, a notice to the organization) and its audit event
 * in one batch; and the contacts recorded on the way.
 */
import { sql } from "drizzle-orm";
import { notices, organizations, rectificationNotices, zombieCases, zombieContacts } from "../../db/schema";
import { type AuditInput, commitWithAudit } from "../audit/audit";
import { actorOf } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { type BatchItem, isStaleWrite, nextId, staleGuard } from "../db";
import { cnDate } from "../domain/dates";
import { decide, registrarSubject } from "../domain/workflow";
import { addWorkingDays } from "../domain/working-days";
import {
  mayDecide,
  revocationWindow,
  type ZombieCaseAction,
  type ZombieCaseState,
  type ZombieOutcome,
  zombieCaseMachine,
} from "../domain/zombie-case";
import { loadCalendar } from "../inspection/holidays";
import { revocationStatements } from "../registration/revocation";
import { type CaseResult, caseView, event, todayOf } from "./cases";

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
      subject: registrarSubject(c.orgId, c.authorityId),
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
        `登记管理机关向您单位发出整改通知书（${input.documentNo}），请于${cnDate(deadline)}前完成整改并报送整改报告。`,
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
        `登记管理机关拟撤销您单位的登记（${input.documentNo}），您单位可在${cnDate(w.windowEndsOn)}前提出陈述、申辩或申请听证。`,
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
      if (org?.status !== "active") {
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
