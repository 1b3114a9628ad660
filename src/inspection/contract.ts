/**
 * The annual inspection's service contract: the types and functions the routes call.
 * src/inspection/service.ts implements them (one module per seam behind it); src/inspection/portal-routes.tsx
 * (organizations), the review-*-routes.tsx modules (supervisors, registrars) and public-routes.tsx call them.
 *
 * Every mutating function: loads → checks scope (out of scope ⇒ { ok: false, code: "not_found" }, so routes answer
 * 404) → asks the domain (the 年检 machine through src/domain/workflow.ts decide, prechecks, windows) → writes ONE batch with its audit
 * event(s) (commitWithAudit) and its notices → returns a Result. None throws for bad input: refusals are values
 * with a Chinese message, and for form input a per-field message map keyed by dotted field path.
 */

import type { AppDeps, SessionUser } from "../context";
import type { InspectionReport, ReportSection } from "../domain/inspection-report";
import type { InspectionRates } from "../domain/inspection-stats";
import type { InspectionAction, InspectionState } from "../domain/inspection-workflow";
import type { OrgType, SupervisionMode } from "../domain/org-kinds";
import type { Check } from "../domain/prechecks";
import type { Conclusion, Problem, SectionComment } from "../domain/workflow";
import type { Result } from "../result";

export type { Refusal, Result } from "../result";

/** A year's inspection as one authority runs it. */
export interface InspectionYear {
  id: number;
  authorityId: number;
  year: number;
  /** Per organization type: when filing opens and closes (R-C1), and the supervisor's deadline (null for 基金会). */
  windows: Record<OrgType, { opensOn: string; closesOn: string; supervisorDueOn: string | null }>;
  /** R-C2: organizations registered after this date do not file for `year`. */
  cutoffOn: string;
  requiredCount: number;
  /** When the after-window marking of 未参检 ran, if it has. */
  notFiledMarkedAt: string | null;
  version: number;
}

export interface FilingSummary {
  id: number;
  year: number;
  org: {
    id: number;
    uscc: string;
    name: string;
    type: OrgType;
    supervisionMode: SupervisionMode;
    authorityName: string;
  };
  state: InspectionState;
  stateLabel: string;
  version: number;
  round: number;
  submittedAt: string | null;
  /** When it entered its current state: the queue shows how long it has waited. */
  stateSince: string;
  /** The reviewer holding it (taken), if any: others see who. */
  holder: { userId: number; name: string } | null;
  warningCount: number;
  /** Open correction, when state is returned. */
  correction: { reason: string; deadline: string; overdue: boolean } | null;
  conclusion: Conclusion | null;
  concludedOn: string | null;
}

export interface RoundView {
  round: number;
  submittedAt: string;
  checks: Check[];
  /** When this round was returned: the reviewer's reason, deadline and per-section comments (all rounds kept). */
  returned: { at: string; by: string; reason: string; deadline: string; comments: SectionComment[] } | null;
}

export interface FilingView extends FilingSummary {
  /** The supervisor unit's latest 初审 (who, when, the 初审意见), once it has passed the filing on. */
  supervisorOpinion: { unit: string; by: string; at: string; text: string | null } | null;
  /** R-C3: the years the correction deadline was counted across with no holiday calendar entered (weekends only). */
  deadlineUncalendared: number[];
  /** The current report (draft, or as submitted) with basicInfo read from the register. */
  report: InspectionReport;
  /** Machine pre-review on the current report. */
  checks: Check[];
  rounds: RoundView[];
  /** Sections changed since the previous round (reviewers see what changed). */
  changedSinceLastRound: ReportSection[];
  /** Last year's filing figures and conclusion, for comparison. */
  previousYear: { report: InspectionReport | null; conclusion: Conclusion | "not_filed" | null } | null;
  /** What the form offers for sections not saved yet: the party ledger and the cadre register (R-F3 三同步). */
  prefill: Partial<Pick<InspectionReport, "partyBuilding" | "cadres">>;
  /** Where the filed party section departs from the confirmed ledger, in words (for reviewers). */
  ledgerDifferences: string[];
  /** Where the filed cadre section departs from the cadre register (R-F5), for reviewers. */
  cadreDifferences: string[];
  /** An open 整改通知 or last year's poor conclusion makes the 整改报告 required (R-C6). */
  rectificationRequired: boolean;
  problems: Problem[];
  attachments: {
    id: number;
    section: ReportSection | "declaration";
    filename: string;
    size: number;
    contentType: string;
  }[];
  /** Actions this user may take now (labels in Chinese). */
  actions: { action: InspectionAction; label: string }[];
  /** The open 年检 window for this organization's type, with days remaining (org side). */
  window: {
    opensOn: string;
    closesOn: string;
    daysRemaining: number;
    status: "not_open" | "open" | "closed";
  };
}

