import { and, eq, sql } from "drizzle-orm";
import type { OrgType } from "../../../db/schema";
import {
  organizations,
  partyMemberCounts,
  partyOrgVersions,
  registrationApplications,
  supervisorUnits,
  usccSequences,
} from "../../../db/schema";
import type { Db } from "../../db";
import { establishmentAnnouncement } from "../../domain/announcement-texts";
import { foundingProblems, type RuleProblem } from "../../domain/registration";
import { issueUscc, type UsccOrgType, usccPrefix, usccSequenceOf } from "../../domain/uscc";
import { nameTokens } from "../../registry/grams";
import { TYPE_LABELS } from "../../registry/labels";
import type { EstablishmentData } from "../forms";
import {
  type ApplicationRow,
  type ApprovalContext,
  type ApprovalEffect,
  type AuthorityFacts,
  problemList,
  proposedNameProblems,
  representativeProblems,
} from "./shared";

/** 成立: a new organization — its required facts (R-A6, R-A11), name and founding rules, and what approval writes. */

const ORG_TYPE_TO_USCC: Record<string, UsccOrgType> = {
  social_group: "social_group",
  private_non_enterprise: "private_non_enterprise",
  foundation: "foundation",
};

/** Every rule problem of a 成立 application as it stands. */
export async function establishmentProblems(
  db: Db,
  app: ApplicationRow,
  authority: AuthorityFacts,
  staff: { seriousPersonBlocks: boolean } | null,
): Promise<RuleProblem[]> {
  const { out, need } = problemList();
  const d = app.data as EstablishmentData;
  if (!d.name) need("name", "请填写拟成立组织的名称。");
  if (!d.type) need("type", "请选择组织类型。");
  if (!d.address) need("address", "请填写住所。");
  if (!d.purpose) need("purpose", "请填写宗旨。");
  if (!d.businessScope) need("businessScope", "请填写业务范围。");
  if (!d.supervisionMode) need("supervisionMode", "请选择管理方式：有业务主管单位，或直接登记。");
  if (d.supervisionMode === "supervised" && !d.supervisorUnitId)
    need("supervisorUnitId", "请选择业务主管单位。");
  // R-A11: only four categories register directly, and they name their 党建领导机关 instead.
  if (d.supervisionMode === "direct") {
    if (!d.directCategory) {
      out.push({
        field: "directCategory",
        rule: "R-A11",
        level: "block",
        message:
          "直接登记只适用于行业协会商会类、科技类、公益慈善类和城乡社区服务类社会组织，请选择所属类别；其他组织须有业务主管单位。",
      });
    }
    if (!d.partyBuildingAuthority) {
      out.push({
        field: "partyBuildingAuthority",
        rule: "R-A11",
        level: "block",
        message: "直接登记的社会组织请填写党建领导机关（负责其党建工作的机关）。",
      });
    }
  }
  // R-A4: the checks that hold for every type run as soon as a name is typed; the type's own once it is chosen.
  if (d.name) out.push(...(await proposedNameProblems(db, app, authority, d.name, d.type ?? null, null)));
  if (d.type) {
    out.push(
      ...foundingProblems({
        type: d.type,
        level: authority.level,
        individualMembers: d.individualMembers ?? 0,
        unitMembers: d.unitMembers ?? 0,
        capitalFen: d.capitalFen ?? 0,
        foundationKind: d.foundationKind ?? null,
        boardSize: d.boardSize ?? null,
        boardTermYears: d.boardTermYears ?? null,
        partyCommitment: d.partyCommitment === true,
        partySurvey: d.partyFullMembers !== undefined && d.partyProbationaryMembers !== undefined,
        charter: d.charter ?? "",
      }),
    );
    out.push(...(await representativeProblems(db, d.type, d.legalRepresentative ?? "", null, staff)));
  }
  return out;
}

