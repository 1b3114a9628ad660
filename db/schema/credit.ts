/**
 * Credit lists (信用管理, 60号令; rules in src/domain/credit.ts).
 *   credit_cases    one organization on one list for one ground (信用名单记录), from candidate to removal: the
 *                   candidate's facts and evidence, the 事先告知 (R-D7) and the objection, the decision with its 文号,
 *                   列入日期, and later 移出日期 / 事由 / 文号. Never deleted; a wrong entry is removed with the
 *                   reason "corrected" and, where right, entered again as a new case.
 *   credit_events   every step of every case (append-only), who took it and with what.
 * Glossary: list abnormal 活动异常名录 | serious 严重违法失信名单; ground d1_1…d1_7 (R-D1), d4_1…d4_8 (R-D4);
 * state candidate 待处理 | notified 已事先告知 | objected 已提出异议 | listed 已列入 | dropped 不予列入 | removed 已移出.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CREDIT_GROUND_CODES,
  CREDIT_LISTS,
  CREDIT_STATES,
  PUBLICATION_PERIODS,
  REMOVAL_REASONS,
  SERVICE_METHODS,
} from "../../src/domain/credit";
import { authorities, organizations } from "./registry";
import { inList } from "./sql";

export const creditCases = sqliteTable(
  "credit_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    /** The deciding authority (作出决定机关): the organization's registrar. */
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    list: text("list", { enum: CREDIT_LISTS }).notNull(),
    ground: text("ground").notNull(),
    state: text("state", { enum: CREDIT_STATES }).notNull().default("candidate"),
    /** The facts found, in words the organization and the public read. */
    facts: text("facts").notNull(),
    /** The evidence relied on (documents, letters, dates). */
    evidence: text("evidence"),
    /** The day the listable fact arose (R-D10 counts from it). */
    arisenOn: text("arisen_on").notNull(),
    /** A rule-made candidate's key (e.g. "not_filed:123"), so that a daily job never makes it twice. */
    sourceKey: text("source_key"),
    noticeMethod: text("notice_method", { enum: SERVICE_METHODS }),
    noticeServedOn: text("notice_served_on"),
    /** R-D7: when served by 公告 (unreachable), the day the 公告 was published; it counts as served after the period. */
    noticePublishedOn: text("notice_published_on"),
    objectionDeadline: text("objection_deadline"),
    objectionText: text("objection_text"),
    objectionAt: text("objection_at"),
    decisionOn: text("decision_on"),
    decisionReasons: text("decision_reasons"),
    documentNo: text("document_no"),
    listedOn: text("listed_on"),
    removedOn: text("removed_on"),
    removalReason: text("removal_reason", { enum: REMOVAL_REASONS }),
    removalDocumentNo: text("removal_document_no"),
    /** R-D9: the publication period on shared platforms, apart from the list state. */
    publicationPeriod: text("publication_period", { enum: PUBLICATION_PERIODS }).notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    version: integer("version").notNull().default(1),
    /** The organization's current name in lower case (ASCII), kept by triggers (migration 0029) so that the public
     * lists match a name against their own rows: /credit reads only its entries, never the million-row register (R-D8). */
    nameKey: text("name_key"),
  },
  (t) => [
    uniqueIndex("credit_cases_source_uq").on(t.sourceKey),
    index("credit_cases_org_idx").on(t.orgId, t.list, t.state),
    index("credit_cases_queue_idx").on(t.authorityId, t.state, t.arisenOn),
    index("credit_cases_public_idx").on(t.state, t.list, t.listedOn),
    // /credit pages current entries by listing date and removed ones by removal date (R-D8).
    // The name rides in the index, so a name search reads the entries' index alone, in page order.
    index("credit_cases_listed_name_idx").on(t.state, t.listedOn, t.id, t.nameKey),
    index("credit_cases_removed_name_idx").on(t.state, t.removedOn, t.id, t.nameKey),
    // One ground's entries, counted and paged without reading the rows (a ground implies its list).
    index("credit_cases_ground_idx").on(t.state, t.ground, t.listedOn, t.id),
    // The statistics as at a past day correct the nightly counts by the entries listed or removed around that day
    // (with the organization, so a type filter reads no entry's row).
    index("credit_cases_listed_on_idx").on(t.listedOn, t.removedOn, t.orgId),
    index("credit_cases_removed_on_idx").on(t.removedOn, t.listedOn, t.orgId),
    check("credit_cases_list_ck", inList("list", CREDIT_LISTS)),
    check("credit_cases_ground_ck", inList("ground", CREDIT_GROUND_CODES)),
    check("credit_cases_state_ck", inList("state", CREDIT_STATES)),
    check("credit_cases_listed_ck", sql`(state IN ('listed', 'removed')) = (listed_on IS NOT NULL)`),
    check(
      "credit_cases_removed_ck",
      sql`(state = 'removed') = (removed_on IS NOT NULL AND removal_reason IS NOT NULL)`,
    ),
  ],
);

/** 行政处罚: warnings, fines, confiscations and 限期停止活动 by any department, part of the credit information. */
export const PENALTY_KINDS = ["warning", "fine", "confiscation", "suspension"] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

