import { Hono } from "hono";
import type { AppEnv } from "../context";

/** Public register pages: home, search, organization page, open-data page. */
export const registryRoutes = new Hono<AppEnv>();
