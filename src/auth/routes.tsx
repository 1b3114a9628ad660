import { Hono } from "hono";
import type { AppEnv } from "../context";

/** /login, /logout, /account, /activate. */
export const authRoutes = new Hono<AppEnv>();
