/**
 * Filing workflows as data: states, transitions, the roles allowed to take each, guards and effects, all held in
 * plain objects and checked in one place (`decide`). This module is the engine; the machines live beside it:
 * the annual inspection (年检, R-C3) in inspection-workflow.ts, registration applications in
 * registration-workflow.ts, and the credit and zombie machines in their own modules.
 *
 * `decide` is pure: it never loads or writes anything. The service loads the filing, asks `decide`, and on
 * `{ ok: true }` writes the new state, the effects and the audit event in one batch, naming the version it read
 * (a stale version is refused here too when the caller passes both versions).
 */
import type { SupervisionMode } from "./org-kinds";
import {
  correctionDeadline,
  DEFAULT_CORRECTION_WORKING_DAYS,
  isIsoDate,
  toDayNumber,
  type WorkingDayCalendar,
} from "./working-days";

// ---------------------------------------------------------------------------------------------------------------
// Generic machinery

/** `applicant`: someone applying for 成立 without an account, acting through the one-time link of their application. */
/** `party`: the 党建 reviewer (社会组织党委 staff); it confirms ledger changes and takes no filing transition. */
export type WorkflowRole = "org" | "supervisor" | "registrar" | "party" | "admin" | "system" | "applicant";

export const ROLE_LABELS: Record<WorkflowRole, string> = {
  org: "社会组织",
  supervisor: "业务主管单位",
  registrar: "登记管理机关",
  party: "党建工作机构",
  admin: "系统管理员",
  system: "系统（自动）",
  applicant: "申请人",
};

/** Who acts. A signed-in SessionUser fits this shape; scheduled jobs act as `{ role: "system" }`. */
export interface Actor {
  role: WorkflowRole;
  /** For `applicant`: the application whose link they hold. */
  applicationId?: number | null;
  orgId?: number | null;
  authorityId?: number | null;
  supervisorUnitId?: number | null;
}

/** Whose filing it is, and so who may act on it. */
export interface FilingSubject {
  /** The organization; for a 成立 application, none until it is approved (0). */
  orgId: number;
  /** Registration applications: the application itself (an applicant acts on their own application only). */
  applicationId?: number | null;
  /** The registrar (登记管理机关) the organization belongs to. */
  authorityId: number;
  /** The 业务主管单位; null for 直接登记 / 脱钩 organizations (R-A11). */
  supervisorUnitId: number | null;
  supervisionMode: SupervisionMode;
}

/** A subject only its registrar acts on (a credit or zombie case, an application): no 业务主管单位 takes part. */
export function registrarSubject(orgId: number, authorityId: number, applicationId?: number): FilingSubject {
  const subject: FilingSubject = { orgId, authorityId, supervisorUnitId: null, supervisionMode: "direct" };
  if (applicationId !== undefined) subject.applicationId = applicationId;
  return subject;
}

/** R-C4 */
export const CONCLUSIONS = ["qualified", "basically_qualified", "unqualified"] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const CONCLUSION_LABELS: Record<Conclusion, string> = {
  qualified: "合格",
  basically_qualified: "基本合格",
  unqualified: "不合格",
};

/** R-C4: a problem the registrar found, with its severity (情节轻微 / 情节严重). */
export const PROBLEM_SEVERITIES = ["minor", "serious"] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];
export const PROBLEM_SEVERITY_LABELS: Record<ProblemSeverity, string> = {
  minor: "情节轻微",
  serious: "情节严重",
};
export interface Problem {
  description: string;
  severity: ProblemSeverity;
  /** The report section it concerns, if any. */
  section?: string;
}

/** A reviewer's comment on one section of the report (kept per round, R-C3). */
export interface SectionComment {
  section: string;
  text: string;
}