function addYearsMinusDay(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Approval of a 成立 (R-A6, R-B6, R-F3): the code, the organization, its name index, history, 公告 and 党建 ledger. */
export async function approveEstablishment(ctx: ApprovalContext): Promise<ApprovalEffect> {
  const { db, app, today, authority, history, notice } = ctx;
  const d = app.data as EstablishmentData;
  const type = d.type!;
  const seq = await nextSequence(db, app.authorityId, type, authority.regionCode);
  const uscc = issueUscc(authority.regionCode, ORG_TYPE_TO_USCC[type]!, seq);
  const unit =
    d.supervisionMode === "supervised" && d.supervisorUnitId
      ? (await db.select().from(supervisorUnits).where(eq(supervisorUnits.id, d.supervisorUnitId)))[0]
      : undefined;
  const newOrgId = sql`(SELECT id FROM organizations WHERE uscc = ${uscc})`;
  const validTo = addYearsMinusDay(today, 5);
  const announcement = establishmentAnnouncement({
    name: d.name!,
    uscc,
    typeLabel: TYPE_LABELS[type as OrgType],
    address: d.address ?? "",
    legalRepresentative: d.legalRepresentative ?? "",
    capitalFen: d.capitalFen ?? 0,
    supervisor: unit ? unit.name : null,
    authorityName: authority.name,
  });
  return {
    uscc,
    statements: [
      db
        .insert(usccSequences)
        .values({ authorityId: app.authorityId, orgType: type, last: seq })
        .onConflictDoUpdate({
          target: [usccSequences.authorityId, usccSequences.orgType],
          set: { last: seq },
        }),
      db.insert(organizations).values({
        uscc,
        name: d.name!,
        type,
        status: "active",
        statusOn: today,
        address: d.address ?? "",
        purpose: d.purpose ?? "",
        businessScope: d.businessScope ?? "",
        activityArea: d.activityArea ?? "",
        legalRepresentative: d.legalRepresentative ?? "",
        capitalFen: d.capitalFen ?? 0,
        supervisionMode: d.supervisionMode === "supervised" ? "supervised" : "direct",
        partyBuildingAuthority: d.supervisionMode === "direct" ? (d.partyBuildingAuthority ?? null) : null,
        supervisor: unit?.name ?? null,
        supervisorUnitId: unit?.id ?? null,
        authorityId: app.authorityId,
        registeredOn: today,
        certificateIssuedOn: today,
        certificateValidFrom: today,
        certificateValidTo: validTo,
        phone: d.phone ?? null,
        email: d.email ?? null,
        isCharity: d.isCharity === true,
        foundationKind: type === "foundation" ? (d.foundationKind ?? null) : null,
      }),
      db.run(
        sql`INSERT INTO org_name_grams (rowid, uni, bi) SELECT id, ${nameTokens(d.name!).uni}, ${nameTokens(d.name!).bi} FROM organizations WHERE uscc = ${uscc}`,
      ),
      history(newOrgId, "establishment", null, {
        name: d.name,
        type,
        legalRepresentative: d.legalRepresentative,
        address: d.address,
        capitalFen: d.capitalFen,
      }),
      notice(newOrgId, "establishment", announcement.title, announcement.body),
      db
        .update(registrationApplications)
        .set({ orgId: newOrgId as unknown as number })
        .where(eq(registrationApplications.id, app.id)),
      // R-F3: the 党员情况调查表 opens the organization's 党建工作台账 as its certificate is issued.
      db.insert(partyMemberCounts).values({
        orgId: newOrgId as unknown as number,
        asOf: today,
        fullMembers: Math.min(d.partyFullMembers ?? 0, 100_000),
        probationaryMembers: Math.min(d.partyProbationaryMembers ?? 0, 100_000),
        activists: Math.min(d.partyActivists ?? 0, 100_000),
        source: "registration",
        sourceRef: `application:${app.id}`,
      }),
      db.insert(partyOrgVersions).values({
        orgId: newOrgId as unknown as number,
        authorityId: app.authorityId,
        state: "confirmed",
        hasPartyOrg: false,
        note: d.partySecretaryCandidate
          ? `成立登记时的党员情况调查表：党组织书记人选 ${d.partySecretaryCandidate}。`
          : "成立登记时的党员情况调查表。",
        effectiveOn: today,
        decisionReason: "准予成立登记时建立党建工作台账",
      }),
    ],
  };
}

/** R-B6: the next sequence for (authority, type), above every code already issued there and never reused. */
async function nextSequence(db: Db, authorityId: number, type: string, regionCode: string): Promise<number> {
  const [kept] = await db
    .select({ last: usccSequences.last })
    .from(usccSequences)
    .where(and(eq(usccSequences.authorityId, authorityId), eq(usccSequences.orgType, type as never)));
  const prefix = usccPrefix(regionCode, type as UsccOrgType);
  const [existing] = (await db.all(
    sql`SELECT max(uscc) AS top FROM organizations WHERE uscc >= ${prefix} AND uscc < ${`${prefix}~`}`,
  )) as { top: string | null }[];
  const fromCodes = existing?.top ? usccSequenceOf(existing.top) : 0;
  return Math.max(kept?.last ?? 0, fromCodes) + 1;
}
