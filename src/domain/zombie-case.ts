/**
 * A zombie case (僵尸型社会组织处置, domain.md §5: R-E2, R-E3), one per organization, on the workflow engine:
 *
 *   open (立案) ─start_investigation→ investigating
 *     ─order_rectification→ rectifying ─close_rectified→ closed (整改完成)      [the 整改通知书 accepted]
 *     ─guide_deregistration→ deregistering ─close_deregistered→ closed (已注销) [the organization deregistered]
 *     ─serve_revocation_notice→ notified (撤销事先告知; mail, or 公告送达 when unreachable)
 *         ─record_hearing_request→ hearing ─record_hearing→ notified (heard)
 *         ─decide_revocation→ decided (撤销 / 吊销 with 文号; the register's 撤销 and its 公告 in the same batch)
 *             ─record_certificate→ closed (撤销: certificate and seal collected or declared void)
 *   open | investigating ─close_not_zombie→ closed (not a zombie: activity found, with reasons)
 *
 * A signal never sanctions anyone (R-E2): every step is a registrar's decision on this one organization. A decision
 * waits for the 陈述/申辩/听证 window to end (or a requested hearing to be held): `mayDecide` below.
 */
import type { Machine } from "./workflow";

export const ZOMBIE_CASE_STATES = [
  "open",
  "investigating",
  "rectifying",
  "deregistering",
  "notified",
  "hearing",
  "decided",
  "closed",
] as const;
export type ZombieCaseState = (typeof ZOMBIE_CASE_STATES)[number];

export const ZOMBIE_CASE_ACTIONS = [
  "start_investigation",
  "order_rectification",
  "close_rectified",
  "guide_deregistration",
  "close_deregistered",
  "serve_revocation_notice",
  "record_hearing_request",
  "record_hearing",
  "decide_revocation",
  "record_certificate",
  "close_not_zombie",
] as const;
export type ZombieCaseAction = (typeof ZOMBIE_CASE_ACTIONS)[number];

export const ZOMBIE_OUTCOMES = [
  "rectified",
  "deregistered",
  "revoked",
  "license_revoked",
  "not_zombie",
] as const;
export type ZombieOutcome = (typeof ZOMBIE_OUTCOMES)[number];
export const ZOMBIE_OUTCOME_LABELS: Record<ZombieOutcome, string> = {
  rectified: "限期整改完成",
  deregistered: "引导注销",
  revoked: "撤销登记",
  license_revoked: "吊销登记证书",
  not_zombie: "经核实不属于僵尸型组织",
};

const flag = (name: string, message: string) => ({
  kind: "flag" as const,
  flag: name,
  equals: true,
  code: name,
  message,
});

export const zombieCaseMachine: Machine<ZombieCaseState, ZombieCaseAction> = {
  id: "zombie-case",
  label: "僵尸型社会组织处置",
  initial: "open",
  states: {
    open: { label: "已立案" },
    investigating: { label: "调查核实中" },
    rectifying: { label: "限期整改中" },
    deregistering: { label: "引导注销中" },
    notified: { label: "已送达撤销事先告知" },
    hearing: { label: "已申请听证" },
    decided: { label: "已作出撤销决定" },
    closed: { label: "已结案", terminal: true },
  },
  actions: {
    start_investigation: { label: "开始调查核实" },
    order_rectification: { label: "责令限期整改" },
    close_rectified: { label: "整改完成，结案" },
    guide_deregistration: { label: "引导办理注销" },
    close_deregistered: { label: "已注销，结案" },
    serve_revocation_notice: { label: "送达撤销事先告知" },
    record_hearing_request: { label: "登记听证申请" },
    record_hearing: { label: "登记听证结果" },
    decide_revocation: { label: "作出撤销（吊销）决定" },
    record_certificate: { label: "登记证书、印章收缴或作废，结案" },
    close_not_zombie: { label: "不属于僵尸型组织，结案" },
  },
  transitions: [
    { action: "start_investigation", from: ["open"], roles: ["registrar"], to: "investigating" },
    { action: "order_rectification", from: ["investigating"], roles: ["registrar"], to: "rectifying" },
    {
      action: "close_rectified",
      from: ["rectifying"],
      roles: ["registrar"],
      to: "closed",
      guards: [flag("noticeAccepted", "整改通知书的整改报告尚未验收，不能以整改完成结案。")],
    },
    { action: "guide_deregistration", from: ["investigating"], roles: ["registrar"], to: "deregistering" },
    {
      action: "close_deregistered",
      from: ["deregistering"],
      roles: ["registrar"],
      to: "closed",
      guards: [flag("deregistered", "该组织尚未完成注销登记，不能以注销结案。")],
    },
    { action: "serve_revocation_notice", from: ["investigating"], roles: ["registrar"], to: "notified" },
    {
      action: "record_hearing_request",
      from: ["notified"],
      roles: ["registrar"],
      to: "hearing",
      guards: [flag("windowOpen", "陈述、申辩和申请听证的期限已过。")],
    },
    { action: "record_hearing", from: ["hearing"], roles: ["registrar"], to: "notified" },
    {
      action: "decide_revocation",
      from: ["notified"],
      roles: ["registrar"],
      to: "decided",
      guards: [
        { kind: "reason_required" },
        flag("mayDecide", "陈述、申辩和申请听证的期限尚未届满，暂不能作出撤销决定（R-E3）。"),
        flag("kindAllowed", "吊销登记证书只适用于慈善组织；其他组织请作出撤销登记决定。"),
      ],
    },
    { action: "record_certificate", from: ["decided"], roles: ["registrar"], to: "closed" },
    {
      action: "close_not_zombie",
      from: ["open", "investigating"],
      roles: ["registrar"],
      to: "closed",
      guards: [{ kind: "reason_required" }],
    },
  ],
};

export const ZOMBIE_CASE_STATE_LABELS: Record<ZombieCaseState, string> = Object.fromEntries(
  ZOMBIE_CASE_STATES.map((s) => [s, zombieCaseMachine.states[s].label]),
) as Record<ZombieCaseState, string>;

/**
 * R-E3: the day a 撤销 事先告知 counts as served (by mail: the day served; by 公告: after the publication period),
 * and the last day to make a statement, a defence or ask for a hearing.
 */
export function revocationWindow(
  servedOrPublishedOn: string,
  method: "mail" | "publication",
  publicationDays: number,
  addWorkingDays: (day: string, n: number) => string,
  windowWorkingDays: number,
): { servedOn: string; windowEndsOn: string } {
  const servedOn =
    method === "publication"
      ? new Date(Date.parse(`${servedOrPublishedOn}T00:00:00Z`) + publicationDays * 86_400_000)
          .toISOString()
          .slice(0, 10)
      : servedOrPublishedOn;
  return { servedOn, windowEndsOn: addWorkingDays(servedOn, windowWorkingDays) };
}

/** R-E3: a decision may be made once the window has ended, or once a requested hearing has been held. */
export function mayDecide(
  c: { windowEndsOn: string | null; hearingRequestedOn: string | null; hearingHeldOn: string | null },
  today: string,
): boolean {
  if (!c.windowEndsOn) return false;
  if (c.hearingRequestedOn && !c.hearingHeldOn) return false;
  return today > c.windowEndsOn || c.hearingHeldOn !== null;
}
