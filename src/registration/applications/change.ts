import { and, eq, sql } from "drizzle-orm";
import { organizations, supervisorUnits } from "../../../db/schema";
import { type BatchItem, type Db, staleGuard } from "../../db";
import { changeAnnouncement } from "../../domain/announcement-texts";
import { filingLimitProblem, foundingProblems, type RuleProblem } from "../../domain/registration";
import { indexNameStatement, unindexNameStatement } from "../../registry/grams";
import type { ChangeData } from "../forms";
import {
  type ApplicationRow,
  type ApprovalContext,
  type ApprovalEffect,
  type AuthorityFacts,
  type OrgRow,
  orgOf,
  problemList,
  proposedNameProblems,
  representativeProblems,
} from "./shared";

/** 变更: a change of registered facts — what must differ, the rules the new facts meet, and what approval writes. */

/** Every rule problem of a 变更 application as it stands. */
export async function changeProblems(
  db: Db,
  app: ApplicationRow,
  authority: AuthorityFacts,
  today: string,
  staff: { seriousPersonBlocks: boolean } | null,
): Promise<RuleProblem[]> {
  const { out, need } = problemList();
  const d = app.data as ChangeData;
  const org = (await orgOf(db, app))!;
  const items = d.items ?? [];
  if (items.length === 0) need("items", "请至少选择一项变更事项。");
  const same = (item: string, now: unknown, before: unknown) => {
    if (now === undefined || now === "") need(item, "请填写变更后的内容。");
    else if (now === before) need(item, "变更后的内容与现登记内容相同。");
  };
  for (const item of items) {
    if (item === "name") same("name", d.name, org.name);
    if (item === "address") same("address", d.address, org.address);
    if (item === "legalRepresentative")
      same("legalRepresentative", d.legalRepresentative, org.legalRepresentative);
    if (item === "purpose") same("purpose", d.purpose, org.purpose);
    if (item === "businessScope") same("businessScope", d.businessScope, org.businessScope);
    if (item === "capital") same("capital", d.capitalFen, org.capitalFen);
    if (item === "supervisor") same("supervisorUnitId", d.supervisorUnitId, org.supervisorUnitId);
    if (item === "activityArea") same("activityArea", d.activityArea, org.activityArea);
  }
  if (items.includes("name") && d.name) {
    out.push(...(await proposedNameProblems(db, app, authority, d.name, org.type, org.id)));
  }
  // R-A1 / R-A2: a change of 注册资金 / 原始基金 meets the same minimums as 成立.
  if (items.includes("capital") && d.capitalFen !== undefined) {
    out.push(
      ...foundingProblems({
        type: org.type,
        level: authority.level,
        individualMembers: 50,
        unitMembers: 30,
        capitalFen: d.capitalFen,
        foundationKind: org.foundationKind,
        boardSize: 5,
        boardTermYears: 5,
        partyCommitment: true,
        partySurvey: true,
        charter: "x".repeat(50),
      }).filter((p) => p.field === "capital"),
    );
  }
  if (items.includes("legalRepresentative") && d.legalRepresentative) {
    out.push(...(await representativeProblems(db, org.type, d.legalRepresentative, org.id, staff)));
    if (!d.auditReportNo) {
      out.push({
        field: "auditReportNo",
        rule: "R-A8",
        message: "变更法定代表人前须进行财务审计：请填写审计报告文号。",
        level: "block",
      });
    }
  }
  if (org.supervisionMode === "supervised" && !d.supervisorApprovedOn) {
    need("supervisorApprovedOn", "请填写业务主管单位同意变更的日期。");
  }
  const late = filingLimitProblem("change", d.supervisorApprovedOn ?? null, app.submittedOn ?? today);
  if (late) out.push(late);
  return out;
}

/** Approval of a 变更 (R-A7): the register changes, the history records before and after, some changes are announced. */
export async function approveChange(ctx: ApprovalContext): Promise<ApprovalEffect> {
  const { db, app, history, notice } = ctx;
  const o = ctx.org!;
  const d = app.data as ChangeData;
  const items = d.items ?? [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set: Partial<typeof organizations.$inferInsert> = {};
  const pick = <K extends keyof OrgRow>(item: string, key: K, value: OrgRow[K] | undefined) => {
    if (!items.includes(item as never) || value === undefined) return;
    before[key] = o[key];
    after[key] = value;
    (set as Record<string, unknown>)[key] = value;
  };
  pick("name", "name", d.name);
  pick("address", "address", d.address);
  pick("legalRepresentative", "legalRepresentative", d.legalRepresentative);
  pick("purpose", "purpose", d.purpose);
  pick("businessScope", "businessScope", d.businessScope);
  pick("capital", "capitalFen", d.capitalFen);
  pick("activityArea", "activityArea", d.activityArea);
  if (items.includes("supervisor") && d.supervisorUnitId) {
    const [unit] = await db.select().from(supervisorUnits).where(eq(supervisorUnits.id, d.supervisorUnitId));
    if (unit) {
      before.supervisor = o.supervisor;
      after.supervisor = unit.name;
      set.supervisor = unit.name;
      set.supervisorUnitId = unit.id;
      set.supervisionMode = "supervised";
    }
  }
  const statements: BatchItem[] = [
    db
      .update(organizations)
      .set({ ...set, version: o.version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(organizations.id, o.id), eq(organizations.version, o.version))),
    staleGuard(db),
    history(o.id, "change", before, after),
  ];
  if (set.name) statements.push(unindexNameStatement(db, o.id), indexNameStatement(db, o.id, set.name));
  // A new 业务主管单位 reviews the open year's filing from now on (a filing not yet concluded follows the register).
  if (set.supervisorUnitId) {
    statements.push(
      db.run(sql`UPDATE annual_inspections SET supervisor_unit_id = ${set.supervisorUnitId}, supervision_mode = 'supervised'
        WHERE org_id = ${o.id} AND state IN ('draft', 'submitted', 'pre_review', 'returned', 'supervisor_review')`),
    );
  }
  // R-A7: changes of 名称, 住所 and 法定代表人 are announced.
  const announced = (["name", "address", "legalRepresentative"] as const).filter((k) => k in set);
  if (announced.length > 0) {
    const labels = { name: "名称", address: "住所", legalRepresentative: "法定代表人" };
    const text = changeAnnouncement(
      o,
      announced.map((k) => ({ label: labels[k], before: String(before[k]), after: String(after[k]) })),
    );
    statements.push(notice(o.id, "change", text.title, text.body));
  }
  return { statements, uscc: o.uscc };
}
