/** What the party-building views read (R-F1…R-F5): plain data, no database handles. */

import type { MemberCountSource, PartyActivityKind, PartyVersionState } from "../../db/schema/party";
import type { OrgType } from "../../db/schema/registry";
import type { PartyOrgType } from "../domain/inspection-report";
import type { CadreFinding, CadrePostFact, Coverage, PartyFinding, TermStatus } from "../domain/party";
import type { AlertRow, CoverageGroupRow, PendingRow, UncoveredRow } from "./queries";

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
