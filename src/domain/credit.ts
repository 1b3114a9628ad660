/**
 * Credit lists under 60号令 (domain.md §4): 活动异常名录 (`abnormal`) and 严重违法失信名单 (`serious`).
 *
 * One `credit case` is one organization on one list for one ground, from candidate to removal. Its life is a
 * machine on the shared workflow engine (src/domain/workflow.ts), with due process before listing (R-D7):
 *   candidate ─serve_notice→ notified ─object→ objected ─decide_list→ listed ─remove→ removed
 *        │                      └──────────────decide_list / decide_drop──┘
 *        └─ list_directly (R-D4(7) only: the 撤销/吊销 had its own hearing) → listed
 *        └─ decide_drop → dropped
 * Pure rules only: dates, grounds, the machine. The service (src/credit/) reads and writes.
 */

import type { Machine } from "./workflow";
import { addWorkingDays, type WorkingDayCalendar } from "./working-days";

export const CREDIT_LISTS = ["abnormal", "serious"] as const;
export type CreditList = (typeof CREDIT_LISTS)[number];
export const CREDIT_LIST_LABELS: Record<CreditList, string> = {
  abnormal: "活动异常名录",
  serious: "严重违法失信名单",
};

/** R-D1 (活动异常名录) and R-D4 (严重违法失信名单) grounds, stored as codes. */
export const CREDIT_GROUNDS = {
  d1_1: { list: "abnormal", rule: "R-D1(1)", label: "未按照规定时限和要求报送年度工作报告" },
  d1_2: { list: "abnormal", rule: "R-D1(2)", label: "应当建立而未建立党组织" },
  d1_3: { list: "abnormal", rule: "R-D1(3)", label: "未按登记管理机关整改通知要求限期完成整改" },
  d1_4: {
    list: "abnormal",
    rule: "R-D1(4)",
    label: "具有公开募捐资格的慈善组织不再符合条件或连续六个月未开展公开募捐",
  },
  d1_5: { list: "abnormal", rule: "R-D1(5)", label: "受到警告或者不满5万元罚款的行政处罚" },
  d1_6: { list: "abnormal", rule: "R-D1(6)", label: "通过登记的住所无法与之取得联系" },
  d1_7: { list: "abnormal", rule: "R-D1(7)", label: "法律、行政法规规定的其他情形" },
  d4_1: { list: "serious", rule: "R-D4(1)", label: "被列入活动异常名录满2年" },
  d4_2: { list: "serious", rule: "R-D4(2)", label: "弄虚作假办理变更登记，被撤销变更登记" },
  d4_3: { list: "serious", rule: "R-D4(3)", label: "受到限期停止活动行政处罚" },
  d4_4: { list: "serious", rule: "R-D4(4)", label: "受到5万元以上罚款处罚" },
  d4_5: { list: "serious", rule: "R-D4(5)", label: "三年内两次以上受到警告或者不满5万元罚款处罚" },
  d4_6: { list: "serious", rule: "R-D4(6)", label: "被列入失信被执行人名单" },
  d4_7: { list: "serious", rule: "R-D4(7)", label: "被撤销登记或者吊销登记证书" },
  d4_8: { list: "serious", rule: "R-D4(8)", label: "法律、行政法规规定的其他情形" },
} as const satisfies Record<string, { list: CreditList; rule: string; label: string }>;
export type CreditGround = keyof typeof CREDIT_GROUNDS;
export const CREDIT_GROUND_CODES = Object.keys(CREDIT_GROUNDS) as CreditGround[];

export function groundsOf(list: CreditList): CreditGround[] {
  return CREDIT_GROUND_CODES.filter((g) => CREDIT_GROUNDS[g].list === list);
}

/**
 * R-D3: grounds that leave nothing to cure (a penalty already served) are removed automatically six months after
 * listing; the others are removed when the organization cures them and applies.
 */
export const NOTHING_TO_CURE: ReadonlySet<CreditGround> = new Set(["d1_5"]);

export const CREDIT_STATES = ["candidate", "notified", "objected", "listed", "dropped", "removed"] as const;
export type CreditState = (typeof CREDIT_STATES)[number];
export const CREDIT_ACTIONS = [
  "serve_notice",
  "object",
  "decide_list",
  "decide_drop",
  "list_directly",
  "remove",
] as const;
export type CreditAction = (typeof CREDIT_ACTIONS)[number];

/** How a 事先告知 reached the organization (R-D7): in its portal, by registered mail, or by online 公告. */
export const SERVICE_METHODS = ["portal", "mail", "publication"] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  portal: "系统内送达",
  mail: "邮寄送达",
  publication: "公告送达",
};

