/**
 * The annual inspection (年检 / 年度工作报告, domain.md §3).
 *
 * Glossary (English in code ↔ Chinese in the UI):
 *   inspection_year        一个登记管理机关某年度的年检（申报期 window、登记截止日 cutoff）
 *   annual_inspection      一个组织某年度的年检申报 (a "filing"); its state follows src/domain/inspection-workflow.ts
 *   section                报告的一个部分 (R-C5), stored as JSON; money inside is integer fen
 *   round                  一轮提交：提交时的报告快照、机器预审结果；退回补正时的原因、期限和逐部分意见 (R-C3)
 *   transition             状态流转记录 (append-only)
 *   problem                年检中发现的问题及情节 (R-C4)
 *   attachment             附件（整改报告、签字页…），按内容识别为 PDF / PNG / JPEG
 *   notice                 站内通知（给某个用户，或给一个组织 / 登记管理机关 / 业务主管单位的全部用户）
 *   holiday                法定节假日 (holiday) 与调休上班日 (workday)，由管理员维护
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ATTACHMENT_CONTENT_TYPES, MAX_ATTACHMENT_BYTES } from "../../src/domain/attachments";
import { INSPECTION_STATES } from "../../src/domain/inspection-workflow";
import { CONCLUSIONS, PROBLEM_SEVERITIES } from "../../src/domain/workflow";
import { authorities, ORG_TYPES, type OrgType, organizations, SUPERVISION_MODES } from "./registry";
import { inList } from "./sql";

// One list of states, conclusions and severities: the workflow's (src/domain/inspection-workflow.ts holds the machine).
const INSPECTION_STATE_VALUES = INSPECTION_STATES;
const CONCLUSION_VALUES = CONCLUSIONS;
const SEVERITY_VALUES = PROBLEM_SEVERITIES;

export { ATTACHMENT_CONTENT_TYPES, MAX_ATTACHMENT_BYTES };
export const HOLIDAY_KINDS = ["holiday", "workday"] as const;

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export type InspectionWindows = Record<
  OrgType,
  { opensOn: string; closesOn: string; supervisorDueOn: string | null }
>;

export const inspectionYears = sqliteTable(
  "inspection_years",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    /** The year reported on (N); filing happens in N+1. */
    year: integer("year").notNull(),
    /** Per organization type: opens, closes (inclusive), the supervisor's due date (R-C1). */
    windows: text("windows", { mode: "json" }).$type<InspectionWindows>().notNull(),
    /** R-C2: organizations registered after this date do not file for `year`. */
    cutoffOn: text("cutoff_on").notNull(),
    requiredCount: integer("required_count").notNull().default(0),
    notFiledMarkedAt: text("not_filed_marked_at"),
    openedByUserId: integer("opened_by_user_id"),
    openedAt: text("opened_at").notNull().default(now),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("inspection_years_authority_year_uq").on(t.authorityId, t.year),
    check("inspection_years_year_ck", sql`${t.year} BETWEEN 1990 AND 2200`),
  ],
);

