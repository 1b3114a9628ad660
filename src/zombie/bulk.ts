/** Bulk preparation on the triage list: letters or an assignee for many organizations, never a decision (R-E2). */
import { sql } from "drizzle-orm";
import { letters, zombieAssignments } from "../../db/schema";
import { commitWithAudit } from "../audit/audit";
import { actorOf } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import type { BatchItem } from "../db";
import { todayOf } from "./cases";

/**
 * Bulk preparation on the triage list (R-E2 allows nothing more in bulk): a letter sent to each selected organization
 * (one row each, numbered within the batch), or the selected assigned to a registrar of the authority.
 */
export async function bulkPrepare(
  deps: AppDeps,
  user: SessionUser,
  input:
    | { kind: "letter"; orgIds: number[]; sentOn: string; batchNo: string }
    | { kind: "assign"; orgIds: number[]; assigneeId: number },
  ip: string | null,
): Promise<{ ok: true; count: number } | { ok: false; message: string }> {
  if (user.role !== "registrar" || user.authorityId === null)
    return { ok: false, message: "只有登记管理机关可以办理。" };
  const ids = [...new Set(input.orgIds)].slice(0, 500);
  const own =
    (await deps.db.all(sql`SELECT id, address FROM organizations WHERE authority_id = ${user.authorityId}
    AND status = 'active' AND id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`)) as { id: number; address: string }[];
  if (own.length === 0) return { ok: false, message: "请勾选本机关登记的组织。" };
  const today = todayOf(deps);
  const items: BatchItem[] = [];
  if (input.kind === "letter") {
    own.forEach((o, i) => {
      items.push(
        deps.db.insert(letters).values({
          orgId: o.id,
          authorityId: user.authorityId!,
          purpose: "zombie",
          address: o.address,
          sentOn: input.sentOn,
          trackingNo: `${input.batchNo}-${String(i + 1).padStart(3, "0")}`,
          recordedBy: user.id,
        }),
      );
    });
  } else {
    const [assignee] =
      (await deps.db.all(sql`SELECT id FROM users WHERE id = ${input.assigneeId} AND role = 'registrar'
      AND authority_id = ${user.authorityId} AND status = 'active'`)) as { id: number }[];
    if (!assignee) return { ok: false, message: "请选择本机关的工作人员。" };
    for (const o of own) {
      items.push(
        deps.db
          .insert(zombieAssignments)
          .values({ orgId: o.id, userId: assignee.id, assignedBy: user.id, assignedOn: today })
          .onConflictDoUpdate({
            target: zombieAssignments.orgId,
            set: { userId: assignee.id, assignedBy: user.id, assignedOn: today },
          }),
      );
    }
  }
  await commitWithAudit(deps.db, actorOf(user, ip), items, {
    action: input.kind === "letter" ? "zombie.bulk.letter" : "zombie.bulk.assign",
    objectType: "organization",
    summary: {
      orgIds: own.map((o) => o.id),
      ...(input.kind === "letter" ? { batchNo: input.batchNo } : { assigneeId: input.assigneeId }),
    },
  });
  return { ok: true, count: own.length };
}
