/**
 * The annual inspection (年检, R-C3) as a workflow machine: its states and actions, who may take each, the guards
 * (R-C1 windows, 机器预审 blocks, R-C4 conclusions) and the effects the service writes in the same batch. The engine
 * that runs it (`decide`, `actionsFor`) is src/domain/workflow.ts.
 */
import type { SupervisionMode } from "./org-kinds";
import type { Machine } from "./workflow";

export const INSPECTION_STATES = [
  "draft",
  "submitted",
  "pre_review",
  "returned",
  "supervisor_review",
  "registrar_review",
  "concluded",
  "published",
  "not_filed",
] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

export const INSPECTION_ACTIONS = [
  "submit",
  "withdraw",
  "start_pre_review",
  "pass_pre_review",
  "return_for_correction",
  "resubmit",
  "pass_supervisor_review",
  "conclude",
  "publish",
  "mark_not_filed",
] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

/** Flags the service supplies in `DecideContext.flags` for this machine. */
export type InspectionFlags = {
  /** R-C1: the authority's window for year N is open today. */
  windowOpen: boolean;
  /** R-C1: the window has closed (after its last day). */
  windowClosed: boolean;
  /** 机器预审 found at least one block. */
  hasBlockingChecks: boolean;
};

const NOT_SUPERVISED: readonly SupervisionMode[] = ["direct", "decoupled"];