/** One filing per organization and year. Subject columns (authority, type, supervision) are copied at creation. */
export const annualInspections = sqliteTable(
  "annual_inspections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    yearId: integer("year_id")
      .notNull()
      .references(() => inspectionYears.id),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    year: integer("year").notNull(),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    orgType: text("org_type", { enum: ORG_TYPES }).notNull(),
    supervisionMode: text("supervision_mode", { enum: SUPERVISION_MODES }).notNull(),
    /** The 业务主管单位 (null for 直接登记 / 脱钩, R-A11). */
    supervisorUnitId: integer("supervisor_unit_id"),
    state: text("state", { enum: INSPECTION_STATE_VALUES }).notNull().default("draft"),
    /** Bumped by every write to the filing (sections included). */
    version: integer("version").notNull().default(1),
    /** The version written by the last transition / take / release: a page read before it is stale. */
    actVersion: integer("act_version").notNull().default(1),
    /** Submissions so far (round n = the n-th submission). */
    round: integer("round").notNull().default(0),
    holderUserId: integer("holder_user_id"),
    holderAt: text("holder_at"),
    stateSince: text("state_since").notNull().default(now),
    /** First submission. */
    submittedAt: text("submitted_at"),
    lastSubmittedAt: text("last_submitted_at"),
    correctionReason: text("correction_reason"),
    correctionDeadline: text("correction_deadline"),
    conclusion: text("conclusion", { enum: CONCLUSION_VALUES }),
    concludedOn: text("concluded_on"),
    publishedOn: text("published_on"),
    warningCount: integer("warning_count").notNull().default(0),
    /** Idempotency: the key of the last submit and the version that submit produced. */
    submitKey: text("submit_key"),
    submitKeyVersion: integer("submit_key_version"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("annual_inspections_org_year_uq").on(t.orgId, t.year),
    // The registrar's queue and counts per state; the supervisor's.
    index("annual_inspections_queue_idx").on(t.authorityId, t.year, t.state, t.stateSince),
    // The daily jobs find 未参检 (and 不合格) filings without reading every filing (credit candidates, zombie signals).
    index("annual_inspections_state_idx").on(t.state, t.orgId),
    index("annual_inspections_supervisor_queue_idx").on(t.supervisorUnitId, t.year, t.state, t.stateSince),
    // Public: the 年检结论公告 per year.
    index("annual_inspections_published_idx").on(t.year, t.state, t.publishedOn),
    index("annual_inspections_year_idx").on(t.yearId, t.state),
    // The statistics' 年检 figures per year, state, conclusion and 公告 day, read from the index alone.
    index("annual_inspections_statistics_idx").on(t.year, t.state, t.conclusion, t.orgId, t.publishedOn),
    check("annual_inspections_state_ck", inList("state", INSPECTION_STATE_VALUES)),
    check(
      "annual_inspections_conclusion_ck",
      sql`${t.conclusion} IS NULL OR ${inList("conclusion", CONCLUSION_VALUES)}`,
    ),
    check(
      "annual_inspections_concluded_ck",
      sql`${t.state} NOT IN ('concluded', 'published') OR (${t.conclusion} IS NOT NULL AND ${t.concludedOn} IS NOT NULL)`,
    ),
    check("annual_inspections_type_ck", inList("org_type", ORG_TYPES)),
    check("annual_inspections_supervision_ck", inList("supervision_mode", SUPERVISION_MODES)),
    check(
      "annual_inspections_counts_ck",
      sql`${t.version} >= 1 AND ${t.round} >= 0 AND ${t.warningCount} >= 0`,
    ),
  ],
);

/**
 * Filings per (authority, year, supervisor unit, state, type, warned), kept by triggers on annual_inspections
 * (migration inspection_queue_counts): the queue's counts per state come from here instead of counting 100,000
 * index entries. supervisor_unit_id 0 means none.
 */
export const inspectionQueueCounts = sqliteTable(
  "inspection_queue_counts",
  {
    authorityId: integer("authority_id").notNull(),
    year: integer("year").notNull(),
    supervisorUnitId: integer("supervisor_unit_id").notNull(),
    state: text("state").notNull(),
    orgType: text("org_type").notNull(),
    warned: integer("warned").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.authorityId, t.year, t.supervisorUnitId, t.state, t.orgType, t.warned] }),
    index("inspection_queue_counts_supervisor_idx").on(t.supervisorUnitId, t.year),
  ],
);

export const inspectionSections = sqliteTable(
  "inspection_sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    filingId: integer("filing_id")
      .notNull()
      .references(() => annualInspections.id),
    section: text("section").notNull(),
    data: text("data", { mode: "json" }).$type<unknown>().notNull(),
    /** The filing version this save wrote (a page that read an older version is stale for this section). */
    savedVersion: integer("saved_version").notNull(),
    updatedByUserId: integer("updated_by_user_id"),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("inspection_sections_filing_section_uq").on(t.filingId, t.section)],
);

export const inspectionRounds = sqliteTable(
  "inspection_rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    filingId: integer("filing_id")
      .notNull()
      .references(() => annualInspections.id),
    round: integer("round").notNull(),
    /** The report as submitted (basic information included). */
    snapshot: text("snapshot", { mode: "json" }).$type<unknown>().notNull(),
    /** The machine pre-review on submit. */
    checks: text("checks", { mode: "json" }).$type<unknown[]>().notNull(),
    submittedAt: text("submitted_at").notNull(),
    submittedByUserId: integer("submitted_by_user_id"),
    returnedAt: text("returned_at"),
    returnedByUserId: integer("returned_by_user_id"),
    returnedByName: text("returned_by_name"),
    reason: text("reason"),
    deadline: text("deadline"),
    comments: text("comments", { mode: "json" }).$type<{ section: string; text: string }[]>(),
  },
  (t) => [
    uniqueIndex("inspection_rounds_filing_round_uq").on(t.filingId, t.round),
    check("inspection_rounds_round_ck", sql`${t.round} >= 1`),
  ],
);

