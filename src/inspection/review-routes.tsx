/**
 * The reviewers' side of the annual inspection (issue 4): registrars (/registrar/inspections…), supervisors
 * (/supervisor/inspections…) and the administrator's holiday list (/admin/holidays). HTTP only: parse with zod →
 * the area guard has checked the role; the service checks the object's scope (out of scope ⇒ not_found ⇒ 404) →
 * render or redirect. Refusals: 422 with the field's message (bad input, nothing stored), 409 "someone else acted"
 * for a stale version or an action the state no longer allows, 403 for a district filing a city registrar may only read.
 */

import { sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { authorities, ORG_TYPES } from "../../db/schema";
import { type ActionEcho, FilingPage, PROBLEM_ROWS } from "../../views/inspection/review/filing";
import { HolidaysPage } from "../../views/inspection/review/holidays";
import { ConclusionLetter } from "../../views/inspection/review/letter";
import { NoticesPage } from "../../views/inspection/review/notices";
import { QueuePageView, QueueResults, type QueueViewProps } from "../../views/inspection/review/queue";
import { RatesPage } from "../../views/inspection/review/rates";
import { NoticeItem } from "../../views/inspection/review/shared";
import { YearsPage, type YearsPageProps } from "../../views/inspection/review/years";
import type { AppEnv, SessionUser } from "../context";
import { FILER_SECTIONS } from "../domain/inspection-report";
import { dateIn, defaultWindow } from "../domain/inspection-window";
import { INSPECTION_ACTIONS, INSPECTION_STATES, type InspectionAction } from "../domain/inspection-workflow";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "../domain/text";
import { addWorkingDays } from "../domain/working-days";
import { wantsFragment } from "../http";
import { renderFragment, renderPage } from "../render";
import { attachmentResponse } from "../route-kit";
import type { QueueFilters, Refusal } from "./contract";
import { addHoliday, listHolidays, loadCalendar, removeHoliday } from "./holidays";
import { authorityTree } from "./queries";
import { inspectionService as svc, todayOf } from "./service";

type C = Context<AppEnv>;
type Base = "/registrar" | "/supervisor";

export const reviewRoutes = new Hono<AppEnv>();

const me = (c: C): SessionUser => c.get("user")!;
const nowOf = (c: C) => c.get("deps").now?.() ?? new Date();
const idOf = (raw: string | undefined): number | null =>
  raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;

/** Refusal code → HTTP status. */
function statusOf(r: Refusal): ContentfulStatusCode {
  if (r.code === "not_found") return 404;
  if (r.code === "out_of_scope" || r.code === "forbidden" || r.code === "forbidden_role") return 403;
  if (FIELD_OF[r.code] || r.code === "invalid" || r.code === "blocking_checks") return 422;
  return 409;
}

/** decide()'s input refusals, shown next to the field they concern. */
const FIELD_OF: Record<string, string> = {
  reason_required: "reason",
  deadline_invalid: "deadline",
  conclusion_missing: "conclusion",
  conclusion_inconsistent: "conclusion",
};

// ---------------------------------------------------------------------------------------------------------------
// Queues

const queueQuery = z.object({
  year: z.coerce
    .number({ error: "年度应为数字" })
    .int("年度应为整数")
    .min(1990, "年度不正确")
    .max(2200, "年度不正确")
    .optional(),
  state: z.enum(INSPECTION_STATES, { error: "请选择列表中的状态" }).optional(),
  type: z.enum(ORG_TYPES, { error: "请选择列表中的类型" }).optional(),
  district: z.coerce.number({ error: "请选择列表中的登记管理机关" }).int().positive().optional(),
  q: z
    .string()
    .trim()
    .max(50, "名称或代码不能超过50个字")
    .refine((v) => !hasControlCharacters(v), `名称或代码${CONTROL_CHARACTER_MESSAGE}`)
    .optional(),
  overdue: z.literal("1").optional(),
  warnings: z.literal("1").optional(),
  page: z.coerce
    .number({ error: "页码应为数字" })
    .int("页码应为整数")
    .min(1, "页码不正确")
    .max(10_000, "页码不正确")
    .optional(),
});

/** Empty query values mean "not given". */
function queryOf(c: C): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (v !== "") out[k] = v;
  return out;
}

