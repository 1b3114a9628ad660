/** 整改通知书: /registrar/credit/notices (issue, accept or return) and /portal/credit/notices (read, report). */
import { Hono } from "hono";
import { z } from "zod";
import type { Errors } from "../../views/components/form";
import { NoticePage, RectificationNoticesPage } from "../../views/credit/notices";
import type { AppEnv } from "../context";
import { hasControlCharacters } from "../domain/text";
import { clientIp, refusalStatus } from "../http";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, idOf, me, text } from "../route-kit";
import { issueFromRegistrar, noticeFor, noticeStep, noticesOf } from "./notices";

export const creditNoticeRoutes = new Hono<AppEnv>();
async function noticesPage(c: C, form: Record<string, string>, errors: Errors, status = 200) {
  const deps = c.get("deps");
  return renderPage(
    c,
    <RectificationNoticesPage
      user={me(c)}
      notices={await noticesOf(deps, me(c))}
      form={form}
      errors={errors}
      defaultDays={deps.config.domain.rectificationWorkingDays}
    />,
    status as 200,
  );
}

/** The form may come prefilled (from a 年检 conclusion with its problems): only the known fields, capped. */
creditNoticeRoutes.get("/", (c) => {
  const q = c.req.query();
  const prefill: Record<string, string> = {};
  for (const k of ["uscc", "facts", "items", "documentNo"] as const) {
    const v = q[k];
    if (typeof v === "string" && !hasControlCharacters(v.replace(/\n/g, ""))) prefill[k] = v.slice(0, 5000);
  }
  return noticesPage(c, prefill, {});
});

const NoticeForm = z.object({
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{18}$/, "请填写18位统一社会信用代码。"),
  documentNo: text("文号", 60).pipe(z.string().min(2, "请填写文号。")),
  facts: text("查明的事实", 2000).pipe(z.string().min(5, "请写明查明的事实（至少5个字）。")),
  items: text("整改事项", 5000).transform((v, ctx) => {
    const lines = v
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const items = lines.map((l) => {
      const [t, basis] = l.split(/[|｜]/);
      return { text: (t ?? "").trim(), basis: (basis ?? "").trim() };
    });
    if (
      items.length === 0 ||
      items.length > 30 ||
      items.some((i) => i.text.length < 2 || i.basis.length < 2)
    ) {
      ctx.addIssue({ code: "custom", message: "请逐行填写整改事项及其依据（“事项｜依据”），最多30项。" });
      return z.NEVER;
    }
    return items;
  }),
  days: z
    .string()
    .regex(/^\d{1,3}$/, "整改期限应为1至180个工作日。")
    .transform(Number)
    .pipe(z.number().min(1, "整改期限应为1至180个工作日。").max(180, "整改期限应为1至180个工作日。")),
});

creditNoticeRoutes.post("/", async (c) => {
  const form = await formOf(c);
  const parsed = NoticeForm.safeParse(form);
  if (!parsed.success) return noticesPage(c, form, errorsOf(parsed.error), 422);
  const { days, ...rest } = parsed.data;
  const r = await issueFromRegistrar(
    c.get("deps"),
    me(c),
    { ...rest, deadlineWorkingDays: days },
    clientIp(c),
  );
  if (!r.ok) return noticesPage(c, form, r.fields ?? { uscc: r.message }, 422);
  return c.redirect(`/registrar/credit/notices/${r.id}`, 303);
});

creditNoticeRoutes.get("/:rectificationId", async (c) => {
  const id = idOf(c.req.param("rectificationId"));
  const n = id === null ? null : await noticeFor(c.get("deps"), me(c), id);
  if (!n) return c.notFound();
  return renderPage(c, <NoticePage user={me(c)} n={n} errors={{}} />);
});

const DecideForm = z
  .object({
    version: z.coerce.number().int().min(1),
    decision: z.enum(["accept", "return"], "请选择验收或退回。"),
    reason: text("退回理由", 2000).optional().default(""),
  })
  .refine((v) => v.decision === "accept" || v.reason.length >= 2, {
    path: ["reason"],
    message: "退回时请写明理由。",
  });

creditNoticeRoutes.post("/:rectificationId/decide", async (c) => {
  const id = idOf(c.req.param("rectificationId"));
  const deps = c.get("deps");
  const n = id === null ? null : await noticeFor(deps, me(c), id);
  if (!n) return c.notFound();
  const parsed = DecideForm.safeParse(await formOf(c));
  if (!parsed.success)
    return renderPage(c, <NoticePage user={me(c)} n={n} errors={errorsOf(parsed.error)} />, 422);
  const d = parsed.data;
  const step =
    d.decision === "accept" ? ({ kind: "accept" } as const) : ({ kind: "return", reason: d.reason } as const);
  const r = await noticeStep(deps, me(c), n.id, d.version, step, clientIp(c));
  if (!r.ok)
    return renderPage(c, <NoticePage user={me(c)} n={n} errors={{}} message={r.message} />, refusalStatus(r));
  return c.redirect(`/registrar/credit/notices/${n.id}`, 303);
});

export const creditPortalNoticeRoutes = new Hono<AppEnv>();

creditPortalNoticeRoutes.get("/:rectificationId", async (c) => {
  const id = idOf(c.req.param("rectificationId"));
  const n = id === null ? null : await noticeFor(c.get("deps"), me(c), id);
  if (!n) return c.notFound();
  return renderPage(c, <NoticePage user={me(c)} n={n} errors={{}} />);
});

creditPortalNoticeRoutes.post("/:rectificationId/report", async (c) => {
  const id = idOf(c.req.param("rectificationId"));
  const deps = c.get("deps");
  const n = id === null ? null : await noticeFor(deps, me(c), id);
  if (!n) return c.notFound();
  const form = await formOf(c);
  const errors: Errors = {};
  const answers = n.items.map((_, k) => (form[`answer${k}`] ?? "").trim());
  answers.forEach((a, k) => {
    if (a.length < 2) errors[`answer${k}`] = "请填写这一项的整改情况。";
    else if (a.length > 2000 || hasControlCharacters(a))
      errors[`answer${k}`] = "整改情况不能超过2000个字，也不能含控制字符。";
  });
  const version = Number(form.version);
  if (Object.keys(errors).length > 0 || !Number.isInteger(version)) {
    return renderPage(c, <NoticePage user={me(c)} n={n} errors={errors} />, 422);
  }
  const r = await noticeStep(deps, me(c), n.id, version, { kind: "report", answers }, clientIp(c));
  if (!r.ok)
    return renderPage(c, <NoticePage user={me(c)} n={n} errors={{}} message={r.message} />, refusalStatus(r));
  return c.redirect(`/portal/credit/notices/${n.id}`, 303);
});