/** Append-only: every transition of every filing. */
export const inspectionTransitions = sqliteTable(
  "inspection_transitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    filingId: integer("filing_id")
      .notNull()
      .references(() => annualInspections.id),
    action: text("action").notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    actorUserId: integer("actor_user_id"),
    actorRole: text("actor_role").notNull(),
    actorName: text("actor_name"),
    at: text("at").notNull().default(now),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("inspection_transitions_filing_idx").on(t.filingId, t.id),
    check("inspection_transitions_from_ck", inList("from_state", INSPECTION_STATE_VALUES)),
    check("inspection_transitions_to_ck", inList("to_state", INSPECTION_STATE_VALUES)),
  ],
);

export const inspectionProblems = sqliteTable(
  "inspection_problems",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    filingId: integer("filing_id")
      .notNull()
      .references(() => annualInspections.id),
    description: text("description").notNull(),
    severity: text("severity", { enum: SEVERITY_VALUES }).notNull(),
    section: text("section"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    index("inspection_problems_filing_idx").on(t.filingId),
    check("inspection_problems_severity_ck", inList("severity", SEVERITY_VALUES)),
    check("inspection_problems_description_ck", sql`length(trim(${t.description})) > 0`),
  ],
);

export const inspectionAttachments = sqliteTable(
  "inspection_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    filingId: integer("filing_id")
      .notNull()
      .references(() => annualInspections.id),
    section: text("section").notNull(),
    filename: text("filename").notNull(),
    storageKey: text("storage_key").notNull(),
    sha256: text("sha256").notNull(),
    /** Sniffed from the bytes, never taken from the name or the browser. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    uploadedByUserId: integer("uploaded_by_user_id"),
    uploadedAt: text("uploaded_at").notNull().default(now),
  },
  (t) => [
    index("inspection_attachments_filing_idx").on(t.filingId, t.section),
    uniqueIndex("inspection_attachments_key_uq").on(t.storageKey),
    check("inspection_attachments_type_ck", inList("content_type", ATTACHMENT_CONTENT_TYPES)),
    check(
      "inspection_attachments_size_ck",
      sql`${t.size} > 0 AND ${t.size} <= ${sql.raw(String(MAX_ATTACHMENT_BYTES))}`,
    ),
  ],
);

/**
 * In-app notices. Addressed to one user, or to everyone acting for an organization, an authority or a supervisor
 * unit (exactly one addressee). Read marks are per user (notice_reads), so one registrar reading a notice does not
 * hide it from a colleague.
 */
export const notices = sqliteTable(
  "notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id"),
    orgId: integer("org_id"),
    authorityId: integer("authority_id"),
    supervisorUnitId: integer("supervisor_unit_id"),
    text: text("text").notNull(),
    href: text("href").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    index("notices_user_idx").on(t.userId, t.id),
    index("notices_org_idx").on(t.orgId, t.id),
    index("notices_authority_idx").on(t.authorityId, t.id),
    index("notices_supervisor_idx").on(t.supervisorUnitId, t.id),
    check(
      "notices_one_addressee_ck",
      sql`(${t.userId} IS NOT NULL) + (${t.orgId} IS NOT NULL) + (${t.authorityId} IS NOT NULL) + (${t.supervisorUnitId} IS NOT NULL) = 1`,
    ),
  ],
);

export const noticeReads = sqliteTable(
  "notice_reads",
  {
    noticeId: integer("notice_id")
      .notNull()
      .references(() => notices.id),
    userId: integer("user_id").notNull(),
    readAt: text("read_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] })],
);

/** 法定节假日 and 调休上班日, maintained by the administrator (working days, R-C3 deadlines). */
export const holidays = sqliteTable(
  "holidays",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    date: text("date").notNull(),
    kind: text("kind", { enum: HOLIDAY_KINDS }).notNull(),
    name: text("name").notNull().default(""),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("holidays_date_uq").on(t.date),
    check("holidays_kind_ck", inList("kind", HOLIDAY_KINDS)),
    check("holidays_date_ck", sql`${t.date} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
  ],
);

/**
 * A one-row table whose CHECK aborts a batch: `INSERT OR REPLACE INTO write_guard (id, ok) VALUES (1, changes())`
 * right after a conditional UPDATE fails the whole batch when that UPDATE changed no row (someone else wrote first).
 * See src/inspection/queries.ts staleGuard.
 */
export const writeGuard = sqliteTable(
  "write_guard",
  {
    id: integer("id").primaryKey(),
    ok: integer("ok").notNull(),
  },
  (t) => [check("write_guard_stale_ck", sql`${t.ok} = 1`)],
);
