import { cnDate } from "../domain/dates";
/** The annual inspection's transitions: input checks, the machine's decision, its effects, one batch. */

import { type AuditInput, auditStatement, commitWithAudit } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import type { BatchItem, Db } from "../db";
import { isStaleWrite, staleGuard } from "../db";
import { type InspectionReport, REPORT_SECTIONS } from "../domain/inspection-report";
import { windowFlags } from "../domain/inspection-window";
import {
  annualInspectionMachine,
  INSPECTION_ACTIONS,
  type InspectionAction,
  type InspectionState,
} from "../domain/inspection-workflow";
import { type Check, hasBlocks } from "../domain/prechecks";
import { CONCLUSION_LABELS, CONCLUSIONS, decide, type Effect, PROBLEM_SEVERITIES } from "../domain/workflow";
import { memberCountsFromFiling } from "../party/inspection-link";
import type { InspectionService, Result } from "./contract";
import {
  auditActorOf,
  invalid,
  loadFilingContext,
  MAX_TEXT,
  NOT_FOUND,
  nowIso,
  STALE,
  todayOf,
  windowOf,
  workflowActorOf,
} from "./filing-context";
import { loadCalendar } from "./holidays";
import { filingHref, noticeStatement } from "./notices";
import {
  canSee,
  type FilingRow,
  filingTransitionUpdate,
  loadFiling,
  problemRow,
  returnRound,
  roundSnapshot,
  subjectOf,
  type TransitionFacts,
  transitionLogRow,
} from "./queries";
import { checksFor } from "./report";

// ---------------------------------------------------------------------------------------------------------------
// Transitions

type ActInput = Parameters<InspectionService["act"]>[4];

function validateActInput(action: InspectionAction, input: ActInput): Record<string, string> {
  const fields: Record<string, string> = {};
  if ((input.reason ?? "").length > MAX_TEXT) fields.reason = `原因不能超过${MAX_TEXT}个字`;
  if (input.idempotencyKey !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(input.idempotencyKey)) {
    fields.idempotencyKey = "提交标识不正确，请刷新页面后重新提交";
  }
  (input.comments ?? []).forEach((c, i) => {
    if (!(REPORT_SECTIONS as readonly string[]).includes(c.section) && c.section !== "general") {
      fields[`comments.${i}.section`] = "意见所属部分不正确";
    }
    if (typeof c.text !== "string" || c.text.length > MAX_TEXT) {
      fields[`comments.${i}.text`] = `意见不能超过${MAX_TEXT}个字`;
    }
  });
  if (action === "conclude") {
    if (input.conclusion !== undefined && !(CONCLUSIONS as readonly string[]).includes(input.conclusion)) {
      fields.conclusion = "请选择年检结论：合格、基本合格或不合格";
    }
    (input.problems ?? []).forEach((p, i) => {
      if (!(PROBLEM_SEVERITIES as readonly string[]).includes(p.severity)) {
        fields[`problems.${i}.severity`] = "请选择情节：情节轻微或情节严重";
      }
      if (typeof p.description !== "string" || p.description.length > MAX_TEXT) {
        fields[`problems.${i}.description`] = `问题描述不能超过${MAX_TEXT}个字`;
      }
      if (
        p.section !== undefined &&
        p.section !== "" &&
        !(REPORT_SECTIONS as readonly string[]).includes(p.section)
      ) {
        fields[`problems.${i}.section`] = "问题所属部分不正确";
      }
    });
  }
  return fields;
}

function noticeFor(
  f: FilingRow,
  action: InspectionAction,
  audience: "org" | "supervisor" | "registrar",
  effects: Effect[],
  round: number,
): { to: Parameters<typeof noticeStatement>[1]; text: string } | null {
  const org = `「${f.org.name}」`;
  const year = `${f.year} 年度`;
  if (audience === "org") {
    const correction = effects.find((e) => e.kind === "open_correction");
    const conclusion = effects.find((e) => e.kind === "record_conclusion");
    const text = correction
      ? `您单位${year}年检报告被退回补正：${correction.reason} 请于 ${cnDate(correction.deadline)} 前修改后重新提交。`
      : conclusion
        ? `您单位${year}年检结论为“${CONCLUSION_LABELS[conclusion.conclusion]}”。`
        : action === "mark_not_filed"
          ? `您单位未在规定期限内提交${year}年检报告，已被标记为“未参检”。`
          : `您单位${year}年检申报状态有更新。`;
    return { to: { orgId: f.orgId }, text };
  }
  if (audience === "supervisor") {
    if (f.supervisorUnitId === null) return null;
    return {
      to: { supervisorUnitId: f.supervisorUnitId },
      text: `${org}的${year}年检报告已通过登记机关预审，请进行初审。`,
    };
  }
  const text =
    action === "withdraw"
      ? `${org}撤回了${year}年检报告。`
      : action === "pass_supervisor_review"
        ? `${org}的${year}年检报告已通过业务主管单位初审，等待登记机关审查。`
        : `${org}提交了${year}年检报告（第 ${round} 轮），等待预审。`;
  return { to: { authorityId: f.authorityId }, text };
}

