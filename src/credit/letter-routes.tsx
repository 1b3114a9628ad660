/** /registrar/credit/letters: letters to registered addresses and their outcomes (R-D2). */
import { Hono } from "hono";
import { z } from "zod";
import type { Errors } from "../../views/components/form";
import { LettersPage } from "../../views/credit/letters";
import type { AppEnv } from "../context";
import { todayOf } from "../context";
import { isIsoDate } from "../domain/working-days";
import { clientIp, refusalStatus } from "../http";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, idOf, me, text } from "../route-kit";
import { ownLetter, recentLetters, recordLetter, recordOutcome } from "./letters";

export const creditLetterRoutes = new Hono<AppEnv>();
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

creditLetterRoutes.get("/", (c) => lettersPage(c, {}, {}, 200, c.req.query("done") ? "已登记。" : null));

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

creditLetterRoutes.post("/", async (c) => {
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

creditLetterRoutes.post("/:letterId/outcome", async (c) => {
  const id = idOf(c.req.param("letterId"));
  if (id === null || !(await ownLetter(c.get("deps"), me(c), id))) return c.notFound();
  const parsed = OutcomeForm.safeParse(await formOf(c));
  if (!parsed.success) return lettersPage(c, {}, errorsOf(parsed.error), 422);
  const r = await recordOutcome(c.get("deps"), me(c), id, parsed.data, clientIp(c));
  if (!r.ok && r.code === "not_found") return c.notFound();
  if (!r.ok) return lettersPage(c, {}, r.fields ?? { outcome: r.message }, refusalStatus(r));
  return c.redirect("/registrar/credit/letters?done=outcome", 303);
});