/** What the actor supplies with the action. */
export interface ActionInput {
  /** 退回补正: the reason, shown to the organization. */
  reason?: string;
  /** 退回补正: the deadline; defaults to 5 working days after today (R-C3). */
  deadline?: string;
  comments?: readonly SectionComment[];
  /** 结论 (R-C4) */
  conclusion?: Conclusion;
  problems?: readonly Problem[];
}

export interface DecideContext {
  subject: FilingSubject;
  /** Today's date in the bureau's timezone, 'YYYY-MM-DD'. */
  today: string;
  /** Facts that `flag` guards and branches read, e.g. `{ windowOpen: true, hasBlockingChecks: false }`. */
  flags?: Readonly<Record<string, boolean>>;
  input?: ActionInput;
  /** Holidays and make-up working days for the default correction deadline. */
  calendar?: WorkingDayCalendar;
  /** R-C3 setting: working days for the default correction deadline (default 5). */
  correctionWorkingDays?: number;
  /** The deadline of the open correction, when the filing is 退回补正. */
  openCorrectionDeadline?: string | null;
  /** Optimistic concurrency: the version the actor's page showed, and the version stored now. */
  version?: { read: number; current: number };
}

/** Conditions (used by guards, which refuse, and by branches, which choose the target state). */
export type Condition =
  | { kind: "flag"; flag: string; equals: boolean }
  | { kind: "supervision"; modes: readonly SupervisionMode[] };

/** A guard: a condition that must hold, or a built-in check on the action's input, each with its refusal. */
export type Guard =
  | (Condition & { code: string; message: string })
  | { kind: "reason_required" }
  | { kind: "deadline_valid" }
  | { kind: "conclusion_consistent" }
  | { kind: "correction_overdue" };

export type Audience = "org" | "supervisor" | "registrar";

/** Effects as declared in the machine; `decide` fills in their details from the input. */
export type EffectSpec =
  | { kind: "snapshot_report" }
  | { kind: "open_correction" }
  | { kind: "close_correction" }
  | { kind: "record_conclusion" }
  | { kind: "publish_conclusion" }
  | { kind: "notify"; audience: Audience };

/** Effects the service must carry out in the same batch as the state change. */
export type Effect =
  /** Freeze the report as submitted in this round (every round is kept, R-C3). */
  | { kind: "snapshot_report" }
  /** Open a correction round: its reason, deadline and per-section comments (R-C3). */
  | { kind: "open_correction"; reason: string; deadline: string; comments: readonly SectionComment[] }
  | { kind: "close_correction" }
  | { kind: "record_conclusion"; conclusion: Conclusion; problems: readonly Problem[] }
  /** 年检结论公告 (R-C4). */
  | { kind: "publish_conclusion" }
  | { kind: "notify"; audience: Audience }
  /** A step skipped for this filing, and the rule that skips it (R-A11 / R-C7). */
  | { kind: "skipped"; state: string; rule: string };

export interface Branch<S extends string> {
  /** The first branch whose condition holds (or that has none) is taken. */
  when?: Condition;
  to: S;
  /** States this branch passes over, recorded as `skipped` effects with the rule. */
  skips?: readonly S[];
  rule?: string;
  effects?: readonly EffectSpec[];
}

export interface StateDef {
  label: string;
  /** Nothing leads out of a terminal state. */
  terminal?: boolean;
}

export interface TransitionDef<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  roles: readonly WorkflowRole[];
  to: S | readonly Branch<S>[];
  guards?: readonly Guard[];
  effects?: readonly EffectSpec[];
}

export interface Machine<S extends string, A extends string> {
  id: string;
  label: string;
  initial: S;
  states: Readonly<Record<S, StateDef>>;
  actions: Readonly<Record<A, { label: string }>>;
  transitions: readonly TransitionDef<S, A>[];
}

export type RefusalCode =
  | "stale"
  | "unknown_action"
  | "unknown_state"
  | "terminal"
  | "illegal_transition"
  | "forbidden_role"
  | "out_of_scope"
  | "no_branch"
  // built-in guards
  | "reason_required"
  | "deadline_invalid"
  | "conclusion_missing"
  | "conclusion_inconsistent"
  | "correction_not_overdue"
  | (string & {});

