/**
 * Reads and small write helpers for the annual inspection: the filing row with its organization, scopes, the
 * stale-write guard, and the summary shape lists show.
 */
import { type SQL, sql } from "drizzle-orm";
import type { OrgType, SupervisionMode } from "../../db/schema";
import {
  annualInspections,
  type InspectionWindows,
  inspectionProblems,
  inspectionRounds,
  inspectionSections,
  inspectionTransitions,
  inspectionYears,
} from "../../db/schema/inspection";
import type { SessionUser } from "../context";
import type { BatchItem, Db } from "../db";
import type { InspectionReport, RegisterEntry } from "../domain/inspection-report";
import type { InspectionState } from "../domain/inspection-workflow";
import { inspectionStateLabel } from "../domain/inspection-workflow";
import type { Check } from "../domain/prechecks";
import type { Conclusion, FilingSubject, Problem, SectionComment } from "../domain/workflow";
import { isOverdue } from "../domain/working-days";
import type { FilingSummary, InspectionYear } from "./contract";

/** The filing as stored, with the organization's register entry and names for display. */
export interface FilingRow {
  id: number;
  yearId: number;
  orgId: number;
  year: number;
  authorityId: number;
  orgType: OrgType;
  supervisionMode: SupervisionMode;
  supervisorUnitId: number | null;
  state: InspectionState;
  version: number;
  actVersion: number;
  round: number;
  holderUserId: number | null;
  holderName: string | null;
  holderAt: string | null;
  stateSince: string;
  submittedAt: string | null;
  lastSubmittedAt: string | null;
  correctionReason: string | null;
  correctionDeadline: string | null;
  conclusion: Conclusion | null;
  concludedOn: string | null;
  publishedOn: string | null;
  warningCount: number;
  submitKey: string | null;
  submitKeyVersion: number | null;
  authorityName: string;
  /** The register entry the report copies (R-C3), with the organization's status. */
  org: RegisterEntry & { status: string };
}

/** The columns every filing read selects (aliases: ai = annual_inspections, o = organizations, a = authorities). */
export const FILING_COLUMNS = sql.raw(`ai.id, ai.year_id, ai.org_id, ai.year, ai.authority_id, ai.org_type,
  ai.supervision_mode, ai.supervisor_unit_id, ai.state, ai.version, ai.act_version, ai.round, ai.holder_user_id,
  (SELECT u.display_name FROM users u WHERE u.id = ai.holder_user_id) AS holder_name, ai.holder_at, ai.state_since,
  ai.submitted_at, ai.last_submitted_at, ai.correction_reason, ai.correction_deadline, ai.conclusion, ai.concluded_on,
  ai.published_on, ai.warning_count, ai.submit_key, ai.submit_key_version, a.name AS authority_name,
  o.uscc, o.name AS org_name, o.type AS o_type, o.status AS o_status, o.legal_representative, o.address,
  o.activity_area, o.business_scope, o.supervision_mode AS o_supervision_mode, o.supervisor,
  o.party_building_authority, o.registered_on, o.capital_fen, o.foundation_kind, o.is_charity`);

export const FILING_FROM = sql.raw(
  "annual_inspections ai JOIN organizations o ON o.id = ai.org_id JOIN authorities a ON a.id = ai.authority_id",
);

type Raw = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => Number(v);

export function filingFromRaw(r: Raw): FilingRow {
  return {
    id: num(r.id),
    yearId: num(r.year_id),
    orgId: num(r.org_id),
    year: num(r.year),
    authorityId: num(r.authority_id),
    orgType: r.org_type as OrgType,
    supervisionMode: r.supervision_mode as SupervisionMode,
    supervisorUnitId: r.supervisor_unit_id == null ? null : num(r.supervisor_unit_id),
    state: r.state as InspectionState,
    version: num(r.version),
    actVersion: num(r.act_version),
    round: num(r.round),
    holderUserId: r.holder_user_id == null ? null : num(r.holder_user_id),
    holderName: str(r.holder_name),
    holderAt: str(r.holder_at),
    stateSince: String(r.state_since),
    submittedAt: str(r.submitted_at),
    lastSubmittedAt: str(r.last_submitted_at),
    correctionReason: str(r.correction_reason),
    correctionDeadline: str(r.correction_deadline),
    conclusion: (r.conclusion as Conclusion | null) ?? null,
    concludedOn: str(r.concluded_on),
    publishedOn: str(r.published_on),
    warningCount: num(r.warning_count),
    submitKey: str(r.submit_key),
    submitKeyVersion: r.submit_key_version == null ? null : num(r.submit_key_version),
    authorityName: String(r.authority_name),
    org: {
      uscc: String(r.uscc),
      name: String(r.org_name),
      type: r.o_type as OrgType,
      status: String(r.o_status),
      legalRepresentative: String(r.legal_representative ?? ""),
      address: String(r.address ?? ""),
      activityArea: String(r.activity_area ?? ""),
      businessScope: String(r.business_scope ?? ""),
      supervisionMode: r.o_supervision_mode as SupervisionMode,
      supervisor: str(r.supervisor),
      partyBuildingAuthority: str(r.party_building_authority),
      registeredOn: String(r.registered_on),
      capitalFen: num(r.capital_fen ?? 0),
      foundationKind: (r.foundation_kind as "public" | "non_public" | null) ?? null,
      isCharity: Boolean(num(r.is_charity ?? 0)),
    },
  };
}

