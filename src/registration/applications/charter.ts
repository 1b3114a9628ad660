import type { Db } from "../../db";
import { filingLimitProblem, type RuleProblem } from "../../domain/registration";
import type { CharterData } from "../forms";
import { type ApplicationRow, type ApprovalContext, type ApprovalEffect, orgOf, problemList } from "./shared";

/** 章程核准: an amended charter — its text and changed clauses, and the history row approval writes. */

/** Every rule problem of a 章程核准 application as it stands. */
export async function charterProblems(db: Db, app: ApplicationRow, today: string): Promise<RuleProblem[]> {
  const { out, need } = problemList();
  const d = app.data as CharterData;
  const org = (await orgOf(db, app))!;
  if (!d.charter || d.charter.length < 50) need("charter", "请提交修改后的章程全文。");
  if (!d.changedClauses) need("changedClauses", "请列出修改的条款（修改前、修改后）。");
  if (org.supervisionMode === "supervised" && !d.supervisorApprovedOn) {
    need("supervisorApprovedOn", "请填写业务主管单位同意的日期。");
  }
  const late = filingLimitProblem("charter", d.supervisorApprovedOn ?? null, app.submittedOn ?? today);
  if (late) out.push(late);
  return out;
}

/** Approval of a 章程核准: the organization's history records the approved clauses. */
export async function approveCharter(ctx: ApprovalContext): Promise<ApprovalEffect> {
  const { app, history } = ctx;
  const o = ctx.org!;
  const d = app.data as CharterData;
  return {
    uscc: o.uscc,
    statements: [history(o.id, "charter", null, { changedClauses: d.changedClauses, charterApproved: true })],
  };
}
