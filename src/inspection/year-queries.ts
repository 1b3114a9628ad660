/**
 * Reads and writes of the inspection year: the year row, who is registered under an authority (for R-C2), the
 * statements that open a year with its drafts and notices, the 未参检 statements, and a late draft.
 */
import { type SQL, sql } from "drizzle-orm";
import type { OrgType } from "../../db/schema";
import type { InspectionWindows } from "../../db/schema/inspection";
import { inspectionYears } from "../../db/schema/inspection";
import type { Actor as AuditActor } from "../audit/audit";
import type { SessionUser } from "../context";
import type { BatchItem, Db } from "../db";
import { authorityTree, idList, shortList } from "./queries";

/** The authority's year, or undefined. */
export async function yearOfAuthority(db: Db, authorityId: number, year: number) {
  const [row] = await db
    .select()
    .from(inspectionYears)
    .where(sql`${inspectionYears.authorityId} = ${authorityId} AND ${inspectionYears.year} = ${year}`);
  return row;
}

/** The authority's latest year, or undefined. */
export async function latestYearOfAuthority(db: Db, authorityId: number) {
  const [row] = await db
    .select()
    .from(inspectionYears)
    .where(sql`${inspectionYears.authorityId} = ${authorityId}`)
    .orderBy(sql`year DESC`)
    .limit(1);
  return row;
}

/** The organizations registered with the authority, as R-C2 (`requiredToFile`) reads them. */
export async function organizationsOfAuthority(db: Db, authorityId: number) {
  return (await db.all(
    sql`SELECT id, status, registered_on AS registeredOn FROM organizations WHERE authority_id = ${authorityId}`,
  )) as { id: number; status: "active"; registeredOn: string }[];
}

/** Opening a year: the year row, a draft for each organization that must file, and a notice to each of them. */
export function openYearStatements(
  db: Db,
  y: {
    authorityId: number;
    year: number;
    windows: InspectionWindows;
    cutoffOn: string;
    required: number[];
    openedByUserId: number;
    at: string;
    noticeText: string;
  },
): BatchItem[] {
  const yearIdSql = sql`(SELECT id FROM inspection_years WHERE authority_id = ${y.authorityId} AND year = ${y.year})`;
  return [
    db.insert(inspectionYears).values({
      authorityId: y.authorityId,
      year: y.year,
      windows: y.windows,
      cutoffOn: y.cutoffOn,
      requiredCount: y.required.length,
      openedByUserId: y.openedByUserId,
      openedAt: y.at,
    }),
    db.run(sql`
      INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode,
        supervisor_unit_id, state, state_since, created_at, updated_at)
      SELECT ${yearIdSql}, o.id, ${y.year}, o.authority_id, o.type, o.supervision_mode, o.supervisor_unit_id,
        'draft', ${y.at}, ${y.at}, ${y.at}
      FROM organizations o WHERE o.id IN ${idList(y.required)}
      ON CONFLICT (org_id, year) DO NOTHING`),
    db.run(sql`
      INSERT INTO notices (org_id, text, href, created_at)
      SELECT ai.org_id, ${y.noticeText}, '/portal/inspections/' || ai.id, ${y.at}
      FROM annual_inspections ai WHERE ai.year_id = ${yearIdSql}`),
  ];
}

/** The years a user may see: a registrar's authority tree, an organization's authority, a supervisor's filings. */
export async function yearsVisibleTo(db: Db, user: SessionUser) {
  let where = sql`1`;
  if (user.role === "registrar") {
    if (user.authorityId === null) return [];
    where = sql`authority_id IN ${shortList(await authorityTree(db, user.authorityId))}`;
  } else if (user.role === "org") {
    if (user.orgId === null) return [];
    where = sql`authority_id = (SELECT authority_id FROM organizations WHERE id = ${user.orgId})`;
  } else if (user.role === "supervisor") {
    if (user.supervisorUnitId === null) return [];
    where = sql`id IN (SELECT DISTINCT year_id FROM annual_inspections WHERE supervisor_unit_id = ${user.supervisorUnitId})`;
  }
  return db.select().from(inspectionYears).where(where).orderBy(sql`year DESC, authority_id`);
}

