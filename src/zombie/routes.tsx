import { type Context, Hono } from "hono";
import { z } from "zod";
import { ZombieTriagePage } from "../../views/zombie/triage";
import { readableAuthorityIds } from "../auth/scope";
import { type AppEnv, todayOf } from "../context";
import { CSV_BOM, csvLines } from "../csv";
import { isIsoDate } from "../domain/working-days";
import { ZOMBIE_SIGNAL_LABELS, ZOMBIE_SIGNALS, type ZombieSignal } from "../domain/zombie";
import { clientIp } from "../http";
import { TYPE_LABELS } from "../registry/labels";
import { renderPage } from "../render";
import { type XlsxKind, xlsxHeaders, xlsxWorkbook } from "../xlsx";
import { bulkPrepare } from "./bulk";
import {
  signalCounts,
  TRIAGE_PAGE,
  type TriageFilter,
  type TriageRow,
  triageChoices,
  triageRows,
} from "./queries";
import { dryRuns } from "./what-if";

/** /registrar/zombies: the triage list of zombie candidates (R-E1), never a sanction (R-E2). */
export const zombieRoutes = new Hono<AppEnv>();

const Query = z
  .object({
    signal: z.enum(["", ...ZOMBIE_SIGNALS], "信号无法识别。").optional(),
    type: z.enum(["", "social_group", "private_non_enterprise", "foundation"], "类型无法识别。").optional(),
    authority: z
      .string()
      .regex(/^[0-9A-Za-z]{0,20}$/, "登记管理机关代码格式不正确。")
      .optional(),
    unit: z
      .string()
      .regex(/^\d{0,9}$/, "业务主管单位无法识别。")
      .optional(),
    missed: z.enum(["", "1", "2", "3", "4", "5"], "未参检年数应为1至5。").optional(),
    what_if: z.enum(["", "1", "2", "3", "4", "5"], "试算年数应为1至5。").optional(),
    what_if_unqualified: z.enum(["", "0", "1"], "请选择是否计入不合格。").optional(),
    registered_before: z
      .string()
      .refine((v) => v === "" || isIsoDate(v), "日期格式不正确，如 2020-01-31。")
      .optional(),
    what_if_since: z
      .string()
      .refine((v) => v === "" || isIsoDate(v), "试算日期格式不正确，如 2025-01-01。")
      .optional(),
    page: z
      .string()
      .regex(/^\d{1,5}$/, "页码应为正整数。")
      .optional(),
    what_if_min: z
      .string()
      .regex(/^(|[1-9]\d{0,2})$/, "最短间隔应为1至365之间的整数（天）。")
      .refine((v) => v === "" || Number(v) <= 365, "最短间隔应为1至365之间的整数（天）。")
      .optional(),
    what_if_max: z
      .string()
      .regex(/^(|[1-9]\d{0,2})$/, "最长间隔应为1至730之间的整数（天）。")
      .refine((v) => v === "" || Number(v) <= 730, "最长间隔应为1至730之间的整数（天）。")
      .optional(),
  })
  .superRefine((v, ctx) => {
    // The letters' interval is tried as a pair, the shorter first (as the setting itself is checked).
    if (!v.what_if_min !== !v.what_if_max)
      ctx.addIssue({ code: "custom", path: ["what_if_min"], message: "请同时填写最短和最长间隔。" });
    else if (v.what_if_min && v.what_if_max && Number(v.what_if_min) > Number(v.what_if_max))
      ctx.addIssue({ code: "custom", path: ["what_if_min"], message: "最短间隔不能大于最长间隔。" });
  });

async function filterOf(c: Context<AppEnv>) {
  const query = c.req.query();
  const parsed = Query.safeParse(query);
  const authorityIds = await readableAuthorityIds(c.get("deps").db, c.get("user")!);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return {
      query,
      errors,
      filter: null,
      page: 1,
      whatIf: null,
      whatIfUnqualified: null,
      whatIfSince: null,
      whatIfInterval: null,
    };
  }
  const d = parsed.data;
  const filter: TriageFilter = {
    authorityIds,
    signal: (d.signal || undefined) as ZombieSignal | undefined,
    type: d.type || undefined,
    authorityCode: d.authority || undefined,
    registeredBefore: d.registered_before || undefined,
    supervisorUnitId: d.unit ? Number(d.unit) : undefined,
    minMissed: d.missed ? Number(d.missed) : undefined,
  };
  return {
    query,
    errors: {},
    filter,
    page: Math.max(1, Number(d.page ?? 1)),
    whatIf: d.what_if ? Number(d.what_if) : null,
    whatIfUnqualified: d.what_if_unqualified ? d.what_if_unqualified === "1" : null,
    whatIfSince: d.what_if_since || null,
    whatIfInterval:
      d.what_if_min && d.what_if_max ? { min: Number(d.what_if_min), max: Number(d.what_if_max) } : null,
  };
}

