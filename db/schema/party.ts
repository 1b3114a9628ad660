/**
 * Party building ledger (党建工作台账, R-F4) and the register of cadres holding posts (领导干部兼职, R-F5).
 *
 * Glossary:
 *   party org version   党组织信息 (one submitted state of the organization's party organization, or of "none, but an
 *                       instructor"): pending 待确认 | confirmed 已确认 | rejected 已退回 | withdrawn 已撤回. A change
 *                       counts only once the registrar or the 党建 reviewer confirms it; the confirmed row it replaces
 *                       gets `superseded_on`, so the ledger as it was on any day is the confirmed row whose
 *                       [effective_on, superseded_on) holds that day. Rows are never deleted.
 *   member counts       党员人数 (正式党员, 预备党员, 入党积极分子) as of a day: history by date; no names are stored
 *   party activity      党组织活动 (三会一课, 主题党日, 组织生活会): date, type, topic, attendance, attachment
 *   party alert         R-F2 换届提醒, raised by the daily job: due 即将到期 (30 days before) | overdue 已逾期
 *   cadre post          领导干部兼职记录: a person (name; the ID number only as a keyed hash and its last 4 characters),
 *                       cadre status and level, the organization and post, the term, approval, pay; ended posts stay
 *
 * Privacy (domain.md §8): none of these rows is public. Rosters (member names) are not stored at all.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CADRE_LEVELS, PARTY_ORG_TYPES, POST_KINDS } from "../../src/domain/inspection-report";
import {
  CADRE_STATUSES,
  MEMBER_COUNT_SOURCES,
  type MemberCountSource,
  PARTY_VERSION_STATES,
  type PartyVersionState,
} from "../../src/domain/party";
import { users } from "./accounts";
import { authorities, organizations } from "./registry";
import { inList } from "./sql";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export { PARTY_VERSION_STATES, type PartyVersionState };

export const partyOrgVersions = sqliteTable(
  "party_org_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    state: text("state", { enum: PARTY_VERSION_STATES }).notNull().default("pending"),
    hasPartyOrg: integer("has_party_org", { mode: "boolean" }).notNull(),
    orgType: text("org_type", { enum: PARTY_ORG_TYPES }),
    name: text("name"),
    approvalDoc: text("approval_doc"),
    approvedOn: text("approved_on"),
    /** 上级党组织 */
    parentOrg: text("parent_org"),
    /** 党建领导机关 (where the organization's party work is led; for 直接登记 and 脱钩 organizations it is recorded here). */
    leadingBody: text("leading_body"),
    /** For a 联合党支部: the registered organizations it covers besides this one (JSON array of organization ids, ≤ 5). */
    coveredOrgIds: text("covered_org_ids", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    secretaryName: text("secretary_name"),
    secretaryIsOfficer: integer("secretary_is_officer", { mode: "boolean" }).notNull().default(false),
    committeeSize: integer("committee_size"),
    /** The committee as a line of names and posts (委员分工); not a roster of members. */
    committeeMembers: text("committee_members"),
    termStart: text("term_start"),
    termEnd: text("term_end"),
    /** 党建工作写入章程 */
    inCharter: integer("in_charter", { mode: "boolean" }).notNull().default(false),
    instructorName: text("instructor_name"),
    instructorUnit: text("instructor_unit"),
    instructorAppointedOn: text("instructor_appointed_on"),
    /** What the organization says changed, for the reviewer. */
    note: text("note"),
    submittedBy: integer("submitted_by").references(() => users.id),
    submittedAt: text("submitted_at").notNull().default(now),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionReason: text("decision_reason"),
    /** The day a confirmed version starts to count, and the day a later confirmed one replaced it. */
    effectiveOn: text("effective_on"),
    supersededOn: text("superseded_on"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("party_org_versions_pending_uq").on(t.orgId).where(sql`state = 'pending'`),
    uniqueIndex("party_org_versions_current_uq")
      .on(t.orgId)
      .where(sql`state = 'confirmed' AND superseded_on IS NULL`),
    index("party_org_versions_org_idx").on(t.orgId, t.state, t.effectiveOn),
    index("party_org_versions_authority_idx").on(t.authorityId, t.state),
    check("party_org_versions_state_ck", inList("state", PARTY_VERSION_STATES)),
    check("party_org_versions_type_ck", sql`org_type IS NULL OR ${inList("org_type", PARTY_ORG_TYPES)}`),
    check(
      "party_org_versions_has_org_ck",
      sql`(has_party_org = 1 AND org_type IS NOT NULL AND name IS NOT NULL) OR (has_party_org = 0 AND org_type IS NULL)`,
    ),
    check(
      "party_org_versions_covered_ck",
      sql`json_valid(covered_org_ids) AND json_type(covered_org_ids) = 'array' AND json_array_length(covered_org_ids) <= 5`,
    ),
    check("party_org_versions_committee_ck", sql`committee_size IS NULL OR committee_size BETWEEN 1 AND 99`),
    check(
      "party_org_versions_confirmed_ck",
      sql`(state = 'confirmed') = (effective_on IS NOT NULL) AND (superseded_on IS NULL OR state = 'confirmed')`,
    ),
  ],
);

