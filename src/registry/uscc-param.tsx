import type { Context } from "hono";
import { ErrorPage } from "../../views/layout";
import type { AppEnv } from "../context";
import { normalizeUscc, validateUscc } from "../domain/uscc";
import { renderPage } from "../render";

/**
 * A page's `:uscc` parameter: the valid code, or the answer to give instead — 400 with the exact reason (R-B1…R-B5),
 * or a 301 to the canonical upper-case form at `pathFor(code)`.
 */
export async function usccParam(
  c: Context<AppEnv>,
  pathFor: (code: string) => string,
): Promise<{ code: string } | { response: Response }> {
  const given = c.req.param("uscc") ?? "";
  const v = validateUscc(given);
  if (!v.ok) {
    return {
      response: await renderPage(
        c,
        <ErrorPage
          status={400}
          title="统一社会信用代码有误"
          message={
            <p>
              “{given.slice(0, 40)}”：{v.message}
            </p>
          }
          user={c.get("user")}
        />,
        400,
      ),
    };
  }
  if (given !== v.code && normalizeUscc(given) === v.code)
    return { response: c.redirect(pathFor(v.code), 301) };
  return { code: v.code };
}
