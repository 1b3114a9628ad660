import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Errors } from "../../views/components/form";
import { NoticeLetter, OrgCasePage, RegistrarCasePage } from "../../views/credit/case";
import { LettersPage } from "../../views/credit/letters";
import { NoticePage, NoticesPage } from "../../views/credit/notices";
import { PenaltiesPage } from "../../views/credit/penalties";
import { PortalCreditPage, PublicCreditPage } from "../../views/credit/public";
import { CreditQueuePage } from "../../views/credit/queue";
import type { AppEnv } from "../context";
import { CSV_BOM, csvLines } from "../csv";
import {
  CREDIT_ACTIONS,
  CREDIT_GROUND_CODES,
  CREDIT_GROUNDS,
  CREDIT_LIST_LABELS,
  CREDIT_STATES,
  REMOVAL_REASON_LABELS,
  REMOVAL_REASONS,
  SERVICE_METHODS,
} from "../domain/credit";
import { parseYuan } from "../domain/money";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "../domain/text";
import { isIsoDate } from "../domain/working-days";
import { clientIp } from "../http";
import { xml } from "../registration/announcements";
import { renderPage } from "../render";
import { ownLetter, recentLetters, recordLetter, recordOutcome } from "./letters";
import { issueFromRegistrar, noticeFor, noticeStep, noticesOf } from "./notices";
import { recentPenalties, recordPenalty } from "./penalties";
import { orgCaseRows, PAGE_SIZE, type PublicFilter, publicEntries, publicEvents } from "./queries";
import { act, createCandidate, getCase, queue, todayOf } from "./service";

