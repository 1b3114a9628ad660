/**
 * 三同步 (R-F3) between the ledger and the 年检: the filing's party and cadre sections are prefilled from the confirmed
 * ledger and the cadre register (R-F5), reviewers see where a filing departs from the ledger, and a concluded
 * filing's member counts enter the ledger's history.
 */
import { sql } from "drizzle-orm";
import { partyMemberCounts } from "../../db/schema";
import type { BatchItem, Db } from "../db";
import type { CadresSection, InspectionReport, PartyBuildingSection } from "../domain/inspection-report";
import { PARTY_ORG_TYPE_LABELS } from "../domain/inspection-report";

interface CurrentLedger {
  hasPartyOrg: number;
  orgType: PartyBuildingSection["orgType"] | null;
  name: string | null;
  secretaryName: string | null;
  secretaryIsOfficer: number;
  committeeSize: number | null;
  coveredOrgIds: string;
  instructorName: string | null;
  instructorUnit: string | null;
  fullMembers: number | null;
  probationaryMembers: number | null;
  activists: number | null;
}

async function currentLedger(db: Db, orgId: number): Promise<CurrentLedger | null> {
  const [row] = (await db.all(sql`
    SELECT v.has_party_org AS "hasPartyOrg", v.org_type AS "orgType", v.name, v.secretary_name AS "secretaryName",
      v.secretary_is_officer AS "secretaryIsOfficer", v.committee_size AS "committeeSize",
      v.covered_org_ids AS "coveredOrgIds", v.instructor_name AS "instructorName", v.instructor_unit AS "instructorUnit",
      c.full_members AS "fullMembers", c.probationary_members AS "probationaryMembers", c.activists
    FROM (SELECT ${orgId} AS org_id) k
    LEFT JOIN party_org_versions v ON v.org_id = k.org_id AND v.state = 'confirmed' AND v.superseded_on IS NULL
    LEFT JOIN party_member_counts c ON c.id = (SELECT id FROM party_member_counts WHERE org_id = k.org_id
      ORDER BY as_of DESC, id DESC LIMIT 1)`)) as (CurrentLedger & { hasPartyOrg: number | null })[];
  if (!row || (row.hasPartyOrg === null && row.fullMembers === null)) return null;
  return { ...row, hasPartyOrg: row.hasPartyOrg ?? 0, coveredOrgIds: row.coveredOrgIds ?? "[]" };
}

/** The party section as the confirmed ledger has it (what the 年检 form offers before the organization saves). */
export async function partySectionFromLedger(db: Db, orgId: number): Promise<PartyBuildingSection | null> {
  const l = await currentLedger(db, orgId);
  if (!l) return null;
  const has = l.hasPartyOrg === 1;
  return {
    hasPartyOrg: has,
    orgType: has ? (l.orgType ?? undefined) : undefined,
    orgName: has ? (l.name ?? undefined) : undefined,
    coveredUnits:
      has && l.orgType === "joint_branch" ? (JSON.parse(l.coveredOrgIds) as number[]).length + 1 : undefined,
    fullMembers: l.fullMembers ?? 0,
    probationaryMembers: l.probationaryMembers ?? 0,
    activists: l.activists ?? undefined,
    hasBranchCommittee: has && (l.committeeSize ?? 0) > 0,
    committeeSize: has ? (l.committeeSize ?? undefined) : undefined,
    secretaryName: has ? (l.secretaryName ?? undefined) : undefined,
    secretaryIsOfficer: has && l.secretaryIsOfficer === 1,
    hasInstructor: l.instructorName !== null,
    instructorName: l.instructorName ?? undefined,
    instructorUnit: l.instructorUnit ?? undefined,
  };
}

/** The cadre section as the register has it (R-F5): the organization's current posts, with each person's 社团 posts. */
export async function cadreSectionFromRegister(
  db: Db,
  orgId: number,
  today: string,
): Promise<CadresSection | null> {
  const rows = (await db.all(sql`
    SELECT p.person_name AS name, p.post_title AS post, p.post_kind AS "postKind", p.level AS "cadreLevel",
      p.status, p.birth_date AS "birthDate", p.term_number AS "termsServed", p.approval_doc AS "approvalRecord",
      p.paid, p.is_legal_representative AS "isLegalRepresentative",
      (SELECT count(*) FROM cadre_posts q JOIN organizations o ON o.id = q.org_id
        WHERE q.person_key = p.person_key AND o.type = 'social_group' AND (q.ended_on IS NULL OR q.ended_on > ${today})) AS groups
    FROM cadre_posts p WHERE p.org_id = ${orgId} AND (p.ended_on IS NULL OR p.ended_on > ${today})
    ORDER BY p.id`)) as {
    name: string;
    post: string;
    postKind: CadresSection["items"][number]["postKind"];
    cadreLevel: CadresSection["items"][number]["cadreLevel"];
    status: string;
    birthDate: string;
    termsServed: number;
    approvalRecord: string | null;
    paid: number;
    isLegalRepresentative: number;
    groups: number;
  }[];
  if (rows.length === 0) return null;
  return {
    items: rows.map((r) => ({
      name: r.name,
      post: r.post,
      postKind: r.postKind,
      cadreLevel: r.cadreLevel,
      retired: r.status === "retired",
      birthDate: r.birthDate,
      termsServed: r.termsServed,
      approvalRecord: r.approvalRecord ?? undefined,
      paid: r.paid === 1,
      isLegalRepresentative: r.isLegalRepresentative === 1,
      socialGroupPosts: Math.max(1, Number(r.groups)),
    })),
  };
}

