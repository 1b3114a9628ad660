import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { authorities, organizations, supervisorUnits } from "../../db/schema";
import {
  ApplicationPage,
  ApplyStartPage,
  OrgApplicationsPage,
  ProblemsPanel,
  RegistrarQueuePage,
  ReviewActions,
} from "../../views/registration/applications";
import { findOrgFor } from "../auth/scope";
import type { AppDeps, AppEnv } from "../context";
import { APPLICATION_KIND_LABELS, type ApplicationKind, mayRegisterType } from "../domain/registration";
import type { ApplicationAction, ApplicationState } from "../domain/registration-workflow";
import {
  chinaDateOf,
  type WorkingDayCalendar,
  workingDaysRemaining,
  yearsWithoutCalendar,
} from "../domain/working-days";
import { clientIp } from "../http";
import { loadCalendar } from "../inspection/holidays";
import { renderFragment, renderPage } from "../render";
import {
  type ApplicationRow,
  accessOf,
  act,
  applicationEvents,
  applicationProblems,
  findByLink,
  loadApplication,
  orgApplications,
  registrarQueue,
  saveDraft,
  startEstablishment,
  startForOrg,
  startPaperEstablishment,
  type Viewer,
} from "./applications";
import { formValues, parseApplicationForm } from "./forms";

/**
 * Registration applications over HTTP (issue 5): the applicant's pages under /apply (no account: the link is the
 * key), the organization's under /portal/applications, the registrar's queue and review under /registrar/applications.
 * One set of handlers serves all three; each resolves who is asking and whether they may see the application (404 if
 * not) before anything else.
 */
export const applicationRoutes = new Hono<AppEnv>();
type C = Context<AppEnv>;

const nowOf = (c: C) => c.get("deps").now?.() ?? new Date();
const todayOf = (c: C) => chinaDateOf(nowOf(c));

