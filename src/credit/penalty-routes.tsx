/** /registrar/credit/penalties: 行政处罚 records (R-D1(5), R-D4(3)–(5)). */
import { Hono } from "hono";
import { z } from "zod";
import type { Errors } from "../../views/components/form";
import { PenaltiesPage } from "../../views/credit/penalties";
import type { AppEnv } from "../context";
import { parseYuan } from "../domain/money";
import { isIsoDate } from "../domain/working-days";
import { clientIp } from "../http";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, me, text } from "../route-kit";
import { recentPenalties, recordPenalty } from "./penalties";

export const creditPenaltyRoutes = new Hono<AppEnv>();
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

creditPenaltyRoutes.get("/", (c) => penaltiesPage(c, {}, {}, 200, c.req.query("done") ? "已登记。" : null));

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

creditPenaltyRoutes.post("/", async (c) => {
  const form = await formOf(c);
  const parsed = PenaltyForm.safeParse(form);
  if (!parsed.success) return penaltiesPage(c, form, errorsOf(parsed.error), 422);
  const r = await recordPenalty(c.get("deps"), me(c), parsed.data, clientIp(c));
  if (!r.ok) return penaltiesPage(c, form, r.fields ?? { uscc: r.message }, 422);
  return c.redirect("/registrar/credit/penalties?done=recorded", 303);
});