/** What the 年检 form offers for sections the organization has not saved yet. */
export async function inspectionPrefill(
  db: Db,
  orgId: number,
  today: string,
): Promise<Partial<Pick<InspectionReport, "partyBuilding" | "cadres">>> {
  const [party, cadres] = await Promise.all([
    partySectionFromLedger(db, orgId),
    cadreSectionFromRegister(db, orgId, today),
  ]);
  return { ...(party ? { partyBuilding: party } : {}), ...(cadres ? { cadres } : {}) };
}

/** Where a filing's party section departs from the confirmed ledger, in words for the reviewer. */
export async function ledgerDifferences(
  db: Db,
  orgId: number,
  filed: PartyBuildingSection | undefined,
): Promise<string[]> {
  if (!filed) return [];
  const ledger = await partySectionFromLedger(db, orgId);
  if (!ledger) return ["党建工作台账中尚无该组织的信息，年检填报的党建情况未经台账确认。"];
  const out: string[] = [];
  const cmp = (
    label: string,
    a: unknown,
    b: unknown,
    show: (v: unknown) => string = (v) => (v === undefined ? "未填" : String(v)),
  ) => {
    if ((a ?? null) !== (b ?? null)) out.push(`${label}：台账为“${show(a)}”，年检填报为“${show(b)}”`);
  };
  const yn = (v: unknown) => (v ? "是" : "否");
  cmp("是否建立党组织", ledger.hasPartyOrg, filed.hasPartyOrg, yn);
  cmp("党组织类型", ledger.orgType, filed.orgType, (v) =>
    v ? PARTY_ORG_TYPE_LABELS[v as keyof typeof PARTY_ORG_TYPE_LABELS] : "未填",
  );
  cmp("党组织名称", ledger.orgName, filed.orgName);
  cmp("书记", ledger.secretaryName, filed.secretaryName);
  cmp("正式党员人数", ledger.fullMembers, filed.fullMembers);
  cmp("预备党员人数", ledger.probationaryMembers, filed.probationaryMembers);
  cmp("党建工作指导员", ledger.instructorName, filed.instructorName);
  return out;
}

/** A concluded filing's member counts enter the ledger's history, as at the year's end, once per filing. */
export function memberCountsFromFiling(
  db: Db,
  orgId: number,
  filingId: number,
  year: number,
  section: PartyBuildingSection,
): BatchItem | null {
  const max = 100_000; // the ledger's own bound; a larger figure stays in the filing and is not copied
  if (section.fullMembers > max || section.probationaryMembers > max || (section.activists ?? 0) > max)
    return null;
  return db
    .insert(partyMemberCounts)
    .values({
      orgId,
      asOf: `${year}-12-31`,
      fullMembers: section.fullMembers,
      probationaryMembers: section.probationaryMembers,
      activists: section.activists ?? 0,
      source: "inspection",
      sourceRef: `inspection:${filingId}`,
    })
    .onConflictDoNothing();
}

/** R-F5: where a filing's cadre section departs from the register (a cadre missing on either side, a different term). */
export async function cadreDifferences(
  db: Db,
  orgId: number,
  filed: CadresSection | undefined,
  today: string,
): Promise<string[]> {
  const register = (await cadreSectionFromRegister(db, orgId, today))?.items ?? [];
  const listed = filed?.items ?? [];
  if (!filed && register.length === 0) return [];
  const out: string[] = [];
  for (const r of register) {
    const f = listed.find((x) => x.name === r.name);
    if (!f) out.push(`领导干部兼职登记中的${r.name}（${r.post}）未在年检中填报。`);
    else if (f.termsServed !== r.termsServed) {
      out.push(`${r.name}的任职届次：登记为第${r.termsServed}届，年检填报为第${f.termsServed}届。`);
    }
  }
  for (const f of listed) {
    if (!register.some((r) => r.name === f.name))
      out.push(`年检填报的${f.name}（${f.post}）不在领导干部兼职登记中，请核实后登记。`);
  }
  return out;
}
