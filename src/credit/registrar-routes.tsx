/** /registrar/credit: the queue of cases, a candidate entered by hand, and each case with its steps (R-D7). */

import { Hono } from "hono";
import { z } from "zod";
import { CREDIT_PERSON_ROLES } from "../../db/schema";
import type { Errors } from "../../views/components/form";
import { NoticeLetter, RegistrarCasePage } from "../../views/credit/case";
import { CreditQueuePage } from "../../views/credit/queue";
import type { AppEnv } from "../context";
import {
  CREDIT_ACTIONS,
  CREDIT_GROUND_CODES,
  CREDIT_GROUNDS,
  CREDIT_STATES,
  REMOVAL_REASONS,
  SERVICE_METHODS,
} from "../domain/credit";
import { isIsoDate } from "../domain/working-days";
import { clientIp, refusalStatus } from "../http";
import { idNumberProblem } from "../people/identity";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, idOf, me, text } from "../route-kit";
import { addCasePerson, casePeople } from "./people";
import { PAGE_SIZE } from "./queries";
import { act, createCandidate, getCase, queue } from "./service";

// ---------------------------------------------------------------------------------------------------------------
// Registrar: /registrar/credit

export const creditRegistrarRoutes = new Hono<AppEnv>();

const QueueQuery = z.object({
  state: z.enum(CREDIT_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

async function queuePage(
  c: C,
  form: Record<string, string>,
  errors: Errors,
  status = 200,
  notice: string | null = null,
) {
  const q = QueueQuery.parse(c.req.query());
  const r = await queue(c.get("deps"), me(c), { state: q.state, page: q.page });
  return renderPage(
    c,
    <CreditQueuePage
      user={me(c)}
      {...r}
      state={q.state ?? ""}
      page={q.page}
      pageSize={PAGE_SIZE}
      form={form}
      errors={errors}
      notice={notice}
    />,
    status as 200,
  );
}

creditRegistrarRoutes.get("/", (c) =>
  queuePage(c, {}, {}, 200, c.req.query("done") === "created" ? "候选已录入。" : null),
);

const CandidateForm = z.object({
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{18}$/, "请填写18位统一社会信用代码。"),
  ground: z.enum(CREDIT_GROUND_CODES as [string, ...string[]], "请选择列入事由。"),
  arisenOn: z.string().refine(isIsoDate, "请填写发生日期，如 2026-03-31。"),
  facts: text("事实", 2000).pipe(z.string().min(5, "请写明查明的事实（至少5个字）。")),
  evidence: text("证据", 2000).pipe(z.string().min(2, "请写明证据。")),
});

creditRegistrarRoutes.post("/", async (c) => {
  const form = await formOf(c);
  const parsed = CandidateForm.safeParse(form);
  if (!parsed.success) return queuePage(c, form, errorsOf(parsed.error), 422);
  const ground = parsed.data.ground as keyof typeof CREDIT_GROUNDS;
  const r = await createCandidate(
    c.get("deps"),
    me(c),
    { ...parsed.data, ground, list: CREDIT_GROUNDS[ground].list },
    clientIp(c),
  );
  if (!r.ok) return queuePage(c, form, r.fields ?? { uscc: r.message }, 422);
  return c.redirect(`/registrar/credit/${r.id}`, 303);
});

creditRegistrarRoutes.get("/:caseId", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const view = id === null ? null : await getCase(c.get("deps"), me(c), id);
  if (!view) return c.notFound();
  const people = await casePeople(c.get("deps").db, view.id);
  return renderPage(c, <RegistrarCasePage user={me(c)} c={view} errors={{}} people={people} />);
});

const PersonForm = z.object({
  role: z.enum(CREDIT_PERSON_ROLES, "请选择身份。"),
  personName: text("姓名", 50).pipe(z.string().min(1, "请填写姓名。")),
  idNumber: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || undefined)
    .superRefine((v, ctx) => {
      const problem = v ? idNumberProblem(v) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});

creditRegistrarRoutes.post("/:caseId/people", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const deps = c.get("deps");
  const view = id === null ? null : await getCase(deps, me(c), id);
  if (!view) return c.notFound();
  const form = await formOf(c);
  const parsed = PersonForm.safeParse(form);
  const r = parsed.success ? await addCasePerson(deps, me(c), view.id, parsed.data, clientIp(c)) : null;
  if (r?.ok) return c.redirect(`/registrar/credit/${view.id}#people-h`, 303);
  return renderPage(
    c,
    <RegistrarCasePage
      user={me(c)}
      c={view}
      errors={parsed.success ? {} : errorsOf(parsed.error)}
      message={r?.message}
      people={await casePeople(deps.db, view.id)}
      personForm={form}
    />,
    r ? refusalStatus(r) : 422,
  );
});

creditRegistrarRoutes.get("/:caseId/letter", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const view = id === null ? null : await getCase(c.get("deps"), me(c), id);
  if (!view) return c.notFound();
  return renderPage(c, <NoticeLetter user={me(c)} c={view} back={`/registrar/credit/${view.id}`} />);
});

const StepForm = z
  .object({
    version: z.coerce.number().int().min(1),
    action: z.enum(CREDIT_ACTIONS, "请选择要办理的事项。"),
    method: z.enum(SERVICE_METHODS).optional(),
    reasons: text("理由", 2000).optional(),
    documentNo: text("文号", 60).optional(),
    removalReason: z.enum(REMOVAL_REASONS).optional(),
  })
  .superRefine((v, ctx) => {
    const decides = v.action === "decide_list" || v.action === "decide_drop" || v.action === "list_directly";
    if (decides && !v.reasons)
      ctx.addIssue({ code: "custom", path: ["reasons"], message: "请写明决定的理由。" });
    if ((v.action === "decide_list" || v.action === "list_directly") && !v.documentNo)
      ctx.addIssue({ code: "custom", path: ["documentNo"], message: "列入决定须有文号。" });
    if (v.action === "remove" && !v.removalReason)
      ctx.addIssue({ code: "custom", path: ["removalReason"], message: "请选择移出事由。" });
  });

creditRegistrarRoutes.post("/:caseId/act", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const deps = c.get("deps");
  const view = id === null ? null : await getCase(deps, me(c), id);
  if (!view) return c.notFound();
  const parsed = StepForm.safeParse(await formOf(c));
  if (!parsed.success)
    return renderPage(c, <RegistrarCasePage user={me(c)} c={view} errors={errorsOf(parsed.error)} />, 422);
  const { action, ...input } = parsed.data;
  const reasons =
    input.reasons || (action === "remove" && input.removalReason ? input.removalReason : undefined);
  const r = await act(deps, me(c), view.id, action, { ...input, reasons }, clientIp(c));
  if (!r.ok) {
    const fresh = (await getCase(deps, me(c), view.id)) ?? view;
    return renderPage(
      c,
      <RegistrarCasePage user={me(c)} c={fresh} errors={{}} message={r.message} />,
      refusalStatus(r),
    );
  }
  return c.redirect(`/registrar/credit/${view.id}`, 303);
});