export interface QueueFilters {
  year?: number;
  state?: InspectionState;
  type?: OrgType;
  /** District authority id (a city registrar sees its districts). */
  authorityId?: number;
  overdue?: boolean;
  hasWarnings?: boolean;
  /** Name fragment or 统一社会信用代码. */
  q?: string;
  page: number;
  perPage: number;
}

export interface QueuePage {
  items: FilingSummary[];
  total: number;
  /** Count per state for the reviewer's scope and year (for the tabs). */
  countsByState: Partial<Record<InspectionState, number>>;
}

export interface RatesRow {
  /** "all" or the district authority id. */
  scope: "all" | number;
  scopeName: string;
  type: OrgType | "all";
  required: number;
  rates: InspectionRates;
}

export interface Notice {
  id: number;
  text: string;
  href: string;
  createdAt: string;
  readAt: string | null;
}

export interface InspectionService {
  // Registrar: the year
  openYear(
    deps: AppDeps,
    user: SessionUser,
    input: { year: number; windows?: Partial<InspectionYear["windows"]>; cutoffOn?: string },
  ): Promise<Result<{ year: InspectionYear }>>;
  listYears(deps: AppDeps, user: SessionUser): Promise<InspectionYear[]>;
  /** After the window closes: required organizations that never submitted become 未参检 (R-C8 counts them). */
  markNotFiled(
    deps: AppDeps,
    user: SessionUser | "system",
    yearId: number,
  ): Promise<Result<{ marked: number }>>;

  // Organization
  /** The portal home: this year's filing (creating the draft lazily when required and the window is open). */
  orgHome(
    deps: AppDeps,
    user: SessionUser,
  ): Promise<{ current: FilingView | null; history: FilingSummary[]; nextStep: string }>;
  getFiling(deps: AppDeps, user: SessionUser, filingId: number): Promise<FilingView | null>;
  /** Saves one section from raw form fields (strings; money as yuan text). Returns the fresh checks. */
  saveSection(
    deps: AppDeps,
    user: SessionUser,
    filingId: number,
    section: ReportSection,
    form: Record<string, string | string[]>,
    version: number,
  ): Promise<Result<{ version: number; checks: Check[] }>>;
  addAttachment(
    deps: AppDeps,
    user: SessionUser,
    filingId: number,
    section: ReportSection | "declaration",
    file: { name: string; bytes: Uint8Array },
  ): Promise<Result<{ attachmentId: number }>>;
  getAttachment(
    deps: AppDeps,
    user: SessionUser,
    attachmentId: number,
  ): Promise<{ filename: string; contentType: string; data: Uint8Array } | null>;

  // Any role: one entry point for every transition (decide() checks it). `idempotencyKey` makes a double submit one.
  act(
    deps: AppDeps,
    user: SessionUser,
    filingId: number,
    action: InspectionAction,
    input: {
      version: number;
      idempotencyKey?: string;
      reason?: string;
      deadline?: string;
      comments?: SectionComment[];
      conclusion?: Conclusion;
      problems?: Problem[];
    },
  ): Promise<Result<{ state: InspectionState; version: number }>>;

  // Reviewers
  queue(deps: AppDeps, user: SessionUser, filters: QueueFilters): Promise<QueuePage>;
  take(
    deps: AppDeps,
    user: SessionUser,
    filingId: number,
    version: number,
  ): Promise<Result<{ version: number }>>;
  release(
    deps: AppDeps,
    user: SessionUser,
    filingId: number,
    version: number,
  ): Promise<Result<{ version: number }>>;
  rates(deps: AppDeps, user: SessionUser, year: number): Promise<RatesRow[]>;

  // Public (no user)
  publicHistory(
    deps: AppDeps,
    orgId: number,
  ): Promise<{ year: number; conclusion: Conclusion; concludedOn: string }[]>;
  conclusionsAnnouncement(
    deps: AppDeps,
    input: { year: number; authorityCode?: string; page: number; perPage: number },
  ): Promise<{
    total: number;
    items: {
      uscc: string;
      name: string;
      conclusion: Conclusion;
      concludedOn: string;
      authorityName: string;
    }[];
  }>;

  // Notices (in-app)
  notices(deps: AppDeps, user: SessionUser, unreadOnly?: boolean): Promise<Notice[]>;
  markNoticeRead(deps: AppDeps, user: SessionUser, noticeId: number): Promise<Result<Record<never, never>>>;
  /** Marks every notice the user can see as read; the number marked. */
  markAllNoticesRead(deps: AppDeps, user: SessionUser): Promise<number>;
}

/** A day in the holiday calendar: a 法定节假日, or a weekend made a 调休 working day. */
export interface Holiday {
  id: number;
  date: string;
  kind: "holiday" | "workday";
  name: string;
}
