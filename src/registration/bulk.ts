import { and, eq, inArray } from "drizzle-orm";
import { authorities, importJobs, organizations } from "../../db/schema";
import { type Actor, commitWithAudit } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import type { Db } from "../db";
import { MAX_ATTACHMENT_BYTES } from "../domain/attachments";
import { fenToDecimalString } from "../domain/money";
import { chinaDateOf } from "../domain/working-days";
import { importRegisterCsv } from "../registry/import";
import { STATUS_LABELS, SUPERVISION_LABELS, TYPE_LABELS } from "../registry/labels";
import { iterateOrganizations, type SearchParams } from "../registry/search";
import { type XlsxKind, xlsxWorkbook } from "../xlsx";

/**
 * Registrars' bulk work: the command line's import from the browser — a preview that writes nothing, then
 * the import in chunks with its progress — and the register's export as CSV or XLSX with the public search's filters.
 */
/** One limit for every uploaded file (the register's CSV and inspection attachments), shown on the pages. */
export const IMPORT_MAX_BYTES = MAX_ATTACHMENT_BYTES;
export const IMPORT_MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;
export const IMPORT_CHUNK_ROWS = 500;
/** The preview lists this many changed and new organizations each; beyond, it says how many more ("另有 N 家"). */
export const PREVIEW_LIST_MAX = 200;
/** Rows in error kept with their cells for the download. */
const ERROR_ROWS_MAX = 5000;
/** XLSX is built in memory; beyond this the CSV export is the way. */
export const XLSX_MAX_ROWS = 50_000;

export type ImportJob = typeof importJobs.$inferSelect;

async function ownAuthority(db: Db, user: SessionUser) {
  const [a] = await db.select().from(authorities).where(eq(authorities.id, user.authorityId!));
  return a!;
}

export type PreviewResult = { ok: true; jobId: number } | { ok: false; message: string };

/** Validates the whole file without writing anything, keeps the file, and records the preview. */
export async function previewImport(
  deps: AppDeps,
  user: SessionUser,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
): Promise<PreviewResult> {
  if (!deps.storage) return { ok: false, message: "未配置文件存储，无法上传。" };
  if (file.bytes.length === 0) return { ok: false, message: "文件是空的。" };
  if (file.bytes.length > IMPORT_MAX_BYTES)
    return { ok: false, message: `文件超过 ${IMPORT_MAX_MB} MB，请拆分后分批导入，或使用命令行导入。` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, message: "文件不是 UTF-8 编码：请在 Excel / WPS 中“另存为”时选择“CSV UTF-8”。" };
  }
  const authority = await ownAuthority(deps.db, user);
  const report = await importRegisterCsv(deps.db, text, actor, {
    dryRun: true,
    onlyAuthorityCode: authority.code,
  });
  if (report.rows === 0) {
    return {
      ok: false,
      message: report.errors[0]?.reason ?? "文件中没有数据行：首行是表头，从第二行起每行一个组织。",
    };
  }
  const key = `imports/${crypto.randomUUID()}.csv`;
  await deps.storage.put(key, file.bytes, "text/csv");
  const name =
    [...file.name]
      .map((ch) => (ch < " " || ch === "/" || ch === "\\" ? "_" : ch))
      .join("")
      .slice(0, 120) || "import.csv";
  await commitWithAudit(
    deps.db,
    actor,
    [
      deps.db.insert(importJobs).values({
        authorityId: authority.id,
        userId: user.id,
        filename: name,
        fileKey: key,
        totalRows: report.rows,
        preview: {
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          errors: report.errors,
          warnings: report.warnings,
          changes: report.changes.slice(0, PREVIEW_LIST_MAX),
          created: report.created.slice(0, PREVIEW_LIST_MAX),
          header: report.header,
          errorCells: Object.fromEntries(
            report.errors.slice(0, ERROR_ROWS_MAX).flatMap((e) => {
              const cells = report.errorCells[e.line];
              return cells ? [[e.line, cells]] : [];
            }),
          ),
        },
        errors: [],
      }),
    ],
    {
      action: "registration.import.preview",
      objectType: "import_job",
      objectId: key,
      summary: { filename: name, rows: report.rows, errors: report.errors.length },
    },
  );
  const [job] = await deps.db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(eq(importJobs.fileKey, key));
  return { ok: true, jobId: job!.id };
}

