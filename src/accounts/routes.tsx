import { Hono } from "hono";
import type { AppEnv } from "../context";

/** Account administration: /admin/…, the registrar's and the organization administrator's account pages. */
export const accountRoutes = new Hono<AppEnv>();
