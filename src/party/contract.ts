/** What the party-building views read (R-F1…R-F5): plain data, no database handles. */

import type { PartyOrgType } from "../domain/inspection-report";
import type { OrgType } from "../domain/org-kinds";
import type {
  CadreFinding,
  CadrePostFact,
  Coverage,
  MemberCountSource,
  PartyFinding,
  PartyVersionState,
  TermStatus,
} from "../domain/party";
import type { PartyActivityKind } from "../domain/party-activities";

export type { Refusal, Result } from "../result";

export interface PartyOrgRecord {
  id: number;
  state: PartyVersionState;
  hasPartyOrg: boolean;
  orgType: PartyOrgType | null;
  name: string | null;
  approvalDoc: string | null;
  approvedOn: string | null;
  parentOrg: string | null;
  leadingBody: string | null;
  coveredOrgs: { id: number; name: string; uscc: string }[];
  secretaryName: string | null;
  secretaryIsOfficer: boolean;
  committeeSize: number | null;
  committeeMembers: string | null;
  termStart: string | null;
  termEnd: string | null;
  inCharter: boolean;
  instructorName: string | null;
  instructorUnit: string | null;
  instructorAppointedOn: string | null;
  note: string | null;
  submittedAt: string;
  submittedByName: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  effectiveOn: string | null;
  supersededOn: string | null;
  version: number;
}

export interface CountsRow {
  id: number;
  asOf: string;
  fullMembers: number;
  probationaryMembers: number;
  activists: number;
  source: MemberCountSource;
  recordedAt: string;
}

export interface ActivityRow {
  id: number;
  heldOn: string;
  kind: PartyActivityKind;
  topic: string;
  attendance: number;
  attachmentName: string | null;
}

export interface LedgerOrg {
  id: number;
  uscc: string;
  name: string;
  type: OrgType;
  authorityId: number;
  authorityName: string;
  supervisionMode: string;
  supervisor: string | null;
}

export interface LedgerView {
  org: LedgerOrg;
  /** The day the ledger is shown as at (today unless the viewer asked for an earlier day). */
  asOf: string;
  today: string;
  confirmed: PartyOrgRecord | null;
  pending: PartyOrgRecord | null;
  history: PartyOrgRecord[];
  counts: CountsRow | null;
  countsHistory: CountsRow[];
  activities: ActivityRow[];
  activitiesTotal: number;
  page: number;
  pageSize: number;
  coveredBy: { name: string; uscc: string; branchName: string }[];
  findings: PartyFinding[];
  term: TermStatus;
  coverage: Coverage;
  alerts: AlertRow[];
  /** The organization itself (keeps its ledger). */
  mayEdit: boolean;
  /** A registrar or 党建 reviewer of the organization's own authority (confirms changes). */
  mayConfirm: boolean;
}

export interface CoverageSummary {
  total: number;
  organizational: number;
  work: number;
  groups: {
    dimension: "authority" | "type" | "supervisor";
    rows: (CoverageGroupRow & { label: string })[];
  }[];
  uncovered: (UncoveredRow & { authorityName: string })[];
  uncoveredTotal: number;
  page: number;
  pageSize: number;
  pending: PendingRow[];
  alerts: AlertRow[];
  quarters: { quarter: string; n: number; orgs: number }[];
  filters: { type?: string; supervisorUnitId?: number };
  types: { value: string; label: string }[];
  units: { value: string; label: string }[];
}

/** One post in the cadre register (R-F5), with the person as the register may show them (id tail only). */
export interface CadrePostRow extends CadrePostFact {
  uscc: string;
  authorityId: number;
  idTail: string;
  cadrePosition: string;
  termEnd: string | null;
  approvedOn: string | null;
  endReason: string | null;
  version: number;
}

/** The cadre register page: posts with their findings, paginated. */
export interface CadreRegisterView {
  rows: (CadrePostRow & { findings: CadreFinding[] })[];
  findings: CadreFinding[];
  total: number;
  page: number;
  pageSize: number;
  mayEdit: boolean;
  filters: { q?: string; state?: "current" | "ended" | "findings" };
}

/** One group of the coverage table (by authority, type or supervisor): how many, and how many covered. */
export interface CoverageGroupRow {
  key: string;
  total: number;
  organizational: number;
  work: number;
}

/** An organization with neither coverage (no party organization, no joint branch, no instructor). */
export interface UncoveredRow {
  id: number;
  name: string;
  uscc: string;
  type: string;
  authorityId: number;
}

/** A party organization change waiting for review. */
export interface PendingRow {
  versionId: number;
  orgName: string;
  uscc: string;
  submittedAt: string;
  note: string | null;
}

/** An open alert on a party committee's term, due or overdue (R-F2). */
export interface AlertRow {
  orgName: string;
  uscc: string;
  kind: "term_due" | "term_overdue";
  termEnd: string;
  raisedOn: string;
}