export async function selectFilings(db: Db, where: SQL, tail: SQL = sql``): Promise<FilingRow[]> {
  const rows = (await db.all(
    sql`SELECT ${FILING_COLUMNS} FROM ${FILING_FROM} WHERE ${where} ${tail}`,
  )) as Raw[];
  return rows.map(filingFromRaw);
}

export async function loadFiling(db: Db, id: number): Promise<FilingRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return (await selectFilings(db, sql`ai.id = ${id}`))[0] ?? null;
}

export function subjectOf(f: FilingRow): FilingSubject {
  return {
    orgId: f.orgId,
    authorityId: f.authorityId,
    supervisorUnitId: f.supervisorUnitId,
    supervisionMode: f.supervisionMode,
  };
}

export function summaryOf(f: FilingRow, today: string): FilingSummary {
  return {
    id: f.id,
    year: f.year,
    org: {
      id: f.orgId,
      uscc: f.org.uscc,
      name: f.org.name,
      type: f.orgType,
      supervisionMode: f.supervisionMode,
      authorityName: f.authorityName,
    },
    state: f.state,
    stateLabel: inspectionStateLabel(f.state),
    version: f.version,
    round: f.round,
    submittedAt: f.submittedAt,
    stateSince: f.stateSince,
    holder: f.holderUserId === null ? null : { userId: f.holderUserId, name: f.holderName ?? "" },
    warningCount: f.warningCount,
    correction:
      f.state === "returned" && f.correctionDeadline
        ? {
            reason: f.correctionReason ?? "",
            deadline: f.correctionDeadline,
            overdue: isOverdue(today, f.correctionDeadline),
          }
        : null,
    conclusion: f.conclusion,
    concludedOn: f.concludedOn,
  };
}