async function yearsFor(c: C, user: SessionUser): Promise<number[]> {
  const years = await svc.listYears(c.get("deps"), user);
  return [...new Set(years.map((y) => y.year))].sort((a, b) => b - a);
}

async function districtsOf(c: C, user: SessionUser): Promise<{ id: number; name: string }[]> {
  if (user.role !== "registrar" || user.authorityId === null) return [];
  const { db } = c.get("deps");
  const ids = await authorityTree(db, user.authorityId);
  const rows = await db
    .select({ id: authorities.id, name: authorities.name, code: authorities.code })
    .from(authorities);
  return rows.filter((r) => ids.includes(r.id)).sort((a, b) => a.code.localeCompare(b.code));
}

async function queuePage(
  c: C,
  base: Base,
  kind: "queue" | "not_filed",
  intro?: unknown,
  status?: ContentfulStatusCode,
) {
  const user = me(c);
  const deps = c.get("deps");
  const query = queryOf(c);
  const parsed = queueQuery.safeParse(query);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const years = await yearsFor(c, user);
  const f = parsed.success ? parsed.data : {};
  const filters: QueueFilters = {
    year: f.year ?? years[0],
    state: kind === "not_filed" ? "not_filed" : f.state,
    type: f.type,
    authorityId: f.district,
    overdue: f.overdue === "1",
    hasWarnings: f.warnings === "1",
    q: f.q,
    page: f.page ?? 1,
    perPage: 20,
  };
  const page = parsed.success
    ? await svc.queue(deps, user, filters)
    : { items: [], total: 0, countsByState: {} };
  const props: QueueViewProps = {
    user,
    base,
    title:
      kind === "not_filed"
        ? "未参检名单"
        : base === "/registrar"
          ? "年检待办（登记管理机关）"
          : "年检初审（业务主管单位）",
    path: kind === "not_filed" ? `${base}/inspections/not-filed` : `${base}/inspections`,
    filters,
    query,
    page,
    years: filters.year && !years.includes(filters.year) ? [filters.year, ...years] : years,
    districts: await districtsOf(c, user),
    errors,
    notices: await svc.notices(deps, user, true),
    now: nowOf(c),
    intro,
  };
  const code = status ?? (parsed.success ? 200 : 422);
  if (wantsFragment(c) && c.req.header("HX-Target")?.includes("queue-results")) {
    return renderFragment(c, <QueueResults {...props} />, code);
  }
  return renderPage(c, <QueuePageView {...props} />, code);
}

for (const base of ["/registrar", "/supervisor"] as const) {
  reviewRoutes.get(`${base}/inspections`, (c) => queuePage(c, base, "queue"));
}

// ---------------------------------------------------------------------------------------------------------------
// Registrar: years, 未参检, rates

function yearForm(c: C, year: number): YearsPageProps["form"] {
  const cutoff = c.get("deps").config.domain.inspectionCutoff;
  const windows = {} as YearsPageProps["form"]["windows"];
  for (const t of ORG_TYPES) {
    const w = defaultWindow(year, t);
    windows[t] = {
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      supervisorDueOn: t === "foundation" ? "" : w.supervisorDeadline,
    };
  }
  return { year: String(year), cutoffOn: dateIn(year, cutoff), windows };
}

async function yearsPage(
  c: C,
  errors: Record<string, string>,
  form: YearsPageProps["form"] | null,
  status: ContentfulStatusCode = 200,
) {
  const user = me(c);
  const deps = c.get("deps");
  const years = await svc.listYears(deps, user);
  const names = new Map((await districtsOf(c, user)).map((d) => [d.id, d.name]));
  const today = todayOf(deps);
  const thisYear = Number(today.slice(0, 4));
  const own = new Set(years.filter((y) => y.authorityId === user.authorityId).map((y) => y.year));
  const suggested = own.has(thisYear - 1) ? thisYear : thisYear - 1;
  const opened = c.req.query("opened");
  return renderPage(
    c,
    <YearsPage
      user={user}
      years={years.map((y) => ({
        ...y,
        authorityName: names.get(y.authorityId) ?? "",
        own: y.authorityId === user.authorityId,
      }))}
      errors={errors}
      message={opened && /^\d{4}$/.test(opened) ? `${opened} 年度年检已开启，应参检的组织已可以填报。` : null}
      form={form ?? yearForm(c, suggested)}
      today={today}
    />,
    status,
  );
}

