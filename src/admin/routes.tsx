/**
 * The administrator's reference data and audit log, mounted at /admin: /admin/authorities, /admin/supervisor-units,
 * /admin/audit. The area guard admits only administrators. (Staff accounts, /admin/users, are the accounts feature's;
 * the overview, /admin, is the home feature's.)
 */
import { Hono } from "hono";
import { z } from "zod";
import { AuditPage } from "../../views/admin/audit";
import { AuthoritiesPage } from "../../views/admin/authorities";
import { SupervisorUnitsPage } from "../../views/admin/supervisor-units";
import { ROLE_LABELS } from "../../views/auth/pages";
import { formatDateTime } from "../../views/components/form";
import { actionLabel, auditSentence } from "../audit/labels";
import { actorOf } from "../auth/scope";
import type { AppEnv, SessionUser } from "../context";
import { CSV_BOM, csvLines } from "../csv";
import { clientIp } from "../http";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, me } from "../route-kit";
import { listAuthorities, listSupervisorUnits } from "./queries";
import { auditExport, browseAudit, createAuthority, createSupervisorUnit } from "./service";

export const adminRoutes = new Hono<AppEnv>();

type Form = Record<string, string>;
const noticeOf = (c: C) => (c.req.query("done") === "created" ? "已新增。" : null);

/** An id chosen from a list: anything that is not a positive integer is "nothing chosen". */
const chosenId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null));

// ---------------------------------------------------------------- registration authorities

async function authoritiesPage(c: C, values: Form, errors: Form, status: 200 | 422 = 200) {
  const rows = await listAuthorities(c.get("deps").db);
  return renderPage(
    c,
    <AuthoritiesPage user={me(c)} rows={rows} values={values} errors={errors} notice={noticeOf(c)} />,
    status,
  );
}

adminRoutes.get("/authorities", (c) => authoritiesPage(c, {}, {}));

const AuthorityForm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "代码应为 6 位数字（GB/T 2260 行政区划代码）。"),
  name: z.string().trim().min(2, "请填写名称。").max(60, "名称不能超过 60 个字。"),
  level: z.enum(["national", "province", "city", "district"], { error: "请选择级别。" }),
  parentId: chosenId,
});

adminRoutes.post("/authorities", async (c) => {
  const values = await formOf(c);
  const parsed = AuthorityForm.safeParse(values);
  if (!parsed.success) return authoritiesPage(c, values, errorsOf(parsed.error), 422);
  const r = await createAuthority(c.get("deps").db, actorOf(me(c), clientIp(c)), parsed.data);
  if (!r.ok) return authoritiesPage(c, values, r.errors, 422);
  return c.redirect("/admin/authorities?done=created", 303);
});

// ---------------------------------------------------------------- supervisor units

async function unitsPage(c: C, values: Form, errors: Form, status: 200 | 422 = 200) {
  const { db } = c.get("deps");
  const [rows, authorities] = await Promise.all([listSupervisorUnits(db), listAuthorities(db)]);
  return renderPage(
    c,
    <SupervisorUnitsPage
      user={me(c)}
      rows={rows}
      authorities={authorities}
      values={values}
      errors={errors}
      notice={noticeOf(c)}
    />,
    status,
  );
}

adminRoutes.get("/supervisor-units", (c) => unitsPage(c, {}, {}));

const UnitForm = z.object({
  name: z.string().trim().min(2, "请填写业务主管单位的全称。").max(60, "名称不能超过 60 个字。"),
  authorityId: z
    .string()
    .regex(/^(\d{1,9})?$/, "请选择列表中的登记管理机关。")
    .optional()
    .transform((v) => (v ? Number(v) : null)),
});

adminRoutes.post("/supervisor-units", async (c) => {
  const values = await formOf(c);
  const parsed = UnitForm.safeParse(values);
  if (!parsed.success) return unitsPage(c, values, errorsOf(parsed.error), 422);
  const { name, authorityId } = parsed.data;
  const r = await createSupervisorUnit(c.get("deps").db, actorOf(me(c), clientIp(c)), name, authorityId);
  if (!r.ok) return unitsPage(c, values, r.errors, 422);
  return c.redirect("/admin/supervisor-units?done=created", 303);
});

// ---------------------------------------------------------------- the audit log

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "请按 年-月-日 填写日期，例如 2026-01-31。")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "这个日期不存在。");

const AuditQuery = z.object({
  username: z.string().trim().max(80, "用户名不能超过 80 个字符。").optional(),
  org: z.string().trim().max(18, "统一社会信用代码为 18 位。").optional(),
  action: z.string().trim().max(40).optional(),
  from: z.union([z.literal(""), isoDay]).optional(),
  to: z.union([z.literal(""), isoDay]).optional(),
  before: z.coerce.number().int().positive().optional(),
});

/** The newer and older pages of the log under the same filters. */
function auditPager(raw: Record<string, string>, before: number | undefined, nextBefore: number | null) {
  const keep = new URLSearchParams(Object.entries(raw).filter(([k, v]) => k !== "before" && v));
  return {
    next: nextBefore
      ? `/admin/audit?${new URLSearchParams([...keep, ["before", String(nextBefore)]])}`
      : null,
    prev: before ? `/admin/audit${keep.size ? `?${keep}` : ""}` : null,
  };
}

/** The same log as CSV (BOM, Chinese headers, each event as a sentence; cells never run as formulas). */
adminRoutes.get("/audit/export.csv", async (c) => {
  const parsed = AuditQuery.safeParse(c.req.query());
  if (!parsed.success) return c.text(`筛选条件有误：${Object.values(errorsOf(parsed.error)).join(" ")}`, 400);
  const r = await auditExport(c.get("deps").db, parsed.data, {});
  if (Object.keys(r.errors).length > 0)
    return c.text(`筛选条件有误：${Object.values(r.errors).join(" ")}`, 400);
  const role = (x: string | null) => ROLE_LABELS[x as SessionUser["role"]] ?? "系统";
  const lines = r.rows.map((e) => [
    String(e.id),
    formatDateTime(e.at),
    e.actorUsername ?? "",
    role(e.actorRole),
    e.ip ?? "",
    actionLabel(e.action),
    e.orgId !== null ? (r.orgNames.get(e.orgId) ?? "") : "",
    auditSentence(e, role(e.actorRole)),
  ]);
  const body =
    CSV_BOM + csvLines([["编号", "时间", "操作人", "角色", "IP", "操作", "社会组织", "说明"], ...lines]);
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent("审计日志.csv")}`,
    "Cache-Control": "private, no-store",
  });
});

adminRoutes.get("/audit", async (c) => {
  const raw = c.req.query();
  const parsed = AuditQuery.safeParse(raw);
  // Each filter is checked on its own, so every bad one gets its message at once.
  const q = parsed.success ? parsed.data : { org: raw.org?.trim().slice(0, 18) };
  const errors = parsed.success ? {} : errorsOf(parsed.error);
  const r = await browseAudit(c.get("deps").db, q, errors, raw.verify === "1");
  const ok = Object.keys(r.errors).length === 0;
  return renderPage(
    c,
    <AuditPage
      user={me(c)}
      filters={Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]))}
      errors={r.errors}
      rows={r.rows}
      orgNames={r.orgNames}
      chain={r.chain}
      {...auditPager(raw, "before" in q ? q.before : undefined, r.nextBefore)}
    />,
    ok ? 200 : 422,
  );
});
