import { cnDate } from "../domain/dates";
/** A filing as its page shows it, and the organization's own inspection home with its next step. */

import { sql } from "drizzle-orm";
import type { AppDeps, SessionUser } from "../context";
import { type ReportSection, rectificationRequired } from "../domain/inspection-report";
import { windowDaysRemaining, windowStatus } from "../domain/inspection-window";
import { annualInspectionMachine } from "../domain/inspection-workflow";
import { actionsFor, CONCLUSION_LABELS } from "../domain/workflow";
import { yearsWithoutCalendar } from "../domain/working-days";
import { cadreDifferences, inspectionPrefill, ledgerDifferences } from "../party/inspection-link";
import type { FilingSummary, FilingView } from "./contract";
import { EDITABLE_STATES, loadFilingContext, todayOf, windowOf, workflowActorOf } from "./filing-context";
import { loadCalendar } from "./holidays";
import {
  canSee,
  type FilingRow,
  loadFiling,
  loadProblems,
  selectFilings,
  subjectOf,
  summaryOf,
} from "./queries";
import { changedSections, checksFor, type RoundRow } from "./report";
import { supervisorOpinionOf } from "./review-queries";
import { ensureCurrentDraft, listYears } from "./years";

// ---------------------------------------------------------------------------------------------------------------
// The view

async function buildView(deps: AppDeps, user: SessionUser, f: FilingRow): Promise<FilingView> {
  const db = deps.db;
  const today = todayOf(deps);
  const c = await loadFilingContext(db, f, deps.config.domain.prechecks);
  const editable = EDITABLE_STATES.includes(f.state);
  const lastRound = c.rounds.at(-1);
  const report = editable || !lastRound ? c.working : lastRound.snapshot;
  const checks = editable || !lastRound ? checksFor(c.working, c.precheck) : lastRound.checks;

  let changed: ReportSection[] = [];
  if (editable && lastRound) changed = changedSections(lastRound.snapshot, c.working);
  else if (!editable && c.rounds.length >= 2) {
    changed = changedSections(c.rounds.at(-2)!.snapshot, lastRound!.snapshot);
  }

  const problems = await loadProblems(db, f.id);

  const heldByOther = f.holderUserId !== null && f.holderUserId !== user.id && user.role !== "org";
  const w = windowOf(c.yearRow.windows, f.orgType);
  const actions = heldByOther
    ? []
    : actionsFor(annualInspectionMachine, f.state, workflowActorOf(user), subjectOf(f)).filter(
        (a) => a.action !== "mark_not_filed" || notFiledYet(w, f.correctionDeadline, today),
      );
  const [prefill, differences, cadres, calendar, opinion] = await Promise.all([
    editable ? inspectionPrefill(db, f.orgId, today) : Promise.resolve({}),
    ledgerDifferences(db, f.orgId, report.partyBuilding),
    user.role === "org" ? Promise.resolve([]) : cadreDifferences(db, f.orgId, report.cadres, today),
    f.correctionDeadline ? loadCalendar(db) : Promise.resolve(null),
    user.role === "org" ? Promise.resolve(null) : supervisorOpinionOf(db, f.id),
  ]);
  const summary = summaryOf(f, today);
  return {
    supervisorOpinion: opinion,
    prefill,
    ledgerDifferences: differences,
    cadreDifferences: cadres,
    ...summary,
    deadlineUncalendared:
      calendar && summary.correction
        ? yearsWithoutCalendar(f.stateSince.slice(0, 10), summary.correction.deadline, calendar)
        : [],
    report,
    checks,
    rounds: c.rounds.map(roundView),
    changedSinceLastRound: changed,
    previousYear: c.prev.filing ? { report: c.prev.report, conclusion: c.prev.outcome } : null,
    rectificationRequired: rectificationRequired(
      c.precheck.lastYearOutcome,
      c.precheck.openRectificationNotice,
    ),
    problems: problems.map((p) => ({
      description: p.description,
      severity: p.severity,
      ...(p.section ? { section: p.section } : {}),
    })),
    attachments: c.attachments.map((a) => ({
      id: a.id,
      section: a.section as ReportSection,
      filename: a.filename,
      size: a.size,
      contentType: a.contentType,
    })),
    actions,
    window: {
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      daysRemaining: windowDaysRemaining(w, today),
      status: windowStatus(w, today),
    },
  };
}