type PendingNotice = {
  to: Parameters<typeof noticeStatement>[1];
  text: string;
  audience: "org" | "supervisor" | "registrar";
};

/**
 * What the machine's effects write, beside the filing's own UPDATE: `set` (the filing's new columns) is filled in
 * place; the returned statements join the transition's batch, `details` its log row and audit event.
 */
function effectsOf(
  deps: AppDeps,
  user: SessionUser,
  f: FilingRow,
  action: InspectionAction,
  input: ActInput,
  t: {
    effects: Effect[];
    set: Record<string, unknown>;
    checks: Check[];
    working: InspectionReport;
    next: number;
    at: string;
    today: string;
  },
): { effectItems: BatchItem[]; details: Record<string, unknown>; notices: PendingNotice[] } {
  const { effects, set, checks, working, next, at, today } = t;
  const db = deps.db;
  const effectItems: BatchItem[] = [];
  const details: Record<string, unknown> = {};
  const notices: PendingNotice[] = [];
  let round = f.round;
  for (const e of effects) {
    switch (e.kind) {
      case "snapshot_report": {
        round = f.round + 1;
        const warnings = checks.filter((ch) => ch.severity === "warning").length;
        Object.assign(set, {
          round,
          warningCount: warnings,
          submittedAt: f.submittedAt ?? at,
          lastSubmittedAt: at,
          ...(input.idempotencyKey ? { submitKey: input.idempotencyKey, submitKeyVersion: next } : {}),
        });
        effectItems.push(roundSnapshot(db, f.id, { round, snapshot: working, checks, at, userId: user.id }));
        details.round = round;
        details.warnings = warnings;
        break;
      }
      case "open_correction":
        Object.assign(set, { correctionReason: e.reason, correctionDeadline: e.deadline });
        effectItems.push(
          returnRound(db, f, { user, at, reason: e.reason, deadline: e.deadline, comments: e.comments }),
        );
        Object.assign(details, { reason: e.reason, deadline: e.deadline, comments: e.comments });
        break;
      case "close_correction":
        Object.assign(set, { correctionReason: null, correctionDeadline: null });
        break;
      case "record_conclusion":
        Object.assign(set, { conclusion: e.conclusion, concludedOn: today });
        for (const p of e.problems) {
          effectItems.push(problemRow(db, f.id, p, at));
        }
        Object.assign(details, { conclusion: e.conclusion, problems: e.problems });
        // R-F3: the concluded filing's member counts enter the party ledger's history.
        if (working.partyBuilding) {
          const counts = memberCountsFromFiling(db, f.orgId, f.id, f.year, working.partyBuilding);
          if (counts) effectItems.push(counts);
        }
        break;
      case "publish_conclusion":
        Object.assign(set, { publishedOn: today });
        break;
      case "notify": {
        const n = noticeFor(f, action, e.audience, effects, round);
        if (n) notices.push({ ...n, audience: e.audience });
        break;
      }
      case "skipped":
        details.skipped = { state: e.state, rule: e.rule };
        break;
    }
  }
  return { effectItems, details, notices };
}

