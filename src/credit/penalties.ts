/**
 * 行政处罚 records (警告, 罚款 with the amount, 没收, 限期停止活动 with its dates) by any department: part of an
 * organization's credit information, recorded by its registrar, and read by the `credit-penalties` job for the grounds
 * they give (R-D1(5), R-D4(3)–(5)).
 */
import { sql } from "drizzle-orm";
import { penalties } from "../../db/schema";
import { commitWithAudit } from "../audit/audit";
import { actorOf } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { readAll } from "../registry/read";
import type { PenaltyRow, Result } from "./contract";
import { ownOrg } from "./queries";

export type { PenaltyRow };

export async function recentPenalties(deps: AppDeps, user: SessionUser): Promise<PenaltyRow[]> {
  return (await deps.db.all(sql`
    SELECT p.id, o.name AS "orgName", o.uscc, p.kind, p.amount_fen AS "amountFen", p.suspended_from AS "suspendedFrom",
      p.suspended_to AS "suspendedTo", p.department, p.document_no AS "documentNo", p.decided_on AS "decidedOn", p.facts
    FROM penalties p JOIN organizations o ON o.id = p.org_id
    WHERE p.authority_id = ${user.authorityId ?? -1} ORDER BY p.decided_on DESC, p.id DESC LIMIT 200`)) as PenaltyRow[];
}

/** A penalty as the registrar records it: the row's facts, the organization named by its code. */
export type PenaltyInput = Omit<PenaltyRow, "id" | "orgName">;

export async function recordPenalty(
  deps: AppDeps,
  user: SessionUser,
  input: PenaltyInput,
  ip: string | null,
): Promise<Result<{ id: number }>> {
  const own = await ownOrg(deps.db, user, input.uscc);
  if (!own.ok) return own;
  const { org } = own;
  const { uscc: _code, ...values } = input;
  const [row] = await deps.db
    .insert(penalties)
    .values({ ...values, orgId: org.id, authorityId: org.authorityId, recordedBy: user.id })
    .returning({ id: penalties.id });
  await commitWithAudit(deps.db, actorOf(user, ip), [], {
    action: "credit.penalty.recorded",
    objectType: "penalty",
    objectId: row!.id,
    orgId: org.id,
    summary: {
      kind: input.kind,
      amountFen: input.amountFen,
      documentNo: input.documentNo,
      decidedOn: input.decidedOn,
    },
  });
  return { ok: true, id: row!.id };
}

/** 限期停止活动 running today, for the public page (R-A9: a sanction flag, not a status). */
export async function runningSuspension(deps: AppDeps, orgId: number, today: string) {
  const [row] = (await readAll(
    deps.db,
    sql`SELECT suspended_from AS "from", suspended_to AS "to", department, document_no AS "documentNo"
    FROM penalties WHERE org_id = ${orgId} AND kind = 'suspension' AND suspended_from <= ${today} AND suspended_to >= ${today}
    ORDER BY suspended_to DESC LIMIT 1`,
  )) as {
    from: string;
    to: string;
    department: string;
    documentNo: string;
  }[];
  return row ?? null;
}
