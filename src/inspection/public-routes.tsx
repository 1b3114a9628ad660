/**
 * The public side of the annual inspection (issue 4): the yearly 年检结论公告. (Each organization's history is on its
 * register page, src/registry/routes.tsx; the API item carries it too, src/registry/api.ts.)
 */
import { Hono } from "hono";
import { z } from "zod";
import { authorities } from "../../db/schema";
import { AnnouncementPage } from "../../views/inspection/public/announcement";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { announcedYears } from "./public";
import { inspectionService as svc } from "./service";

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

inspectionPublicRoutes.get("/inspection-results", async (c) => {
  const deps = c.get("deps");
  const q = query.parse(c.req.query());
  const years = await announcedYears(deps.db);
  const year = q.year !== undefined && years.includes(q.year) ? q.year : (years[0] ?? null);
  const auths = await deps.db
    .select({ code: authorities.code, name: authorities.name })
    .from(authorities)
    .orderBy(authorities.code);
  const authorityCode = auths.some((a) => a.code === q.authority) ? q.authority! : "";
  const page = q.page ?? 1;
  const result =
    year === null
      ? { total: 0, items: [] }
      : await svc.conclusionsAnnouncement(deps, {
          year,
          authorityCode: authorityCode || undefined,
          page,
          perPage: PER_PAGE,
        });
  return renderPage(
    c,
    <AnnouncementPage
      user={c.get("user")}
      year={year}
      years={years}
      authorities={auths}
      authorityCode={authorityCode}
      page={page}
      perPage={PER_PAGE}
      total={result.total}
      items={result.items}
    />,
  );
});
