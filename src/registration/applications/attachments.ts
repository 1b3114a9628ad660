import { and, asc, count, eq, sql } from "drizzle-orm";
import { applicationAttachments } from "../../../db/schema";
import { commitWithAudit } from "../../audit/audit";
import type { AppDeps } from "../../context";
import type { Db } from "../../db";
import { staleGuard } from "../../db";
import { ATTACHMENT_KINDS, type AttachmentKind } from "../../domain/application-materials";
import { checkAttachment, storeThenCommit } from "../../storage/uploads";
import type { ApplicationAttachmentView } from "../contract";
import { type ApplicationRow, auditActorOf, isFiler, type Refusal, type Viewer } from "./shared";

/**
 * Materials attached to an application (章程, 验资证明, 住所证明, others): the applicant uploads them until the
 * registrar decides; the applicant and the registrars who may see the application download them. PDF, PNG or JPEG
 * recognised by their bytes, at most 10 MiB each (src/storage/uploads.ts), with a server-chosen name.
 */

/** Until the registrar decides, materials may be added (a submitted application may still be completed). */
const OPEN_STATES = ["draft", "submitted", "returned"] as const;
const MAX_PER_APPLICATION = 30;

export function mayAttach(viewer: Viewer, app: ApplicationRow): boolean {
  return isFiler(viewer, app) && (OPEN_STATES as readonly string[]).includes(app.state);
}

export async function addApplicationAttachment(
  deps: AppDeps,
  viewer: Viewer,
  app: ApplicationRow,
  kind: string,
  file: { name: string; bytes: Uint8Array },
  ip: string | null,
): Promise<{ ok: true } | Refusal> {
  if (!isFiler(viewer, app)) return { ok: false, code: "forbidden", message: "只有申请方可以上传材料。" };
  if (!mayAttach(viewer, app))
    return { ok: false, code: "not_editable", message: "申请已办结，不能再上传材料。" };
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(kind)) {
    const message = "请选择材料类别。";
    return { ok: false, code: "invalid", message, fields: { kind: message } };
  }
  const checked = checkAttachment(file);
  if (!checked.ok)
    return { ok: false, code: "invalid", message: checked.message, fields: { file: checked.message } };
  const [n] = await deps.db
    .select({ n: count() })
    .from(applicationAttachments)
    .where(eq(applicationAttachments.applicationId, app.id));
  if ((n?.n ?? 0) >= MAX_PER_APPLICATION) {
    const message = `每份申请最多上传 ${MAX_PER_APPLICATION} 个材料文件，请合并后再上传。`;
    return { ok: false, code: "invalid", message, fields: { file: message } };
  }
  if (!deps.storage)
    return { ok: false, code: "storage_unavailable", message: "材料存储暂不可用，请稍后再试。" };
  const at = (deps.now?.() ?? new Date()).toISOString();
  const stored = await storeThenCommit(
    deps.storage,
    `applications/${app.id}`,
    file,
    checked.contentType,
    (u) =>
      commitWithAudit(
        deps.db,
        auditActorOf(viewer, ip),
        [
          // The registrar may have decided meanwhile: the row lands only while the application is still open.
          deps.db.run(
            sql`UPDATE registration_applications SET updated_at = ${at} WHERE id = ${app.id} AND state IN ('draft', 'submitted', 'returned')`,
          ),
          staleGuard(deps.db),
          deps.db.insert(applicationAttachments).values({
            applicationId: app.id,
            kind: kind as AttachmentKind,
            filename: u.filename,
            storageKey: u.key,
            sha256: u.sha256,
            contentType: u.contentType,
            size: u.size,
            uploadedAt: at,
          }),
        ],
        {
          action: "registration.attachment.add",
          objectType: "application",
          objectId: app.id,
          orgId: app.orgId,
          summary: { kind, filename: u.filename, size: u.size, sha256: u.sha256, contentType: u.contentType },
        },
      ),
  );
  if (stored === "stale") return { ok: false, code: "stale", message: "申请已办结，不能再上传材料。" };
  return { ok: true };
}

/** One of the application's materials, for whoever may see the application (the caller has checked that). */
export async function getApplicationAttachment(
  deps: AppDeps,
  app: ApplicationRow,
  attachmentId: number,
): Promise<{ filename: string; contentType: string; data: Uint8Array } | null> {
  const [row] = await deps.db
    .select()
    .from(applicationAttachments)
    .where(
      and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, app.id)),
    );
  if (!row) return null;
  const stored = await deps.storage?.get(row.storageKey);
  return stored ? { filename: row.filename, contentType: row.contentType, data: stored.data } : null;
}

export async function listApplicationAttachments(
  db: Db,
  applicationId: number,
): Promise<ApplicationAttachmentView[]> {
  return db
    .select({
      id: applicationAttachments.id,
      kind: applicationAttachments.kind,
      filename: applicationAttachments.filename,
      size: applicationAttachments.size,
      uploadedAt: applicationAttachments.uploadedAt,
    })
    .from(applicationAttachments)
    .where(eq(applicationAttachments.applicationId, applicationId))
    .orderBy(asc(applicationAttachments.id));
}