export const REMOVAL_REASONS = ["cured", "automatic", "escalated", "deregistered", "corrected"] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];
export const REMOVAL_REASON_LABELS: Record<RemovalReason, string> = {
  cured: "已整改（依申请移出）",
  automatic: "列入满6个月自动移出",
  escalated: "列入活动异常名录满2年，转入严重违法失信名单",
  deregistered: "已办理注销登记",
  corrected: "列入有误，予以更正",
};

export const creditMachine: Machine<CreditState, CreditAction> = {
  id: "credit",
  label: "信用名单",
  initial: "candidate",
  states: {
    candidate: { label: "待处理" },
    notified: { label: "已事先告知" },
    objected: { label: "已提出异议" },
    listed: { label: "已列入" },
    dropped: { label: "不予列入", terminal: true },
    removed: { label: "已移出", terminal: true },
  },
  actions: {
    serve_notice: { label: "送达事先告知" },
    object: { label: "提出异议" },
    decide_list: { label: "决定列入" },
    decide_drop: { label: "决定不予列入" },
    list_directly: { label: "直接列入" },
    remove: { label: "移出名录" },
  },
  transitions: [
    { action: "serve_notice", from: ["candidate"], roles: ["registrar"], to: "notified" },
    {
      action: "object",
      from: ["notified"],
      roles: ["org"],
      to: "objected",
      guards: [
        {
          kind: "flag",
          flag: "objectionWindowOpen",
          equals: true,
          code: "objection_closed",
          message: "提出异议的期限已过。",
        },
      ],
    },
    {
      action: "decide_list",
      from: ["notified", "objected"],
      roles: ["registrar"],
      to: "listed",
      guards: [
        { kind: "reason_required" },
        {
          kind: "flag",
          flag: "mayDecide",
          equals: true,
          code: "objection_window_open",
          message: "事先告知的异议期尚未届满，组织也未提出异议，暂不能作出决定（R-D7）。",
        },
      ],
    },
    {
      action: "decide_drop",
      from: ["candidate", "notified", "objected"],
      roles: ["registrar"],
      to: "dropped",
      guards: [{ kind: "reason_required" }],
    },
    {
      action: "list_directly",
      from: ["candidate"],
      roles: ["registrar", "system"],
      to: "listed",
      guards: [
        {
          kind: "flag",
          flag: "listableWithoutNotice",
          equals: true,
          code: "notice_required",
          message:
            "列入前须先送达事先告知（R-D7）；只有被撤销登记或吊销登记证书的组织可以直接列入（R-D4(7)）。",
        },
      ],
    },
    {
      action: "remove",
      from: ["listed"],
      roles: ["registrar", "system"],
      to: "removed",
      guards: [{ kind: "reason_required" }],
    },
  ],
};

export const CREDIT_STATE_LABELS: Record<CreditState, string> = Object.fromEntries(
  CREDIT_STATES.map((s) => [s, creditMachine.states[s].label]),
) as Record<CreditState, string>;

// ---------------------------------------------------------------------------------------------------------------
// Dates

const DAY = 24 * 60 * 60 * 1000;

/** `day` plus `months` calendar months; a day the month lacks falls on its last day (8-31 + 6 months → 2-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** R-D3: the day an entry with nothing to cure leaves 活动异常名录 by itself (six months after listing). */
export function automaticRemovalOn(listedOn: string): string {
  return addMonths(listedOn, 6);
}

/**
 * R-D4(1) with R-D5: the day an organization's 活动异常名录 entries move to 严重违法失信名单 — two full years after
 * its most recent listing (a new listable event while listed restarts the clock).
 */
export function escalationOn(abnormalListings: readonly string[]): string | null {
  if (abnormalListings.length === 0) return null;
  const latest = [...abnormalListings].sort().at(-1)!;
  return addMonths(latest, 24);
}

/** R-D6: removal from 严重 may be applied for after two full years without a new event (R-D5 restarts it). */
export function seriousRemovalEligibleOn(seriousListings: readonly string[]): string | null {
  if (seriousListings.length === 0) return null;
  return addMonths([...seriousListings].sort().at(-1)!, 24);
}

/** R-D10: credit information is entered within 5 working days of arising. */
export function entryDeadline(arisenOn: string, calendar: WorkingDayCalendar, workingDays = 5): string {
  return addWorkingDays(arisenOn, workingDays, calendar);
}

/** R-D3: a cured entry's removal is decided within 5 working days of the application. */
export function removalDecisionDeadline(appliedOn: string, calendar: WorkingDayCalendar): string {
  return addWorkingDays(appliedOn, 5, calendar);
}

