import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { requestHeader } from "../http";
import { clearSessionCookie, readSessionCookie, validateSessionToken } from "./sessions";

/** Reads the session cookie and sets `user` (null when absent or no longer valid, and then the cookie is cleared). */
export const sessionMiddleware = (): MiddlewareHandler<AppEnv> => (c, next) => {
  // Most public requests carry no cookie at all: nothing to parse, nothing to wait for.
  const token = requestHeader(c, "Cookie") ? readSessionCookie(c) : null;
  if (!token) return next();
  return (async () => {
    const deps = c.get("deps");
    const now = deps.now?.() ?? new Date();
    const user = await validateSessionToken(deps.db, token, now, deps.config.sessionIdleMs);
    c.set("user", user);
    if (!user) clearSessionCookie(c);
    await next();
  })();
};