async function form(c: C): Promise<Record<string, string | string[]>> {
  return (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
}

interface Resolved {
  viewer: Viewer;
  app: ApplicationRow;
  canAct: boolean;
  base: string;
  link: string | null;
}

type Resolver = (c: C) => Promise<Resolved | null>;

const byLink: Resolver = async (c) => {
  const token = c.req.param("token") ?? "";
  const app = await findByLink(c.get("deps").db, token);
  if (!app) return null;
  return {
    viewer: { kind: "applicant", applicationId: app.id },
    app,
    canAct: true,
    base: `/apply/${token}`,
    link: `${c.get("deps").config.publicOrigin}/apply/${token}`,
  };
};

const byId =
  (prefix: string): Resolver =>
  async (c) => {
    const id = Number(c.req.param("applicationId"));
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const { db } = c.get("deps");
    const app = await loadApplication(db, id);
    if (!app) return null;
    const viewer: Viewer = { kind: "user", user: c.get("user")! };
    const access = await accessOf(db, viewer, app);
    if (!access) return null;
    return { viewer, app, canAct: access.canAct, base: `${prefix}/${id}`, link: null };
  };

function isFilerView(r: Resolved): boolean {
  if (r.app.channel === "paper") return r.viewer.kind === "user" && r.viewer.user.role === "registrar";
  return r.viewer.kind === "applicant" || (r.viewer.kind === "user" && r.viewer.user.role === "org");
}

async function units(c: C) {
  return c
    .get("deps")
    .db.select({ id: supervisorUnits.id, name: supervisorUnits.name })
    .from(supervisorUnits)
    .where(eq(supervisorUnits.active, true))
    .orderBy(supervisorUnits.name);
}

const NOTICES: Record<string, string> = {
  saved: "已保存。",
  submitted: "申请已提交，登记管理机关将在法定期限内办理。",
  returned: "已退回补正，申请方可以看到退回原因和期限。",
  approved: "已准予登记。",
  refused: "已作出不予登记的决定。",
  withdrawn: "申请已撤回。",
  started: "申请已创建，请填写并提交。",
};

async function page(
  c: C,
  r: Resolved,
  opts: {
    values?: Record<string, string | string[]>;
    errors?: Record<string, string>;
    status?: number;
    review?: Record<string, string>;
  } = {},
) {
  const { db } = c.get("deps");
  const today = todayOf(c);
  const staffView = r.viewer.kind === "user" && r.viewer.user.role === "registrar";
  const calendar = await loadCalendar(db);
  const [problems, events, unitList] = await Promise.all([
    applicationProblems(
      db,
      r.app,
      today,
      staffView ? { seriousPersonBlocks: c.get("deps").config.domain.seriousPersonBlocks } : null,
    ),
    applicationEvents(db, r.app.id),
    units(c),
  ]);
  const org = r.app.orgId
    ? ((await db.select().from(organizations).where(eq(organizations.id, r.app.orgId)))[0] ?? null)
    : null;
  const editable = r.canAct && isFilerView(r) && (r.app.state === "draft" || r.app.state === "returned");
  const isReviewer = r.canAct && r.viewer.kind === "user" && r.viewer.user.role === "registrar";
  const kind = r.app.kind as ApplicationKind;
  const title = `${APPLICATION_KIND_LABELS[kind]}${org ? `：${org.name}` : (r.app.data as { name?: string }).name ? `：${(r.app.data as { name?: string }).name}` : ""}`;
  const done = c.req.query("done");
  return renderPage(
    c,
    <ApplicationPage
      user={c.get("user")}
      title={title}
      app={r.app}
      org={org}
      action={r.base}
      editable={editable}
      values={opts.values ?? formValues(r.app.data as never)}
      errors={opts.errors ?? {}}
      problems={problems}
      events={events}
      units={unitList}
      dueLeft={r.app.dueOn ? workingDaysRemaining(today, r.app.dueOn, calendar) : null}
      dueUncalendared={r.app.dueOn ? dueWithoutCalendar(r.app, calendar) : []}
      foundationAllowed={mayRegisterType("foundation", await authorityLevel(db, r.app.authorityId))}
      notice={done ? (NOTICES[done] ?? null) : null}
      link={r.link}
    >
      {isReviewer ? (
        <>
          <ReviewActions
            action={r.base}
            app={r.app}
            errors={opts.errors ?? {}}
            values={opts.review ?? {}}
            today={today}
          />
          {r.app.state === "approved" && org ? (
            <p class="notice success">
              登记已生效：<a href={`/orgs/${org.uscc}`}>{org.name}</a>（{org.uscc}）。
              {kind === "establishment" ? (
                <>
                  {" "}
                  请为该组织<a href={`/registrar/orgs/${org.uscc}#new`}>开设单位管理员账号</a>
                  ，并将激活链接交给申请人。
                </>
              ) : null}
            </p>
          ) : null}
        </>
      ) : null}
    </ApplicationPage>,
    (opts.status ?? 200) as 200,
  );
}

const VersionForm = z.object({ version: z.coerce.number().int().positive() });

function mount(pathPrefix: string, resolve: Resolver) {
  applicationRoutes.get(pathPrefix, async (c) => {
    const r = await resolve(c);
    return r ? page(c, r) : c.notFound();
  });

  applicationRoutes.post(`${pathPrefix}/check`, async (c) => {
    const r = await resolve(c);
    if (!r) return c.notFound();
    const parsed = parseApplicationForm(r.app.kind as ApplicationKind, await form(c));
    if (!parsed.ok) {
      return renderFragment(
        c,
        <ProblemsPanel
          problems={Object.entries(parsed.errors).map(([field, message]) => ({
            field,
            message,
            rule: "格式",
            level: "block" as const,
          }))}
        />,
      );
    }
    const preview = { ...r.app, data: parsed.data as Record<string, unknown> };
    return renderFragment(
      c,
      <ProblemsPanel problems={await applicationProblems(c.get("deps").db, preview, todayOf(c))} />,
    );
  });

  const saveFrom = async (c: C, r: Resolved, raw: Record<string, string | string[]>) => {
    if (!r.canAct || !isFilerView(r)) return { ok: false as const, response: c.notFound() };
    const version = VersionForm.safeParse(raw);
    const parsed = parseApplicationForm(r.app.kind as ApplicationKind, raw);
    if (!parsed.ok || !version.success) {
      const errors = parsed.ok ? { form: "页面已过期，请刷新后重试。" } : parsed.errors;
      return { ok: false as const, response: await page(c, r, { values: raw, errors, status: 422 }) };
    }
    const saved = await saveDraft(
      c.get("deps").db,
      r.viewer,
      r.app,
      version.data.version,
      parsed.data as Record<string, unknown>,
      nowOf(c),
      clientIp(c),
    );
    if (!saved.ok) {
      return {
        ok: false as const,
        response: await page(c, r, {
          values: raw,
          errors: { form: saved.message },
          status: saved.code === "stale" ? 409 : 422,
        }),
      };
    }
    return { ok: true as const };
  };

  applicationRoutes.post(`${pathPrefix}/save`, async (c) => {
    const r = await resolve(c);
    if (!r) return c.notFound();
    const s = await saveFrom(c, r, await form(c));
    return s.ok ? c.redirect(`${r.base}?done=saved`, 303) : s.response;
  });

  applicationRoutes.post(`${pathPrefix}/submit`, async (c) => {
    const r = await resolve(c);
    if (!r) return c.notFound();
    const raw = await form(c);
    const s = await saveFrom(c, r, raw);
    if (!s.ok) return s.response;
    const { db } = c.get("deps");
    const fresh = (await loadApplication(db, r.app.id))!;
    const result = await act(db, r.viewer, fresh, "submit", fresh.version, {}, nowOf(c), clientIp(c));
    if (!result.ok) {
      return page(
        c,
        { ...r, app: fresh },
        { errors: { form: result.message }, status: result.code === "stale" ? 409 : 422 },
      );
    }
    return c.redirect(`${r.base}?done=submitted`, 303);
  });

  applicationRoutes.post(`${pathPrefix}/withdraw`, async (c) => {
    const r = await resolve(c);
    if (!r || !r.canAct) return c.notFound();
    const version = VersionForm.safeParse(await form(c));
    const result = await act(
      c.get("deps").db,
      r.viewer,
      r.app,
      "withdraw",
      version.success ? version.data.version : -1,
      {},
      nowOf(c),
      clientIp(c),
    );
    if (!result.ok)
      return page(c, r, { errors: { form: result.message }, status: result.code === "stale" ? 409 : 422 });
    return c.redirect(`${r.base}?done=withdrawn`, 303);
  });
}

// ------------------------------------------------------------------------------------------------ applicant (public)

async function applyStart(
  c: C,
  values: Record<string, string>,
  errors: Record<string, string>,
  status = 200,
) {
  const list = await c
    .get("deps")
    .db.select({ id: authorities.id, name: authorities.name })
    .from(authorities)
    .where(ne(authorities.level, "national"))
    .orderBy(authorities.code);
  return renderPage(
    c,
    <ApplyStartPage user={c.get("user")} authorities={list} values={values} errors={errors} />,
    status as 200,
  );
}

applicationRoutes.get("/apply", (c) => applyStart(c, {}, {}));

const APPLICATIONS_PER_IP_PER_DAY = 10;

/** 成立 applications started from `ip` in the last 24 hours (read from the audit log, which records every start). */
async function applicationsStartedFrom(db: AppDeps["db"], ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const [row] = (await db.all(
    sql`SELECT count(*) AS n FROM audit_events WHERE action = 'registration.start' AND ip = ${ip} AND at >= ${since}`,
  )) as { n: number }[];
  return Number(row?.n ?? 0);
}

const StartForm = z.object({
  authorityId: z
    .string({ error: "请选择登记管理机关。" })
    .regex(/^\d{1,9}$/, "请选择登记管理机关。")
    .transform(Number),
  applicantName: z
    .string({ error: "请填写申请人姓名。" })
    .trim()
    .min(1, "请填写申请人姓名。")
    .max(40, "姓名不能超过 40 个字。"),
  applicantPhone: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^[0-9+\-() ]{7,20}$/.test(v), "联系电话格式不正确，例如 13800000000。"),
});

