/** The types and figures the zombie views receive, apart from the queries and drizzle rows. */

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