export type Decision<S extends string, A extends string> =
  | { ok: true; action: A; from: S; to: S; effects: Effect[] }
  | { ok: false; code: RefusalCode; message: string };

function refuse(code: RefusalCode, message: string): { ok: false; code: RefusalCode; message: string } {
  return { ok: false, code, message };
}

function holds(condition: Condition, ctx: DecideContext): boolean {
  switch (condition.kind) {
    case "flag":
      return (ctx.flags?.[condition.flag] ?? false) === condition.equals;
    case "supervision":
      return condition.modes.includes(ctx.subject.supervisionMode);
  }
}

/** Whether the actor acts for the organization, registrar or supervisor this filing belongs to. */
export function inScope(actor: Actor, subject: FilingSubject): boolean {
  switch (actor.role) {
    case "org":
      return actor.orgId != null && actor.orgId === subject.orgId;
    case "registrar":
      return actor.authorityId != null && actor.authorityId === subject.authorityId;
    case "supervisor":
      return (
        subject.supervisorUnitId != null &&
        actor.supervisorUnitId != null &&
        actor.supervisorUnitId === subject.supervisorUnitId
      );
    case "applicant":
      return actor.applicationId != null && actor.applicationId === subject.applicationId;
    case "party":
      return false;
    case "admin":
    case "system":
      return true;
  }
}

const OUT_OF_SCOPE_MESSAGES: Record<WorkflowRole, string> = {
  org: "只能办理本组织的申报。",
  registrar: "该组织不属于本登记管理机关管辖，不能办理。",
  supervisor: "本单位不是该组织的业务主管单位，不能办理。",
  party: "无权办理。",
  admin: "无权办理。",
  system: "无权办理。",
  applicant: "只能办理本人提交的申请。",
};

const CHINESE_LIST = (items: readonly string[]) => items.join("、");

function transitionsFrom<S extends string, A extends string>(
  machine: Machine<S, A>,
  state: S,
): TransitionDef<S, A>[] {
  return machine.transitions.filter((t) => t.from.includes(state));
}

function checkGuard(guard: Guard, ctx: DecideContext): { code: RefusalCode; message: string } | null {
  const input = ctx.input ?? {};
  switch (guard.kind) {
    case "flag":
    case "supervision":
      return holds(guard, ctx) ? null : { code: guard.code, message: guard.message };
    case "reason_required":
      return (input.reason ?? "").trim() === ""
        ? { code: "reason_required", message: "请填写退回补正的原因，告诉申报单位需要修改什么。" }
        : null;
    case "deadline_valid": {
      if (input.deadline === undefined || input.deadline === "") return null;
      if (!isIsoDate(input.deadline)) {
        return { code: "deadline_invalid", message: "补正期限日期格式不正确，应为 YYYY-MM-DD。" };
      }
      if (toDayNumber(input.deadline) <= toDayNumber(ctx.today)) {
        return { code: "deadline_invalid", message: "补正期限应晚于今天。" };
      }
      return null;
    }
    case "conclusion_consistent":
      return conclusionProblem(input.conclusion, input.problems ?? []);
    case "correction_overdue": {
      const d = ctx.openCorrectionDeadline;
      if (d && toDayNumber(ctx.today) > toDayNumber(d)) return null;
      return {
        code: "correction_not_overdue",
        message: d
          ? `补正期限（${d}）尚未届满，不能标记为未参检。`
          : "该申报没有届满的补正期限，不能标记为未参检。",
      };
    }
  }
}

/**
 * R-C4: 合格 means no problems were found; 基本合格 needs at least one problem and all of them 情节轻微;
 * 不合格 needs at least one problem 情节严重. Every problem needs a description.
 */
