/**
 * What every annual-inspection use case shares: the refusals, the clock, the actors as audit and the workflow
 * see them, and the context a filing's page or a submit loads (its year, sections, rounds, last year's outcome).
 */

import { sql } from "drizzle-orm";
import type { OrgType } from "../../db/schema";
import type { InspectionWindows } from "../../db/schema/inspection";
import { type Actor as AuditActor, systemActor } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import { hasOpenRectificationNotice } from "../credit/notices";
import type { Db } from "../db";
import type { LastYearOutcome } from "../domain/inspection-report";
import type { InspectionState } from "../domain/inspection-workflow";
import type { PrecheckSettings } from "../domain/prechecks";
import type { Actor as WorkflowActor } from "../domain/workflow";
import { chinaDateOf } from "../domain/working-days";
import { listAttachments } from "./attachments";
import type { Refusal } from "./contract";
import { type FilingRow, loadYear, selectFilings } from "./queries";
import { assembleReport, loadRounds, loadSections, precheckContext } from "./report";

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

export const STALE_MESSAGE = "该申报已被他人处理，请刷新后查看最新情况。";
export const NOT_FOUND: Refusal = { ok: false, code: "not_found", message: "没有找到这份年检申报。" };
export const STALE: Refusal = { ok: false, code: "stale", message: STALE_MESSAGE };
export const EDITABLE_STATES: readonly InspectionState[] = ["draft", "returned"];
export const MAX_TEXT = 2000;

const instant = (deps: AppDeps) => deps.now?.() ?? new Date();
export const todayOf = (deps: AppDeps) => chinaDateOf(instant(deps));
export const nowIso = (deps: AppDeps) => instant(deps).toISOString();

export function auditActorOf(user: SessionUser | "system"): AuditActor {
  if (user === "system") return systemActor("inspection-jobs");
  return { userId: user.id, username: user.username, role: user.role, ip: null };
}

export function workflowActorOf(user: SessionUser | "system"): WorkflowActor {
  if (user === "system") return { role: "system" };
  return {
    role: user.role,
    orgId: user.orgId,
    authorityId: user.authorityId,
    supervisorUnitId: user.supervisorUnitId,
  };
}

export const invalid = (message: string, fields: Record<string, string>): Refusal => ({
  ok: false,
  code: "invalid",
  message,
  fields,
});

export function windowOf(years: InspectionWindows, type: OrgType) {
  return years[type];
}

function outcomeOf(f: FilingRow | null): LastYearOutcome {
  if (!f) return null;
  if (f.state === "not_filed") return "not_filed";
  if ((f.state === "concluded" || f.state === "published") && f.conclusion) return f.conclusion;
  return null;
}

/** Last year's filing of the same organization, its report as last submitted, and its outcome. */
async function previousYear(db: Db, f: FilingRow) {
  const [prev] = await selectFilings(db, sql`ai.org_id = ${f.orgId} AND ai.year = ${f.year - 1}`);
  if (!prev) return { filing: null, report: null, outcome: null as LastYearOutcome };
  const rounds = await loadRounds(db, prev.id);
  return { filing: prev, report: rounds.at(-1)?.snapshot ?? null, outcome: outcomeOf(prev) };
}

/** Everything a filing's page or a submit needs. */
export async function loadFilingContext(db: Db, f: FilingRow, settings?: PrecheckSettings) {
  const [yearRow, sections, attachments, rounds, prev, openNotice] = await Promise.all([
    loadYear(db, f.yearId),
    loadSections(db, f.id),
    listAttachments(db, f.id),
    loadRounds(db, f.id),
    previousYear(db, f),
    hasOpenRectificationNotice(db, f.orgId),
  ]);
  const working = assembleReport(f, sections, attachments);
  const ctx = { ...precheckContext(f, prev.report, prev.outcome, openNotice), settings };
  return { yearRow: yearRow!, sections, attachments, rounds, prev, working, precheck: ctx };
}