reviewRoutes.get("/registrar/inspections/years", (c) => yearsPage(c, {}, null));

reviewRoutes.post("/registrar/inspections/years", async (c) => {
  const body = (await c.req.parseBody()) as Record<string, unknown>;
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const form: YearsPageProps["form"] = {
    year: str("year"),
    cutoffOn: str("cutoffOn"),
    windows: {} as YearsPageProps["form"]["windows"],
  };
  for (const t of ORG_TYPES) {
    form.windows[t] = {
      opensOn: str(`windows.${t}.opensOn`),
      closesOn: str(`windows.${t}.closesOn`),
      supervisorDueOn: str(`windows.${t}.supervisorDueOn`),
    };
  }
  if (!/^\d{4}$/.test(form.year)) return yearsPage(c, { year: "请填写四位数字的年度，如 2025" }, form, 422);
  const r = await svc.openYear(c.get("deps"), me(c), {
    year: Number(form.year),
    cutoffOn: form.cutoffOn,
    windows: form.windows,
  });
  if (!r.ok)
    return yearsPage(c, r.fields ?? { year: r.message }, form, r.code === "exists" ? 409 : statusOf(r));
  return c.redirect(`/registrar/inspections/years?opened=${r.year.year}`, 303);
});

reviewRoutes.get("/registrar/inspections/not-filed", (c) =>
  queuePage(c, "/registrar", "not_filed", <MarkNotFiledForm c={c} />),
);

function MarkNotFiledForm({ c }: { c: C }) {
  const year = c.req.query("year");
  const marked = c.req.query("marked");
  return (
    <>
      {marked && /^\d+$/.test(marked) ? (
        <div class="notice success" role="status">
          已将 {marked} 个申报期内未提交的组织标记为未参检。
        </div>
      ) : null}
      <p>
        申报期结束后，应参检但未提交年度报告的组织标记为“未参检”（连续两年未参检的列入撤销登记候选，R-C8）。
      </p>
      {year && /^\d{4}$/.test(year) ? (
        <form method="post" action={`/registrar/inspections/years/${year}/not-filed`} class="inline-form">
          <button type="submit" class="button secondary">
            标记 {year} 年度的未参检组织
          </button>
        </form>
      ) : null}
    </>
  );
}

reviewRoutes.post("/registrar/inspections/years/:year/not-filed", async (c) => {
  const user = me(c);
  const deps = c.get("deps");
  const year = Number(c.req.param("year"));
  const row = (await svc.listYears(deps, user)).find(
    (y) => y.year === year && y.authorityId === user.authorityId,
  );
  if (!row) return c.notFound();
  const r = await svc.markNotFiled(deps, user, row.id);
  if (!r.ok) {
    const message = (
      <div class="notice warning" role="alert">
        {r.message}
      </div>
    );
    return queuePage(c, "/registrar", "not_filed", message, statusOf(r));
  }
  return c.redirect(`/registrar/inspections/not-filed?year=${year}&marked=${r.marked}`, 303);
});

reviewRoutes.get("/registrar/inspections/rates", async (c) => {
  const user = me(c);
  const years = await yearsFor(c, user);
  const asked = Number(c.req.query("year"));
  const year = years.includes(asked) ? asked : (years[0] ?? null);
  const rows = year === null ? [] : await svc.rates(c.get("deps"), user, year);
  return renderPage(c, <RatesPage user={user} year={year} years={years} rows={rows} />);
});

// ---------------------------------------------------------------------------------------------------------------
// One filing: the review page, its actions, take / release, the printable notice, attachments

async function filingPage(
  c: C,
  base: Base,
  filingId: number,
  extra: {
    errors?: Record<string, string>;
    message?: { kind: "error" | "success"; text: string } | null;
    echo?: ActionEcho;
  },
  status: ContentfulStatusCode = 200,
) {
  const user = me(c);
  const deps = c.get("deps");
  const view = await svc.getFiling(deps, user, filingId);
  if (!view) return c.notFound();
  const today = todayOf(deps);
  const calendar = await loadCalendar(deps.db);
  const readOnly = user.role === "registrar" && !(await ownFiling(c, filingId, user.authorityId));
  return renderPage(
    c,
    <FilingPage
      user={user}
      base={base}
      view={view}
      readOnly={readOnly}
      errors={extra.errors ?? {}}
      message={extra.message ?? null}
      echo={extra.echo ?? {}}
      defaultDeadline={addWorkingDays(today, deps.config.domain.correctionDeadlineWorkingDays, calendar)}
      notices={await svc.notices(deps, user, true)}
      now={nowOf(c)}
    />,
    status,
  );
}