/** The job if it belongs to the registrar's authority (anything else is "not found"). */
export async function findJob(db: Db, user: SessionUser, id: number): Promise<ImportJob | null> {
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.authorityId, user.authorityId ?? -1)));
  return job ?? null;
}

export type StepResult =
  | { ok: true; job: ImportJob }
  | { ok: false; code: "stale" | "finished" | "file_missing"; message: string };

/**
 * Imports the next chunk of rows. The chunk is claimed first (a conditional update of the job's progress), so two
 * tabs never import the same rows twice; the importer writes the chunk in batches with their audit events; a failure
 * gives the claim back. Re-running a chunk would be harmless anyway: rows are upserted by code.
 */
export async function runImportStep(deps: AppDeps, actor: Actor, job: ImportJob): Promise<StepResult> {
  const db = deps.db;
  if (job.state === "done" || job.state === "cancelled")
    return { ok: false, code: "finished", message: "该导入已经结束。" };
  const from = job.processedRows;
  const to = Math.min(job.totalRows, from + IMPORT_CHUNK_ROWS);
  const claimed = await db
    .update(importJobs)
    .set({
      state: "running",
      processedRows: to,
      version: job.version + 1,
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.version, job.version)))
    .returning({ id: importJobs.id });
  if (claimed.length === 0)
    return { ok: false, code: "stale", message: "导入正在另一个页面中进行，请刷新查看进度。" };
  const [authority] = await db.select().from(authorities).where(eq(authorities.id, job.authorityId));
  const file = deps.storage ? await deps.storage.get(job.fileKey) : null;
  if (!file) {
    // The uploaded file is gone (storage cleaned, or never configured): the job cannot go on; say so and end it.
    await commitWithAudit(
      db,
      actor,
      [
        db
          .update(importJobs)
          .set({ state: "cancelled", processedRows: from })
          .where(eq(importJobs.id, job.id)),
      ],
      { action: "registration.import.file_missing", objectType: "import_job", objectId: String(job.id) },
    );
    return {
      ok: false,
      code: "file_missing",
      message: "导入文件已不存在（可能已被清理），本次导入已终止，请重新上传。",
    };
  }
  try {
    const text = new TextDecoder().decode(file.data);
    const r = await importRegisterCsv(db, text, actor, {
      onlyAuthorityCode: authority!.code,
      fromRow: from,
      toRow: to,
      today: chinaDateOf(deps.now?.() ?? new Date()),
    });
    const done = to >= job.totalRows;
    await db
      .update(importJobs)
      .set({
        inserted: job.inserted + r.inserted,
        updated: job.updated + r.updated,
        unchanged: job.unchanged + r.unchanged,
        errors: [...job.errors, ...r.errors].slice(0, 5000),
        state: done ? "done" : "running",
        updatedAt: new Date().toISOString(),
      })
      .where(eq(importJobs.id, job.id));
    if (done) {
      await deps.storage!.delete(job.fileKey);
      await commitWithAudit(db, actor, [], {
        action: "registration.import.done",
        objectType: "import_job",
        objectId: String(job.id),
        summary: {
          inserted: job.inserted + r.inserted,
          updated: job.updated + r.updated,
          errors: job.errors.length + r.errors.length,
        },
      });
    }
  } catch (err) {
    await db
      .update(importJobs)
      .set({ processedRows: from, version: job.version + 2 })
      .where(eq(importJobs.id, job.id));
    throw err;
  }
  const [fresh] = await db.select().from(importJobs).where(eq(importJobs.id, job.id));
  return { ok: true, job: fresh! };
}