type C = Context<AppEnv>;
const me = (c: C) => c.get("user")!;
const idOf = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字。`)
    .refine((v) => !hasControlCharacters(v), `${label}${CONTROL_CHARACTER_MESSAGE}`);
const errorsOf = (e: z.ZodError): Errors => {
  const out: Errors = {};
  for (const i of e.issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
};
const formOf = async (c: C) => {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
};

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

// Letters to registered addresses (R-D2); registered before "/:caseId" so that the literal path wins.
async function lettersPage(
  c: C,
  form: Record<string, string>,
  errors: Errors,
  status = 200,
  notice: string | null = null,
) {
  const deps = c.get("deps");
  return renderPage(
    c,
    <LettersPage
      user={me(c)}
      letters={await recentLetters(deps, me(c))}
      form={form}
      errors={errors}
      notice={notice}
      today={todayOf(deps)}
    />,
    status as 200,
  );
}

creditRegistrarRoutes.get("/letters", (c) =>
  lettersPage(c, {}, {}, 200, c.req.query("done") ? "已登记。" : null),
);

const LetterForm = z.object({
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{18}$/, "请填写18位统一社会信用代码。"),
  sentOn: z.string().refine(isIsoDate, "请填写寄出日期，如 2026-03-31。"),
  trackingNo: text("邮件号", 40).pipe(
    z.string().regex(/^[0-9A-Za-z-]{4,40}$/, "邮件号应为4至40位字母或数字。"),
  ),
});

creditRegistrarRoutes.post("/letters", async (c) => {
  const form = await formOf(c);
  const parsed = LetterForm.safeParse(form);
  if (!parsed.success) return lettersPage(c, form, errorsOf(parsed.error), 422);
  const r = await recordLetter(c.get("deps"), me(c), parsed.data, clientIp(c));
  if (!r.ok) return lettersPage(c, form, r.fields ?? { uscc: r.message }, 422);
  return c.redirect("/registrar/credit/letters?done=sent", 303);
});

const OutcomeForm = z.object({
  version: z.coerce.number().int().min(1),
  outcome: z.enum(["signed", "unsigned"], "请选择结果。"),
  outcomeOn: z.string().refine(isIsoDate, "请填写回执日期，如 2026-03-31。"),
  note: text("退回原因", 60).optional().default(""),
});

creditRegistrarRoutes.post("/letters/:letterId/outcome", async (c) => {
  const id = idOf(c.req.param("letterId"));
  if (id === null || !(await ownLetter(c.get("deps"), me(c), id))) return c.notFound();
  const parsed = OutcomeForm.safeParse(await formOf(c));
  if (!parsed.success) return lettersPage(c, {}, errorsOf(parsed.error), 422);
  const r = await recordOutcome(c.get("deps"), me(c), id, parsed.data, clientIp(c));
  if (!r.ok && r.code === "not_found") return c.notFound();
  if (!r.ok) return lettersPage(c, {}, r.fields ?? { outcome: r.message }, r.code === "stale" ? 409 : 422);
  return c.redirect("/registrar/credit/letters?done=outcome", 303);
});

// 行政处罚 records (before "/:caseId").
async function penaltiesPage(
  c: C,
  form: Record<string, string>,
  errors: Errors,
  status = 200,
  notice: string | null = null,
) {
  return renderPage(
    c,
    <PenaltiesPage
      user={me(c)}
      rows={await recentPenalties(c.get("deps"), me(c))}
      form={form}
      errors={errors}
      notice={notice}
    />,
    status as 200,
  );
}

creditRegistrarRoutes.get("/penalties", (c) =>
  penaltiesPage(c, {}, {}, 200, c.req.query("done") ? "已登记。" : null),
);

const optionalDay = z
  .string()
  .refine((v) => v === "" || isIsoDate(v), "日期格式不正确，如 2026-03-31。")
  .optional();
const PenaltyForm = z
  .object({
    uscc: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z]{18}$/, "请填写18位统一社会信用代码。"),
    kind: z.enum(["warning", "fine", "confiscation", "suspension"], "请选择处罚种类。"),
    amount: z.string().max(30).optional().default(""),
    suspendedFrom: optionalDay,
    suspendedTo: optionalDay,
    department: text("作出处罚的机关", 60).pipe(z.string().min(2, "请填写作出处罚的机关。")),
    documentNo: text("处罚决定书文号", 60).pipe(z.string().min(2, "请填写处罚决定书文号。")),
    decidedOn: z.string().refine(isIsoDate, "请填写处罚日期，如 2026-03-31。"),
    facts: text("违法事实", 2000).pipe(z.string().min(5, "请写明违法事实（至少5个字）。")),
  })
  .transform((v, ctx) => {
    let amountFen: number | null = null;
    if (v.kind === "fine") {
      const r = parseYuan(v.amount);
      if (!r.ok || r.fen <= 0) {
        ctx.addIssue({ code: "custom", path: ["amount"], message: r.ok ? "罚款金额应大于0。" : r.message });
        return z.NEVER;
      }
      amountFen = r.fen;
    }
    const suspension = v.kind === "suspension";
    if (suspension && (!v.suspendedFrom || !v.suspendedTo || v.suspendedTo < v.suspendedFrom)) {
      ctx.addIssue({
        code: "custom",
        path: ["suspendedTo"],
        message: "限期停止活动须填写起止日期，且止日不早于起日。",
      });
      return z.NEVER;
    }
    return {
      uscc: v.uscc,
      kind: v.kind,
      amountFen,
      suspendedFrom: suspension ? v.suspendedFrom! : null,
      suspendedTo: suspension ? v.suspendedTo! : null,
      department: v.department,
      documentNo: v.documentNo,
      decidedOn: v.decidedOn,
      facts: v.facts,
    };
  });

creditRegistrarRoutes.post("/penalties", async (c) => {
  const form = await formOf(c);
  const parsed = PenaltyForm.safeParse(form);
  if (!parsed.success) return penaltiesPage(c, form, errorsOf(parsed.error), 422);
  const r = await recordPenalty(c.get("deps"), me(c), parsed.data, clientIp(c));
  if (!r.ok) return penaltiesPage(c, form, r.fields ?? { uscc: r.message }, 422);
  return c.redirect("/registrar/credit/penalties?done=recorded", 303);
});

// 整改通知书 (before "/:caseId").
async function noticesPage(c: C, form: Record<string, string>, errors: Errors, status = 200) {
  const deps = c.get("deps");
  return renderPage(
    c,
    <NoticesPage
      user={me(c)}
      notices={await noticesOf(deps, me(c))}
      form={form}
      errors={errors}
      defaultDays={deps.config.domain.rectificationWorkingDays}
    />,
    status as 200,
  );
}

creditRegistrarRoutes.get("/notices", (c) => noticesPage(c, {}, {}));

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

creditRegistrarRoutes.post("/notices", async (c) => {
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

creditRegistrarRoutes.get("/notices/:rectificationId", async (c) => {
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

creditRegistrarRoutes.post("/notices/:rectificationId/decide", async (c) => {
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
    return renderPage(
      c,
      <NoticePage user={me(c)} n={n} errors={{}} message={r.message} />,
      r.code === "stale" ? 409 : 422,
    );
  return c.redirect(`/registrar/credit/notices/${n.id}`, 303);
});

creditRegistrarRoutes.get("/:caseId", async (c) => {
  const id = idOf(c.req.param("caseId"));
  const view = id === null ? null : await getCase(c.get("deps"), me(c), id);
  if (!view) return c.notFound();
  return renderPage(c, <RegistrarCasePage user={me(c)} c={view} errors={{}} />);
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
      r.code === "stale" ? 409 : 422,
    );
  }
  return c.redirect(`/registrar/credit/${view.id}`, 303);
});

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

creditPortalRoutes.get("/notices/:rectificationId", async (c) => {
  const id = idOf(c.req.param("rectificationId"));
  const n = id === null ? null : await noticeFor(c.get("deps"), me(c), id);
  if (!n) return c.notFound();
  return renderPage(c, <NoticePage user={me(c)} n={n} errors={{}} />);
});

creditPortalRoutes.post("/notices/:rectificationId/report", async (c) => {
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
    return renderPage(
      c,
      <NoticePage user={me(c)} n={n} errors={{}} message={r.message} />,
      r.code === "stale" ? 409 : 422,
    );
  return c.redirect(`/portal/credit/notices/${n.id}`, 303);
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
  if (!view || !view.noticeServedOn) return c.notFound();
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
      r.code === "stale" ? 409 : 422,
    );
  return c.redirect(`/portal/credit/${view.id}`, 303);
});

// ---------------------------------------------------------------------------------------------------------------
// Public: /credit and /api/v1/credit-entries (R-D8)

const PublicQuery = z.object({
  q: text("查询内容", 100).optional(),
  list: z
    .enum(["abnormal", "serious", ""], "名录应为 abnormal（活动异常名录）或 serious（严重违法失信名单）。")
    .optional(),
  ground: z.enum(["", ...CREDIT_GROUND_CODES] as [string, ...string[]], "列入事由无法识别。").optional(),
  authority: z
    .string()
    .regex(/^[0-9A-Za-z]{0,20}$/, "登记管理机关代码格式不正确。")
    .optional(),
  removed: z.enum(["1", "0", ""], "范围应为 1（已移出）或留空。").optional(),
  from: z
    .string()
    .refine((v) => v === "" || isIsoDate(v), "起始日期格式不正确，如 2026-01-31。")
    .optional(),
  to: z
    .string()
    .refine((v) => v === "" || isIsoDate(v), "截止日期格式不正确，如 2026-12-31。")
    .optional(),
  page: z
    .string()
    .regex(/^\d{1,5}$/, "页码应为正整数。")
    .optional(),
  per_page: z
    .string()
    .regex(/^(100|[1-9]\d?)$/, "每页条数应为1至100。")
    .optional(),
});

function publicFilter(
  query: Record<string, string>,
): { ok: true; f: PublicFilter } | { ok: false; errors: Errors } {
  const parsed = PublicQuery.safeParse(query);
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error) };
  const d = parsed.data;
  return {
    ok: true,
    f: {
      q: d.q || undefined,
      list: d.list || undefined,
      ground: d.ground || undefined,
      authority: d.authority || undefined,
      removed: d.removed === "1",
      from: d.from || undefined,
      to: d.to || undefined,
      page: Math.max(1, Number(d.page ?? 1)),
      perPage: Number(d.per_page ?? 20),
    },
  };
}

export const creditPublicRoutes = new Hono<AppEnv>();

creditPublicRoutes.get("/", async (c) => {
  const query = c.req.query();
  const r = publicFilter(query);
  const result = r.ok ? await publicEntries(c.get("deps").db, r.f) : { total: 0, items: [] };
  return renderPage(
    c,
    <PublicCreditPage
      user={c.get("user")}
      query={query}
      errors={r.ok ? {} : r.errors}
      {...result}
      page={r.ok ? r.f.page : 1}
      perPage={r.ok ? r.f.perPage : 20}
    />,
    r.ok ? 200 : 400,
  );
});

creditPublicRoutes.get("/export.csv", async (c) => {
  const r = publicFilter(c.req.query());
  if (!r.ok) return c.text(`查询参数有误：${Object.values(r.errors).join(" ")}`, 400);
  const { items } = await publicEntries(c.get("deps").db, { ...r.f, page: 1, perPage: 100_000 });
  const body =
    CSV_BOM +
    csvLines([
      [
        "统一社会信用代码",
        "名称",
        "名录",
        "列入事由",
        "事实",
        "列入日期",
        "作出决定机关",
        "文号",
        "移出日期",
        "移出事由",
        "移出文号",
      ],
      ...items.map((e) => [
        e.uscc,
        e.orgName,
        CREDIT_LIST_LABELS[e.list],
        CREDIT_GROUNDS[e.ground].label,
        e.facts,
        e.listedOn,
        e.authorityName,
        e.documentNo ?? "",
        e.removedOn ?? "",
        e.removalReason ? REMOVAL_REASON_LABELS[e.removalReason] : "",
        e.removalDocumentNo ?? "",
      ]),
    ]);
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="credit.csv"; filename*=UTF-8''${encodeURIComponent("信用名单.csv")}`,
    "Access-Control-Allow-Origin": "*",
  });
});

