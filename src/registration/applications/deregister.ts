import { and, eq } from "drizzle-orm";
import { organizations } from "../../../db/schema";
import { staleGuard } from "../../db";
import { deregistrationAnnouncement } from "../../domain/announcement-texts";
import { filingLimitProblem, type RuleProblem } from "../../domain/registration";
import { toDayNumber } from "../../domain/working-days";
import type { DeregistrationData } from "../forms";
import { type ApplicationRow, type ApprovalContext, type ApprovalEffect, problemList } from "./shared";

/** 注销: the organization ends after its liquidation — the report and dates, and what approval writes. */

/** Every rule problem of a 注销 application as it stands. */
export function deregistrationProblems(app: ApplicationRow, today: string): RuleProblem[] {
  const { out, need } = problemList();
  const d = app.data as DeregistrationData;
  if (!d.reason) need("reason", "请填写注销原因。");
  if (!d.liquidationReport)
    need("liquidationReport", "请提交清算报告（资产、债权债务的清理情况和剩余财产的处置）。");
  if (!d.liquidationEndedOn) need("liquidationEndedOn", "请填写清算结束的日期。");
  else if (toDayNumber(d.liquidationEndedOn) > toDayNumber(today)) {
    need("liquidationEndedOn", "清算结束日期不能晚于今天。");
  }
  const late = filingLimitProblem("deregistration", d.liquidationEndedOn ?? null, app.submittedOn ?? today);
  if (late) out.push(late);
  return out;
}

/** Approval of a 注销 (R-A9): the organization is deregistered, its history records it, and a 公告 is published. */
export async function approveDeregistration(ctx: ApprovalContext): Promise<ApprovalEffect> {
  const { db, app, today, history, notice } = ctx;
  const o = ctx.org!;
  const d = app.data as DeregistrationData;
  const announcement = deregistrationAnnouncement(o);
  return {
    uscc: o.uscc,
    statements: [
      db
        .update(organizations)
        .set({
          status: "deregistered",
          statusOn: today,
          version: o.version + 1,
          updatedAt: new Date().toISOString(),
        })
        .where(
          and(
            eq(organizations.id, o.id),
            eq(organizations.version, o.version),
            eq(organizations.status, "active"),
          ),
        ),
      staleGuard(db),
      history(
        o.id,
        "deregistration",
        { status: o.status },
        { status: "deregistered", statusOn: today, liquidationEndedOn: d.liquidationEndedOn },
      ),
      notice(o.id, "deregistration", announcement.title, announcement.body),
    ],
  };
}
