import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, SessionUser } from "../context";

/**
 * Who may call which route. Every route the app registers is either listed in PUBLIC_ROUTES or falls in one
 * of the AREAS below; test/http/route-permissions.test.ts enumerates the app's routes and fails for a route that is
 * neither, so a new route cannot ship without a rule. Object-level checks (this organization, this authority) are in
 * src/auth/scope.ts and answer 404, as does a wrong role: nothing hints that the object exists.
 */
/** `party-staff`: the party-building ledgers, read and confirmed by registrars and the 党建 reviewer alike (R-F4). */
export type Area = "signed-in" | "party-staff" | SessionUser["role"];

export const AREAS: { prefix: string; area: Area }[] = [
  { prefix: "/portal", area: "org" },
  { prefix: "/supervisor", area: "supervisor" },
  { prefix: "/registrar", area: "registrar" },
  { prefix: "/admin", area: "admin" },
  { prefix: "/party", area: "party-staff" },
  { prefix: "/account", area: "signed-in" },
  { prefix: "/api/v1/me", area: "signed-in" },
  { prefix: "/api/v1/portal", area: "org" },
  { prefix: "/api/v1/registrar", area: "registrar" },
];

/** `METHOD path` of every route anyone may call. */
export const PUBLIC_ROUTES = new Set([
  "GET /",
  "GET /search",
  "GET /orgs/:uscc",
  "GET /data",
  // The yearly 年检结论公告 (src/inspection/public-routes.tsx).
  "GET /inspection-results",
  "GET /api/v1/organizations",
  "GET /api/v1/organizations.csv",
  "GET /api/v1/organizations/:uscc",
  "GET /healthz",
  "GET /favicon.ico",
  "GET /login",
  "POST /login",
  "POST /logout",
  "GET /activate/:token",
  "POST /activate/:token",
  // 成立 applicants have no account: the one-time link is the key (src/registration/application-routes.tsx).
  "GET /apply",
  "POST /apply",
  "GET /apply/:token",
  "POST /apply/:token/check",
  "POST /apply/:token/save",
  "POST /apply/:token/submit",
  "POST /apply/:token/withdraw",
  "POST /apply/:token/materials",
  "GET /apply/:token/materials/:materialId",
  // A lost link: the request is only recorded (src/registration/link-recovery-routes.tsx).
  "POST /apply/recover",
  // Certificates and their verification (src/registration/certificate-routes.tsx): the register is public.
  "GET /orgs/:uscc/certificate",
  "GET /orgs/:uscc/certificate/qr.svg",
  "GET /verify/:uscc",
  "GET /announcements",
  // One authority's 年检结论公告 of a day (R-C4), src/registration/conclusion-batch-routes.tsx.
  "GET /announcements/conclusions",
  // The credit lists are public (R-D8): src/credit/routes.tsx.
  "GET /credit",
  "GET /credit/export.csv",
  "GET /credit/feed.atom",
  "GET /credit/red-list",
  "GET /credit/notices",
  // 撤销 事先告知 served by 公告 (src/zombie/case-routes.tsx).
  "GET /notices-by-publication",
  // The figures a bureau publishes (src/statistics/routes.tsx).
  "GET /statistics",
  "GET /statistics/:chart",
  "GET /api/v1/statistics",
  "GET /api/v1/credit-entries",
  "GET /announcements.atom",
]);

export function areaOf(path: string): Area | null {
  for (const { prefix, area } of AREAS) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return area;
  }
  return null;
}

export function mayEnter(user: SessionUser | null, area: Area): boolean {
  if (!user) return false;
  if (area === "party-staff") return user.role === "registrar" || user.role === "party";
  return area === "signed-in" || user.role === area;
}

/** A `next` value is followed only when it is a path on this site (no scheme, no `//host`, no backslash tricks). */
export function safeNext(next: string | undefined | null): string | null {
  if (!next || next.length > 500) return null;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null;
  if ([...next].some((ch) => ch.charCodeAt(0) < 0x20)) return null;
  return next;
}

export function notFoundFor(c: Context<AppEnv>): Response | Promise<Response> {
  return c.notFound();
}

/**
 * The area guard, before every route: anonymous requests to a protected page go to /login?next=…, to a protected API
 * route get 401 JSON; a signed-in user of the wrong role gets the plain 404.
 */
export const areaGuard = (): MiddlewareHandler<AppEnv> => (c, next) => {
  const area = areaOf(c.req.path);
  if (!area) return next();
  const user = c.get("user");
  if (mayEnter(user, area)) return next();
  if (!user) {
    if (c.req.path.startsWith("/api/")) {
      return Promise.resolve(
        c.json({ error: { code: "unauthenticated", message: "请先登录。", fields: {} } }, 401),
      );
    }
    const url = new URL(c.req.url);
    const target = c.req.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    return Promise.resolve(c.redirect(`/login?next=${encodeURIComponent(target)}`, 302));
  }
  return Promise.resolve(c.notFound());
};
