/** /portal/credit: the organization's cases and notices, its 事先告知书, its objection (R-D7). */
import { Hono } from "hono";
import { z } from "zod";
import { NoticeLetter, OrgCasePage } from "../../views/credit/case";
import { PortalCreditPage } from "../../views/credit/public";
import type { AppEnv } from "../context";
import { clientIp, refusalStatus } from "../http";
import { renderPage } from "../render";
import { errorsOf, formOf, idOf, me, text } from "../route-kit";
import { noticesOf } from "./notices";
import { orgCaseRows } from "./queries";
import { act, getCase } from "./service";

// ---------------------------------------------------------------------------------------------------------------
// Organization: /portal/credit

export const creditPortalRoutes = new Hono<AppEnv>();

creditPortalRoutes.get("/", async (c) => {
  const deps = c.get("deps");
  const [cases, rectifications] = await Promise.all([
    orgCaseRows(deps.db, me(c).orgId!),
    noticesOf(deps, me(c)),
  ]);
  return renderPage(c, <PortalCreditPage user={me(c)} cases={cases} notices={rectifications} />);
});

creditPortalRoutes.get("/:caseId", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const view = id === null ? null : await getCase(c.get("deps"), me(c), id);
  if (!view) return c.notFound();
  return renderPage(c, <OrgCasePage user={me(c)} c={view} errors={{}} />);
});

creditPortalRoutes.get("/:caseId/letter", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const view = id === null ? null : await getCase(c.get("deps"), me(c), id);
  if (!view?.noticeServedOn) return c.notFound();
  return renderPage(c, <NoticeLetter user={me(c)} c={view} back={`/portal/credit/${view.id}`} />);
});

const ObjectionForm = z.object({
  version: z.coerce.number().int().min(1),
  objection: text("异议内容", 5000).pipe(z.string().min(5, "请写明异议的理由和依据（至少5个字）。")),
});

creditPortalRoutes.post("/:caseId/object", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const deps = c.get("deps");
  const view = id === null ? null : await getCase(deps, me(c), id);
  if (!view) return c.notFound();
  const parsed = ObjectionForm.safeParse(await formOf(c));
  if (!parsed.success)
    return renderPage(c, <OrgCasePage user={me(c)} c={view} errors={errorsOf(parsed.error)} />, 422);
  const r = await act(deps, me(c), view.id, "object", parsed.data, clientIp(c));
  if (!r.ok)
    return renderPage(
      c,
      <OrgCasePage user={me(c)} c={view} errors={{}} message={r.message} />,
      refusalStatus(r),
    );
  return c.redirect(`/portal/credit/${view.id}`, 303);
});
