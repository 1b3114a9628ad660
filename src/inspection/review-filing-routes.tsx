/**
 * The reviewers' side of the annual inspection: registrars (/registrar/inspections…), supervisors
 * (/supervisor/inspections…): the queue, one filing under review (its page, the transitions, take / release, the
 * printable notice, attachments) and the in-app notices. HTTP only: parse with zod → the area guard has checked the
 * role; the service checks the object's scope (out of scope ⇒ not_found ⇒ 404) → render or redirect. Refusals: 422
 * with the field's message (bad input, nothing stored), 409 "someone else acted" for a stale version or an action the
 * state no longer allows, 403 for a district filing a city registrar may only read.
 */

import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { type ActionEcho, FilingPage, PROBLEM_ROWS } from "../../views/inspection/review/filing";
import { ConclusionLetter } from "../../views/inspection/review/letter";
import { NoticesPage } from "../../views/inspection/review/notices";
import { ReportBook } from "../../views/inspection/review/report-book";
import { NoticeItem } from "../../views/inspection/review/shared";
import type { AppEnv } from "../context";
import { FILER_SECTIONS } from "../domain/inspection-report";
import { INSPECTION_ACTIONS, type InspectionAction } from "../domain/inspection-workflow";
import { addWorkingDays } from "../domain/working-days";
import { wantsFragment } from "../http";
import { renderFragment, renderPage } from "../render";
import type { Refusal } from "../result";
import { attachmentResponse } from "../route-kit";
import type { InspectionService } from "./contract";
import { loadCalendar } from "./holidays";
import { filingAuthorityId } from "./queries";
import { type Base, type C, FIELD_OF, idOf, me, nowOf, statusOf } from "./review-kit";
import { queuePage } from "./review-queue-routes";
import { inspectionService as svc, todayOf } from "./service";

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
  const owner = await filingAuthorityId(c.get("deps").db, filingId);
  return owner !== null && owner === authorityId;
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

/** The action's input as the service takes it, from the form as echoed back (empty fields are not given). */
function actInputOf(echo: ActionEcho, version: number): ActInput {
  return {
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
  };
}

type ActInput = Parameters<InspectionService["act"]>[4];

/**
 * The reviewers' inspections, mounted at /registrar/inspections and /supervisor/inspections: the queue, one filing's
 * page, its printable notice and attachments, the transitions, take / release.
 */
export function reviewInspectionRoutes(base: Base) {
  const routes = new Hono<AppEnv>();

  routes.get("/", (c) => queuePage(c, base, "queue"));

  routes.get("/attachments/:attachmentId", async (c) => {
    const id = idOf(c.req.param("attachmentId"));
    const file = id === null ? null : await svc.getAttachment(c.get("deps"), me(c), id);
    if (!file) return c.notFound();
    return attachmentResponse(c, file, file.filename);
  });

  routes.get("/:filingId", async (c) => {
    const id = idOf(c.req.param("filingId"));
    if (id === null) return c.notFound();
    const done = c.req.query("done") as keyof typeof DONE | undefined;
    const text = done ? DONE[done] : undefined;
    return filingPage(c, base, id, { message: text ? { kind: "success", text } : null });
  });

  routes.get("/:filingId/notice", async (c) => {
    const id = idOf(c.req.param("filingId"));
    const view = id === null ? null : await svc.getFiling(c.get("deps"), me(c), id);
    if (!view?.conclusion) return c.notFound();
    return renderPage(
      c,
      <ConclusionLetter user={me(c)} view={view} back={`${base}/inspections/${view.id}`} />,
    );
  });

  routes.get("/:filingId/print", async (c) => {
    const id = idOf(c.req.param("filingId"));
    const view = id === null ? null : await svc.getFiling(c.get("deps"), me(c), id);
    if (!view) return c.notFound();
    return renderPage(c, <ReportBook user={me(c)} view={view} back={`${base}/inspections/${view.id}`} />);
  });

  routes.post("/:filingId/actions", async (c) => {
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
    const r = await svc.act(c.get("deps"), me(c), id, action, actInputOf(echo, version));
    if (r.ok) return c.redirect(`${base}/inspections/${id}?done=${action}`, 303);
    if (r.code === "not_found") return c.notFound();
    return filingPage(c, base, id, { ...shownRefusal(r), echo }, statusOf(r));
  });

  const takeOrRelease = (what: "take" | "release") => async (c: C) => {
    const id = idOf(c.req.param("filingId"));
    if (id === null) return c.notFound();
    const body = await c.req.parseBody();
    const version = Number(body.version);
    const r = await svc[what](c.get("deps"), me(c), id, Number.isInteger(version) ? version : 0);
    if (r.ok) return c.redirect(`${base}/inspections/${id}?done=${what}`, 303);
    if (r.code === "not_found") return c.notFound();
    return filingPage(c, base, id, { message: { kind: "error", text: r.message } }, statusOf(r));
  };
  routes.post("/:filingId/take", takeOrRelease("take"));
  routes.post("/:filingId/release", takeOrRelease("release"));

  return routes;
}

/** The reviewers' in-app notices, mounted at /registrar/notices and /supervisor/notices. */
export function reviewNoticeRoutes(base: Base) {
  const routes = new Hono<AppEnv>();

  routes.get("/", async (c) =>
    renderPage(c, <NoticesPage user={me(c)} base={base} notices={await svc.notices(c.get("deps"), me(c))} />),
  );

  routes.post("/read-all", async (c) => {
    await svc.markAllNoticesRead(c.get("deps"), me(c));
    return c.redirect(`${base}/notices`, 303);
  });

  routes.post("/:noticeId/read", async (c) => {
    const id = idOf(c.req.param("noticeId"));
    if (id === null) return c.notFound();
    const r = await svc.markNoticeRead(c.get("deps"), me(c), id);
    if (!r.ok) return c.notFound();
    if (!wantsFragment(c)) return c.redirect(`${base}/notices`, 303);
    const n = (await svc.notices(c.get("deps"), me(c))).find((x) => x.id === id);
    return n ? renderFragment(c, <NoticeItem notice={n} base={base} />) : c.body(null, 204);
  });

  return routes;
}

/** A refusal as the review page shows it: next to its field when it concerns one, else at the top of the actions. */
function shownRefusal(r: Refusal): {
  errors: Record<string, string>;
  message: { kind: "error"; text: string } | null;
} {
  const field = FIELD_OF[r.code];
  const errors = r.fields ?? (field ? { [field]: r.message } : {});
  return { errors, message: Object.keys(errors).length > 0 ? null : { kind: "error", text: r.message } };
}