applicationRoutes.post("/apply", async (c) => {
  const raw = (await c.req.parseBody()) as Record<string, string>;
  const parsed = StartForm.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const { db } = c.get("deps");
  if (parsed.success) {
    const [a] = await db
      .select({ id: authorities.id })
      .from(authorities)
      .where(eq(authorities.id, parsed.data.authorityId));
    if (!a) errors.authorityId = "请选择列表中的登记管理机关。";
  }
  if (!parsed.success || Object.keys(errors).length > 0) return applyStart(c, raw, errors, 422);
  // Anyone may start an application without an account; one address may start at most a few a day.
  const ip = clientIp(c);
  if (ip && (await applicationsStartedFrom(db, ip, nowOf(c))) >= APPLICATIONS_PER_IP_PER_DAY) {
    return applyStart(
      c,
      raw,
      { authorityId: "今天从您的网络发起的申请已经很多，请明天再试，或到登记管理机关窗口办理。" },
      429,
    );
  }
  const started = await startEstablishment(
    db,
    {
      authorityId: parsed.data.authorityId,
      applicantName: parsed.data.applicantName,
      applicantPhone: parsed.data.applicantPhone || null,
    },
    clientIp(c),
  );
  c.header("Cache-Control", "no-store");
  return c.redirect(`/apply/${started.token}?done=started`, 303);
});

