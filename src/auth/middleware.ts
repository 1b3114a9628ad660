import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { clearSessionCookie, readSessionCookie, validateSessionToken } from "./sessions";

/** Reads the session cookie and sets `user` (null when absent or no longer valid, and then the cookie is cleared). */
export const sessionMiddleware = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = readSessionCookie(c);
  if (token) {
    const deps = c.get("deps");
    const now = deps.now?.() ?? new Date();
    const user = await validateSessionToken(deps.db, token, now, deps.config.sessionIdleMs);
    c.set("user", user);
    if (!user) clearSessionCookie(c);
  }
  await next();
};
