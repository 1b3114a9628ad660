/**
 * Zombie-organization signals (僵尸型社会组织 候选信号, src/domain/zombie.ts). One row per signal per organization while it
 * holds: the facts and dates that fired it and the day it was first seen; when it stops holding it is closed with its
 * date, never deleted (R-E1). At most one open row per organization and signal.
 *   signal  missed_inspections 连续未参加年检 | no_activity_after_certificate 证书后一年内未开展活动 |
 *           no_in_scope_activity 设定日期以来未开展业务范围内活动 (R-E1(c)) | unreachable 无法联系
 */
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { ZOMBIE_SIGNALS } from "../../src/domain/zombie";
import { ZOMBIE_CASE_STATES, ZOMBIE_OUTCOMES } from "../../src/domain/zombie-case";
import { authorities, organizations } from "./registry";
import { inList } from "./sql";

export const zombieSignals = sqliteTable(
  "zombie_signals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    signal: text("signal", { enum: ZOMBIE_SIGNALS }).notNull(),
    /** In words, with the dates: "2024、2025年度连续未参检". */
    facts: text("facts").notNull(),
    firstSeenOn: text("first_seen_on").notNull(),
    closedOn: text("closed_on"),
  },
  (t) => [
    uniqueIndex("zombie_signals_open_uq").on(t.orgId, t.signal).where(sql`closed_on IS NULL`),
    index("zombie_signals_triage_idx").on(t.authorityId, t.closedOn, t.orgId),
    // The triage list's filter by signal.
    index("zombie_signals_open_signal_idx").on(t.signal, t.orgId).where(sql`closed_on IS NULL`),
    check(
      "zombie_signals_signal_ck",
      sql.raw(`signal IN (${ZOMBIE_SIGNALS.map((s) => `'${s}'`).join(", ")})`),
    ),
  ],
);

/**
 * The triage list's candidates (R-E1, R-E2): one row per organization with an open signal, kept by triggers (on
 * zombie_signals inserts and closings, on organizations' type, registration date, authority and supervisor unit), so
 * the list filters and sorts by strength — the number of open signals, then the oldest first seen — through an index
 * instead of reading every candidate's organization. Nothing writes it but the triggers.
 */
/** The columns an index of zombie_candidates carries after its own keys (`key` aside). */
const rest = (
  t: {
    authorityId: AnySQLiteColumn;
    type: AnySQLiteColumn;
    registeredOn: AnySQLiteColumn;
    supervisorUnitId: AnySQLiteColumn;
    missed: AnySQLiteColumn;
    afterCertificate: AnySQLiteColumn;
    quiet: AnySQLiteColumn;
    unreachable: AnySQLiteColumn;
    missedYears: AnySQLiteColumn;
  },
  key?: AnySQLiteColumn,
) =>
  [
    t.authorityId,
    t.type,
    t.registeredOn,
    t.supervisorUnitId,
    t.missed,
    t.afterCertificate,
    t.quiet,
    t.unreachable,
    t.missedYears,
  ].filter((c) => c !== key);

export const zombieCandidates = sqliteTable(
  "zombie_candidates",
  {
    orgId: integer("org_id")
      .primaryKey()
      .references(() => organizations.id),
    authorityId: integer("authority_id").notNull(),
    type: text("type").notNull(),
    registeredOn: text("registered_on").notNull(),
    supervisorUnitId: integer("supervisor_unit_id"),
    signalCount: integer("signal_count").notNull(),
    /** The oldest open signal's first_seen_on. */
    since: text("since").notNull(),
    /** 未参检 filings the organization has (the years-missed filter), kept by triggers on annual_inspections. */
    missedYears: integer("missed_years").notNull().default(0),
    /** 1 while the signal is open, per signal. */
    missed: integer("missed").notNull(),
    afterCertificate: integer("after_certificate").notNull(),
    quiet: integer("quiet").notNull(),
    unreachable: integer("unreachable").notNull(),
  },
  (t) => [
    // Every index carries every column a filter or a count reads, so a list, a count or a count per signal reads one
    // index and never the table; the query names the index it reads (src/zombie/queries.ts).
    index("zombie_candidates_strength_idx").on(sql`signal_count DESC`, t.since, t.orgId, ...rest(t)),
    index("zombie_candidates_authority_idx").on(
      t.authorityId,
      sql`signal_count DESC`,
      t.since,
      t.orgId,
      ...rest(t, t.authorityId),
    ),
    index("zombie_candidates_type_idx").on(
      t.type,
      sql`signal_count DESC`,
      t.since,
      t.orgId,
      ...rest(t, t.type),
    ),
    index("zombie_candidates_unit_idx").on(
      t.supervisorUnitId,
      sql`signal_count DESC`,
      t.since,
      t.orgId,
      ...rest(t, t.supervisorUnitId),
    ),
    index("zombie_candidates_missed_years_idx").on(
      t.missedYears,
      sql`signal_count DESC`,
      t.since,
      t.orgId,
      ...rest(t, t.missedYears),
    ),
    index("zombie_candidates_registered_idx").on(t.registeredOn, ...rest(t, t.registeredOn)),
    ...(["missed", "after_certificate", "quiet", "unreachable"] as const).map((flag) =>
      index(`zombie_candidates_${flag}_idx`)
        .on(
          sql`signal_count DESC`,
          t.since,
          t.orgId,
          t.authorityId,
          t.type,
          t.registeredOn,
          t.supervisorUnitId,
          t.missedYears,
        )
        .where(sql.raw(`${flag} = 1`)),
    ),
  ],
);