mount("/apply/:token", byLink);

// ------------------------------------------------------------------------------------------------ organization

applicationRoutes.get("/portal/applications", async (c) => {
  const user = c.get("user")!;
  const { db } = c.get("deps");
  const [org] = await db.select().from(organizations).where(eq(organizations.id, user.orgId!));
  return renderPage(
    c,
    <OrgApplicationsPage
      user={user}
      org={org!}
      rows={await orgApplications(db, org!.id)}
      canApply={org!.status === "active"}
    />,
  );
});

const KindForm = z.object({
  kind: z.enum(["change", "charter", "deregistration"], { error: "请选择申请事项。" }),
});

applicationRoutes.post("/portal/applications", async (c) => {
  const user = c.get("user")!;
  const parsed = KindForm.safeParse(await c.req.parseBody());
  if (!parsed.success) return c.text("请选择申请事项：变更登记、章程核准或注销登记。", 422);
  const { db } = c.get("deps");
  const [org] = await db.select().from(organizations).where(eq(organizations.id, user.orgId!));
  const r = await startForOrg(db, user, org!, parsed.data.kind, clientIp(c));
  if (!r.ok) return c.text(r.message, 409);
  return c.redirect(`/portal/applications/${r.id}?done=started`, 303);
});

mount("/portal/applications/:applicationId", byId("/portal/applications"));

// ------------------------------------------------------------------------------------------------ registrar

const QUEUE_STATES = [
  "open",
  "all",
  "draft",
  "submitted",
  "returned",
  "approved",
  "refused",
  "withdrawn",
] as const;

applicationRoutes.get("/registrar/applications", async (c) => {
  const user = c.get("user")!;
  const state = (QUEUE_STATES as readonly string[]).includes(c.req.query("state") ?? "")
    ? (c.req.query("state") as (typeof QUEUE_STATES)[number])
    : "open";
  const rows = await registrarQueue(c.get("deps").db, user, state as ApplicationState | "open" | "all");
  const today = todayOf(c);
  const calendar = await loadCalendar(c.get("deps").db);
  return renderPage(
    c,
    <RegistrarQueuePage
      user={user}
      state={state}
      rows={rows.map((r) => ({
        ...r,
        dueLeft:
          r.app.dueOn && r.app.state === "submitted"
            ? workingDaysRemaining(today, r.app.dueOn, calendar)
            : null,
        dueUncalendared: r.app.state === "submitted" ? dueWithoutCalendar(r.app, calendar) : [],
      }))}
    />,
  );
});

/** R-A6: the years the decision deadline was counted across with no holiday calendar entered (weekends only). */
function dueWithoutCalendar(
  app: { submittedOn: string | null; dueOn: string | null },
  calendar: WorkingDayCalendar,
): number[] {
  return app.dueOn ? yearsWithoutCalendar(app.submittedOn ?? app.dueOn, app.dueOn, calendar) : [];
}

async function authorityLevel(db: AppDeps["db"], id: number) {
  const [row] = await db.select({ level: authorities.level }).from(authorities).where(eq(authorities.id, id));
  return row?.level ?? "city";
}

