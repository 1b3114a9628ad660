/** The inspection year: opening it (R-C2 who must file), listing it, a late draft, and 未参检 once windows close. */

import { sql } from "drizzle-orm";
import { ORG_TYPES } from "../../db/schema";
import type { InspectionWindows } from "../../db/schema/inspection";
import { commitWithAudit } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import {
  dateIn,
  defaultWindow,
  mustFile,
  requiredToFile,
  validateWindow,
  windowFlags,
  windowStatus,
} from "../domain/inspection-window";
import { annualInspectionMachine } from "../domain/inspection-workflow";
import { decide } from "../domain/workflow";
import { isIsoDate } from "../domain/working-days";
import type { InspectionYear, Result } from "./contract";
import { auditActorOf, invalid, nowIso, todayOf, workflowActorOf } from "./filing-context";
import { loadCalendar } from "./holidays";
import { authorityTree, idListText, loadYear, selectFilings, subjectOf, yearFromRow } from "./queries";
import {
  hasFiling,
  lateDraftStatements,
  latestYearOfAuthority,
  markNotFiledStatements,
  openYearStatements,
  organizationForDraft,
  organizationsOfAuthority,
  yearNotFiledDone,
  yearOfAuthority,
  yearsVisibleTo,
} from "./year-queries";

// ---------------------------------------------------------------------------------------------------------------
// The year

function yearInputErrors(year: number, today: string): Record<string, string> {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 1990 || year > thisYear) {
    return { year: `年度应为 1990 至 ${thisYear} 之间的年份` };
  }
  return {};
}

export async function openYear(
  deps: AppDeps,
  user: SessionUser,
  input: { year: number; windows?: Partial<InspectionYear["windows"]>; cutoffOn?: string },
): Promise<Result<{ year: InspectionYear }>> {
  if (user.role !== "registrar" || user.authorityId === null) {
    return { ok: false, code: "forbidden", message: "只有登记管理机关可以开启年检。" };
  }
  const db = deps.db;
  const today = todayOf(deps);
  const fields = yearInputErrors(input.year, today);
  if (Object.keys(fields).length > 0) return invalid("请改正标出的内容。", fields);
  const year = input.year;

  const windows = {} as InspectionWindows;
  for (const type of ORG_TYPES) {
    const d = defaultWindow(year, type);
    const given = input.windows?.[type];
    const w = {
      opensOn: given?.opensOn?.trim() || d.opensOn,
      closesOn: given?.closesOn?.trim() || d.closesOn,
      supervisorDueOn: type === "foundation" ? null : given?.supervisorDueOn?.trim() || d.supervisorDeadline,
    };
    const errors = validateWindow({
      year,
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      supervisorDeadline: w.supervisorDueOn ?? w.closesOn,
    });
    for (const [k, message] of Object.entries(errors)) {
      fields[`windows.${type}.${k === "supervisorDeadline" ? "supervisorDueOn" : k}`] = message;
    }
    windows[type] = w;
  }
  const cutoffOn = input.cutoffOn?.trim() || dateIn(year, deps.config.domain.inspectionCutoff);
  if (!isIsoDate(cutoffOn) || !cutoffOn.startsWith(`${year}-`)) {
    fields.cutoffOn = `登记截止日应为 ${year} 年内的日期，如 ${year}-06-30`;
  }
  if (Object.keys(fields).length > 0) return invalid("请改正标出的内容。", fields);

  if (await yearOfAuthority(db, user.authorityId, year)) {
    return { ok: false, code: "exists", message: `${year} 年度的年检已经开启，不能重复开启。` };
  }

  // R-C2: who must file, by the domain rule (not restated in SQL).
  const orgs = await organizationsOfAuthority(db, user.authorityId);
  const [, cm, cd] = cutoffOn.split("-").map(Number) as [number, number, number];
  const required = requiredToFile(orgs, year, { month: cm, day: cd }).map((o) => Number(o.id));

  const at = nowIso(deps);
  const firstClose = ORG_TYPES.map((t) => windows[t].closesOn).sort()[0]!;
  try {
    await commitWithAudit(
      db,
      auditActorOf(user),
      openYearStatements(db, {
        authorityId: user.authorityId,
        year,
        windows,
        cutoffOn,
        required,
        openedByUserId: user.id,
        at,
        noticeText: `${year} 年度年检已开始，请填写年度工作报告并在申报期内提交（最早截止日 ${firstClose}，以本单位类型的申报期为准）。`,
      }),
      {
        action: "inspection.year.open",
        objectType: "inspection_year",
        objectId: `${user.authorityId}:${year}`,
        summary: { year, authorityId: user.authorityId, windows, cutoffOn, required: required.length },
      },
    );
  } catch (e) {
    if (String((e as Error).message ?? e).includes("UNIQUE")) {
      return { ok: false, code: "exists", message: `${year} 年度的年检已经开启，不能重复开启。` };
    }
    throw e;
  }
  const row = await yearOfAuthority(db, user.authorityId, year);
  return { ok: true, year: yearFromRow(row!) };
}

