/** /registrar/zombies/cases: one case per organization from 立案 to its outcome (R-E2, R-E3); /notices-by-publication. */
import { Hono } from "hono";
import { z } from "zod";
import { CaseListPage, CasePage, OpenCasePage, PublicationsPage } from "../../views/zombie/cases";
import { findOrgFor } from "../auth/scope";
import type { AppEnv } from "../context";
import { isIsoDate } from "../domain/working-days";
import { ZOMBIE_CASE_ACTIONS, ZOMBIE_CASE_STATES } from "../domain/zombie-case";
import { clientIp } from "../http";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, idOf, me, text } from "../route-kit";
import { caseView, openCase, openSignals } from "./cases";
import { caseList, revocationPublications } from "./lists";
import { act, addContact } from "./steps";

export const zombieCaseRoutes = new Hono<AppEnv>();

zombieCaseRoutes.get("/", async (c) => {
  const q = c.req.query();
  const state = (ZOMBIE_CASE_STATES as readonly string[]).includes(q.state ?? "") ? q.state! : "";
  const page = Math.min(idOf(q.page ?? "1") ?? 1, 10_000);
  const r = await caseList(c.get("deps"), me(c), { state: state || undefined }, page);
  return renderPage(c, <CaseListPage user={me(c)} {...r} state={state} page={page} />);
});

async function openPage(
  c: C,
  uscc: string,
  values: Record<string, string>,
  errors: Record<string, string>,
  status?: 422,
) {
  const found = /^[0-9A-Z]{18}$/i.test(uscc) ? await findOrgFor(c.get("deps").db, me(c), uscc) : null;
  const signals = found ? await openSignals(c.get("deps"), found.org.id) : [];
  return renderPage(
    c,
    <OpenCasePage
      user={me(c)}
      uscc={uscc}
      orgName={found?.org.name ?? null}
      signals={signals}
      values={values}
      errors={errors}
    />,
    status,
  );
}

zombieCaseRoutes.get("/new", (c) => openPage(c, (c.req.query("uscc") ?? "").slice(0, 18), {}, {}));

const OpenForm = z.object({
  uscc: text("统一社会信用代码", 18).pipe(
    z.string().regex(/^[0-9A-Za-z]{18}$/, "请填写18位统一社会信用代码。"),
  ),
  evidence: text("立案依据", 2000).pipe(z.string().min(5, "请写明立案的事实和证据（至少5个字）。")),
});

zombieCaseRoutes.post("/", async (c) => {
  const form = await formOf(c);
  const parsed = OpenForm.safeParse(form);
  if (!parsed.success) return openPage(c, form.uscc ?? "", form, errorsOf(parsed.error), 422);
  const r = await openCase(c.get("deps"), me(c), parsed.data, clientIp(c));
  if (!r.ok) return openPage(c, parsed.data.uscc, form, r.fields ?? { form: r.message }, 422);
  return c.redirect(`/registrar/zombies/cases/${r.id}?done=opened`, 303);
});

const DONE: Record<string, string> = { opened: "已立案。", step: "已办理。", contact: "已登记联系情况。" };

async function casePage(
  c: C,
  extra: { errors?: Record<string, string>; message?: string } = {},
  status?: 403 | 409 | 422,
) {
  const id = idOf(c.req.param("id") ?? "");
  const v = id === null ? null : await caseView(c.get("deps"), me(c), id);
  if (!v) return c.notFound();
  return renderPage(
    c,
    <CasePage
      user={me(c)}
      c={v}
      errors={extra.errors ?? {}}
      message={extra.message}
      notice={DONE[c.req.query("done") ?? ""] ?? null}
    />,
    status,
  );
}

zombieCaseRoutes.get("/:id", (c) => casePage(c));

const StepForm = z.object({
  version: z.coerce.number().int().min(1),
  action: z.enum(ZOMBIE_CASE_ACTIONS, "请选择要办理的事项。"),
  documentNo: text("文号", 60).optional(),
  reasons: text("理由", 2000).optional(),
  note: text("情况说明", 2000).optional(),
  facts: text("事实", 2000).optional(),
  items: text("整改事项", 5000).optional(),
  method: z.enum(["mail", "publication"], "请选择送达方式。").optional(),
  kind: z.enum(["revocation", "license_revocation"], "请选择决定种类。").optional(),
});

/** 整改 items, one a line, "事项｜依据" (the basis defaults to the regulation), at most 30. */
const rectificationItems = (items: string | undefined) =>
  (items ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 30)
    .map((l) => {
      const [t, b] = l.split(/[｜|]/);
      return { text: (t ?? "").trim(), basis: (b ?? "").trim() || "《社会组织登记管理条例》相关规定" };
    });

/** A refused step as HTTP: stale 409, not this role or authority 403, anything else a form error 422. */
const refusalStatus = (code: string) =>
  code === "stale" ? 409 : ["forbidden", "forbidden_role", "out_of_scope"].includes(code) ? 403 : 422;

zombieCaseRoutes.post("/:id/act", async (c) => {
  const id = idOf(c.req.param("id"));
  if (id === null) return c.notFound();
  const parsed = StepForm.safeParse(await formOf(c));
  if (!parsed.success) return casePage(c, { errors: errorsOf(parsed.error) }, 422);
  const { action, items, ...rest } = parsed.data;
  const input = {
    ...rest,
    reasons: rest.reasons || undefined,
    note: rest.note || undefined,
    documentNo: rest.documentNo || undefined,
    items: rectificationItems(items),
  };
  const r = await act(c.get("deps"), me(c), id, action, input, clientIp(c));
  if (r.ok) return c.redirect(`/registrar/zombies/cases/${id}?done=step`, 303);
  if (r.code === "not_found") return c.notFound();
  const message = r.fields ? undefined : r.message;
  return casePage(c, { errors: r.fields ?? {}, message }, refusalStatus(r.code));
});

const ContactForm = z.object({
  kind: z.enum(["phone", "visit", "letter", "other"], "请选择联系方式。"),
  on: z.string().refine(isIsoDate, "请填写日期。"),
  byName: text("经办人", 50).pipe(z.string().min(1, "请填写经办人。")),
  reached: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  outcome: text("结果", 500).pipe(z.string().min(1, "请写明联系的结果。")),
});

zombieCaseRoutes.post("/:id/contacts", async (c) => {
  const id = idOf(c.req.param("id"));
  if (id === null) return c.notFound();
  const parsed = ContactForm.safeParse(await formOf(c));
  if (!parsed.success) return casePage(c, { errors: errorsOf(parsed.error) }, 422);
  const r = await addContact(c.get("deps"), me(c), id, parsed.data, clientIp(c));
  if (!r.ok) {
    if (r.code === "not_found") return c.notFound();
    return casePage(
      c,
      { errors: r.fields ?? {}, message: r.fields ? undefined : r.message },
      r.code === "forbidden" ? 403 : 422,
    );
  }
  return c.redirect(`/registrar/zombies/cases/${id}?done=contact#contacts-h`, 303);
});

/** Public: 撤销 事先告知 served by 公告 (R-E3). */
export const publicationRoutes = new Hono<AppEnv>();

publicationRoutes.get("/", async (c) => {
  const raw = c.req.query("page") ?? "1";
  const page = /^\d{1,5}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
  const deps = c.get("deps");
  const r = await revocationPublications(deps, page);
  return renderPage(
    c,
    <PublicationsPage
      user={c.get("user")}
      {...r}
      page={page}
      days={deps.config.domain.creditPublicationDays}
    />,
  );
});