export async function cancelImport(deps: AppDeps, actor: Actor, job: ImportJob): Promise<boolean> {
  if (job.state !== "previewed") return false;
  await commitWithAudit(
    deps.db,
    actor,
    [
      deps.db
        .update(importJobs)
        .set({ state: "cancelled" })
        .where(and(eq(importJobs.id, job.id), eq(importJobs.state, "previewed"))),
    ],
    { action: "registration.import.cancel", objectType: "import_job", objectId: String(job.id) },
  );
  await deps.storage?.delete(job.fileKey);
  return true;
}

export async function recentJobs(db: Db, user: SessionUser) {
  return db
    .select()
    .from(importJobs)
    .where(eq(importJobs.authorityId, user.authorityId ?? -1))
    .orderBy(importJobs.id)
    .limit(20);
}

// ------------------------------------------------------------------------------------------------ export

export const EXPORT_HEADER = [
  "统一社会信用代码",
  "名称",
  "类型",
  "状态",
  "状态日期",
  "成立日期",
  "法定代表人",
  "住所",
  "业务范围",
  "业务主管单位",
  "注册资金（元）",
  "登记管理机关",
  // The importer reads the authority by its code: an export re-imports unchanged.
  "登记管理机关代码",
  "发证日期",
  "证书有效期至",
  "联系电话",
  "电子邮箱",
];

/** Every organization matching the filters, in the public search's order, as rows of the export's columns. */
export async function* exportRows(
  db: Db,
  filters: Omit<SearchParams, "page" | "perPage">,
): AsyncGenerator<string[][]> {
  const summaries = iterateOrganizations(db, filters);
  for (;;) {
    const ids: number[] = [];
    for (let i = 0; i < 500; i++) {
      const next = await summaries.next();
      if (next.done) break;
      ids.push(next.value.id);
    }
    if (ids.length === 0) return;
    const full = await db
      .select({ o: organizations, authorityName: authorities.name, authorityCode: authorities.code })
      .from(organizations)
      .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
      .where(inArray(organizations.id, ids));
    const byId = new Map(full.map((r) => [r.o.id, r]));
    yield ids.map((id) => {
      const { o, authorityName, authorityCode } = byId.get(id)!;
      return [
        o.uscc,
        o.name,
        TYPE_LABELS[o.type],
        STATUS_LABELS[o.status],
        o.statusOn,
        o.registeredOn,
        o.legalRepresentative,
        o.address,
        o.businessScope,
        o.supervisionMode === "supervised" ? (o.supervisor ?? "") : SUPERVISION_LABELS[o.supervisionMode],
        fenToDecimalString(o.capitalFen),
        authorityName,
        authorityCode,
        o.certificateIssuedOn ?? "",
        o.certificateValidTo ?? "",
        o.phone ?? "",
        o.email ?? "",
      ];
    });
    if (ids.length < 500) return;
  }
}

/** The kind of each export column in the workbook: dates are dates and the capital a number of 元 (EXPORT_HEADER). */
const EXPORT_KINDS: XlsxKind[] = EXPORT_HEADER.map((h) =>
  h === "注册资金（元）"
    ? "money"
    : h === "状态日期" || h.endsWith("日期") || h === "证书有效期至"
      ? "date"
      : "text",
);

export async function exportXlsx(
  db: Db,
  filters: Omit<SearchParams, "page" | "perPage">,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const rows: (string | number)[][] = [];
  for await (const batch of exportRows(db, filters)) {
    // The capital comes as the CSV's decimal string: back to fen for a number cell.
    rows.push(
      ...batch.map((r) => r.map((v, i) => (EXPORT_KINDS[i] === "money" ? Math.round(Number(v) * 100) : v))),
    );
    if (rows.length > XLSX_MAX_ROWS) return null;
  }
  const columns = EXPORT_HEADER.map((header, i) => ({
    header,
    kind: EXPORT_KINDS[i]!,
    width: header === "名称" || header === "住所" ? 30 : header === "业务范围" ? 40 : undefined,
  }));
  return xlsxWorkbook([{ name: "登记信息", columns, rows }]);
}