export const annualInspectionMachine: Machine<InspectionState, InspectionAction> = {
  id: "annual_inspection",
  label: "年检（年度工作报告）",
  initial: "draft",
  states: {
    draft: { label: "草稿" },
    submitted: { label: "已提交" },
    pre_review: { label: "登记机关预审" },
    returned: { label: "退回补正" },
    supervisor_review: { label: "业务主管单位初审" },
    registrar_review: { label: "登记机关审查" },
    concluded: { label: "已出结论" },
    published: { label: "已公告", terminal: true },
    not_filed: { label: "未参检", terminal: true },
  },
  actions: {
    submit: { label: "提交" },
    withdraw: { label: "撤回" },
    start_pre_review: { label: "开始预审" },
    pass_pre_review: { label: "通过预审" },
    return_for_correction: { label: "退回补正" },
    resubmit: { label: "重新提交" },
    pass_supervisor_review: { label: "通过初审" },
    conclude: { label: "作出年检结论" },
    publish: { label: "公告" },
    mark_not_filed: { label: "标记为未参检" },
  },
  transitions: [
    {
      action: "submit",
      from: ["draft"],
      roles: ["org"],
      to: "submitted",
      guards: [
        {
          kind: "flag",
          flag: "windowOpen",
          equals: true,
          code: "window_closed",
          message: "年检申报期不在开放时间内，不能提交。如有特殊情况请联系登记管理机关。",
        },
        {
          kind: "flag",
          flag: "hasBlockingChecks",
          equals: false,
          code: "blocking_checks",
          message: "机器预审发现必须修改的问题，请按提示修改后再提交。",
        },
      ],
      effects: [{ kind: "snapshot_report" }, { kind: "notify", audience: "registrar" }],
    },
    {
      // Before the registrar has started the pre-review, the organization may take its filing back.
      action: "withdraw",
      from: ["submitted"],
      roles: ["org"],
      to: "draft",
      // A draft after the window cannot be submitted again and would be marked 未参检: the filing is kept instead.
      guards: [
        {
          kind: "flag",
          flag: "windowOpen",
          equals: true,
          code: "window_closed",
          message:
            "申报期已结束，已提交的年度工作报告不能再撤回（撤回后将无法重新提交）。如需修改，请等待登记管理机关退回补正。",
        },
      ],
      effects: [{ kind: "notify", audience: "registrar" }],
    },
    { action: "start_pre_review", from: ["submitted"], roles: ["registrar"], to: "pre_review" },
    {
      action: "pass_pre_review",
      from: ["pre_review"],
      roles: ["registrar"],
      // R-A11 / R-C7: no 业务主管单位 step for 直接登记 and 脱钩 organizations.
      to: [
        {
          when: { kind: "supervision", modes: NOT_SUPERVISED },
          to: "registrar_review",
          skips: ["supervisor_review"],
          rule: "R-A11",
        },
        { to: "supervisor_review", effects: [{ kind: "notify", audience: "supervisor" }] },
      ],
    },
    {
      // R-C3: the registrar returns at pre-review or at its own review, the supervisor at its review.
      action: "return_for_correction",
      from: ["pre_review", "registrar_review"],
      roles: ["registrar"],
      to: "returned",
      guards: [{ kind: "reason_required" }, { kind: "deadline_valid" }],
      effects: [{ kind: "open_correction" }, { kind: "notify", audience: "org" }],
    },
    {
      action: "return_for_correction",
      from: ["supervisor_review"],
      roles: ["supervisor"],
      to: "returned",
      guards: [{ kind: "reason_required" }, { kind: "deadline_valid" }],
      effects: [{ kind: "open_correction" }, { kind: "notify", audience: "org" }],
    },
    {
      // R-C3: a corrected filing goes through pre-review again. The window does not apply to corrections.
      action: "resubmit",
      from: ["returned"],
      roles: ["org"],
      to: "submitted",
      guards: [
        {
          kind: "flag",
          flag: "hasBlockingChecks",
          equals: false,
          code: "blocking_checks",
          message: "机器预审发现必须修改的问题，请按提示修改后再提交。",
        },
      ],
      effects: [
        { kind: "close_correction" },
        { kind: "snapshot_report" },
        { kind: "notify", audience: "registrar" },
      ],
    },
    {
      action: "pass_supervisor_review",
      from: ["supervisor_review"],
      roles: ["supervisor"],
      to: "registrar_review",
      guards: [
        {
          kind: "supervision",
          modes: ["supervised"],
          code: "no_supervisor_step",
          message: "该组织为直接登记或已脱钩，没有业务主管单位初审环节（R-A11）。",
        },
      ],
      effects: [{ kind: "notify", audience: "registrar" }],
    },
    {
      action: "conclude",
      from: ["registrar_review"],
      roles: ["registrar"],
      to: "concluded",
      guards: [{ kind: "conclusion_consistent" }],
      effects: [{ kind: "record_conclusion" }, { kind: "notify", audience: "org" }],
    },
    {
      action: "publish",
      from: ["concluded"],
      roles: ["registrar", "system"],
      to: "published",
      effects: [{ kind: "publish_conclusion" }],
    },
    {
      // An organization required to file that has not submitted when the window closes. An organization with no
      // filing at all is treated as a draft.
      action: "mark_not_filed",
      from: ["draft"],
      roles: ["registrar", "system"],
      to: "not_filed",
      guards: [
        {
          kind: "flag",
          flag: "windowClosed",
          equals: true,
          code: "window_not_closed",
          message: "年检申报期尚未结束，不能标记为未参检。",
        },
      ],
      effects: [{ kind: "notify", audience: "org" }],
    },
    {
      // A filing returned for correction and never resubmitted: once both the window and the correction deadline
      // have passed it counts as not filed.
      action: "mark_not_filed",
      from: ["returned"],
      roles: ["registrar", "system"],
      to: "not_filed",
      guards: [
        {
          kind: "flag",
          flag: "windowClosed",
          equals: true,
          code: "window_not_closed",
          message: "年检申报期尚未结束，不能标记为未参检。",
        },
        { kind: "correction_overdue" },
      ],
      effects: [{ kind: "close_correction" }, { kind: "notify", audience: "org" }],
    },
  ],
};

/** States in which the organization has filed (submitted at least once and not marked 未参检): R-C10's "filed". */
export const FILED_STATES: readonly InspectionState[] = [
  "submitted",
  "pre_review",
  "returned",
  "supervisor_review",
  "registrar_review",
  "concluded",
  "published",
];

/** States waiting for a reviewer, and which side holds them. */
export const REVIEW_QUEUES: Readonly<Partial<Record<InspectionState, "registrar" | "supervisor">>> = {
  submitted: "registrar",
  pre_review: "registrar",
  supervisor_review: "supervisor",
  registrar_review: "registrar",
  concluded: "registrar",
};

export function inspectionStateLabel(state: InspectionState): string {
  return annualInspectionMachine.states[state].label;
}

export function inspectionActionLabel(action: InspectionAction): string {
  return annualInspectionMachine.actions[action].label;
}
