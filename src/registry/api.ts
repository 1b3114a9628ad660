import { Hono } from "hono";
import type { AppEnv } from "../context";

/** Open data: /api/v1/organizations (JSON and CSV). A stable contract, documented in README.md. */
export const registryApi = new Hono<AppEnv>();
