import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  ApplyStartPage,
  NameChecks,
  nameChecksOf,
  OrgApplicationsPage,
  ProblemsPanel,
  RegistrarQueuePage,
} from "../../views/registration/applications";
import { findOrgFor } from "../auth/scope";
import type { AppEnv } from "../context";
import type { ApplicationKind } from "../domain/registration";
import { APPLICATION_STATES, type ApplicationAction } from "../domain/registration-workflow";
import { chinaDateOf } from "../domain/working-days";
import { clientIp } from "../http";
import { renderFragment, renderPage } from "../render";
import { errorsOf } from "../route-kit";
import { materialRoutes } from "./application-material-routes";
import { byId, byLink, page, type Resolved, type Resolver } from "./application-page";
import {
  act,
  applicationAuthorities,
  decide,
  isFiler,
  isTerminated,
  loadApplication,
  orgApplicationsPage,
  previewProblems,
  registrarQueuePage,
  saveDraft,
  startForOrg,
  startForOwnOrg,
  startOnline,
  startPaperEstablishment,
} from "./applications";
import { parseApplicationForm } from "./forms";
import { recoverLink, reissueLinkAs } from "./link-recovery-routes";

/**
 * Registration applications over HTTP: the applicant's pages under /apply (no account: the link is the
 * key), the organization's under /portal/applications, the registrar's queue and review under /registrar/applications.
 * One set of handlers (applicationPageRoutes) serves one application in all three; each resolves who is asking and
 * whether they may see the application (404 if not) before anything else.
 */
type C = Context<AppEnv>;

const nowOf = (c: C) => c.get("deps").now?.() ?? new Date();
const todayOf = (c: C) => chinaDateOf(nowOf(c));

