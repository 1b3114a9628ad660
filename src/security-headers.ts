/**
 * The security headers every dynamic response carries, computed once. A strict CSP (no inline script: htmx and
 * public/js/app.js are files), no framing, no MIME sniffing, no referrer beyond this site, and HSTS when the site is
 * served over HTTPS. The document headers (CSP, framing, opener) go on HTML only: on JSON, CSV or XML they mean nothing
 * to a browser. Downloads (CSV, Atom, files) get nosniff, so a browser never renders one as HTML. The open-data API
 * sets its own headers in one place (CORS, cache, nosniff: src/registry/api.ts) and /healthz none: reading
 * c.res.headers here would materialise a Headers object and send every such response down @hono/node-server's slow
 * header path (~10 µs each). Obsolete headers (X-XSS-Protection, X-Download-Options, X-Permitted-Cross-Domain-Policies,
 * X-DNS-Prefetch-Control) are not sent: every header costs each response its serialisation.
 */
import type { MiddlewareHandler } from "hono";

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/** Paths that answer JSON only (their CSV exports excepted). */
const isJsonApi = (path: string) =>
  path === "/healthz" || (path.startsWith("/api/") && !path.endsWith(".csv"));

export function securityHeaders(publicOrigin: string): MiddlewareHandler {
  const every: [string, string][] = [["X-Content-Type-Options", "nosniff"]];
  const documents: [string, string][] = [
    ...every,
    ...(publicOrigin.startsWith("https://")
      ? [["Strict-Transport-Security", "max-age=31536000; includeSubDomains"] as [string, string]]
      : []),
    ["Content-Security-Policy", CSP],
    ["X-Frame-Options", "SAMEORIGIN"],
    ["Referrer-Policy", "same-origin"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  return async (c, next) => {
    await next();
    // The open-data API and the health check set their own headers (see the file comment).
    if (isJsonApi(c.req.path)) return;
    const h = c.res.headers;
    const type = h.get("Content-Type");
    const list = type?.startsWith("text/html") ? documents : every;
    for (const [name, value] of list) if (!h.has(name)) h.set(name, value);
  };
}