/** Whether the filing belongs to the registrar's own authority (a city registrar reads its districts' only). */
async function ownFiling(c: C, filingId: number, authorityId: number | null): Promise<boolean> {
  const rows = (await c
    .get("deps")
    .db.all(sql`SELECT authority_id FROM annual_inspections WHERE id = ${filingId}`)) as {
    authority_id: number;
  }[];
  return rows[0] !== undefined && Number(rows[0].authority_id) === authorityId;
}

const DONE: Partial<Record<InspectionAction | "take" | "release", string>> = {
  start_pre_review: "已开始预审。",
  pass_pre_review: "已通过预审。",
  return_for_correction: "已退回补正，已通知申报单位。",
  pass_supervisor_review: "已通过初审，已转登记管理机关审查。",
  conclude: "已作出年检结论，已通知申报单位。",
  publish: "已公告。",
  mark_not_filed: "已标记为未参检。",
  take: "已领取，其他工作人员可以看到由您办理。",
  release: "已释放，其他工作人员可以领取。",
};

const actionForm = z.object({
  version: z.coerce.number().int().min(1),
  action: z.enum(INSPECTION_ACTIONS),
});

function echoOf(body: Record<string, unknown>): ActionEcho {
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const comments: Record<string, string> = {};
  for (const s of FILER_SECTIONS) comments[s] = str(`comment.${s}`);
  return {
    action: str("action"),
    reason: str("reason"),
    deadline: str("deadline"),
    comments,
    conclusion: str("conclusion"),
    problems: Array.from({ length: PROBLEM_ROWS }, (_, i) => ({
      description: str(`problems.${i}.description`),
      severity: str(`problems.${i}.severity`),
      section: str(`problems.${i}.section`),
    })),
  };
}

