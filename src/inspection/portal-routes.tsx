import { type Context, Hono } from "hono";
import {
  ChecksSummary,
  commentFor,
  editableNow,
  PortalFilingPage,
  type PortalInspectionData,
  PortalInspectionsPage,
  PortalNoticesPage,
} from "../../views/inspection/portal/pages";
import { SectionForm } from "../../views/inspection/portal/sections";
import { ConclusionLetter } from "../../views/inspection/review/letter";
import { ReportBook } from "../../views/inspection/review/report-book";
import { NoticeItem } from "../../views/inspection/review/shared";
import type { AppDeps, AppEnv, SessionUser } from "../context";
import { REPORT_SECTIONS, type ReportSection } from "../domain/inspection-report";
import { wantsFragment } from "../http";
import { renderFragment, renderPage } from "../render";
import { attachmentResponse } from "../route-kit";
import type { Refusal } from "./contract";
import { inspectionService as svc } from "./service";

/**
 * The organization's side of the annual inspection under /portal/inspections. The area guard has admitted
 * only organization users; the service answers "not_found" for another organization's filing (404 here).
 * Each section saves on its own: a plain POST that redirects back to the section, or with htmx the section alone is
 * swapped and the pre-review panel refreshed out of band.
 */
export const portalInspectionRoutes = new Hono<AppEnv>(); // at /portal/inspections
/** The organization's in-app notices, at /portal/notices. */
export const portalNoticeRoutes = new Hono<AppEnv>();
type C = Context<AppEnv>;
const me = (c: C) => c.get("user")!;

export async function loadPortalInspection(deps: AppDeps, user: SessionUser): Promise<PortalInspectionData> {
  const [home, notices] = await Promise.all([svc.orgHome(deps, user), svc.notices(deps, user)]);
  return { ...home, notices };
}

const idOf = (v: string | undefined) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

const sectionOf = (v: string | undefined): ReportSection | null =>
  (REPORT_SECTIONS as readonly string[]).includes(v ?? "") && v !== "basicInfo" ? (v as ReportSection) : null;

const DONE: Record<string, string> = {
  submitted: "年检报告已提交，请等待登记管理机关预审。",
  uploaded: "附件已上传。",
};

portalInspectionRoutes.get("/", async (c) =>
  renderPage(
    c,
    <PortalInspectionsPage user={me(c)} data={await loadPortalInspection(c.get("deps"), me(c))} />,
  ),
);

portalInspectionRoutes.get("/attachments/:attachmentId", async (c) => {
  const id = idOf(c.req.param("attachmentId"));
  const file = id === null ? null : await svc.getAttachment(c.get("deps"), me(c), id);
  if (!file) return c.notFound();
  return attachmentResponse(c, file, file.filename);
});

async function filingPage(
  c: C,
  id: number,
  extra: {
    failed?: Parameters<typeof PortalFilingPage>[0]["failed"];
    message?: Parameters<typeof PortalFilingPage>[0]["message"];
    fromLedger?: ReportSection | null;
    justSaved?: ReportSection | null;
  } = {},
  status = 200,
) {
  const view = await svc.getFiling(c.get("deps"), me(c), id);
  if (!view) return c.notFound();
  return renderPage(
    c,
    <PortalFilingPage
      user={me(c)}
      view={view}
      idempotencyKey={crypto.randomUUID()}
      failed={extra.failed}
      message={extra.message}
      fromLedger={extra.fromLedger}
      justSaved={extra.justSaved}
    />,
    status as 200,
  );
}

portalInspectionRoutes.get("/:filingId", async (c) => {
  const id = idOf(c.req.param("filingId"));
  if (id === null) return c.notFound();
  const done = DONE[c.req.query("done") ?? ""];
  const from = c.req.query("fromLedger");
  return filingPage(c, id, {
    message: done ? { kind: "success", text: done } : null,
    fromLedger: from === "partyBuilding" || from === "cadres" ? from : null,
    justSaved: sectionOf(c.req.query("saved")),
  });
});

portalInspectionRoutes.get("/:filingId/notice", async (c) => {
  const id = idOf(c.req.param("filingId"));
  const view = id === null ? null : await svc.getFiling(c.get("deps"), me(c), id);
  if (!view?.conclusion) return c.notFound();
  return renderPage(c, <ConclusionLetter user={me(c)} view={view} back={`/portal/inspections/${view.id}`} />);
});

portalInspectionRoutes.get("/:filingId/print", async (c) => {
  const id = idOf(c.req.param("filingId"));
  const view = id === null ? null : await svc.getFiling(c.get("deps"), me(c), id);
  if (!view) return c.notFound();
  return renderPage(c, <ReportBook user={me(c)} view={view} back={`/portal/inspections/${view.id}`} />);
});

type SaveResult = Awaited<ReturnType<typeof svc.saveSection>>;
type SectionView = NonNullable<Awaited<ReturnType<typeof svc.getFiling>>>;

/** The refusal's field messages keyed as the section's form names them (without the section prefix). */
function sectionErrors(section: ReportSection, r: Refusal): Record<string, string> {
  return Object.fromEntries(
    Object.entries(r.fields ?? { "": r.message }).map(([k, m]) => [
      k.startsWith(`${section}.`) ? k.slice(section.length + 1) : k,
      m,
    ]),
  );
}

/** A section save's HTTP status: stale 409, bad input 422, undeclared fields 400, other refusals 409. */
function saveStatusOf(r: SaveResult): number {
  if (r.ok) return 200;
  if (r.code === "stale") return 409;
  if (r.code === "invalid") return 422;
  if (r.code === "bad_request") return 400;
  return 409;
}