const PaperForm = z.object({
  kind: z.enum(["establishment", "change", "charter", "deregistration"], { error: "请选择申请事项。" }),
  uscc: z.string().trim().max(18).optional(),
  applicantName: z.string().trim().max(40).optional(),
});

applicationRoutes.post("/registrar/applications", async (c) => {
  const user = c.get("user")!;
  const parsed = PaperForm.safeParse(await c.req.parseBody());
  if (!parsed.success) return c.text("请选择申请事项。", 422);
  const { db } = c.get("deps");
  const d = parsed.data;
  if (d.kind === "establishment") {
    if (!d.applicantName) return c.text("录入成立登记申请，请填写申请人。", 422);
    const id = await startPaperEstablishment(db, user, d.applicantName, clientIp(c));
    return c.redirect(`/registrar/applications/${id}?done=started`, 303);
  }
  const access = d.uscc ? await findOrgFor(db, user, d.uscc) : null;
  if (!access) return c.text("没有找到本机关登记的这个统一社会信用代码。", 404);
  if (!access.canAct) return c.text("该组织由下级登记管理机关登记，本机关只能查看。", 403);
  const r = await startForOrg(db, user, access.org, d.kind, clientIp(c));
  if (!r.ok) return c.text(r.message, 409);
  return c.redirect(`/registrar/applications/${r.id}?done=started`, 303);
});

const resolveRegistrar = byId("/registrar/applications");
mount("/registrar/applications/:applicationId", resolveRegistrar);

const ReviewForm = z.object({
  version: z.coerce.number().int().positive().catch(-1),
  reason: z.string().trim().max(2000, "不能超过 2000 个字。").optional(),
  refuseReason: z.string().trim().max(2000, "不能超过 2000 个字。").optional(),
  deadline: z.string().trim().max(10).optional(),
  documentNo: z.string().trim().max(60, "文号不能超过 60 个字。").optional(),
});

for (const action of ["return", "approve", "refuse"] as const satisfies readonly ApplicationAction[]) {
  applicationRoutes.post(`/registrar/applications/:applicationId/${action}`, async (c) => {
    const r = await resolveRegistrar(c);
    if (!r) return c.notFound();
    if (!r.canAct) return c.text("该申请由下级登记管理机关办理，本机关只能查看。", 403);
    const raw = (await c.req.parseBody()) as Record<string, string>;
    const parsed = ReviewForm.safeParse(raw);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
      return page(c, r, { errors, review: raw, status: 422 });
    }
    const d = parsed.data;
    const result = await act(
      c.get("deps").db,
      r.viewer,
      r.app,
      action,
      d.version,
      {
        reason: action === "refuse" ? d.refuseReason : d.reason,
        deadline: d.deadline || undefined,
        documentNo: d.documentNo,
      },
      nowOf(c),
      clientIp(c),
      { seriousPersonBlocks: c.get("deps").config.domain.seriousPersonBlocks },
    );
    if (!result.ok) {
      const fields = { ...(result.fields ?? {}) };
      if (action === "refuse" && fields.reason) {
        fields.refuseReason = fields.reason;
        delete fields.reason;
      }
      return page(c, r, {
        errors: Object.keys(fields).length ? fields : { form: result.message },
        review: raw,
        status: result.code === "stale" ? 409 : 422,
      });
    }
    const done = { return: "returned", approve: "approved", refuse: "refused" }[action];
    return c.redirect(`${r.base}?done=${done}`, 303);
  });
}

/** Terminated organizations' accounts are read-only (issue 5): their writes under /portal are refused. */
export const portalReadOnlyWhenTerminated = async (c: C, next: () => Promise<void>) => {
  const user = c.get("user");
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && user?.role === "org" && user.orgId !== null) {
    const [org] = await c
      .get("deps")
      .db.select({ status: organizations.status })
      .from(organizations)
      .where(
        and(
          eq(organizations.id, user.orgId),
          inArray(organizations.status, ["deregistered", "revoked", "license_revoked"]),
        ),
      );
    if (org) return c.text("本组织已终止登记，账号只能查看，不能再办理业务。", 403);
  }
  await next();
};