for (const base of ["/registrar", "/supervisor"] as const) {
  reviewRoutes.get(`${base}/inspections/attachments/:attachmentId`, async (c) => {
    const id = idOf(c.req.param("attachmentId"));
    const file = id === null ? null : await svc.getAttachment(c.get("deps"), me(c), id);
    if (!file) return c.notFound();
    return attachmentResponse(c, file, file.filename);
  });

  reviewRoutes.get(`${base}/inspections/:filingId`, async (c) => {
    const id = idOf(c.req.param("filingId"));
    if (id === null) return c.notFound();
    const done = c.req.query("done") as keyof typeof DONE | undefined;
    const text = done ? DONE[done] : undefined;
    return filingPage(c, base, id, { message: text ? { kind: "success", text } : null });
  });

  reviewRoutes.get(`${base}/inspections/:filingId/notice`, async (c) => {
    const id = idOf(c.req.param("filingId"));
    const view = id === null ? null : await svc.getFiling(c.get("deps"), me(c), id);
    if (!view?.conclusion) return c.notFound();
    return renderPage(
      c,
      <ConclusionLetter user={me(c)} view={view} back={`${base}/inspections/${view.id}`} />,
    );
  });

  reviewRoutes.post(`${base}/inspections/:filingId/actions`, async (c) => {
    const id = idOf(c.req.param("filingId"));
    if (id === null) return c.notFound();
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const echo = echoOf(body);
    const head = actionForm.safeParse(body);
    if (!head.success) {
      return filingPage(
        c,
        base,
        id,
        { message: { kind: "error", text: "请求不完整，请刷新页面后重试。" }, echo },
        422,
      );
    }
    const { action, version } = head.data;
    const r = await svc.act(c.get("deps"), me(c), id, action, {
      version,
      reason: echo.reason?.trim() || undefined,
      deadline: echo.deadline?.trim() || undefined,
      comments: FILER_SECTIONS.map((s) => ({ section: s, text: echo.comments?.[s]?.trim() ?? "" })),
      conclusion: (echo.conclusion || undefined) as never,
      problems: (echo.problems ?? [])
        .filter((p) => p.description.trim() !== "")
        .map((p) => ({
          description: p.description,
          severity: p.severity as never,
          ...(p.section ? { section: p.section } : {}),
        })),
    });
    if (r.ok) return c.redirect(`${base}/inspections/${id}?done=${action}`, 303);
    if (r.code === "not_found") return c.notFound();
    const field = FIELD_OF[r.code];
    const errors = r.fields ?? (field ? { [field]: r.message } : {});
    return filingPage(
      c,
      base,
      id,
      { errors, echo, message: Object.keys(errors).length > 0 ? null : { kind: "error", text: r.message } },
      statusOf(r),
    );
  });

  for (const what of ["take", "release"] as const) {
    reviewRoutes.post(`${base}/inspections/:filingId/${what}`, async (c) => {
      const id = idOf(c.req.param("filingId"));
      if (id === null) return c.notFound();
      const body = await c.req.parseBody();
      const version = Number(body.version);
      const r = await svc[what](c.get("deps"), me(c), id, Number.isInteger(version) ? version : 0);
      if (r.ok) return c.redirect(`${base}/inspections/${id}?done=${what}`, 303);
      if (r.code === "not_found") return c.notFound();
      return filingPage(c, base, id, { message: { kind: "error", text: r.message } }, statusOf(r));
    });
  }

  // In-app notices
  reviewRoutes.get(`${base}/notices`, async (c) =>
    renderPage(c, <NoticesPage user={me(c)} base={base} notices={await svc.notices(c.get("deps"), me(c))} />),
  );

  reviewRoutes.post(`${base}/notices/:noticeId/read`, async (c) => {
    const id = idOf(c.req.param("noticeId"));
    if (id === null) return c.notFound();
    const r = await svc.markNoticeRead(c.get("deps"), me(c), id);
    if (!r.ok) return c.notFound();
    if (!wantsFragment(c)) return c.redirect(`${base}/notices`, 303);
    const n = (await svc.notices(c.get("deps"), me(c))).find((x) => x.id === id);
    return n ? renderFragment(c, <NoticeItem notice={n} base={base} />) : c.body(null, 204);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Administrator: holidays

async function holidaysPage(
  c: C,
  errors: Record<string, string>,
  form: { date: string; kind: string; name: string },
  status: ContentfulStatusCode = 200,
) {
  const deps = c.get("deps");
  const asked = Number(c.req.query("year") ?? form.date.slice(0, 4));
  const year =
    Number.isInteger(asked) && asked >= 1990 && asked <= 2200 ? asked : Number(todayOf(deps).slice(0, 4));
  const done = c.req.query("done");
  return renderPage(
    c,
    <HolidaysPage
      user={me(c)}
      year={year}
      holidays={await listHolidays(deps.db, year)}
      errors={errors}
      form={form}
      message={done === "added" ? "已添加。" : done === "removed" ? "已删除。" : null}
    />,
    status,
  );
}

reviewRoutes.get("/admin/holidays", (c) => holidaysPage(c, {}, { date: "", kind: "holiday", name: "" }));

reviewRoutes.post("/admin/holidays", async (c) => {
  const body = await c.req.parseBody();
  const form = {
    date: typeof body.date === "string" ? body.date : "",
    kind: typeof body.kind === "string" ? body.kind : "",
    name: typeof body.name === "string" ? body.name : "",
  };
  const r = await addHoliday(c.get("deps"), me(c), form);
  if (!r.ok) return holidaysPage(c, r.fields ?? { date: r.message }, form, statusOf(r));
  return c.redirect(`/admin/holidays?year=${r.holiday.date.slice(0, 4)}&done=added`, 303);
});

reviewRoutes.post("/admin/holidays/:holidayId/delete", async (c) => {
  const id = idOf(c.req.param("holidayId"));
  const r = id === null ? null : await removeHoliday(c.get("deps"), me(c), id);
  if (!r?.ok) return c.notFound();
  const body = await c.req.parseBody();
  const year = typeof body.year === "string" && /^\d{4}$/.test(body.year) ? body.year : "";
  return c.redirect(`/admin/holidays?${year ? `year=${year}&` : ""}done=removed`, 303);
});