/** R-D7: the day the objection window closes, counted in working days from service. */
export function objectionDeadline(
  servedOn: string,
  calendar: WorkingDayCalendar,
  workingDays: number,
): string {
  return addWorkingDays(servedOn, workingDays, calendar);
}

/** R-D7 [C]: an online 公告 replaces service when unreachable; it counts as served after this many days. */
export function publicationServedOn(publishedOn: string, days: number): string {
  return new Date(Date.parse(`${publishedOn}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// R-D2 unreachable, R-D9 publication periods

export interface LetterFact {
  sentOn: string;
  outcome: "pending" | "signed" | "unsigned";
}

/**
 * R-D2 [C]: unreachable at the registered 住所 when two letters were both unsigned and the second was sent
 * `interval.min`–`interval.max` days after the first. Returns the pair that establishes it, or null.
 */
export function unreachableBy(
  letters: readonly LetterFact[],
  interval: { min: number; max: number },
): [LetterFact, LetterFact] | null {
  const unsigned = letters
    .filter((l) => l.outcome === "unsigned")
    .sort((a, b) => a.sentOn.localeCompare(b.sentOn));
  for (let i = 0; i < unsigned.length; i++) {
    for (let j = i + 1; j < unsigned.length; j++) {
      const days = (Date.parse(unsigned[j]!.sentOn) - Date.parse(unsigned[i]!.sentOn)) / DAY;
      if (days >= interval.min && days <= interval.max) return [unsigned[i]!, unsigned[j]!];
    }
  }
  return null;
}

/** R-D9: publication periods on shared platforms (信用修复管理办法), kept apart from the list state. */
export const PUBLICATION_PERIODS = ["minor", "general", "serious"] as const;
export type PublicationPeriod = (typeof PUBLICATION_PERIODS)[number];
export const PUBLICATION_PERIOD_LABELS: Record<PublicationPeriod, string> = {
  minor: "轻微（公示不超过3个月）",
  general: "一般（公示3至12个月）",
  serious: "严重（公示1至3年）",
};

export function publicationPeriodOf(ground: CreditGround): PublicationPeriod {
  if (CREDIT_GROUNDS[ground].list === "serious") return "serious";
  return ground === "d1_5" ? "minor" : "general";
}

// ---------------------------------------------------------------------------------------------------------------
// Penalties (行政处罚) → grounds

export interface PenaltyFact {
  id: number;
  kind: "warning" | "fine" | "confiscation" | "suspension";
  amountFen: number | null;
  decidedOn: string;
}

/** ¥50,000 in fen: the line between R-D1(5) and R-D4(4). */
export const LARGE_FINE_FEN = 5_000_000;

/**
 * The grounds an organization's penalties give, each with the penalties that give it: a 警告 or a fine under ¥50,000
 * → R-D1(5); a fine of ¥50,000 or more → R-D4(4); 限期停止活动 → R-D4(3); two or more 警告 / small fines within three
 * years → R-D4(5) (the latest pair counted from the latest one back).
 */
export function groundsFromPenalties(
  list: readonly PenaltyFact[],
): { ground: CreditGround; penalties: number[] }[] {
  const out: { ground: CreditGround; penalties: number[] }[] = [];
  const small = list.filter(
    (p) => p.kind === "warning" || (p.kind === "fine" && (p.amountFen ?? 0) < LARGE_FINE_FEN),
  );
  for (const p of small) out.push({ ground: "d1_5", penalties: [p.id] });
  for (const p of list) {
    if (p.kind === "fine" && (p.amountFen ?? 0) >= LARGE_FINE_FEN)
      out.push({ ground: "d4_4", penalties: [p.id] });
    if (p.kind === "suspension") out.push({ ground: "d4_3", penalties: [p.id] });
  }
  const sorted = [...small].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
  for (let i = 1; i < sorted.length; i++) {
    const latest = sorted[i]!;
    const windowStart = addMonths(latest.decidedOn, -36);
    const earlier = sorted.slice(0, i).filter((p) => p.decidedOn > windowStart);
    if (earlier.length > 0) out.push({ ground: "d4_5", penalties: [...earlier.map((p) => p.id), latest.id] });
  }
  return out;
}

/** Who a 严重 list entry names besides the organization (R-D8): its 法定代表人 or 负责人. */
export const CREDIT_PERSON_ROLES = ["legal_representative", "principal"] as const;
export type CreditPersonRole = (typeof CREDIT_PERSON_ROLES)[number];