/**
 * 未参检 is offered only when the machine would take it: the filing window has closed and no correction deadline is
 * still running (the same guards as the transition, which refuses it otherwise).
 */
function notFiledYet(
  w: ReturnType<typeof windowOf>,
  correctionDeadline: string | null,
  today: string,
): boolean {
  return windowStatus(w, today) === "closed" && (correctionDeadline === null || today > correctionDeadline);
}

function roundView(r: RoundRow) {
  return {
    round: r.round,
    submittedAt: r.submittedAt,
    checks: r.checks,
    returned: r.returnedAt
      ? {
          at: r.returnedAt,
          by: r.returnedByName ?? "",
          reason: r.reason ?? "",
          deadline: r.deadline ?? "",
          comments: r.comments ?? [],
        }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The organization's side

function nextStepFor(f: FilingRow, view: FilingView | null, today: string): string {
  const year = `${f.year} 年度`;
  switch (f.state) {
    case "draft": {
      const w = view?.window;
      if (!w || w.status === "open") {
        const left = w ? (w.daysRemaining === 0 ? "今天是截止日" : `还剩 ${w.daysRemaining} 天`) : "";
        return `请填写${year}年度工作报告的各个部分，逐项保存，通过机器预审后提交。申报截止日为 ${cnDate(w?.closesOn)}，${left}。`;
      }
      if (w.status === "not_open")
        return `${year}年检申报将于 ${cnDate(w.opensOn)} 开始，可以先填写并保存草稿。`;
      return `${year}年检申报已于 ${cnDate(w.closesOn)} 截止，本单位尚未提交。请尽快联系登记管理机关。`;
    }
    case "submitted":
    case "pre_review":
      return `${year}年检报告已提交，登记管理机关正在预审，请留意通知。`;
    case "supervisor_review":
      return `${year}年检报告已通过预审，正在由业务主管单位初审。`;
    case "registrar_review":
      return `${year}年检报告正在由登记管理机关审查。`;
    case "returned": {
      const overdue = f.correctionDeadline !== null && today > f.correctionDeadline;
      return `${year}年检报告被退回补正：${f.correctionReason ?? ""}请按审查意见修改，${
        overdue
          ? `补正期限（${cnDate(f.correctionDeadline)}）已过，请尽快`
          : `于 ${cnDate(f.correctionDeadline)} 前`
      }重新提交。`;
    }
    case "concluded":
    case "published":
      return `${year}年检结论：${f.conclusion ? CONCLUSION_LABELS[f.conclusion] : ""}。可以查看并打印年检结论通知书。`;
    case "not_filed":
      return `本单位未在规定期限内提交${year}年检报告，已被标记为“未参检”。下一年度年检时需要提交整改报告。`;
  }
}

export async function orgHome(
  deps: AppDeps,
  user: SessionUser,
): Promise<{ current: FilingView | null; history: FilingSummary[]; nextStep: string }> {
  if (user.role !== "org" || user.orgId === null) {
    return { current: null, history: [], nextStep: "只有社会组织账号可以办理年检。" };
  }
  const db = deps.db;
  const today = todayOf(deps);
  await ensureCurrentDraft(deps, user, today);
  const filings = await selectFilings(db, sql`ai.org_id = ${user.orgId}`, sql`ORDER BY ai.year DESC`);
  const [latest, ...older] = filings;
  if (!latest) {
    const years = await listYears(deps, user);
    return {
      current: null,
      history: [],
      nextStep: years[0]
        ? `本单位无需参加 ${years[0].year} 年度年检（登记时间晚于 ${cnDate(years[0].cutoffOn)} 或登记状态不是“正常”）。`
        : "本年度年检尚未开始，开始后会在这里提示。",
    };
  }
  const current = await buildView(deps, user, latest);
  return {
    current,
    history: older.map((f) => summaryOf(f, today)),
    nextStep: nextStepFor(latest, current, today),
  };
}

export async function getFiling(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
): Promise<FilingView | null> {
  const f = await loadFiling(deps.db, filingId);
  if (!f || !(await canSee(deps.db, user, f))) return null;
  return buildView(deps, user, f);
}