/** The section alone, and the pre-review panel swapped out of band. */
function sectionFragment(
  c: C,
  view: SectionView,
  section: ReportSection,
  r: SaveResult,
  fields: Record<string, string | string[]>,
  errors: Record<string, string>,
  status: number,
) {
  return renderFragment(
    c,
    <>
      <SectionForm
        filingId={view.id}
        base={`/portal/inspections/${view.id}`}
        section={section}
        report={view.report}
        version={view.version}
        raw={!r.ok && r.code === "invalid" ? fields : null}
        errors={r.ok ? undefined : errors}
        checks={view.checks.filter((x) => x.section === section)}
        comment={commentFor(view, section)}
        editable={editableNow(view)}
        saved={r.ok}
      />
      <ChecksSummary checks={view.checks} oob />
      {r.ok ? null : (
        <p id="save-message" class="notice warning" hx-swap-oob="true">
          {r.message}
        </p>
      )}
    </>,
    status as 200,
  );
}

/** A section's posted fields, apart from the version the form was read at (-1 when absent or malformed). */
async function readSectionForm(c: C) {
  const raw = (await c.req.parseBody({ all: true, dot: false })) as Record<string, string | string[]>;
  const { version: v, ...fields } = raw;
  const version = Number(Array.isArray(v) ? v[0] : v);
  return { fields, version: Number.isInteger(version) ? version : -1 };
}

/** The answer to a section save: the section fragment for htmx; otherwise back to the filing or its page with errors. */
function sectionSaveAnswer(
  c: C,
  view: SectionView,
  section: ReportSection,
  r: SaveResult,
  fields: Record<string, string | string[]>,
) {
  const errors = r.ok ? {} : sectionErrors(section, r);
  const status = saveStatusOf(r);
  if (wantsFragment(c)) return sectionFragment(c, view, section, r, fields, errors, status);
  // The confirmation stands next to the section's save button: land there, not at the top of the page.
  if (r.ok) return c.redirect(`/portal/inspections/${view.id}?saved=${section}#save-status-${section}`, 303);
  const failed = { section, raw: r.code === "invalid" ? fields : {}, errors };
  return filingPage(c, view.id, { failed, message: { kind: "warning", text: r.message } }, status);
}

portalInspectionRoutes.post("/:filingId/sections/:section", async (c) => {
  const id = idOf(c.req.param("filingId"));
  const section = sectionOf(c.req.param("section"));
  if (id === null || section === null) return c.notFound();
  const { fields, version } = await readSectionForm(c);
  const deps = c.get("deps");
  const r = await svc.saveSection(deps, me(c), id, section, fields, version);
  if (!r.ok && r.code === "not_found") return c.notFound();
  const view = await svc.getFiling(deps, me(c), id);
  if (!view) return c.notFound();
  return sectionSaveAnswer(c, view, section, r, fields);
});

portalInspectionRoutes.post("/:filingId/attachments", async (c) => {
  const id = idOf(c.req.param("filingId"));
  if (id === null) return c.notFound();
  const body = await c.req.parseBody();
  const file = body.file;
  const section = body.section === "declaration" ? "declaration" : sectionOf(String(body.section ?? ""));
  if (!(file instanceof File) || file.size === 0 || section === null) {
    return filingPage(c, id, { message: { kind: "warning", text: "请选择所属部分和要上传的文件。" } }, 422);
  }
  const r = await svc.addAttachment(c.get("deps"), me(c), id, section, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!r.ok && r.code === "not_found") return c.notFound();
  if (!r.ok) return filingPage(c, id, { message: { kind: "warning", text: r.message } }, 422);
  return c.redirect(`/portal/inspections/${id}?done=uploaded#attachments`, 303);
});

portalInspectionRoutes.post("/:filingId/submit", async (c) => {
  const id = idOf(c.req.param("filingId"));
  if (id === null) return c.notFound();
  const body = (await c.req.parseBody()) as Record<string, string>;
  const action = body.action === "resubmit" ? "resubmit" : "submit";
  const r = await svc.act(c.get("deps"), me(c), id, action, {
    version: Number(body.version),
    idempotencyKey: typeof body.idempotencyKey === "string" ? body.idempotencyKey.slice(0, 100) : undefined,
  });
  if (!r.ok && r.code === "not_found") return c.notFound();
  if (!r.ok) {
    return filingPage(
      c,
      id,
      { message: { kind: "warning", text: r.message } },
      r.code === "stale" ? 409 : 422,
    );
  }
  return c.redirect(`/portal/inspections/${id}?done=submitted`, 303);
});

portalNoticeRoutes.get("/", async (c) =>
  renderPage(c, <PortalNoticesPage user={me(c)} notices={await svc.notices(c.get("deps"), me(c))} />),
);

portalNoticeRoutes.post("/read-all", async (c) => {
  await svc.markAllNoticesRead(c.get("deps"), me(c));
  return c.redirect("/portal/notices", 303);
});

portalNoticeRoutes.post("/:noticeId/read", async (c) => {
  const id = idOf(c.req.param("noticeId"));
  if (id === null) return c.notFound();
  const r = await svc.markNoticeRead(c.get("deps"), me(c), id);
  if (!r.ok) return c.notFound();
  if (!wantsFragment(c)) return c.redirect("/portal/notices", 303);
  const n = (await svc.notices(c.get("deps"), me(c))).find((x) => x.id === id);
  return n ? renderFragment(c, <NoticeItem notice={n} base="/portal" />) : c.body(null, 204);
});