/** An authority and every authority below it (a city and its districts). */
export async function authorityTree(db: Db, authorityId: number): Promise<number[]> {
  const rows = (await db.all(sql`
    WITH RECURSIVE tree(id) AS (
      SELECT ${authorityId}
      UNION SELECT a.id FROM authorities a JOIN tree t ON a.parent_id = t.id
    ) SELECT id FROM tree`)) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/**
 * Whether the user may see the filing at all (out of sight ⇒ "not_found"). A registrar sees its own authority's
 * filings and, read-only, those of the authorities below it; acting is decided by the workflow's `inScope`.
 */
export async function canSee(db: Db, user: SessionUser, f: FilingRow): Promise<boolean> {
  switch (user.role) {
    case "admin":
      return true;
    case "party":
      return false;
    case "org":
      return user.orgId !== null && user.orgId === f.orgId;
    case "supervisor":
      return user.supervisorUnitId !== null && user.supervisorUnitId === f.supervisorUnitId;
    case "registrar":
      if (user.authorityId === null) return false;
      if (user.authorityId === f.authorityId) return true;
      return (await authorityTree(db, user.authorityId)).includes(f.authorityId);
  }
}

export function yearFromRow(r: {
  id: number;
  authorityId: number;
  year: number;
  windows: InspectionWindows;
  cutoffOn: string;
  requiredCount: number;
  notFiledMarkedAt: string | null;
  version: number;
}): InspectionYear {
  return {
    id: r.id,
    authorityId: r.authorityId,
    year: r.year,
    windows: r.windows,
    cutoffOn: r.cutoffOn,
    requiredCount: r.requiredCount,
    notFiledMarkedAt: r.notFiledMarkedAt,
    version: r.version,
  };
}

/**
 * `(?, ?, …)` for a short list (an authority tree): the planner sees real values and picks the queue index.
 * Use `idList` for long lists.
 */
export function shortList(ids: readonly number[]): SQL {
  if (ids.length === 0) return sql`(NULL)`;
  return sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** `SELECT value FROM json_each(?)` over a list of ids: one parameter however long the list. */
export function idList(ids: readonly number[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/** `(?, ?, …)` for a short list of texts (states, organization types). */
export function idListText(values: readonly string[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** The round being returned for correction records who returned it, why, by when, and the comments. */
export function returnRound(
  db: Db,
  f: FilingRow,
  r: {
    user: SessionUser;
    at: string;
    reason: string;
    deadline: string;
    comments: readonly SectionComment[];
  },
): BatchItem {
  return db.run(sql`
    UPDATE inspection_rounds SET returned_at = ${r.at}, returned_by_user_id = ${r.user.id},
      returned_by_name = ${r.user.displayName}, reason = ${r.reason}, deadline = ${r.deadline},
      comments = ${JSON.stringify(r.comments)}
    WHERE filing_id = ${f.id} AND round = ${f.round}`);
}

/** The problems a conclusion recorded, in the order they were entered. */
export async function loadProblems(db: Db, filingId: number) {
  return (await db.all(
    sql`SELECT description, severity, section FROM inspection_problems WHERE filing_id = ${filingId} ORDER BY id`,
  )) as { description: string; severity: Problem["severity"]; section: string | null }[];
}

/** One inspection year's row, or null. */
export async function loadYear(db: Db, yearId: number) {
  const [row] = await db.select().from(inspectionYears).where(sql`${inspectionYears.id} = ${yearId}`);
  return row ?? null;
}

/** The authority a filing belongs to, or null when there is no such filing. */
export async function filingAuthorityId(db: Db, filingId: number): Promise<number | null> {
  const rows = (await db.all(sql`SELECT authority_id FROM annual_inspections WHERE id = ${filingId}`)) as {
    authority_id: number;
  }[];
  return rows[0] === undefined ? null : Number(rows[0].authority_id);
}

/** Take (a holder) or release (null): the filing names the version it was read at; a transition-level change. */
export function holderChange(db: Db, f: FilingRow, holderUserId: number | null, at: string): BatchItem {
  return db.run(sql`
    UPDATE annual_inspections SET holder_user_id = ${holderUserId}, holder_at = ${holderUserId === null ? null : at},
      version = version + 1, act_version = version + 1, updated_at = ${at}
    WHERE id = ${f.id} AND version = ${f.version}`);
}

/** A section save bumps the filing's version (not act_version), only from the version and state it was read at. */
export function filingTouch(db: Db, f: FilingRow, at: string): BatchItem {
  return db.run(sql`
    UPDATE annual_inspections SET version = version + 1, updated_at = ${at}
    WHERE id = ${f.id} AND version = ${f.version} AND state = ${f.state}`);
}

/** One section's data, saved at the filing's new version. */
export function sectionUpsert(
  db: Db,
  filingId: number,
  s: { section: string; data: unknown; savedVersion: number; userId: number; at: string },
): BatchItem {
  return db
    .insert(inspectionSections)
    .values({
      filingId,
      section: s.section,
      data: s.data,
      savedVersion: s.savedVersion,
      updatedByUserId: s.userId,
      updatedAt: s.at,
    })
    .onConflictDoUpdate({
      target: [inspectionSections.filingId, inspectionSections.section],
      set: { data: s.data, savedVersion: s.savedVersion, updatedByUserId: s.userId, updatedAt: s.at },
    });
}

/** A transition's change to the filing, only from the version and state it was decided on. */
export function filingTransitionUpdate(db: Db, f: FilingRow, set: Record<string, unknown>): BatchItem {
  return db
    .update(annualInspections)
    .set(set)
    .where(
      sql`${annualInspections.id} = ${f.id} AND ${annualInspections.version} = ${f.version} AND ${annualInspections.state} = ${f.state}`,
    );
}

/** The report as submitted in this round, with its 机器预审 results. */
export function roundSnapshot(
  db: Db,
  filingId: number,
  r: { round: number; snapshot: InspectionReport; checks: Check[]; at: string; userId: number },
): BatchItem {
  return db.insert(inspectionRounds).values({
    filingId,
    round: r.round,
    snapshot: r.snapshot,
    checks: r.checks,
    submittedAt: r.at,
    submittedByUserId: r.userId,
  });
}

/** One problem a conclusion records (R-C4). */
export function problemRow(db: Db, filingId: number, p: Problem, at: string): BatchItem {
  return db.insert(inspectionProblems).values({
    filingId,
    description: p.description,
    severity: p.severity,
    section: p.section || null,
    createdAt: at,
  });
}

/** A transition as logged and audited: who took which action, from and to which state, when, with its details. */
export interface TransitionFacts {
  action: string;
  from: InspectionState;
  to: InspectionState;
  user: SessionUser;
  at: string;
  details: Record<string, unknown>;
}

/** The transition's log row: who took which action, from and to which state, with its details. */
export function transitionLogRow(db: Db, filingId: number, t: TransitionFacts): BatchItem {
  return db.insert(inspectionTransitions).values({
    filingId,
    action: t.action,
    fromState: t.from,
    toState: t.to,
    actorUserId: t.user.id,
    actorRole: t.user.role,
    actorName: t.user.displayName,
    at: t.at,
    details: t.details,
  });
}
