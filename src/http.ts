import type { Context } from "hono";

/** htmx 4: a request wants a fragment only when HX-Request is true and it is not a full/history request. */
export function wantsFragment(c: Context): boolean {
  return c.req.header("HX-Request") === "true" && c.req.header("HX-Request-Type") !== "full";
}

/** The client's address, as far as we can tell (proxy header first when behind one). */
export function clientIp(c: Context): string | null {
  const cf = c.req.header("CF-Connecting-IP");
  if (cf) return cf;
  const xff = c.req.header("X-Forwarded-For");
  if (xff) return xff.split(",")[0]!.trim();
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}