/** An Atom feed (RFC 4287) of listings and removals, newest first, so anyone can follow the lists. */
creditPublicRoutes.get("/feed.atom", async (c) => {
  const list = c.req.query("list");
  if (list !== undefined && list !== "" && list !== "abnormal" && list !== "serious") {
    return c.text("名录应为 abnormal（活动异常名录）或 serious（严重违法失信名单）。", 400);
  }
  const { db, config } = c.get("deps");
  const events = await publicEvents(db, list || undefined);
  const origin = config.publicOrigin;
  const host = new URL(origin).host;
  const self = `/credit/feed.atom${list ? `?list=${list}` : ""}`;
  const entries = events
    .map(
      (e) => `  <entry>
    <id>tag:${xml(host)},${e.on}:credit:${e.id}:${e.kind}</id>
    <title>${xml(`${e.orgName}${e.kind === "listed" ? "被列入" : "被移出"}${CREDIT_LIST_LABELS[e.list]}`)}</title>
    <link rel="alternate" type="text/html" href="${xml(`${origin}/orgs/${e.uscc}`)}"/>
    <updated>${e.on}T00:00:00+08:00</updated>
    <author><name>${xml(e.authorityName)}</name></author>
    <category term="${e.kind}"/>
    <summary type="text">${xml(
      e.kind === "listed"
        ? `${CREDIT_GROUNDS[e.ground].label}。${e.facts}${e.documentNo ? `（${e.documentNo}）` : ""}`
        : `${e.removalReason ? REMOVAL_REASON_LABELS[e.removalReason] : ""}${e.removalDocumentNo ? `（${e.removalDocumentNo}）` : ""}`,
    )}</summary>
  </entry>`,
    )
    .join("\n");
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(origin + self)}</id>
  <title>社会组织信用名单列入与移出</title>
  <updated>${events[0] ? `${events[0].on}T00:00:00+08:00` : "2000-01-01T00:00:00+08:00"}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(origin + self)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${origin}/credit`)}"/>
${entries}
</feed>
`;
  return c.body(body, 200, {
    "Content-Type": "application/atom+xml; charset=utf-8",
    "Cache-Control": "public, max-age=300",
    "Access-Control-Allow-Origin": "*",
  });
});

export const creditApiRoutes = new Hono<AppEnv>();

creditApiRoutes.get("/", async (c) => {
  const r = publicFilter(c.req.query());
  if (!r.ok) {
    return c.json(
      { error: { code: "invalid_parameters", message: "查询参数有误。", fields: r.errors } },
      400,
    );
  }
  const { total, items } = await publicEntries(c.get("deps").db, r.f);
  return c.json({ total, page: r.f.page, per_page: r.f.perPage, items: items.map(apiEntry) });
});

/** The open-data shape of an entry (field names are part of the /api/v1 contract). */
export function apiEntry(e: import("./contract").PublicEntry) {
  return {
    uscc: e.uscc,
    name: e.orgName,
    list: e.list,
    ground: e.ground,
    ground_label: CREDIT_GROUNDS[e.ground].label,
    facts: e.facts,
    listed_on: e.listedOn,
    authority: e.authorityName,
    document_no: e.documentNo,
    removed_on: e.removedOn,
    removal_reason: e.removalReason,
    removal_document_no: e.removalDocumentNo,
  };
}
