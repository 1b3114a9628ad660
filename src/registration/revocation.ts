import { and, eq, sql } from "drizzle-orm";
import { announcements, organizations, orgHistory } from "../../db/schema";
import { type Actor, type AuditInput, commitWithAudit } from "../audit/audit";
import type { BatchItem, Db } from "../db";
import { revocationAnnouncement } from "../domain/announcement-texts";
import { isIsoDate, toDayNumber } from "../domain/working-days";

/**
 * 撤销登记 by a registrar's decision (the zombie and credit work builds on it): the decision's number (文号)
 * and date, status 撤销 from that date, a history row, a 公告, and the organization's accounts become read-only
 * (src/registration/application-routes.tsx portalReadOnlyWhenTerminated). One batch with its audit event; a stale
 * page or an organization already terminated writes nothing (R-A9).
 */
export interface RevocationInput {
  documentNo: string;
  decidedOn: string;
  reason: string;
  version: number;
}

export type RevocationResult =
  | { ok: true }
  | { ok: false; code: "invalid" | "terminal" | "stale"; message: string; fields?: Record<string, string> };

export function revocationProblems(input: Partial<RevocationInput>, today: string, registeredOn: string) {
  const fields: Record<string, string> = {};
  if (!input.documentNo?.trim()) fields.documentNo = "请填写撤销决定的文号，例如 示民社撤〔2026〕3号。";
  else if (input.documentNo.length > 60) fields.documentNo = "文号不能超过 60 个字。";
  if (!input.decidedOn || !isIsoDate(input.decidedOn)) fields.decidedOn = "请填写决定日期，格式 年-月-日。";
  else if (toDayNumber(input.decidedOn) > toDayNumber(today)) fields.decidedOn = "决定日期不能晚于今天。";
  else if (toDayNumber(input.decidedOn) < toDayNumber(registeredOn))
    fields.decidedOn = "决定日期不能早于成立日期。";
  if (!input.reason?.trim()) fields.reason = "请写明撤销登记的事实和依据（将写入公告）。";
  else if (input.reason.length > 2000) fields.reason = "不能超过 2000 个字。";
  return fields;
}

export async function revoke(
  db: Db,
  actor: Actor,
  org: typeof organizations.$inferSelect,
  authorityId: number,
  input: RevocationInput,
  today: string,
): Promise<RevocationResult> {
  if (org.status !== "active") {
    return { ok: false, code: "terminal", message: "该组织已终止登记，状态不能再改变（R-A9）。" };
  }
  const fields = revocationProblems(input, today, org.registeredOn);
  if (Object.keys(fields).length > 0)
    return { ok: false, code: "invalid", message: "请改正标出的内容。", fields };
  if (input.version !== org.version) {
    return { ok: false, code: "stale", message: "该组织的登记信息刚被他人修改，请刷新后再办理。" };
  }
  try {
    const { items, event } = revocationStatements(db, actor, org, authorityId, input);
    await commitWithAudit(db, actor, items, event);
  } catch (err) {
    if (String((err as Error).message ?? err).includes("NOT NULL")) {
      return { ok: false, code: "stale", message: "该组织的登记信息刚被他人修改，请刷新后再办理。" };
    }
    throw err;
  }
  return { ok: true };
}

/**
 * The register's side of a 撤销 (or, for a 慈善组织, 吊销) as batch items and its audit event, for a caller that writes
 * them with its own change (a zombie case's decision) in one batch. The history row's guard fails the batch when the
 * organization changed in between.
 */
export function revocationStatements(
  db: Db,
  actor: Actor,
  org: typeof organizations.$inferSelect,
  authorityId: number,
  input: RevocationInput,
  kind: "revocation" | "license_revocation" = "revocation",
): { items: BatchItem[]; event: AuditInput } {
  const revoked = kind === "revocation";
  return {
    items: [
      db
        .update(organizations)
        .set({
          status: revoked ? "revoked" : "license_revoked",
          statusOn: input.decidedOn,
          version: org.version + 1,
          updatedAt: new Date().toISOString(),
        })
        .where(
          and(
            eq(organizations.id, org.id),
            eq(organizations.version, input.version),
            eq(organizations.status, "active"),
          ),
        ),
      // Guard: the history row's label is NULL (NOT NULL fails, the batch rolls back) if the update changed nothing.
      db.insert(orgHistory).values({
        orgId: org.id,
        kind: revoked ? "revocation" : "license_revocation",
        before: { status: org.status, statusOn: org.statusOn },
        after: {
          status: revoked ? "revoked" : "license_revoked",
          statusOn: input.decidedOn,
          documentNo: input.documentNo,
        },
        actorUserId: actor.userId,
        actorLabel:
          sql`(CASE WHEN changes() = 1 THEN ${actor.username ?? actor.role} END)` as unknown as string,
        reason: input.reason,
      }),
      db.insert(announcements).values({
        orgId: org.id,
        authorityId,
        kind: revoked ? "revocation" : "license_revocation",
        ...revocationAnnouncement(org, input.reason, !revoked),
        documentNo: input.documentNo.trim(),
        publishedOn: input.decidedOn,
      }),
    ],
    event: {
      action: revoked ? "organization.revoke" : "organization.license_revoke",
      objectType: "organization",
      objectId: org.uscc,
      orgId: org.id,
      summary: {
        before: { status: org.status },
        after: { status: revoked ? "revoked" : "license_revoked" },
        documentNo: input.documentNo,
        decidedOn: input.decidedOn,
      },
    },
  };
}