export function conclusionProblem(
  conclusion: Conclusion | undefined,
  problems: readonly Problem[],
): { code: RefusalCode; message: string } | null {
  if (conclusion === undefined || !CONCLUSIONS.includes(conclusion)) {
    return { code: "conclusion_missing", message: "请选择年检结论：合格、基本合格或不合格。" };
  }
  if (problems.some((p) => p.description.trim() === "")) {
    return { code: "conclusion_inconsistent", message: "每个问题都需要写明具体情况。" };
  }
  const serious = problems.some((p) => p.severity === "serious");
  switch (conclusion) {
    case "qualified":
      return problems.length === 0
        ? null
        : {
            code: "conclusion_inconsistent",
            message: "已记录存在的问题，结论不能为“合格”：情节轻微的为“基本合格”，情节严重的为“不合格”。",
          };
    case "basically_qualified":
      if (problems.length === 0) {
        return { code: "conclusion_inconsistent", message: "结论为“基本合格”时，请记录发现的问题及其情节。" };
      }
      return serious
        ? {
            code: "conclusion_inconsistent",
            message: "存在情节严重的问题，结论应为“不合格”，不能为“基本合格”。",
          }
        : null;
    case "unqualified":
      return serious
        ? null
        : { code: "conclusion_inconsistent", message: "结论为“不合格”时，应至少记录一个情节严重的问题。" };
  }
}

function materialize(spec: EffectSpec, ctx: DecideContext): Effect {
  const input = ctx.input ?? {};
  switch (spec.kind) {
    case "open_correction":
      return {
        kind: "open_correction",
        reason: (input.reason ?? "").trim(),
        deadline:
          input.deadline && input.deadline !== ""
            ? input.deadline
            : correctionDeadline(
                ctx.today,
                ctx.calendar,
                ctx.correctionWorkingDays ?? DEFAULT_CORRECTION_WORKING_DAYS,
              ),
        comments: (input.comments ?? []).filter((c) => c.text.trim() !== ""),
      };
    case "record_conclusion":
      return { kind: "record_conclusion", conclusion: input.conclusion!, problems: input.problems ?? [] };
    default:
      return spec;
  }
}

/**
 * The one place a transition is checked. Order of refusals: stale version, unknown action or state, terminal state,
 * action not possible from this state, role, scope, then the transition's guards in order.
 */
export function decide<S extends string, A extends string>(
  machine: Machine<S, A>,
  current: S,
  action: string,
  actor: Actor,
  ctx: DecideContext,
): Decision<S, A> {
  if (ctx.version && ctx.version.read !== ctx.version.current) {
    return refuse("stale", "该申报已被他人处理，页面上的内容不是最新的。请刷新后查看当前状态。");
  }
  if (!Object.hasOwn(machine.actions, action)) return refuse("unknown_action", `没有“${action}”这项操作。`);
  const a = action as A;
  const state = Object.hasOwn(machine.states, current) ? machine.states[current] : undefined;
  if (!state) return refuse("unknown_state", `申报状态“${current}”无法识别。`);
  const actionLabel = machine.actions[a].label;
  if (state.terminal) {
    return refuse("terminal", `该申报已是“${state.label}”，办理已结束，不能再“${actionLabel}”。`);
  }
  const possible = transitionsFrom(machine, current);
  const t = possible.find((x) => x.action === a);
  if (!t) {
    const allowed = [...new Set(possible.map((x) => machine.actions[x.action].label))];
    const hint = allowed.length > 0 ? `此时可以办理的是：${CHINESE_LIST(allowed)}。` : "";
    return refuse("illegal_transition", `该申报当前为“${state.label}”，不能“${actionLabel}”。${hint}`);
  }
  if (!t.roles.includes(actor.role)) {
    const who = CHINESE_LIST(t.roles.map((r) => ROLE_LABELS[r]));
    return refuse("forbidden_role", `“${actionLabel}”只能由${who}办理。`);
  }
  if (!inScope(actor, ctx.subject)) return refuse("out_of_scope", OUT_OF_SCOPE_MESSAGES[actor.role]);
  for (const g of t.guards ?? []) {
    const failed = checkGuard(g, ctx);
    if (failed) return refuse(failed.code, failed.message);
  }

  let to: S;
  const effects: Effect[] = [];
  if (typeof t.to === "string") {
    to = t.to as S;
  } else {
    const branch = (t.to as readonly Branch<S>[]).find((b) => !b.when || holds(b.when, ctx));
    if (!branch) return refuse("no_branch", `“${actionLabel}”在当前情况下没有可去的下一步。`);
    to = branch.to;
    for (const s of branch.skips ?? []) effects.push({ kind: "skipped", state: s, rule: branch.rule ?? "" });
    for (const e of branch.effects ?? []) effects.push(materialize(e, ctx));
  }
  for (const e of t.effects ?? []) effects.push(materialize(e, ctx));
  return { ok: true, action: a, from: current, to, effects };
}

