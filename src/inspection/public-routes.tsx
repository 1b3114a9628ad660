/**
 * The public side of the annual inspection: the yearly 年检结论公告. (Each organization's history is on its
 * register page, src/registry/routes.tsx; the API item carries it too, src/registry/api.ts.)
 */
import { Hono } from "hono";
import { z } from "zod";
import { AnnouncementPage } from "../../views/inspection/public/announcement";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { announcementPage } from "./public";

export const inspectionPublicRoutes = new Hono<AppEnv>();

const PER_PAGE = 50;
const query = z.object({
  year: z.coerce.number().int().min(1990).max(2200).optional().catch(undefined),
  authority: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

inspectionPublicRoutes.get("/", async (c) => {
  const data = await announcementPage(c.get("deps"), query.parse(c.req.query()), PER_PAGE);
  return renderPage(c, <AnnouncementPage user={c.get("user")} perPage={PER_PAGE} {...data} />);
});
