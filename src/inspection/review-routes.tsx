/**
 * The reviewers' side of the annual inspection: registrars (/registrar/inspections…), supervisors
 * (/supervisor/inspections…) and the administrator's holiday list (/admin/holidays). HTTP only: parse with zod →
 * the area guard has checked the role; the service checks the object's scope (out of scope ⇒ not_found ⇒ 404) →
 * render or redirect. Refusals: 422 with the field's message (bad input, nothing stored), 409 "someone else acted"
 * for a stale version or an action the state no longer allows, 403 for a district filing a city registrar may only read.
 */

import { Hono } from "hono";
import type { AppEnv } from "../context";
import { holidayRoutes } from "./holiday-routes";
import { reviewFilingRoutes } from "./review-filing-routes";
import { reviewQueueRoutes } from "./review-queue-routes";
import { reviewYearRoutes } from "./review-year-routes";

/** One module per area; mounted in this order, so the literal paths (years, not-filed, rates) come before :filingId. */
export const reviewRoutes = new Hono<AppEnv>();
reviewRoutes.route("/", reviewQueueRoutes);
reviewRoutes.route("/", reviewYearRoutes);
reviewRoutes.route("/", reviewFilingRoutes);
reviewRoutes.route("/", holidayRoutes);