/**
 * Zombie cases (src/domain/zombie-case.ts): one open case per organization, from 立案 to one outcome (R-E2, R-E3).
 * Every step is a row in zombie_case_events and an audit event; nothing is deleted.
 */
export const zombieCases = sqliteTable(
  "zombie_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    state: text("state", { enum: ZOMBIE_CASE_STATES }).notNull().default("open"),
    outcome: text("outcome", { enum: ZOMBIE_OUTCOMES }),
    openedOn: text("opened_on").notNull(),
    /** The signals at 立案, in words with their dates. */
    signals: text("signals").notNull(),
    evidence: text("evidence").notNull(),
    assigneeUserId: integer("assignee_user_id"),
    /** 限期整改: the 整改通知书 it waits for. */
    rectificationNoticeId: integer("rectification_notice_id"),
    deregistrationInvitedOn: text("deregistration_invited_on"),
    /** 撤销事先告知: mail | publication (公告送达), the 公告's day, when it counts as served, the window's last day. */
    noticeMethod: text("notice_method"),
    noticeDocumentNo: text("notice_document_no"),
    noticePublishedOn: text("notice_published_on"),
    noticeServedOn: text("notice_served_on"),
    windowEndsOn: text("window_ends_on"),
    hearingRequestedOn: text("hearing_requested_on"),
    hearingHeldOn: text("hearing_held_on"),
    hearingOutcome: text("hearing_outcome"),
    decisionKind: text("decision_kind"),
    decisionDocumentNo: text("decision_document_no"),
    decidedOn: text("decided_on"),
    decisionReasons: text("decision_reasons"),
    /** 证书、印章收缴或作废 */
    certificateNote: text("certificate_note"),
    closedOn: text("closed_on"),
    closeReason: text("close_reason"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("zombie_cases_open_uq").on(t.orgId).where(sql`state <> 'closed'`),
    index("zombie_cases_authority_idx").on(t.authorityId, t.state),
    index("zombie_cases_closed_idx").on(t.closedOn),
    check("zombie_cases_state_ck", inList("state", ZOMBIE_CASE_STATES)),
    check("zombie_cases_outcome_ck", sql`(state = 'closed') = (outcome IS NOT NULL)`),
    check("zombie_cases_method_ck", sql`notice_method IS NULL OR notice_method IN ('mail', 'publication')`),
    check(
      "zombie_cases_kind_ck",
      sql`decision_kind IS NULL OR decision_kind IN ('revocation', 'license_revocation')`,
    ),
  ],
);

export const zombieCaseEvents = sqliteTable(
  "zombie_case_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => zombieCases.id),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorName: text("actor_name"),
    at: text("at").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("zombie_case_events_case_idx").on(t.caseId)],
);

/** Contact attempts (R-E1(d)): phone calls, visits, letters handed over — the date, who, what came of it. */
export const ZOMBIE_CONTACT_KINDS = ["phone", "visit", "letter", "other"] as const;
export const zombieContacts = sqliteTable(
  "zombie_contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    caseId: integer("case_id").references(() => zombieCases.id),
    kind: text("kind", { enum: ZOMBIE_CONTACT_KINDS }).notNull(),
    on: text("on").notNull(),
    byName: text("by_name").notNull(),
    reached: integer("reached", { mode: "boolean" }).notNull(),
    outcome: text("outcome").notNull(),
    recordedBy: integer("recorded_by"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("zombie_contacts_org_idx").on(t.orgId, t.on),
    check("zombie_contacts_kind_ck", inList("kind", ZOMBIE_CONTACT_KINDS)),
  ],
);

/** Preparation (R-E2 allows bulk only for this): which registrar follows up which candidate. */
export const zombieAssignments = sqliteTable("zombie_assignments", {
  orgId: integer("org_id")
    .primaryKey()
    .references(() => organizations.id),
  userId: integer("user_id").notNull(),
  assignedBy: integer("assigned_by"),
  assignedOn: text("assigned_on").notNull(),
});
