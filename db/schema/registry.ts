/**
 * Glossary (English in code ↔ Chinese in the UI):
 *   authority            登记管理机关 (registration authority)
 *   organization         社会组织
 *   social_group         社会团体 (type 1)
 *   private_non_enterprise 民办非企业单位 / 社会服务机构 (type 2)
 *   foundation           基金会 (type 3)
 *   uscc                 统一社会信用代码 (unified social credit code)
 *   capital              注册资金 / 开办资金 / 原始基金 (stored in fen, integer)
 *   supervisor           业务主管单位 (supervisor_units; `organizations.supervisor` keeps the name as registered)
 *   supervision_mode     supervised 有业务主管单位 | direct 直接登记 | decoupled 脱钩 (R-A11)
 *   party_building_authority 党建领导机关 (for direct / decoupled organizations)
 *   status               active 正常 | deregistered 注销 | revoked 撤销 | license_revoked 吊销 (R-A9)
 *   announcement         公告 (R-A7; also R-G2's 评估等级 changes)
 *   org_history          变更记录 (every change with before / after)
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
import { inList } from "./sql";

// The kinds of organization, status, supervision, authority and 公告 are the domain's (src/domain/org-kinds.ts); the
// schema builds its columns and checks from them.
export {
  ANNOUNCEMENT_KINDS,
  type AnnouncementKind,
  AUTHORITY_LEVELS,
  type AuthorityLevel,
  ORG_STATUSES,
  ORG_TYPES,
  type OrgStatus,
  type OrgType,
  SUPERVISION_MODES,
  type SupervisionMode,
} from "../../src/domain/org-kinds";

import {
  ANNOUNCEMENT_KINDS,
  AUTHORITY_LEVELS,
  ORG_STATUSES,
  ORG_TYPES,
  SUPERVISION_MODES,
} from "../../src/domain/org-kinds";

export const authorities = sqliteTable(
  "authorities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable identifier used by imports and the API (e.g. "150300"). */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** GB/T 2260 administrative division code, 6 digits (R-B4). */
    regionCode: text("region_code").notNull(),
    level: text("level", { enum: AUTHORITY_LEVELS }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => authorities.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("authorities_code_uq").on(t.code),
    index("authorities_parent_idx").on(t.parentId),
    check(
      "authorities_region_code_ck",
      sql`length(${t.regionCode}) = 6 AND ${t.regionCode} NOT GLOB '*[^0-9]*'`,
    ),
    check("authorities_level_ck", inList("level", AUTHORITY_LEVELS)),
  ],
);

/** 业务主管单位: the units that supervise organizations (R-A11); supervisor reviewers belong to one. */
export const supervisorUnits = sqliteTable(
  "supervisor_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /**
     * The registration authority whose district the unit serves: a 成立 applicant at that authority may name it. Null
     * for a unit not yet placed in a district, which every authority's applicants may name.
     */
    authorityId: integer("authority_id").references(() => authorities.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("supervisor_units_name_uq").on(t.name),
    index("supervisor_units_authority_idx").on(t.authorityId),
    check("supervisor_units_name_ck", sql`length(trim(${t.name})) > 0`),
  ],
);

