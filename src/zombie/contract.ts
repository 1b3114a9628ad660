/** The types and figures the zombie views receive, apart from the queries and drizzle rows. */
import type { ZombieCaseAction, ZombieCaseState, ZombieOutcome } from "../domain/zombie-case";

export interface TriageRow {
  orgId: number;
  uscc: string;
  name: string;
  type: "social_group" | "private_non_enterprise" | "foundation";
  authorityName: string;
  authorityId: number;
  registeredOn: string;
  count: number;
  since: string;
  signals: string;
  facts: string;
  /** Who follows it up (bulk preparation), and its open case, if any. */
  assigneeName: string | null;
  caseId: number | null;
}

/** Counts stop here ("10,000 个以上"), as the register's search caps its count: a count never reads every candidate. */
export const TRIAGE_COUNT_CAP = 10_000;

/** A capped count in words: "1,234" or "10,000 以上". */
export const countText = (n: number) =>
  n > TRIAGE_COUNT_CAP ? `${TRIAGE_COUNT_CAP.toLocaleString("zh-CN")} 以上` : n.toLocaleString("zh-CN");

/** A 僵尸 case as stored: its state, the 事先告知 and hearing, the decision and its close (R-E3). */
export interface ZombieCaseRecord {
  id: number;
  orgId: number;
  authorityId: number;
  state: ZombieCaseState;
  outcome: ZombieOutcome | null;
  openedOn: string;
  /** The signals at 立案, in words with their dates. */
  signals: string;
  evidence: string;
  assigneeUserId: number | null;
  /** 限期整改: the 整改通知书 it waits for. */
  rectificationNoticeId: number | null;
  deregistrationInvitedOn: string | null;
  /** 撤销事先告知: mail | publication (公告送达), the 公告's day, when it counts as served, the window's last day. */
  noticeMethod: string | null;
  noticeDocumentNo: string | null;
  noticePublishedOn: string | null;
  noticeServedOn: string | null;
  windowEndsOn: string | null;
  hearingRequestedOn: string | null;
  hearingHeldOn: string | null;
  hearingOutcome: string | null;
  decisionKind: string | null;
  decisionDocumentNo: string | null;
  decidedOn: string | null;
  decisionReasons: string | null;
  /** 证书、印章收缴或作废 */
  certificateNote: string | null;
  closedOn: string | null;
  closeReason: string | null;
  version: number;
  createdAt: string;
}

/** One case's page: the case with its organization, events, contacts and what the viewer may do now. */
export interface ZombieCaseView extends ZombieCaseRecord {
  orgName: string;
  uscc: string;
  orgStatus: string;
  isCharity: boolean;
  orgVersion: number;
  authorityName: string;
  assigneeName: string | null;
  notice: { documentNo: string; deadline: string; state: string } | null;
  events: {
    action: string;
    toState: string;
    actorName: string | null;
    at: string;
    details: Record<string, unknown> | null;
  }[];
  contacts: { kind: string; on: string; byName: string; reached: boolean; outcome: string }[];
  actions: { action: ZombieCaseAction; label: string }[];
  mayAct: boolean;
  today: string;
  /** Working days left in the 陈述/申辩/听证 window and to the 整改通知书's deadline, while they run (R-E3). */
  windowLeft: number | null;
  noticeLeft: number | null;
  /**
   * Years without a holiday calendar that a deadline in use was counted across (weekends only): the window, the
   * 整改通知书's deadline, and the deadlines the steps open now would set from today.
   */
  uncalendared: { window: number[]; notice: number[]; steps: number[] };
}

/** One line of the cases list. */
export interface CaseListRow {
  id: number;
  orgName: string;
  uscc: string;
  state: ZombieCaseState;
  outcome: ZombieOutcome | null;
  openedOn: string;
  closedOn: string | null;
  windowEndsOn: string | null;
  noticeServedOn: string | null;
  assigneeName: string | null;
  /** While the 陈述/申辩/听证 window runs: working days left, and the years it crossed without a holiday calendar. */
  windowLeft: number | null;
  windowUncalendared: number[];
}
