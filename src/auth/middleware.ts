import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";

/** Reads the session cookie and sets `user`. (Filled in by the accounts work.) */
export const sessionMiddleware = (): MiddlewareHandler<AppEnv> => async (_c, next) => {
  await next();
};
