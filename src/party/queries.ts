/** The party-building ledger's reads (R-F4): versions, member counts, activities, coverage over an authority. */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import type {
  ActivityRow,
  AlertRow,
  CountsRow,
  CoverageGroupRow,
  PartyOrgRecord,
  PendingRow,
  UncoveredRow,
} from "./contract";

const VERSION_COLUMNS = sql`v.id, v.state, v.has_party_org AS "hasPartyOrg", v.org_type AS "orgType", v.name,
  v.approval_doc AS "approvalDoc", v.approved_on AS "approvedOn", v.parent_org AS "parentOrg",
  v.leading_body AS "leadingBody", v.covered_org_ids AS "coveredOrgIds", v.secretary_name AS "secretaryName",
  v.secretary_is_officer AS "secretaryIsOfficer", v.committee_size AS "committeeSize",
  v.committee_members AS "committeeMembers", v.term_start AS "termStart", v.term_end AS "termEnd",
  v.in_charter AS "inCharter", v.instructor_name AS "instructorName", v.instructor_unit AS "instructorUnit",
  v.instructor_appointed_on AS "instructorAppointedOn", v.note, v.submitted_at AS "submittedAt",
  su.display_name AS "submittedByName", v.decided_at AS "decidedAt", du.display_name AS "decidedByName",
  v.decision_reason AS "decisionReason", v.effective_on AS "effectiveOn", v.superseded_on AS "supersededOn", v.version`;
const VERSION_FROM = sql`party_org_versions v LEFT JOIN users su ON su.id = v.submitted_by
  LEFT JOIN users du ON du.id = v.decided_by`;

type RawVersion = Omit<PartyOrgRecord, "coveredOrgs"> & { coveredOrgIds: string };