/**
 * 未参检 for one chunk of filings, each only if it still has the version it was decided on (a resubmit in between
 * wins): the transition rows, a notice to each organization, an audit event each, then the state change.
 */
export function markNotFiledStatements(
  db: Db,
  chunk: readonly { id: number; version: number }[],
  audit: AuditActor,
  at: string,
  noticeText: string,
): BatchItem[] {
  const versions = JSON.stringify(Object.fromEntries(chunk.map((f) => [String(f.id), f.version])));
  const target = sql`${idList(chunk.map((f) => f.id))} AND ai.version = json_extract(${versions}, '$."' || ai.id || '"')`;
  const rows: SQL = sql`annual_inspections ai WHERE ai.id IN ${target} AND ai.state IN ('draft', 'returned')`;
  return [
    db.run(sql`
      INSERT INTO inspection_transitions (filing_id, action, from_state, to_state, actor_user_id, actor_role, actor_name, at, details)
      SELECT ai.id, 'mark_not_filed', ai.state, 'not_filed', ${audit.userId}, ${audit.role}, ${audit.username}, ${at},
        json_object('year', ai.year, 'correctionDeadline', ai.correction_deadline)
      FROM ${rows}`),
    db.run(sql`
      INSERT INTO notices (org_id, text, href, created_at)
      SELECT ai.org_id, ${noticeText}, '/portal/inspections/' || ai.id, ${at} FROM ${rows}`),
    db.run(sql`
      INSERT INTO audit_events (at, actor_user_id, actor_username, actor_role, ip, action, object_type, object_id, org_id, summary)
      SELECT ${at}, ${audit.userId}, ${audit.username}, ${audit.role}, NULL, 'inspection.mark_not_filed',
        'annual_inspection', CAST(ai.id AS TEXT), ai.org_id,
        json_object('year', ai.year, 'from', ai.state, 'to', 'not_filed')
      FROM ${rows}`),
    db.run(sql`
      UPDATE annual_inspections AS ai SET state = 'not_filed', version = version + 1, act_version = version + 1,
        state_since = ${at}, updated_at = ${at}, holder_user_id = NULL, holder_at = NULL,
        correction_reason = NULL, correction_deadline = NULL
      WHERE ai.id IN ${target} AND ai.state IN ('draft', 'returned')`),
  ];
}

/** The year is done with 未参检: every window closed and no filing left to mark. */
export function yearNotFiledDone(db: Db, yearId: number, at: string): BatchItem {
  return db.run(
    sql`UPDATE inspection_years SET not_filed_marked_at = ${at}, version = version + 1 WHERE id = ${yearId}`,
  );
}

/** The organization as a late draft needs it: its register state and type, and its authority. */
export async function organizationForDraft(db: Db, orgId: number | null) {
  const orgs = (await db.all(sql`
    SELECT o.id, o.status, o.registered_on AS registeredOn, o.type, o.authority_id AS authorityId
    FROM organizations o WHERE o.id = ${orgId}`)) as {
    id: number;
    status: "active";
    registeredOn: string;
    type: OrgType;
    authorityId: number;
  }[];
  return orgs[0];
}

/** Whether the organization already has a filing for the year. */
export async function hasFiling(db: Db, orgId: number, year: number): Promise<boolean> {
  const has = await db.all(sql`SELECT 1 FROM annual_inspections WHERE org_id = ${orgId} AND year = ${year}`);
  return has.length > 0;
}

/** A late draft for one organization, counted among the year's required filings. */
export function lateDraftStatements(
  db: Db,
  y: { id: number; year: number },
  orgId: number,
  at: string,
): BatchItem[] {
  return [
    db.run(sql`
      INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode,
        supervisor_unit_id, state, state_since, created_at, updated_at)
      SELECT ${y.id}, o.id, ${y.year}, o.authority_id, o.type, o.supervision_mode, o.supervisor_unit_id,
        'draft', ${at}, ${at}, ${at}
      FROM organizations o WHERE o.id = ${orgId}
      ON CONFLICT (org_id, year) DO NOTHING`),
    db.run(sql`UPDATE inspection_years SET required_count = required_count + changes() WHERE id = ${y.id}`),
  ];
}
