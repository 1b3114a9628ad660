import { type Context, Hono, type Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { ErrorPage } from "../views/layout";
import { orgUserRoutes } from "./accounts/org-user-routes";
import { registrarOrgRoutes, registrarUserRoutes } from "./accounts/registrar-org-routes";
import { staffAccountRoutes } from "./accounts/staff-routes";
import { adminRoutes } from "./admin/routes";
import { withRequestAddress } from "./audit/request-context";
import { sessionMiddleware } from "./auth/middleware";
import { areaGuard } from "./auth/permissions";
import { accountRoutes, activationRoutes, loginRoutes, logoutRoutes, meApiRoutes } from "./auth/routes";
import type { AppDeps, AppEnv } from "./context";
import { creditLetterRoutes } from "./credit/letter-routes";
import { creditNoticeRoutes, creditPortalNoticeRoutes } from "./credit/notice-routes";
import { creditPenaltyRoutes } from "./credit/penalty-routes";
import { creditPortalRoutes } from "./credit/portal-routes";
import { creditApiRoutes, creditPublicRoutes } from "./credit/public-routes";
import { creditRegistrarRoutes } from "./credit/registrar-routes";
import { homeRoutes } from "./home/routes";
import { holidayRoutes } from "./inspection/holiday-routes";
import { portalInspectionRoutes, portalNoticeRoutes } from "./inspection/portal-routes";
import { inspectionPublicRoutes } from "./inspection/public-routes";
import { reviewInspectionRoutes, reviewNoticeRoutes } from "./inspection/review-filing-routes";
import { reviewYearRoutes } from "./inspection/review-year-routes";
import { jobRoutes } from "./jobs/routes";
import { partyCadreRoutes } from "./party/cadre-routes";
import { partyPortalRoutes } from "./party/portal-routes";
import { partyStaffRoutes } from "./party/staff-routes";
import { announcementFeedRoutes, announcementRoutes } from "./registration/announcement-routes";
import {
  applicantApplicationRoutes,
  applyRoutes,
  portalApplicationListRoutes,
  portalApplicationRoutes,
  portalReadOnlyWhenTerminated,
  registrarApplicationListRoutes,
  registrarApplicationRoutes,
} from "./registration/application-routes";
import { csvExportRoutes, importRoutes, xlsxExportRoutes } from "./registration/bulk-routes";
import { certificateRoutes, verifyRoutes } from "./registration/certificate-routes";
import { conclusionBatchRoutes, conclusionNoticeRoutes } from "./registration/conclusion-batch-routes";
import { apiHeaders, organizationsApi, organizationsCsv } from "./registry/api";
import { createDetailCache } from "./registry/detail-cache";
import { createPageCache } from "./registry/page-cache";
import { dataRoutes, orgPageRoutes, registerHomeRoutes, searchRoutes } from "./registry/routes";
import { createSearchCache } from "./registry/search-cache";
import { renderPage } from "./render";
import { securityHeaders } from "./security-headers";
import { settingsRoutes } from "./settings/routes";
import { cachedDeps, createSettingsCache, refreshDeps } from "./settings/service";
import { publicStatisticsRoutes, statisticsApi, statisticsRoutes } from "./statistics/routes";
import { publicationRoutes, zombieCaseRoutes } from "./zombie/case-routes";
import { zombieRoutes } from "./zombie/routes";

/**
 * Builds the whole HTTP surface. Runtime-agnostic: the Node and Workers entries only supply the dependencies.
 * Middleware order: secure headers → body limit → CSRF → session → area guard (src/auth/permissions.ts) → routes;
 * errors end in one handler.
 */
export function createApp(givenDeps: AppDeps) {
  const deps: AppDeps = {
    ...givenDeps,
    searchCache: givenDeps.searchCache ?? createSearchCache(),
    detailCache: givenDeps.detailCache ?? createDetailCache(),
    pageCache: givenDeps.pageCache ?? createPageCache(),
    settingsCache: givenDeps.settingsCache ?? createSettingsCache(),
  };
  const app = new Hono<AppEnv>();

  // Static files first (a lookup in memory on Node): they need no session, CSRF or page headers.
  if (deps.staticFiles) {
    for (const path of ["/css/*", "/js/*", "/vendor/*", "/favicon.svg"]) app.use(path, deps.staticFiles);
  }
  app.use(securityHeaders(deps.config.publicOrigin));
  const limitBody = bodyLimit({
    maxSize: deps.config.bodyLimitBytes,
    onError: (c) => c.text("请求内容过大。", 413),
  });
  const checkOrigin = csrf({ origin: deps.config.publicOrigin });
  // One middleware for what every request needs, so a GET pays for no more than it uses: GET and HEAD carry no body
  // (asking for one makes @hono/node-server build a full Request) and change nothing (no CSRF check); the request id
  // is made when an error needs it.
  // The deps carry today's domain settings (src/settings): from the cache, looked up again every few seconds.
  const start = (c: Context<AppEnv>, next: Next, d: AppDeps) => {
    c.set("deps", d);
    c.set("user", null);
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    // Every audit event written while serving the request records where it came from (src/audit/request-context.ts).
    return withRequestAddress(c, () =>
      limitBody(c, async () => {
        const refused = await checkOrigin(c, next);
        if (refused) c.res = refused;
      }),
    );
  };
  app.use((c, next) => {
    const cached = cachedDeps(deps);
    // A database that does not answer fails the request's own work (and /healthz reports it), not this lookup.
    return cached
      ? start(c, next, cached)
      : refreshDeps(deps).then(
          (d) => start(c, next, d),
          () => start(c, next, deps),
        );
  });
  // Any URL with a trailing slash is the page without it (/portal/ → /portal), query kept.
  app.use((c, next) => {
    const path = c.req.path;
    if (path.length > 1 && path.endsWith("/") && (c.req.method === "GET" || c.req.method === "HEAD")) {
      const url = new URL(c.req.url);
      const target = `${path.replace(/\/+$/, "") || "/"}${url.search}`;
      if (target.startsWith("/") && !target.startsWith("//")) return Promise.resolve(c.redirect(target, 301));
    }
    return next();
  });

  app.use(sessionMiddleware());
  app.use(areaGuard());
  app.use("/portal/*", portalReadOnlyWhenTerminated);

  // Browsers ask for /favicon.ico whatever the page links; the icon is an SVG.
  app.get("/favicon.ico", (c) => c.redirect("/favicon.svg", 301));

  // For load balancers and uptime checks: 503 (not the HTML error page) when the database does not answer.
  app.get("/healthz", async (c) => {
    try {
      await deps.db.$client.execute("SELECT 1");
      return c.json({ ok: true });
    } catch (err) {
      console.error("healthz: database check failed", err);
      return c.json({ ok: false }, 503);
    }
  });

  // The public register (src/registry).
  app.route("/", registerHomeRoutes);
  app.route("/search", searchRoutes);
  app.route("/orgs", orgPageRoutes); // /orgs/:uscc
  app.route("/data", dataRoutes);
  app.use("/api/v1/*", apiHeaders); // CORS, nosniff and a short public cache on every open-data answer
  app.route("/api/v1/organizations", organizationsApi); // and /api/v1/organizations/:uscc
  app.route("/api/v1/organizations.csv", organizationsCsv);

  // Signing in and the own account (src/auth).
  app.route("/login", loginRoutes);
  app.route("/logout", logoutRoutes);
  app.route("/activate", activationRoutes); // /activate/:token
  app.route("/account", accountRoutes);
  app.route("/api/v1/me", meApiRoutes);

  app.route("/registrar", homeRoutes("registrar"));
  app.route("/supervisor", homeRoutes("supervisor"));
  app.route("/portal", homeRoutes("org"));
  app.route("/admin", homeRoutes("admin"));
  app.route("/admin/users", staffAccountRoutes);
  app.route("/portal/users", orgUserRoutes);
  app.route("/registrar/orgs", registrarOrgRoutes);
  app.route("/registrar/users", registrarUserRoutes);
  app.route("/admin", adminRoutes); // /admin/authorities, /admin/supervisor-units, /admin/audit

  // Registration applications (src/registration/application-routes.tsx): the pages of one application are the same
  // handlers for the applicant (by link), the organization and the registrar.
  app.route("/apply", applyRoutes);
  app.route("/apply/:token", applicantApplicationRoutes);
  app.route("/portal/applications", portalApplicationListRoutes);
  app.route("/portal/applications/:applicationId", portalApplicationRoutes);
  app.route("/registrar/applications", registrarApplicationListRoutes);
  app.route("/registrar/applications/:applicationId", registrarApplicationRoutes); // with return, approve, refuse

  // The organization's annual inspection and notices (src/inspection/portal-routes.tsx).
  app.route("/portal/inspections", portalInspectionRoutes);
  app.route("/portal/notices", portalNoticeRoutes);

  // Certificates, announcements, bulk import and export (src/registration).
  app.route("/orgs/:uscc/certificate", certificateRoutes); // the certificate and its qr.svg
  app.route("/verify", verifyRoutes); // /verify/:uscc
  app.route("/announcements/conclusions", conclusionNoticeRoutes);
  app.route("/announcements", announcementRoutes);
  app.route("/announcements.atom", announcementFeedRoutes);
  app.route("/registrar/import", importRoutes);
  app.route("/registrar/conclusion-announcements", conclusionBatchRoutes);
  app.route("/registrar/export.csv", csvExportRoutes);
  app.route("/registrar/export.xlsx", xlsxExportRoutes);

  // The reviewers' annual inspection (src/inspection/review-*-routes.tsx): the same handlers for registrars and
  // supervisors. The registrar's years come first, so their literal paths (years, not-filed, rates) win over
  // /registrar/inspections/:filingId.
  app.route("/registrar/inspections", reviewYearRoutes);
  app.route("/registrar/inspections", reviewInspectionRoutes("/registrar"));
  app.route("/registrar/notices", reviewNoticeRoutes("/registrar"));
  app.route("/supervisor/inspections", reviewInspectionRoutes("/supervisor"));
  app.route("/supervisor/notices", reviewNoticeRoutes("/supervisor"));
  app.route("/admin/holidays", holidayRoutes);
  app.route("/inspection-results", inspectionPublicRoutes);

  app.route("/admin/jobs", jobRoutes);
  // The literal prefixes before "/registrar/credit/:caseId" and "/portal/credit/:caseId".
  app.route("/registrar/credit/letters", creditLetterRoutes);
  app.route("/registrar/credit/penalties", creditPenaltyRoutes);
  app.route("/registrar/credit/notices", creditNoticeRoutes);
  app.route("/portal/credit/notices", creditPortalNoticeRoutes);
  app.route("/registrar/credit", creditRegistrarRoutes);
  app.route("/registrar/statistics", statisticsRoutes);
  app.route("/statistics", publicStatisticsRoutes); // and /statistics/:chart (.csv, report.xlsx)
  app.route("/api/v1/statistics", statisticsApi);
  app.route("/registrar/zombies/cases", zombieCaseRoutes);
  app.route("/registrar/zombies", zombieRoutes);
  app.route("/notices-by-publication", publicationRoutes);
  app.route("/portal/credit", creditPortalRoutes);
  app.route("/credit", creditPublicRoutes);
  app.route("/api/v1/credit-entries", creditApiRoutes);
  app.route("/portal/party", partyPortalRoutes);
  app.route("/party/cadres", partyCadreRoutes);
  app.route("/party", partyStaffRoutes);
  app.route("/admin/settings", settingsRoutes);

  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json({ error: { code: "not_found", message: "没有这个地址。", fields: {} } }, 404)
      : renderPage(
          c,
          <ErrorPage
            status={404}
            title="页面不存在"
            message={<p>您要找的页面不存在，请检查地址是否正确。</p>}
            user={c.get("user")}
          />,
          404,
        ),
  );

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const res = err.getResponse();
      if (res.status === 403 && !c.req.path.startsWith("/api/")) {
        return renderPage(
          c,
          <ErrorPage status={403} title="请求被拒绝" message={<p>请求来源无法验证，请刷新页面后重试。</p>} />,
          403,
        );
      }
      return res;
    }
    // A body that claims to be a form but is not one (a broken multipart boundary, bytes under a form type): the
    // client's error, refused as such, whichever route read it.
    if (isMalformedBody(err)) {
      return c.req.path.startsWith("/api/")
        ? c.json({ error: { code: "invalid_body", message: "请求内容格式有误。", fields: {} } }, 400)
        : c.text("请求内容格式有误：表单数据无法解析。请刷新页面后重新提交。", 400);
    }
    const requestId = crypto.randomUUID();
    console.error(`[${requestId}] ${c.req.method} ${c.req.path}`, err);
    if (c.req.path.startsWith("/api/")) {
      return c.json(
        { error: { code: "internal", message: "服务器内部错误，请稍后再试。", fields: {} } },
        500,
      );
    }
    return renderPage(
      c,
      <ErrorPage
        status={500}
        title="系统暂时无法处理您的请求"
        message={<p>请稍后再试。如问题持续存在，请联系登记管理机关，并告知编号 {requestId}。</p>}
      />,
      500,
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/** Errors the runtime throws when a request body cannot be parsed as the form or JSON its Content-Type names. */
function isMalformedBody(err: Error): boolean {
  const messages = [err.message, err.cause instanceof Error ? err.cause.message : ""].join(" ");
  return (
    (err instanceof TypeError && /parse body|FormData|boundary|multipart/i.test(messages)) ||
    (err instanceof SyntaxError && /JSON/i.test(messages))
  );
}