async function withCoveredOrgs(db: Db, rows: RawVersion[]): Promise<PartyOrgRecord[]> {
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.coveredOrgIds) as number[]))];
  const names = new Map<number, { id: number; name: string; uscc: string }>();
  if (ids.length > 0) {
    const found = (await db.all(
      sql`SELECT id, name, uscc FROM organizations WHERE id IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    )) as { id: number; name: string; uscc: string }[];
    for (const o of found) names.set(o.id, o);
  }
  return rows.map(({ coveredOrgIds, ...r }) => ({
    ...r,
    hasPartyOrg: Boolean(r.hasPartyOrg),
    secretaryIsOfficer: Boolean(r.secretaryIsOfficer),
    inCharter: Boolean(r.inCharter),
    coveredOrgs: (JSON.parse(coveredOrgIds) as number[]).flatMap((id) => {
      const o = names.get(id);
      return o ? [o] : [];
    }),
  }));
}

/** Every version of an organization's party organization, newest first (the history; never deleted). */
export async function versionsOf(db: Db, orgId: number): Promise<PartyOrgRecord[]> {
  const rows = (await db.all(
    sql`SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE v.org_id = ${orgId} ORDER BY v.id DESC LIMIT 200`,
  )) as RawVersion[];
  return withCoveredOrgs(db, rows);
}

/** The confirmed version that counted on `day` (the current one when `day` is today or later). */
export function confirmedOn(versions: readonly PartyOrgRecord[], day: string): PartyOrgRecord | null {
  return (
    versions.find(
      (v) =>
        v.state === "confirmed" &&
        v.effectiveOn !== null &&
        v.effectiveOn <= day &&
        (v.supersededOn === null || v.supersededOn > day),
    ) ?? null
  );
}

export async function countsOf(db: Db, orgId: number): Promise<CountsRow[]> {
  return (await db.all(sql`
    SELECT c.id, c.as_of AS "asOf", c.full_members AS "fullMembers", c.probationary_members AS "probationaryMembers",
      c.activists, c.source, c.created_at AS "recordedAt"
    FROM party_member_counts c WHERE c.org_id = ${orgId} ORDER BY c.as_of DESC, c.id DESC LIMIT 200`)) as CountsRow[];
}

export async function activitiesOf(
  db: Db,
  orgId: number,
  until: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ActivityRow[]; total: number }> {
  const rows = (await db.all(sql`
    SELECT a.id, a.held_on AS "heldOn", a.kind, a.topic, a.attendance, a.attachment_name AS "attachmentName"
    FROM party_activities a WHERE a.org_id = ${orgId} AND a.held_on <= ${until}
    ORDER BY a.held_on DESC, a.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`)) as ActivityRow[];
  const [n] = (await db.all(
    sql`SELECT count(*) AS n FROM party_activities WHERE org_id = ${orgId} AND held_on <= ${until}`,
  )) as { n: number }[];
  return { rows, total: Number(n?.n ?? 0) };
}

/** The current 联合党支部 (of other organizations) that cover this one. */
export async function jointBranchesCovering(
  db: Db,
  orgId: number,
): Promise<{ name: string; uscc: string; branchName: string }[]> {
  return (await db.all(sql`
    SELECT o.name, o.uscc, v.name AS "branchName"
    FROM party_org_versions v JOIN organizations o ON o.id = v.org_id, json_each(v.covered_org_ids) e
    WHERE v.state = 'confirmed' AND v.superseded_on IS NULL AND v.org_type = 'joint_branch'
      AND e.value = ${orgId} AND v.org_id <> ${orgId}`)) as {
    name: string;
    uscc: string;
    branchName: string;
  }[];
}

// Coverage over an authority (R-F3) ------------------------------------------------------------------------------------

/** Organizations covered by someone else's current 联合党支部. */
export const COVERED = sql`covered AS (
  SELECT DISTINCT e.value AS org_id FROM party_org_versions j, json_each(j.covered_org_ids) e
  WHERE j.state = 'confirmed' AND j.superseded_on IS NULL AND j.org_type = 'joint_branch')`;

/** One row per active organization with what its coverage rests on. */
export const COVERAGE_ROWS = sql`
  SELECT o.id, o.name, o.uscc, o.type, o.authority_id AS "authorityId", o.supervisor_unit_id AS "supervisorUnitId",
    o.supervision_mode AS "supervisionMode",
    coalesce(v.has_party_org, 0) AS own,
    CASE WHEN cv.org_id IS NULL THEN 0 ELSE 1 END AS joint,
    CASE WHEN v.instructor_name IS NULL THEN 0 ELSE 1 END AS instructor
  FROM organizations o
  LEFT JOIN party_org_versions v ON v.org_id = o.id AND v.state = 'confirmed' AND v.superseded_on IS NULL
  LEFT JOIN covered cv ON cv.org_id = o.id`;

export type CoverageDimension = "authority" | "type" | "supervisor";

export type { CoverageGroupRow };

const inIds = (ids: number[]) =>
  ids.length === 0
    ? sql`(NULL)`
    : sql`(${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`;

export interface CoverageFilter {
  authorityIds: number[];
  type?: string;
  supervisorUnitId?: number;
}

function where(f: CoverageFilter): SQL {
  const parts = [sql`o.status = 'active'`, sql`o.authority_id IN ${inIds(f.authorityIds)}`];
  if (f.type) parts.push(sql`o.type = ${f.type}`);
  if (f.supervisorUnitId) parts.push(sql`o.supervisor_unit_id = ${f.supervisorUnitId}`);
  return sql.join(parts, sql` AND `);
}

export async function coverageGroups(
  db: Db,
  f: CoverageFilter,
  dimension: CoverageDimension,
): Promise<CoverageGroupRow[]> {
  const key =
    dimension === "authority"
      ? sql`CAST(r."authorityId" AS TEXT)`
      : dimension === "type"
        ? sql`r.type`
        : sql`CASE WHEN r."supervisorUnitId" IS NULL THEN r."supervisionMode" ELSE CAST(r."supervisorUnitId" AS TEXT) END`;
  return (await db.all(sql`
    WITH ${COVERED}, r AS (${COVERAGE_ROWS} WHERE ${where(f)})
    SELECT ${key} AS key, count(*) AS total,
      sum(CASE WHEN r.own = 1 OR r.joint = 1 THEN 1 ELSE 0 END) AS organizational,
      sum(CASE WHEN r.own = 1 OR r.joint = 1 OR r.instructor = 1 THEN 1 ELSE 0 END) AS work
    FROM r GROUP BY key ORDER BY total DESC`)) as CoverageGroupRow[];
}

export type { UncoveredRow };

/** Organizations with neither coverage (no party organization, no joint branch, no instructor), by name. */
export async function uncovered(
  db: Db,
  f: CoverageFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: UncoveredRow[]; total: number }> {
  const base = sql`WITH ${COVERED}, r AS (${COVERAGE_ROWS} WHERE ${where(f)})`;
  const rows = (await db.all(sql`${base}
    SELECT r.id, r.name, r.uscc, r.type, r."authorityId" FROM r WHERE r.own = 0 AND r.joint = 0 AND r.instructor = 0
    ORDER BY r.name LIMIT ${page.limit} OFFSET ${page.offset}`)) as UncoveredRow[];
  const [n] = (await db.all(sql`${base}
    SELECT count(*) AS n FROM r WHERE r.own = 0 AND r.joint = 0 AND r.instructor = 0`)) as { n: number }[];
  return { rows, total: Number(n?.n ?? 0) };
}

export type { PendingRow };

export async function pendingChanges(db: Db, authorityIds: number[]): Promise<PendingRow[]> {
  return (await db.all(sql`
    SELECT v.id AS "versionId", o.name AS "orgName", o.uscc, v.submitted_at AS "submittedAt", v.note
    FROM party_org_versions v JOIN organizations o ON o.id = v.org_id
    WHERE v.state = 'pending' AND v.authority_id IN ${inIds(authorityIds)}
    ORDER BY v.submitted_at LIMIT 200`)) as PendingRow[];
}

export type { AlertRow };

export async function openAlerts(db: Db, where: SQL): Promise<AlertRow[]> {
  return (await db.all(sql`
    SELECT o.name AS "orgName", o.uscc, a.kind, a.term_end AS "termEnd", a.raised_on AS "raisedOn"
    FROM party_alerts a JOIN organizations o ON o.id = a.org_id
    WHERE a.closed_on IS NULL AND ${where} ORDER BY a.term_end LIMIT 200`)) as AlertRow[];
}

export const alertsOfAuthorities = (db: Db, ids: number[]) =>
  openAlerts(db, sql`a.authority_id IN ${inIds(ids)}`);
export const alertsOfOrg = (db: Db, orgId: number) => openAlerts(db, sql`a.org_id = ${orgId}`);

/** Activities recorded per quarter over the authorities, the last `quarters` quarters up to `today`. */
export async function activitiesPerQuarter(
  db: Db,
  authorityIds: number[],
  since: string,
): Promise<{ quarter: string; n: number; orgs: number }[]> {
  return (await db.all(sql`
    SELECT substr(a.held_on, 1, 4) || '-Q' || ((CAST(substr(a.held_on, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
      count(*) AS n, count(DISTINCT a.org_id) AS orgs
    FROM party_activities a JOIN organizations o ON o.id = a.org_id
    WHERE o.authority_id IN ${inIds(authorityIds)} AND a.held_on >= ${since}
    GROUP BY quarter ORDER BY quarter`)) as { quarter: string; n: number; orgs: number }[];
}
