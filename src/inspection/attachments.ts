/**
 * Attachments to a filing (整改报告 when R-C6 applies, the signed declaration page, optional ones elsewhere):
 * PDF, PNG or JPEG, recognised by their first bytes and never by the name or the browser's claim, at most 10 MiB.
 * The bytes go to the FileStorage (data folder on Node, R2 on Workers); the row and its audit event go in one batch.
 */

import { and, asc, eq, sql } from "drizzle-orm";
import { inspectionAttachments } from "../../db/schema/inspection";
import { commitWithAudit } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import type { Db } from "../db";
import { staleGuard } from "../db";
import { REPORT_SECTIONS, type ReportSection } from "../domain/inspection-report";
import { checkAttachment, storeThenCommit } from "../storage/uploads";
import type { Result } from "./contract";
import { canSee, loadFiling } from "./queries";

export { checkAttachment, cleanFilename, sniffContentType } from "../storage/uploads";

const EDITABLE = new Set(["draft", "returned"]);

export async function addAttachment(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
  section: ReportSection | "declaration",
  file: { name: string; bytes: Uint8Array },
): Promise<Result<{ attachmentId: number }>> {
  const f = await loadFiling(deps.db, filingId);
  if (!f || !(await canSee(deps.db, user, f))) {
    return { ok: false, code: "not_found", message: "没有找到这份年检申报。" };
  }
  if (user.role !== "org" || user.orgId !== f.orgId) {
    return { ok: false, code: "forbidden", message: "只有申报单位可以上传附件。" };
  }
  if (!(REPORT_SECTIONS as readonly string[]).includes(section) || section === "basicInfo") {
    return {
      ok: false,
      code: "invalid",
      message: "附件所属部分不正确。",
      fields: { section: "请选择附件所属的报告部分" },
    };
  }
  if (!EDITABLE.has(f.state)) {
    return {
      ok: false,
      code: "not_editable",
      message: "该申报已提交或已办结，不能再上传附件。",
    };
  }
  const checked = checkAttachment(file);
  if (!checked.ok) {
    return { ok: false, code: "invalid", message: checked.message, fields: { file: checked.message } };
  }
  if (!deps.storage) {
    return { ok: false, code: "storage_unavailable", message: "附件存储暂不可用，请稍后再试。" };
  }
  const at = (deps.now?.() ?? new Date()).toISOString();
  const stored = await storeThenCommit(deps.storage, `inspection/${f.id}`, file, checked.contentType, (u) =>
    commitWithAudit(
      deps.db,
      { userId: user.id, username: user.username, role: user.role, ip: null },
      [
        // The filing must still be editable when the row lands (a submit may have won the race).
        deps.db.run(
          sql`UPDATE annual_inspections SET updated_at = ${at} WHERE id = ${f.id} AND state IN ('draft', 'returned')`,
        ),
        staleGuard(deps.db),
        deps.db.insert(inspectionAttachments).values({
          filingId: f.id,
          section,
          filename: u.filename,
          storageKey: u.key,
          sha256: u.sha256,
          contentType: u.contentType,
          size: u.size,
          uploadedByUserId: user.id,
          uploadedAt: at,
        }),
      ],
      {
        action: "inspection.attachment.add",
        objectType: "annual_inspection",
        objectId: f.id,
        orgId: f.orgId,
        summary: {
          year: f.year,
          section,
          filename: u.filename,
          size: u.size,
          sha256: u.sha256,
          contentType: u.contentType,
        },
      },
    ),
  );
  if (stored === "stale") {
    return { ok: false, code: "stale", message: "该申报已被他人处理，请刷新后查看最新情况。" };
  }
  const [row] = await deps.db
    .select({ id: inspectionAttachments.id })
    .from(inspectionAttachments)
    .where(eq(inspectionAttachments.storageKey, stored.key));
  return { ok: true, attachmentId: row!.id };
}

export async function getAttachment(
  deps: AppDeps,
  user: SessionUser,
  attachmentId: number,
): Promise<{ filename: string; contentType: string; data: Uint8Array } | null> {
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) return null;
  const [row] = await deps.db
    .select()
    .from(inspectionAttachments)
    .where(eq(inspectionAttachments.id, attachmentId));
  if (!row) return null;
  const f = await loadFiling(deps.db, row.filingId);
  if (!f || !(await canSee(deps.db, user, f))) return null;
  const stored = await deps.storage?.get(row.storageKey);
  if (!stored) return null;
  return { filename: row.filename, contentType: row.contentType, data: stored.data };
}

export interface AttachmentRow {
  id: number;
  section: string;
  filename: string;
  size: number;
  contentType: string;
  storageKey: string;
}

export async function listAttachments(db: Db, filingId: number): Promise<AttachmentRow[]> {
  return db
    .select({
      id: inspectionAttachments.id,
      section: inspectionAttachments.section,
      filename: inspectionAttachments.filename,
      size: inspectionAttachments.size,
      contentType: inspectionAttachments.contentType,
      storageKey: inspectionAttachments.storageKey,
    })
    .from(inspectionAttachments)
    .where(and(eq(inspectionAttachments.filingId, filingId)))
    .orderBy(asc(inspectionAttachments.id));
}