export const penalties = sqliteTable(
  "penalties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    /** The registrar that recorded it (the organization's). */
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    kind: text("kind", { enum: PENALTY_KINDS }).notNull(),
    /** 罚款 amount in fen (exact). */
    amountFen: integer("amount_fen"),
    /** 限期停止活动: from and to. */
    suspendedFrom: text("suspended_from"),
    suspendedTo: text("suspended_to"),
    /** The deciding department (作出处罚决定的机关). */
    department: text("department").notNull(),
    documentNo: text("document_no").notNull(),
    decidedOn: text("decided_on").notNull(),
    facts: text("facts").notNull(),
    recordedBy: integer("recorded_by"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("penalties_org_idx").on(t.orgId, t.decidedOn),
    check("penalties_kind_ck", inList("kind", PENALTY_KINDS)),
    check("penalties_fine_ck", sql`(kind = 'fine') = (amount_fen IS NOT NULL AND amount_fen > 0)`),
    check(
      "penalties_suspension_ck",
      sql`(kind = 'suspension') = (suspended_from IS NOT NULL AND suspended_to IS NOT NULL AND suspended_to >= suspended_from)`,
    ),
  ],
);

/**
 * 整改通知书 (rectification notices): the facts found, the items to fix (each with its basis), a deadline, a 文号.
 * The organization answers with a 整改报告 per item; the registrar accepts it or returns it (every round kept in
 * `rounds`). While a notice is open the next 年检 requires its 整改报告 section (R-C5); an overdue one becomes an
 * 活动异常名录 candidate (R-D1(3)).
 *   state  open 待整改 | reported 已报送整改报告 | accepted 已验收 (terminal)
 */
export const NOTICE_STATES = ["open", "reported", "accepted"] as const;
export const NOTICE_SOURCES = ["inspection", "zombie", "standalone"] as const;

export const rectificationNotices = sqliteTable(
  "rectification_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    source: text("source", { enum: NOTICE_SOURCES }).notNull().default("standalone"),
    sourceId: integer("source_id"),
    documentNo: text("document_no").notNull(),
    facts: text("facts").notNull(),
    /** [{ text, basis }] */
    items: text("items", { mode: "json" }).$type<{ text: string; basis: string }[]>().notNull(),
    servedOn: text("served_on").notNull(),
    deadline: text("deadline").notNull(),
    state: text("state", { enum: NOTICE_STATES }).notNull().default("open"),
    /** Every round: the report per item, when, and the registrar's return with its reason. */
    rounds: text("rounds", { mode: "json" })
      .$type<{ reportedAt: string; answers: string[]; returnedAt?: string; reason?: string }[]>()
      .notNull()
      .default(sql`'[]'`),
    acceptedOn: text("accepted_on"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("rectification_notices_org_idx").on(t.orgId, t.state),
    index("rectification_notices_authority_idx").on(t.authorityId, t.state, t.deadline),
    check("rectification_notices_state_ck", inList("state", NOTICE_STATES)),
    check("rectification_notices_source_ck", inList("source", NOTICE_SOURCES)),
    check("rectification_notices_accepted_ck", sql`(state = 'accepted') = (accepted_on IS NOT NULL)`),
  ],
);

export const creditEvents = sqliteTable(
  "credit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => creditCases.id),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorUserId: integer("actor_user_id"),
    actorRole: text("actor_role").notNull(),
    actorName: text("actor_name"),
    at: text("at").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("credit_events_case_idx").on(t.caseId, t.id)],
);

/**
 * The 红名单 (守信激励名单, src/domain/red-list.ts): one row per stay on the list — listed the day the daily job finds
 * every criterion met, removed (never deleted) the day one fails, with the failing criteria in words.
 */
export const redListEntries = sqliteTable(
  "red_list_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    listedOn: text("listed_on").notNull(),
    removedOn: text("removed_on"),
    removalReason: text("removal_reason"),
  },
  (t) => [
    uniqueIndex("red_list_open_uq").on(t.orgId).where(sql`removed_on IS NULL`),
    index("red_list_public_idx").on(t.removedOn, t.listedOn, t.id),
    check("red_list_removed_ck", sql`(removed_on IS NULL) = (removal_reason IS NULL)`),
  ],
);

/**
 * The people behind an organization on 严重违法失信名单: its legal representative and 负责人 at the time, recorded with
 * the entry so that a registrar is warned when the same person is named for another organization (成立, 变更,
 * import). The identity number is kept only as a keyed hash (src/people/identity.ts) and its last four characters;
 * without a number the match is by name only, and says so.
 *   role  legal_representative 法定代表人 | principal 负责人
 */
export { CREDIT_PERSON_ROLES, type CreditPersonRole } from "../../src/domain/credit";

import { CREDIT_PERSON_ROLES } from "../../src/domain/credit";

export const creditCasePeople = sqliteTable(
  "credit_case_people",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => creditCases.id),
    role: text("role", { enum: CREDIT_PERSON_ROLES }).notNull(),
    personName: text("person_name").notNull(),
    personKey: text("person_key"),
    idTail: text("id_tail"),
    recordedBy: integer("recorded_by"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("credit_case_people_case_idx").on(t.caseId),
    index("credit_case_people_key_idx").on(t.personKey),
    index("credit_case_people_name_idx").on(t.personName),
    check("credit_case_people_role_ck", inList("role", CREDIT_PERSON_ROLES)),
    check("credit_case_people_key_ck", sql`(person_key IS NULL) = (id_tail IS NULL)`),
  ],
);