async function form(c: C): Promise<Record<string, string | string[]>> {
  return (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
}

const VersionForm = z.object({ version: z.coerce.number().int().positive() });

/** The pages of one application, mounted at /apply/:token, /portal/applications/:applicationId and
 * /registrar/applications/:applicationId; `resolve` says who is asking and which application they may see. */
function applicationPageRoutes(resolve: Resolver) {
  const routes = new Hono<AppEnv>();

  routes.get("/", async (c) => {
    const r = await resolve(c);
    return r ? page(c, r) : c.notFound();
  });

  routes.post("/check", async (c) => {
    const r = await resolve(c);
    if (!r) return c.notFound();
    const problems = await previewProblems(c.get("deps").db, r.app, await form(c), todayOf(c));
    const nameChecks = nameChecksOf(problems);
    return renderFragment(
      c,
      <>
        <ProblemsPanel problems={problems} />
        {r.app.kind === "establishment" ? <NameChecks checks={nameChecks} oob /> : null}
      </>,
    );
  });

  const saveFrom = async (c: C, r: Resolved, raw: Record<string, string | string[]>) => {
    if (!r.canAct || !isFiler(r.viewer, r.app)) return { ok: false as const, response: c.notFound() };
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
          errors: saved.fields ?? { form: saved.message },
          status: saved.code === "stale" ? 409 : 422,
        }),
      };
    }
    return { ok: true as const };
  };

  routes.post("/save", async (c) => {
    const r = await resolve(c);
    if (!r) return c.notFound();
    const s = await saveFrom(c, r, await form(c));
    return s.ok ? c.redirect(`${r.base}?done=saved`, 303) : s.response;
  });

  routes.post("/submit", async (c) => {
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

  routes.post("/withdraw", async (c) => {
    const r = await resolve(c);
    if (!r?.canAct) return c.notFound();
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

  routes.route("/materials", materialRoutes(resolve, page));

  return routes;
}

// ------------------------------------------------------------------------------------------------ applicant (public)

async function applyStart(
  c: C,
  values: Record<string, string>,
  errors: Record<string, string>,
  status = 200,
): Promise<Response> {
  const list = await applicationAuthorities(c.get("deps").db);
  const notice =
    c.req.query("done") === "recover"
      ? "已收到您的找回请求。为防止他人冒用，链接不会显示在网页上：请联系受理您申请的登记管理机关，说明申请编号，工作人员核实身份后会为您发放新链接。"
      : null;
  return renderPage(
    c,
    <ApplyStartPage
      user={c.get("user")}
      authorities={list}
      values={values}
      errors={errors}
      notice={notice}
    />,
    status as 200,
  );
}

/** /apply: the applicant picks the registration authority and starts an application. */
export const applyRoutes = new Hono<AppEnv>();

applyRoutes.get("/", (c) => applyStart(c, {}, {}));
applyRoutes.post("/recover", recoverLink(applyStart));

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

applyRoutes.post("/", async (c) => {
  const raw = (await c.req.parseBody()) as Record<string, string>;
  const parsed = StartForm.safeParse(raw);
  if (!parsed.success) return applyStart(c, raw, errorsOf(parsed.error), 422);
  const started = await startOnline(
    c.get("deps").db,
    {
      authorityId: parsed.data.authorityId,
      applicantName: parsed.data.applicantName,
      applicantPhone: parsed.data.applicantPhone || null,
    },
    clientIp(c),
    nowOf(c),
  );
  if (!started.ok) return applyStart(c, raw, started.fields, started.status);
  c.header("Cache-Control", "no-store");
  return c.redirect(`/apply/${started.token}?done=started`, 303);
});

/** /apply/:token: the applicant's application, reached by its link. */
export const applicantApplicationRoutes = applicationPageRoutes(byLink);

// ------------------------------------------------------------------------------------------------ organization

/** /portal/applications: the organization's list of applications, and starting one. */
export const portalApplicationListRoutes = new Hono<AppEnv>();

portalApplicationListRoutes.get("/", async (c) => {
  const user = c.get("user")!;
  const data = await orgApplicationsPage(c.get("deps").db, user.orgId!);
  if (!data) return c.notFound();
  return renderPage(c, <OrgApplicationsPage user={user} {...data} />);
});

const KindForm = z.object({
  kind: z.enum(["change", "charter", "deregistration"], { error: "请选择申请事项。" }),
});

portalApplicationListRoutes.post("/", async (c) => {
  const user = c.get("user")!;
  const parsed = KindForm.safeParse(await c.req.parseBody());
  if (!parsed.success) return c.text("请选择申请事项：变更登记、章程核准或注销登记。", 422);
  const r = await startForOwnOrg(c.get("deps").db, user, parsed.data.kind, clientIp(c));
  if (!r.ok) return c.text(r.message, 409);
  return c.redirect(`/portal/applications/${r.id}?done=started`, 303);
});

/** /portal/applications/:applicationId: one of the organization's applications. */
export const portalApplicationRoutes = applicationPageRoutes(byId("/portal/applications"));

// ------------------------------------------------------------------------------------------------ registrar

/** The queue's filters: the open applications, all of them, or those in one state. */
const QUEUE_STATES = ["open", "all", ...APPLICATION_STATES] as const;

/** /registrar/applications: the registrar's queue, and entering a paper application. */
export const registrarApplicationListRoutes = new Hono<AppEnv>();

registrarApplicationListRoutes.get("/", async (c) => {
  const user = c.get("user")!;
  const state = (QUEUE_STATES as readonly string[]).includes(c.req.query("state") ?? "")
    ? (c.req.query("state") as (typeof QUEUE_STATES)[number])
    : "open";
  const rows = await registrarQueuePage(c.get("deps").db, user, state, todayOf(c));
  return renderPage(c, <RegistrarQueuePage user={user} state={state} rows={rows} />);
});

const PaperForm = z.object({
  kind: z.enum(["establishment", "change", "charter", "deregistration"], { error: "请选择申请事项。" }),
  uscc: z.string().trim().max(18).optional(),
  applicantName: z.string().trim().max(40).optional(),
});

registrarApplicationListRoutes.post("/", async (c) => {
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
/** /registrar/applications/:applicationId: one application as its reviewer sees it, and the review decisions. */
export const registrarApplicationRoutes = applicationPageRoutes(resolveRegistrar);

const ReviewForm = z.object({
  version: z.coerce.number().int().positive().catch(-1),
  reason: z.string().trim().max(2000, "不能超过 2000 个字。").optional(),
  refuseReason: z.string().trim().max(2000, "不能超过 2000 个字。").optional(),
  deadline: z.string().trim().max(10).optional(),
  documentNo: z.string().trim().max(60, "文号不能超过 60 个字。").optional(),
});

/** One review decision on an application: return for correction, approve or refuse. */
const decideAs = (action: Extract<ApplicationAction, "return" | "approve" | "refuse">) => async (c: C) => {
  const r = await resolveRegistrar(c);
  if (!r) return c.notFound();
  if (!r.canAct) return c.text("该申请由下级登记管理机关办理，本机关只能查看。", 403);
  const raw = (await c.req.parseBody()) as Record<string, string>;
  const parsed = ReviewForm.safeParse(raw);
  if (!parsed.success) return page(c, r, { errors: errorsOf(parsed.error), review: raw, status: 422 });
  // 不予登记 cannot be undone: the registrar confirms it by name first.
  if (action === "refuse" && raw.confirm !== "1")
    return page(c, r, {
      errors: { confirm: "请勾选确认后再作出不予登记的决定。" },
      review: raw,
      status: 422,
    });
  const { db, config } = c.get("deps");
  const result = await decide(
    db,
    r.viewer,
    r.app,
    action,
    parsed.data,
    nowOf(c),
    clientIp(c),
    config.domain.seriousPersonBlocks,
  );
  if (!result.ok) return page(c, r, { errors: result.errors, review: raw, status: result.status });
  const done = { return: "returned", approve: "approved", refuse: "refused" }[action];
  return c.redirect(`${r.base}?done=${done}`, 303);
};

registrarApplicationRoutes.post("/return", decideAs("return"));
registrarApplicationRoutes.post("/approve", decideAs("approve"));
registrarApplicationRoutes.post("/refuse", decideAs("refuse"));
registrarApplicationRoutes.post("/reissue-link", reissueLinkAs(resolveRegistrar, page));

/** Terminated organizations' accounts are read-only: their writes under /portal are refused. */
export const portalReadOnlyWhenTerminated = async (c: C, next: () => Promise<void>) => {
  const user = c.get("user");
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && user?.role === "org" && user.orgId !== null) {
    if (await isTerminated(c.get("deps").db, user.orgId))
      return c.text("本组织已终止登记，账号只能查看，不能再办理业务。", 403);
  }
  await next();
};