export async function act(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
  action: InspectionAction,
  input: ActInput,
): Promise<Result<{ state: InspectionState; version: number }>> {
  const db = deps.db;
  const f = await loadFiling(db, filingId);
  if (!f || !(await canSee(db, user, f))) return NOT_FOUND;
  const submitting = action === "submit" || action === "resubmit";
  // A repeated submit (same idempotency key) answers what the first one did and changes nothing.
  if (submitting && input.idempotencyKey && f.submitKey === input.idempotencyKey) {
    return { ok: true, state: "submitted", version: f.submitKeyVersion ?? f.version };
  }
  if (!(INSPECTION_ACTIONS as readonly string[]).includes(action)) {
    return { ok: false, code: "unknown_action", message: `没有“${action}”这项操作。` };
  }
  const fields = validateActInput(action, input);
  if (Object.keys(fields).length > 0) return invalid("请改正标出的内容。", fields);
  if (!Number.isInteger(input.version) || input.version < f.actVersion || input.version > f.version) {
    return STALE;
  }

  const today = todayOf(deps);
  const c = await loadFilingContext(db, f, deps.config.domain.prechecks);
  const w = windowOf(c.yearRow.windows, f.orgType);
  const checks = submitting ? checksFor(c.working, c.precheck) : [];
  const calendar = await loadCalendar(db);
  const decision = decide(annualInspectionMachine, f.state, action, workflowActorOf(user), {
    subject: subjectOf(f),
    today,
    flags: { ...windowFlags(w, today), hasBlockingChecks: hasBlocks(checks) },
    input: {
      reason: input.reason,
      deadline: input.deadline,
      comments: input.comments,
      conclusion: input.conclusion,
      problems: input.problems?.map((p) => ({ ...p, description: p.description.trim() })),
    },
    calendar,
    correctionWorkingDays: deps.config.domain.correctionDeadlineWorkingDays,
    openCorrectionDeadline: f.correctionDeadline,
  });
  if (!decision.ok) {
    if (decision.code === "blocking_checks") {
      const blockFields: Record<string, string> = {};
      for (const ch of checks)
        if (ch.severity === "block" && !(ch.field in blockFields)) blockFields[ch.field] = ch.message;
      return { ok: false, code: decision.code, message: decision.message, fields: blockFields };
    }
    return { ok: false, code: decision.code, message: decision.message };
  }
  if (user.role !== "org" && f.holderUserId !== null && f.holderUserId !== user.id) {
    return {
      ok: false,
      code: "held",
      message: `该申报正由${f.holderName ?? "其他工作人员"}办理，请与其联系，或待其释放后再办理。`,
    };
  }

  const at = nowIso(deps);
  const next = f.version + 1;
  const set = transitionSet(decision.to, next, at, action === "start_pre_review" ? user.id : null);
  const { effectItems, details, notices } = effectsOf(deps, user, f, action, input, {
    effects: decision.effects,
    set,
    checks,
    working: c.working,
    next,
    at,
    today,
  });
  if (input.idempotencyKey) details.idempotencyKey = input.idempotencyKey;
  // The supervisor unit's 初审意见 travels with its pass; the registrar's review page reads it back.
  if (action === "pass_supervisor_review" && input.reason?.trim()) details.opinion = input.reason.trim();

  const t = { action, from: decision.from, to: decision.to, user, at, details };
  try {
    await commitWithAudit(
      db,
      auditActorOf(user),
      transitionStatements(db, f, set, { effectItems, notices }, t),
      transitionEvent(f, t, next),
    );
  } catch (e) {
    if (!isStaleWrite(e)) throw e;
    if (submitting && input.idempotencyKey) {
      // Two copies of one submit raced: the one that lost answers what the winner did.
      const again = await loadFiling(db, f.id);
      if (again?.submitKey === input.idempotencyKey) {
        return { ok: true, state: "submitted", version: again.submitKeyVersion ?? again.version };
      }
    }
    return STALE;
  }
  return { ok: true, state: decision.to, version: next };
}

/**
 * The statements that publish one recorded conclusion (R-C4: public from `today`), as `act(…, "publish")` writes them,
 * for a batch that publishes many under one 年检结论公告 (src/registration/conclusion-batch.ts): the machine decides, the
 * filing's guarded update, the transition log, the notices and the audit event. Null when the machine refuses.
 */
export async function publishStatements(
  deps: AppDeps,
  user: SessionUser,
  f: FilingRow,
  details: Record<string, unknown>,
): Promise<BatchItem[] | null> {
  const db = deps.db;
  const today = todayOf(deps);
  const decision = decide(annualInspectionMachine, f.state, "publish", workflowActorOf(user), {
    subject: subjectOf(f),
    today,
    flags: {},
    input: {},
    calendar: await loadCalendar(db),
    correctionWorkingDays: deps.config.domain.correctionDeadlineWorkingDays,
    openCorrectionDeadline: f.correctionDeadline,
  });
  if (!decision.ok) return null;
  const at = nowIso(deps);
  const next = f.version + 1;
  const set = transitionSet(decision.to, next, at, null);
  const effects = effectsOf(
    deps,
    user,
    f,
    "publish",
    { version: f.version },
    {
      effects: decision.effects,
      set,
      checks: [],
      working: {} as InspectionReport,
      next,
      at,
      today,
    },
  );
  Object.assign(effects.details, details);
  const t = { action: "publish", from: decision.from, to: decision.to, user, at, details: effects.details };
  return [
    ...transitionStatements(db, f, set, effects, t),
    auditStatement(db, auditActorOf(user), transitionEvent(f, t, next)),
  ];
}

/** The filing's columns every transition sets: the new state and version, and its holder (start_pre_review's only). */
function transitionSet(to: InspectionState, next: number, at: string, holderUserId: number | null) {
  const set: Record<string, unknown> = {
    state: to,
    version: next,
    actVersion: next,
    stateSince: at,
    updatedAt: at,
    holderUserId,
    holderAt: holderUserId === null ? null : at,
  };
  return set;
}

/** A transition's statements before its audit event: the version-guarded update, its effects, its log row, notices. */
function transitionStatements(
  db: Db,
  f: FilingRow,
  set: Record<string, unknown>,
  effects: { effectItems: BatchItem[]; notices: PendingNotice[] },
  t: TransitionFacts,
): BatchItem[] {
  return [
    filingTransitionUpdate(db, f, set),
    staleGuard(db),
    ...effects.effectItems,
    transitionLogRow(db, f.id, t),
    ...effects.notices.map((n) => noticeStatement(db, n.to, n.text, filingHref(n.audience, f.id), t.at)),
  ];
}

/** The audit event of a transition: the filing's year, the move, the new version and what the effects recorded. */
function transitionEvent(f: FilingRow, t: TransitionFacts, next: number): AuditInput {
  return {
    action: `inspection.${t.action}`,
    objectType: "annual_inspection",
    objectId: f.id,
    orgId: f.orgId,
    summary: { year: f.year, from: t.from, to: t.to, version: next, ...t.details },
  };
}