export const organizations = sqliteTable(
  "organizations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uscc: text("uscc").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    type: text("type", { enum: ORG_TYPES }).notNull(),
    status: text("status", { enum: ORG_STATUSES }).notNull().default("active"),
    /** Date the current status took effect (成立 date while active). */
    statusOn: text("status_on").notNull(),
    /** 0 for 正常, 1 for the terminal statuses: search ranks 正常 first through an index on it. */
    terminated: integer("terminated")
      .notNull()
      .generatedAlwaysAs(sql`(CASE status WHEN 'active' THEN 0 ELSE 1 END)`, { mode: "virtual" }),
    address: text("address").notNull().default(""),
    purpose: text("purpose").notNull().default(""),
    businessScope: text("business_scope").notNull().default(""),
    activityArea: text("activity_area").notNull().default(""),
    legalRepresentative: text("legal_representative").notNull().default(""),
    capitalFen: integer("capital_fen").notNull().default(0),
    supervisionMode: text("supervision_mode", { enum: SUPERVISION_MODES }).notNull().default("supervised"),
    supervisor: text("supervisor"),
    supervisorUnitId: integer("supervisor_unit_id").references(() => supervisorUnits.id),
    partyBuildingAuthority: text("party_building_authority"),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    registeredOn: text("registered_on").notNull(),
    certificateIssuedOn: text("certificate_issued_on"),
    certificateValidFrom: text("certificate_valid_from"),
    certificateValidTo: text("certificate_valid_to"),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    isCharity: integer("is_charity", { mode: "boolean" }).notNull().default(false),
    publicFundraising: integer("public_fundraising", { mode: "boolean" }).notNull().default(false),
    /** Foundations: 公募 or 非公募. */
    foundationKind: text("foundation_kind", { enum: ["public", "non_public"] }),
    rating: text("rating", { enum: ["1A", "2A", "3A", "4A", "5A"] }),
    ratingValidTo: text("rating_valid_to"),
    staffFullTime: integer("staff_full_time"),
    staffPartTime: integer("staff_part_time"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("organizations_uscc_uq").on(t.uscc),
    // R-A4: names are unique within an authority.
    uniqueIndex("organizations_authority_name_uq").on(t.authorityId, t.name),
    // Search reads each status's rows in name order straight from these (src/registry/search.ts).
    index("organizations_status_name_idx").on(t.status, t.name),
    index("organizations_authority_idx").on(t.authorityId, t.status, t.name),
    index("organizations_type_idx").on(t.type, t.status, t.name),
    index("organizations_registered_idx").on(t.registeredOn),
    index("organizations_supervisor_unit_idx").on(t.supervisorUnitId),
    // The statistics count the register from this narrow index alone, never reading the wide rows.
    // With the supervision, so a supervisor filter on the statistics' date ranges reads no row of the table either.
    index("organizations_statistics_idx").on(
      t.type,
      t.status,
      t.registeredOn,
      t.statusOn,
      t.authorityId,
      t.supervisionMode,
      t.supervisorUnitId,
    ),
    // The statistics count terminations by their dates (a month's, or those after a past day) from this index alone.
    index("organizations_ended_idx")
      .on(t.statusOn, t.status, t.type, t.authorityId, t.supervisionMode, t.supervisorUnitId)
      .where(sql`status <> 'active'`),
    // An organization's facets by its id: the statistics join tens of thousands of credit entries to their
    // organizations' type and supervision through this small index instead of the wide rows (src/statistics/past.ts).
    index("organizations_facets_idx").on(
      t.id,
      t.type,
      t.supervisionMode,
      t.supervisorUnitId,
      t.authorityId,
      t.registeredOn,
    ),
    check("organizations_uscc_ck", sql`length(${t.uscc}) = 18`),
    check("organizations_name_ck", sql`length(trim(${t.name})) > 0`),
    check("organizations_type_ck", inList("type", ORG_TYPES)),
    check("organizations_status_ck", inList("status", ORG_STATUSES)),
    check("organizations_supervision_ck", inList("supervision_mode", SUPERVISION_MODES)),
    check("organizations_capital_ck", sql`${t.capitalFen} >= 0`),
    check("organizations_dates_ck", sql`${t.registeredOn} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
  ],
);

/** Every change to an organization's register entry, with before and after (JSON objects of the changed fields). */
export const orgHistory = sqliteTable(
  "org_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    /** establishment | change | deregistration | revocation | import | correction … */
    kind: text("kind").notNull(),
    before: text("before", { mode: "json" }).$type<Record<string, unknown>>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown>>(),
    /** users.id of the actor; null for the system and command-line tools. */
    actorUserId: integer("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    reason: text("reason"),
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("org_history_org_idx").on(t.orgId, t.at),
    // The moves between authorities, by when: the statistics as at a past day put each organization back where it was.
    index("org_history_moves_idx")
      .on(t.at, t.orgId)
      .where(sql`json_extract(before, '$.authorityId') IS NOT NULL`),
  ],
);

/** Public announcements (公告, R-A7). */
export const announcements = sqliteTable(
  "announcements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    kind: text("kind", { enum: ANNOUNCEMENT_KINDS }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** Decision document number (文号), if any. */
    documentNo: text("document_no"),
    publishedOn: text("published_on").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("announcements_org_idx").on(t.orgId, t.publishedOn),
    index("announcements_authority_idx").on(t.authorityId, t.publishedOn),
    // The public 公告 list and its Atom feed read all authorities by date (src/registration/announcement-routes.tsx).
    index("announcements_published_idx").on(t.publishedOn, t.id),
    check("announcements_kind_ck", inList("kind", ANNOUNCEMENT_KINDS)),
  ],
);