export async function listYears(deps: AppDeps, user: SessionUser): Promise<InspectionYear[]> {
  const db = deps.db;
  const rows = await yearsVisibleTo(db, user);
  return rows.map(yearFromRow);
}

// ---------------------------------------------------------------------------------------------------------------
// 未参检

const MARK_CHUNK = 500;

export async function markNotFiled(
  deps: AppDeps,
  user: SessionUser | "system",
  yearId: number,
  options: { dryRun?: boolean } = {},
): Promise<
  Result<{ marked: number; items: { orgId: number; name: string; year: number; state: string }[] }>
> {
  const db = deps.db;
  const yearRow = await loadYear(db, yearId);
  if (!yearRow) return { ok: false, code: "not_found", message: "没有这个年度的年检。" };
  if (user !== "system") {
    const mayAct =
      user.role === "admin" || (user.role === "registrar" && user.authorityId === yearRow.authorityId);
    if (!mayAct) {
      const visible =
        user.role === "registrar" &&
        user.authorityId !== null &&
        (await authorityTree(db, user.authorityId)).includes(yearRow.authorityId);
      return visible
        ? { ok: false, code: "out_of_scope", message: "下级登记管理机关的年检只能查看，不能办理。" }
        : { ok: false, code: "not_found", message: "没有这个年度的年检。" };
    }
  }
  const today = todayOf(deps);
  const closedTypes = ORG_TYPES.filter((t) => windowFlags(yearRow.windows[t], today).windowClosed);
  if (closedTypes.length === 0) {
    return { ok: false, code: "window_not_closed", message: "年检申报期尚未结束，不能标记为未参检。" };
  }
  const candidates = await selectFilings(
    db,
    sql`ai.year_id = ${yearId} AND ai.state IN ('draft', 'returned') AND ai.org_type IN ${idListText(closedTypes)}`,
  );
  const calendar = await loadCalendar(db);
  const actor = workflowActorOf(user);
  // The machine decides each one (window closed; a returned filing only once its correction deadline passed).
  const marked = candidates.filter(
    (f) =>
      decide(annualInspectionMachine, f.state, "mark_not_filed", actor, {
        subject: subjectOf(f),
        today,
        flags: windowFlags(yearRow.windows[f.orgType], today),
        calendar,
        openCorrectionDeadline: f.correctionDeadline,
      }).ok,
  );
  const items = marked.map((f) => ({ orgId: f.orgId, name: f.org.name, year: f.year, state: f.state }));
  if (options.dryRun) return { ok: true, marked: marked.length, items };
  const audit = auditActorOf(user);
  const at = nowIso(deps);
  for (let i = 0; i < marked.length; i += MARK_CHUNK) {
    const chunk = marked.slice(i, i + MARK_CHUNK);
    const text = `您单位未在规定期限内提交 ${yearRow.year} 年度年检报告，已被标记为“未参检”。`;
    await commitWithAudit(db, audit, markNotFiledStatements(db, chunk, audit, at, text), []);
  }
  // The year is done only when every window has closed and no filing is left to mark: a returned filing whose
  // correction deadline is still open is marked on a later day, once it lapses.
  const allClosed = closedTypes.length === ORG_TYPES.length && marked.length === candidates.length;
  await commitWithAudit(db, audit, allClosed ? [yearNotFiledDone(db, yearId, at)] : [], {
    action: "inspection.year.mark_not_filed",
    objectType: "inspection_year",
    objectId: `${yearRow.authorityId}:${yearRow.year}`,
    summary: { year: yearRow.year, types: closedTypes, marked: marked.length },
  });
  return { ok: true, marked: marked.length, items };
}

// ---------------------------------------------------------------------------------------------------------------
// A late draft

/** Creates this year's draft lazily when the organization must file and the window is open (e.g. registered late). */
export async function ensureCurrentDraft(deps: AppDeps, user: SessionUser, today: string) {
  const db = deps.db;
  const org = await organizationForDraft(db, user.orgId);
  if (!org) return;
  const y = await latestYearOfAuthority(db, org.authorityId);
  if (!y) return;
  if (await hasFiling(db, org.id, y.year)) return;
  const [, m, d] = y.cutoffOn.split("-").map(Number) as [number, number, number];
  if (!mustFile(org, y.year, { month: m, day: d }).required) return;
  if (windowStatus(y.windows[org.type], today) !== "open") return;
  const at = nowIso(deps);
  await commitWithAudit(db, auditActorOf(user), lateDraftStatements(db, y, org.id, at), {
    action: "inspection.draft.create",
    objectType: "annual_inspection",
    objectId: `${org.id}:${y.year}`,
    orgId: org.id,
    summary: { year: y.year },
  });
}
