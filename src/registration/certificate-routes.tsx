import { type Context, Hono } from "hono";
import { renderSVG } from "uqr";
import { ErrorPage } from "../../views/layout";
import { CertificatePage, VerifyPage } from "../../views/registration/certificate";
import type { AppEnv } from "../context";
import { certificateVerdict } from "../domain/certificate";
import { validateUscc } from "../domain/uscc";
import { chinaDateOf } from "../domain/working-days";
import { orgByUscc } from "../registry/queries";
import { usccParam } from "../registry/uscc-param";
import { renderPage } from "../render";

/**
 * Certificates you can verify: the printable 登记证书（副本） at /orgs/:uscc/certificate with a QR code drawn
 * in the app as SVG, pointing to /verify/:uscc, which says whether the certificate is valid today and why not.
 * All public: the register is public.
 */
export const certificateRoutes = new Hono<AppEnv>(); // at /orgs/:uscc/certificate
export const verifyRoutes = new Hono<AppEnv>(); // at /verify
type C = Context<AppEnv>;

async function load(c: C, path: (code: string) => string) {
  const param = await usccParam(c, path);
  if ("response" in param) return param;
  const v = param;
  const detail = await orgByUscc(c.get("deps").db, v.code);
  if (!detail) {
    return {
      response: await renderPage(
        c,
        <ErrorPage
          status={404}
          title="没有这个统一社会信用代码的登记"
          message={
            <p>
              登记管理机关的登记信息中没有“{v.code}
              ”。请核对代码；如证书上印有此代码，该证书不是本系统登记管理机关颁发的。
            </p>
          }
          user={c.get("user")}
        />,
        404,
      ),
    };
  }
  const today = chinaDateOf(c.get("deps").now?.() ?? new Date());
  return { detail, today, verdict: certificateVerdict(detail.org, today) };
}

const verifyUrlOf = (c: C, uscc: string) => `${c.get("deps").config.publicOrigin}/verify/${uscc}`;

certificateRoutes.get("/", async (c) => {
  const r = await load(c, (code) => `/orgs/${code}/certificate`);
  if ("response" in r) return r.response;
  return renderPage(
    c,
    <CertificatePage
      user={c.get("user")}
      detail={r.detail}
      verdict={r.verdict}
      verifyUrl={verifyUrlOf(c, r.detail.org.uscc)}
    />,
  );
});

certificateRoutes.get("/qr.svg", async (c) => {
  const v = validateUscc(c.req.param("uscc") ?? "");
  if (!v.ok) return c.text("统一社会信用代码有误", 400);
  const svg = renderSVG(verifyUrlOf(c, v.code), { pixelSize: 6, border: 2 });
  return c.body(svg, 200, {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Cache-Control": "public, max-age=86400",
  });
});

verifyRoutes.get("/:uscc", async (c) => {
  const r = await load(c, (code) => `/verify/${code}`);
  if ("response" in r) return r.response;
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <VerifyPage user={c.get("user")} detail={r.detail} verdict={r.verdict} today={r.today} />,
  );
});
