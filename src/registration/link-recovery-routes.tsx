import type { Context } from "hono";
import { z } from "zod";
import { type AppEnv, nowOf } from "../context";
import { clientIp } from "../http";
import { errorsOf, formOf } from "../route-kit";
import type { PageOf, Resolver } from "./application-page";
import { loadApplication, reissueLink, requestLinkRecovery } from "./applications";

/**
 * A lost 成立 link (src/registration/applications/link-recovery.ts): the applicant's request on /apply, and the
 * registrar's new link on the application page. The handlers are registered with their paths in application-routes.
 */
type C = Context<AppEnv>;
type ApplyStart = (
  c: C,
  values: Record<string, string>,
  errors: Record<string, string>,
  status?: number,
) => Promise<Response>;

const RecoverForm = z.object({
  recoverNo: z
    .string({ error: "请填写申请编号。" })
    .trim()
    .regex(/^\d{1,9}$/, "申请编号是数字，例如 123，请查看申请页面上的“申请编号”。")
    .transform(Number),
  recoverContact: z
    .string({ error: "请填写申请时留下的联系电话或电子邮箱。" })
    .trim()
    .min(1, "请填写申请时留下的联系电话或电子邮箱。")
    .max(80, "联系电话或电子邮箱不能超过 80 个字。"),
});

/** POST /apply/recover: records the request; the answer never shows a link and never says whether it matched. */
export const recoverLink = (applyStart: ApplyStart) => async (c: C) => {
  const raw = await formOf(c);
  const parsed = RecoverForm.safeParse(raw);
  if (!parsed.success) return applyStart(c, raw, errorsOf(parsed.error), 400);
  const deps = c.get("deps");
  const input = { applicationId: parsed.data.recoverNo, contact: parsed.data.recoverContact };
  const r = await requestLinkRecovery(deps.db, input, clientIp(c), nowOf(deps));
  if (!r.ok) return applyStart(c, raw, { recoverNo: r.message }, r.status);
  return c.redirect("/apply?done=recover#recover", 303);
};

/** POST /registrar/applications/:applicationId/reissue-link: a new link, shown once; the old one stops working. */
export const reissueLinkAs = (resolve: Resolver, page: PageOf) => async (c: C) => {
  const r = await resolve(c);
  if (!r) return c.notFound();
  if (!r.canAct) return c.text("该申请由下级登记管理机关办理，本机关只能查看。", 403);
  const { db, config } = c.get("deps");
  const result = await reissueLink(db, r.viewer, r.app, clientIp(c));
  if (!result.ok) return page(c, r, { errors: { form: result.message }, status: 422 });
  c.header("Cache-Control", "no-store");
  const fresh = (await loadApplication(db, r.app.id)) ?? r.app;
  return page(c, { ...r, app: fresh }, { reissuedLink: `${config.publicOrigin}/apply/${result.token}` });
};
