import { eq, inArray } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { authorities } from "../../db/schema";
import { ImportJobPage, ImportPage, ImportProgress } from "../../views/registration/bulk";
import { actorOf, readableAuthorityIds } from "../auth/scope";
import type { AppEnv } from "../context";
import { CSV_BOM, csvLines } from "../csv";
import { clientIp, wantsFragment } from "../http";
import { parseSearch } from "../registry/params";
import { renderFragment, renderPage } from "../render";
import { xlsxHeaders } from "../xlsx";
import {
  cancelImport,
  EXPORT_HEADER,
  exportRows,
  exportXlsx,
  findJob,
  IMPORT_MAX_MB,
  previewImport,
  recentJobs,
  runImportStep,
  XLSX_MAX_ROWS,
} from "./bulk";
import {
  errorRowsCsv,
  hasErrorRows,
  IMPORT_COLUMNS,
  importTemplateCsv,
  importTemplateXlsx,
} from "./bulk-files";

/** /registrar/import (upload → preview → import in chunks → report) and /registrar/export.csv|xlsx. */
export const importRoutes = new Hono<AppEnv>(); // at /registrar/import
export const csvExportRoutes = new Hono<AppEnv>(); // at /registrar/export.csv
export const xlsxExportRoutes = new Hono<AppEnv>(); // at /registrar/export.xlsx
type C = Context<AppEnv>;
const me = (c: C) => c.get("user")!;

async function importPage(c: C, error: string | null, status = 200) {
  const { db } = c.get("deps");
  const [a] = await db
    .select({ name: authorities.name })
    .from(authorities)
    .where(eq(authorities.id, me(c).authorityId!));
  return renderPage(
    c,
    <ImportPage
      user={me(c)}
      authorityName={a?.name ?? ""}
      jobs={await recentJobs(db, me(c))}
      error={error}
      maxMb={IMPORT_MAX_MB}
      columns={IMPORT_COLUMNS}
    />,
    status as 200,
  );
}

importRoutes.get("/", (c) => importPage(c, null));

const ownAuthority = async (c: C) =>
  (
    await c
      .get("deps")
      .db.select({ code: authorities.code, name: authorities.name })
      .from(authorities)
      .where(eq(authorities.id, me(c).authorityId!))
  )[0]!;

/** The template to fill in: the accepted Chinese headers and one example row of this registrar's authority. */
importRoutes.get("/template.csv", async (c) =>
  csvDownload(importTemplateCsv(await ownAuthority(c)), "登记信息导入模板.csv"),
);

/** The same as a workbook, with a sheet explaining each column. */
importRoutes.get("/template.xlsx", async (c) =>
  c.body(await importTemplateXlsx(await ownAuthority(c)), 200, {
    ...xlsxHeaders("登记信息导入模板.xlsx"),
    "Cache-Control": "private, no-store",
  }),
);

importRoutes.post("/", async (c) => {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) return importPage(c, "请选择要上传的 CSV 文件。", 422);
  const r = await previewImport(c.get("deps"), me(c), actorOf(me(c), clientIp(c)), {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!r.ok) return importPage(c, r.message, 422);
  return c.redirect(`/registrar/import/${r.jobId}`, 303);
});

const jobId = (c: C) => {
  const n = Number(c.req.param("jobId"));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

importRoutes.get("/:jobId", async (c) => {
  const id = jobId(c);
  const job = id ? await findJob(c.get("deps").db, me(c), id) : null;
  if (!job) return c.notFound();
  return renderPage(c, <ImportJobPage user={me(c)} job={job} hasErrorFile={hasErrorRows(job)} />);
});

/** The preview's rows in error, as uploaded, each with its reason: to fix and upload again. */
importRoutes.get("/:jobId/errors.csv", async (c) => {
  const id = jobId(c);
  const job = id ? await findJob(c.get("deps").db, me(c), id) : null;
  const csv = job ? errorRowsCsv(job) : null;
  if (!csv) return c.notFound();
  return csvDownload(csv, `${job!.filename.replace(/\.csv$/i, "")}-错误行.csv`);
});

const csvDownload = (body: string, name: string) =>
  new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });

importRoutes.post("/:jobId/step", async (c) => {
  const id = jobId(c);
  const job = id ? await findJob(c.get("deps").db, me(c), id) : null;
  if (!job) return c.notFound();
  const r = await runImportStep(c.get("deps"), actorOf(me(c), clientIp(c)), job);
  const fresh = r.ok ? r.job : ((await findJob(c.get("deps").db, me(c), job.id)) ?? job);
  if (wantsFragment(c)) return renderFragment(c, <ImportProgress job={fresh} />);
  return c.redirect(`/registrar/import/${job.id}`, 303);
});

importRoutes.post("/:jobId/cancel", async (c) => {
  const id = jobId(c);
  const job = id ? await findJob(c.get("deps").db, me(c), id) : null;
  if (!job) return c.notFound();
  await cancelImport(c.get("deps"), actorOf(me(c), clientIp(c)), job);
  return c.redirect(`/registrar/import/${job.id}`, 303);
});

/** The public search's filters, limited to the authorities this registrar reads (its own by default). */
async function exportFilters(c: C) {
  const parsed = parseSearch(c.req.query());
  if (!parsed.ok) return { error: Object.values(parsed.fields).join(" ") } as const;
  const { db } = c.get("deps");
  const readable = await readableAuthorityIds(db, me(c));
  const codes = await db
    .select({ id: authorities.id, code: authorities.code })
    .from(authorities)
    .where(inArray(authorities.id, readable));
  const { page: _p, perPage: _pp, ...filters } = parsed.params;
  if (filters.authorityCode && !codes.some((a) => a.code === filters.authorityCode))
    return { notFound: true } as const;
  filters.authorityCode ??= codes.find((a) => a.id === me(c).authorityId)!.code;
  return { filters } as const;
}

csvExportRoutes.get("/", async (c) => {
  const f = await exportFilters(c);
  if ("notFound" in f) return c.notFound();
  if ("error" in f) return c.text(`导出条件有误：${f.error}`, 400);
  const encoder = new TextEncoder();
  const batches = exportRows(c.get("deps").db, f.filters);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${CSV_BOM}${csvLines([EXPORT_HEADER])}`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvLines(next.value)));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`登记信息-${f.filters.authorityCode}.csv`)}`,
      "Cache-Control": "private, no-store",
    },
  });
});

xlsxExportRoutes.get("/", async (c) => {
  const f = await exportFilters(c);
  if ("notFound" in f) return c.notFound();
  if ("error" in f) return c.text(`导出条件有误：${f.error}`, 400);
  const blob = await exportXlsx(c.get("deps").db, f.filters);
  if (!blob)
    return c.text(
      `符合条件的组织超过 ${XLSX_MAX_ROWS.toLocaleString("zh-CN")} 个，请缩小范围或导出 CSV。`,
      413,
    );
  return new Response(blob, {
    headers: {
      ...xlsxHeaders(`登记信息-${f.filters.authorityCode}.xlsx`),
      "Cache-Control": "private, no-store",
    },
  });
});