export { MEMBER_COUNT_SOURCES, type MemberCountSource };

export const partyMemberCounts = sqliteTable(
  "party_member_counts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    asOf: text("as_of").notNull(),
    fullMembers: integer("full_members").notNull(),
    probationaryMembers: integer("probationary_members").notNull(),
    activists: integer("activists").notNull().default(0),
    /** ledger 台账登记 | inspection 年检（结论后） | registration 党员情况调查表 */
    source: text("source", { enum: MEMBER_COUNT_SOURCES }).notNull(),
    /** e.g. "inspection:12" — once per source object. */
    sourceRef: text("source_ref"),
    recordedBy: integer("recorded_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    index("party_member_counts_org_idx").on(t.orgId, t.asOf, t.id),
    uniqueIndex("party_member_counts_source_uq").on(t.sourceRef).where(sql`source_ref IS NOT NULL`),
    check("party_member_counts_source_ck", inList("source", MEMBER_COUNT_SOURCES)),
    check(
      "party_member_counts_range_ck",
      sql`full_members BETWEEN 0 AND 100000 AND probationary_members BETWEEN 0 AND 100000 AND activists BETWEEN 0 AND 100000`,
    ),
  ],
);

export {
  PARTY_ACTIVITY_KIND_LABELS,
  PARTY_ACTIVITY_KINDS,
  type PartyActivityKind,
} from "../../src/domain/party-activities";

import { PARTY_ACTIVITY_KINDS } from "../../src/domain/party-activities";

export const partyActivities = sqliteTable(
  "party_activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    heldOn: text("held_on").notNull(),
    kind: text("kind", { enum: PARTY_ACTIVITY_KINDS }).notNull(),
    topic: text("topic").notNull(),
    attendance: integer("attendance").notNull(),
    attachmentKey: text("attachment_key"),
    attachmentName: text("attachment_name"),
    recordedBy: integer("recorded_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    index("party_activities_org_idx").on(t.orgId, t.heldOn),
    check("party_activities_kind_ck", inList("kind", PARTY_ACTIVITY_KINDS)),
    check("party_activities_attendance_ck", sql`attendance BETWEEN 0 AND 100000`),
  ],
);

export const PARTY_ALERT_KINDS = ["term_due", "term_overdue"] as const;
export type PartyAlertKind = (typeof PARTY_ALERT_KINDS)[number];

export const partyAlerts = sqliteTable(
  "party_alerts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    kind: text("kind", { enum: PARTY_ALERT_KINDS }).notNull(),
    termEnd: text("term_end").notNull(),
    raisedOn: text("raised_on").notNull(),
    closedOn: text("closed_on"),
  },
  (t) => [
    uniqueIndex("party_alerts_open_uq").on(t.orgId, t.kind).where(sql`closed_on IS NULL`),
    index("party_alerts_authority_idx").on(t.authorityId, t.closedOn),
    check("party_alerts_kind_ck", inList("kind", PARTY_ALERT_KINDS)),
  ],
);

export const cadrePosts = sqliteTable(
  "cadre_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    personName: text("person_name").notNull(),
    /** HMAC-SHA256 of the normalized ID number under the deployment's PERSON_KEY (src/people/identity.ts). */
    personKey: text("person_key").notNull(),
    /** The ID number's last 4 characters, for a person to tell two namesakes apart (shown as ****1234). */
    idTail: text("id_tail").notNull(),
    birthDate: text("birth_date").notNull(),
    status: text("status", { enum: CADRE_STATUSES }).notNull(),
    level: text("level", { enum: CADRE_LEVELS }).notNull(),
    /** The cadre's own post (原任/现任职务), e.g. 原市发展改革委主任. */
    cadrePosition: text("cadre_position").notNull(),
    postKind: text("post_kind", { enum: POST_KINDS }).notNull(),
    postTitle: text("post_title").notNull(),
    isLegalRepresentative: integer("is_legal_representative", { mode: "boolean" }).notNull().default(false),
    termStart: text("term_start").notNull(),
    termEnd: text("term_end"),
    termNumber: integer("term_number").notNull().default(1),
    approvalDoc: text("approval_doc"),
    approvedOn: text("approved_on"),
    paid: integer("paid", { mode: "boolean" }).notNull().default(false),
    endedOn: text("ended_on"),
    endReason: text("end_reason"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("cadre_posts_person_idx").on(t.personKey),
    index("cadre_posts_org_idx").on(t.orgId),
    index("cadre_posts_authority_idx").on(t.authorityId, t.endedOn),
    check("cadre_posts_status_ck", inList("status", CADRE_STATUSES)),
    check("cadre_posts_level_ck", inList("level", CADRE_LEVELS)),
    check("cadre_posts_post_kind_ck", inList("post_kind", POST_KINDS)),
    check(
      "cadre_posts_term_ck",
      sql`term_number BETWEEN 1 AND 20 AND (term_end IS NULL OR term_end >= term_start)`,
    ),
    check("cadre_posts_ended_ck", sql`(ended_on IS NULL) = (end_reason IS NULL)`),
    check("cadre_posts_tail_ck", sql`length(id_tail) = 4`),
  ],
);