async function triagePage(
  c: Context<AppEnv>,
  extra: { notice?: string; bulkError?: string } = {},
  status?: 400 | 422,
) {
  const { query, errors, filter, page, whatIf, whatIfUnqualified, whatIfSince, whatIfInterval } =
    await filterOf(c);
  const deps = c.get("deps");
  const { db } = deps;
  const user = c.get("user")!;
  const [result, counts, choices, trials] = await Promise.all([
    filter ? triageRows(db, filter, page) : Promise.resolve({ rows: [], total: 0 }),
    filter ? signalCounts(db, filter) : Promise.resolve({}),
    triageChoices(db, user, filter?.authorityIds ?? []),
    filter
      ? dryRuns(db, filter.authorityIds, todayOf(deps), {
          years: whatIf,
          countsUnqualified: whatIfUnqualified ?? deps.config.domain.zombieCountsUnqualified,
          since: whatIfSince,
          interval: whatIfInterval,
        })
      : Promise.resolve({ whatIf: null, whatIfSince: null, whatIfInterval: null }),
  ]);
  return renderPage(
    c,
    <ZombieTriagePage
      user={user}
      query={query}
      errors={errors}
      {...result}
      counts={counts}
      page={page}
      pageSize={TRIAGE_PAGE}
      {...choices}
      {...trials}
      notice={extra.notice}
      bulkError={extra.bulkError}
    />,
    status ?? (filter ? 200 : 400),
  );
}

zombieRoutes.get("/", (c) => {
  const done = c.req.query("done");
  return triagePage(c, {
    notice: done === "letter" ? "已登记寄送的核查信件。" : done === "assign" ? "已分配。" : undefined,
  });
});

const BulkForm = z
  .object({
    kind: z.enum(["letter", "assign"], "请选择要办理的事项。"),
    org: z.union([z.string(), z.array(z.string()).max(500, "一次最多勾选 500 个组织。")]).optional(),
    sentOn: z.string().optional(),
    batchNo: z.string().trim().max(30, "批次号不能超过 30 个字符。").optional(),
    assignee: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "letter") {
      if (!v.sentOn || !isIsoDate(v.sentOn))
        ctx.addIssue({ code: "custom", path: ["sentOn"], message: "请填写寄送日期。" });
      if (!v.batchNo || !/^[0-9A-Za-z-]{1,30}$/.test(v.batchNo)) {
        ctx.addIssue({
          code: "custom",
          path: ["batchNo"],
          message: "请填写邮件批次号（字母、数字和连字符）。",
        });
      }
    }
    if (v.kind === "assign" && !/^\d{1,9}$/.test(v.assignee ?? "")) {
      ctx.addIssue({ code: "custom", path: ["assignee"], message: "请选择工作人员。" });
    }
  });

/** R-E2: preparation only, in bulk: a letter sent to each, or assigned to a colleague. */
zombieRoutes.post("/bulk", async (c) => {
  const body = await c.req.parseBody({ all: true });
  const form: Record<string, unknown> = Object.create(null);
  for (const k of ["kind", "org", "sentOn", "batchNo", "assignee"])
    if (body[k] !== undefined) form[k] = body[k];
  const parsed = BulkForm.safeParse(form);
  if (!parsed.success) return triagePage(c, { bulkError: parsed.error.issues[0]!.message }, 422);
  const d = parsed.data;
  const orgIds = (Array.isArray(d.org) ? d.org : d.org ? [d.org] : [])
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);
  if (orgIds.length === 0) return triagePage(c, { bulkError: "请先勾选组织。" }, 422);
  const r = await bulkPrepare(
    c.get("deps"),
    c.get("user")!,
    d.kind === "letter"
      ? { kind: "letter", orgIds, sentOn: d.sentOn!, batchNo: d.batchNo! }
      : { kind: "assign", orgIds, assigneeId: Number(d.assignee) },
    clientIp(c),
  );
  if (!r.ok) return triagePage(c, { bulkError: r.message }, 422);
  return c.redirect(`/registrar/zombies?done=${d.kind}`, 303);
});

const EXPORT_HEADER = [
  "统一社会信用代码",
  "名称",
  "类型",
  "登记管理机关",
  "成立日期",
  "信号数",
  "最早发现",
  "信号",
  "事实",
];
/** In the workbook: dates are dates, the number of signals a number. */
const EXPORT_KINDS: XlsxKind[] = ["text", "text", "text", "text", "date", "number", "date", "text", "text"];
const exportRow = (r: TriageRow): (string | number)[] => [
  r.uscc,
  r.name,
  TYPE_LABELS[r.type],
  r.authorityName,
  r.registeredOn,
  Number(r.count),
  r.since,
  r.signals
    .split(",")
    .map((s) => ZOMBIE_SIGNAL_LABELS[s as ZombieSignal])
    .join("、"),
  r.facts,
];

/** The same list as a workbook for the field team: the count as a number, a frozen header row. */
zombieRoutes.get("/export.xlsx", async (c) => {
  const { filter } = await filterOf(c);
  if (!filter) return c.text("筛选条件有误。", 400);
  const { rows } = await triageRows(c.get("deps").db, filter, null);
  const columns = EXPORT_HEADER.map((header, i) => ({
    header,
    kind: EXPORT_KINDS[i]!,
    width: i === 8 ? 60 : undefined,
  }));
  const book = await xlsxWorkbook([{ name: "僵尸型社会组织候选", columns, rows: rows.map(exportRow) }]);
  return c.body(book, 200, {
    ...xlsxHeaders("僵尸型社会组织候选.xlsx"),
    "Cache-Control": "private, no-store",
  });
});

zombieRoutes.get("/export.csv", async (c) => {
  const { filter } = await filterOf(c);
  if (!filter) return c.text("筛选条件有误。", 400);
  const { rows } = await triageRows(c.get("deps").db, filter, null);
  const body = CSV_BOM + csvLines([EXPORT_HEADER, ...rows.map(exportRow)]);
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent("僵尸型社会组织候选.csv")}`,
    "Cache-Control": "private, no-store",
  });
});
