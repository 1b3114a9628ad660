/**
 * Zombie cases (R-E2, R-E3): one per organization, opened by a registrar from the triage list with its signals and
 * evidence, carried on the workflow engine (src/domain/zombie-case.ts) to one outcome. Each step writes the case, its
 * event, what the step does elsewhere (a 整改通知书, the register's 撤销 and its 公告, a notice to the organization) and
 * the audit event in one batch.
 */
import { sql } from "drizzle-orm";
import { zombieCaseEvents, zombieCases } from "../../db/schema";
import { commitWithAudit } from "../audit/audit";
import { actorOf, findOrgFor, readableAuthorityIds } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { nextId } from "../db";
import { cnDate } from "../domain/dates";
import { actionsFor, registrarSubject } from "../domain/workflow";
import {
  addWorkingDays,
  chinaDateOf,
  workingDaysRemaining,
  yearsWithoutCalendar,
} from "../domain/working-days";
import { ZOMBIE_SIGNAL_LABELS, type ZombieSignal } from "../domain/zombie";
import { revocationWindow, type ZombieCaseState, zombieCaseMachine } from "../domain/zombie-case";
import { loadCalendar } from "../inspection/holidays";
import type { ZombieCaseView } from "./contract";

export const todayOf = (deps: AppDeps) => chinaDateOf(deps.now?.() ?? new Date());

export type { ZombieCaseView };

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
  return rows.map((r) => `${ZOMBIE_SIGNAL_LABELS[r.signal]}：${r.facts}（${cnDate(r.firstSeenOn)}起）`);
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

export const event = (
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
      n.document_no AS "noticeDocumentNoR", n.deadline AS "noticeDeadline", n.state AS "noticeState",
      n.served_on AS "noticeServedOnR"
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
        registrarSubject(c.orgId, c.authorityId),
      )
    : [];
  const today = todayOf(deps);
  const calendar = await loadCalendar(deps.db);
  const d = deps.config.domain;
  const running = c.state === "notified" || c.state === "hearing";
  const noticeDeadline = row.noticeDeadline ? String(row.noticeDeadline) : null;
  const noticeRunning = c.state === "rectifying" && noticeDeadline !== null && row.noticeState !== "accepted";
  // The furthest deadline a step open now would count from today: a 整改通知书's, or a 事先告知's window.
  const stepEnds = actions.flatMap((a) =>
    a.action === "order_rectification"
      ? [addWorkingDays(today, d.rectificationWorkingDays, calendar)]
      : a.action === "serve_revocation_notice"
        ? [
            revocationWindow(
              today,
              "publication",
              d.creditPublicationDays,
              (day, n) => addWorkingDays(day, n, calendar),
              d.revocationHearingWorkingDays,
            ).windowEndsOn,
          ]
        : [],
  );
  const uncalendared = {
    window:
      c.windowEndsOn && c.noticeServedOn
        ? yearsWithoutCalendar(c.noticeServedOn, c.windowEndsOn, calendar)
        : [],
    notice: noticeDeadline
      ? yearsWithoutCalendar(String(row.noticeServedOnR ?? c.openedOn), noticeDeadline, calendar)
      : [],
    steps: stepEnds.length ? yearsWithoutCalendar(today, stepEnds.sort().at(-1)!, calendar) : [],
  };
  return {
    ...c,
    windowLeft: running && c.windowEndsOn ? workingDaysRemaining(today, c.windowEndsOn, calendar) : null,
    noticeLeft: noticeRunning ? workingDaysRemaining(today, noticeDeadline!, calendar) : null,
    uncalendared,
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
    today,
  };
}

/** The registrar home reads its zombie figures here (src/zombie/stats.ts). */
