/**
 * Registration applications (成立 / 变更 / 章程核准 / 注销) on the same workflow machinery as the annual
 * inspection (src/domain/workflow.ts): draft → submit → registrar review → 退回补正 loop → approve or refuse with
 * reasons. The service applies an approval to the register in the same batch as the transition.
 */
import type { Machine } from "./workflow";

export const APPLICATION_STATES = [
  "draft",
  "submitted",
  "returned",
  "approved",
  "refused",
  "withdrawn",
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = ["submit", "return", "approve", "refuse", "withdraw"] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const registrationMachine: Machine<ApplicationState, ApplicationAction> = {
  id: "registration",
  label: "登记申请",
  initial: "draft",
  states: {
    draft: { label: "草稿" },
    submitted: { label: "待审查" },
    returned: { label: "退回补正" },
    approved: { label: "准予登记", terminal: true },
    refused: { label: "不予登记", terminal: true },
    withdrawn: { label: "已撤回", terminal: true },
  },
  actions: {
    submit: { label: "提交申请" },
    return: { label: "退回补正" },
    approve: { label: "准予登记" },
    refuse: { label: "不予登记" },
    withdraw: { label: "撤回申请" },
  },
  transitions: [
    {
      action: "submit",
      from: ["draft", "returned"],
      // The registrar submits only the paper applications it records itself (flag set by the service).
      roles: ["applicant", "org", "registrar"],
      to: "submitted",
      guards: [
        {
          kind: "flag",
          flag: "channelMatches",
          equals: true,
          code: "wrong_channel",
          message: "这份申请应由申请人本人提交。",
        },
        {
          kind: "flag",
          flag: "hasBlockingProblems",
          equals: false,
          code: "blocked",
          message: "申请中还有必须修改的问题（见各栏目的提示），修改后才能提交。",
        },
        {
          kind: "flag",
          flag: "organizationActive",
          equals: true,
          code: "terminal_status",
          message: "该组织已终止登记，不能再申请。",
        },
      ],
      effects: [{ kind: "snapshot_report" }, { kind: "notify", audience: "registrar" }],
    },
    {
      action: "return",
      from: ["submitted"],
      roles: ["registrar"],
      to: "returned",
      guards: [{ kind: "reason_required" }, { kind: "deadline_valid" }],
      effects: [{ kind: "open_correction" }, { kind: "notify", audience: "org" }],
    },
    {
      action: "approve",
      from: ["submitted"],
      roles: ["registrar"],
      to: "approved",
      guards: [
        {
          kind: "flag",
          flag: "hasBlockingProblems",
          equals: false,
          code: "blocked",
          message: "申请仍不符合登记条件（见各栏目的提示），不能准予登记；可退回补正或不予登记。",
        },
        {
          kind: "flag",
          flag: "organizationActive",
          equals: true,
          code: "terminal_status",
          message: "该组织已终止登记，不能再办理。",
        },
      ],
      effects: [{ kind: "notify", audience: "org" }],
    },
    {
      action: "refuse",
      from: ["submitted"],
      roles: ["registrar"],
      to: "refused",
      guards: [{ kind: "reason_required" }],
      effects: [{ kind: "notify", audience: "org" }],
    },
    {
      action: "withdraw",
      from: ["draft", "returned", "submitted"],
      roles: ["applicant", "org", "registrar"],
      to: "withdrawn",
      guards: [
        {
          kind: "flag",
          flag: "channelMatches",
          equals: true,
          code: "wrong_channel",
          message: "只有提交申请的一方可以撤回。",
        },
      ],
    },
  ],
};

export function applicationStateLabel(s: ApplicationState): string {
  return registrationMachine.states[s].label;
}