/** The actions this actor could take on a filing in this state (role and scope only; guards decide on submit). */
export function actionsFor<S extends string, A extends string>(
  machine: Machine<S, A>,
  current: S,
  actor: Actor,
  subject: FilingSubject,
): { action: A; label: string }[] {
  if (
    !Object.hasOwn(machine.states, current) ||
    machine.states[current].terminal ||
    !inScope(actor, subject)
  ) {
    return [];
  }
  const out: { action: A; label: string }[] = [];
  for (const t of transitionsFrom(machine, current)) {
    if (!t.roles.includes(actor.role) || out.some((o) => o.action === t.action)) continue;
    if (t.guards?.some((g) => g.kind === "supervision" && !g.modes.includes(subject.supervisionMode)))
      continue;
    out.push({ action: t.action, label: machine.actions[t.action].label });
  }
  return out;
}

/** Checks a machine's data: every referenced state exists, no action is ambiguous, terminals have no way out. */
export function validateMachine<S extends string, A extends string>(machine: Machine<S, A>): string[] {
  const problems: string[] = [];
  const states = new Set(Object.keys(machine.states));
  if (!states.has(machine.initial)) problems.push(`initial state ${machine.initial} is not defined`);
  const seen = new Set<string>();
  for (const t of machine.transitions) {
    if (!Object.hasOwn(machine.actions, t.action)) problems.push(`action ${t.action} has no label`);
    if (t.roles.length === 0) problems.push(`action ${t.action} has no role`);
    const targets =
      typeof t.to === "string"
        ? [t.to]
        : (t.to as readonly Branch<S>[]).flatMap((b) => [b.to, ...(b.skips ?? [])]);
    for (const s of [...t.from, ...targets]) {
      if (!states.has(s)) problems.push(`action ${t.action} refers to undefined state ${s}`);
    }
    for (const f of t.from) {
      if (machine.states[f]?.terminal) problems.push(`terminal state ${f} has a way out (${t.action})`);
      const key = `${f}|${t.action}`;
      if (seen.has(key)) problems.push(`action ${t.action} is defined twice from ${f}`);
      seen.add(key);
    }
    if (typeof t.to !== "string") {
      const branches = t.to as readonly Branch<S>[];
      if (branches.length === 0 || branches[branches.length - 1]!.when) {
        problems.push(`action ${t.action} has no fallback branch`);
      }
    }
  }
  // Every state is reachable from the initial one.
  const reached = new Set<string>([machine.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of machine.transitions) {
      if (!t.from.some((f) => reached.has(f))) continue;
      const targets = typeof t.to === "string" ? [t.to] : (t.to as readonly Branch<S>[]).map((b) => b.to);
      for (const s of targets) {
        if (!reached.has(s)) {
          reached.add(s);
          grew = true;
        }
      }
    }
  }
  for (const s of states) if (!reached.has(s)) problems.push(`state ${s} is unreachable`);
  return problems;
}
