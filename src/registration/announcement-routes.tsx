import { type Context, Hono } from "hono";
import { z } from "zod";
import { ANNOUNCEMENT_KINDS } from "../../db/schema";
import { AnnouncementsPage } from "../../views/registration/announcements";
import type { AppEnv } from "../context";
import type { Db } from "../db";
import { listAuthorities } from "../registry/queries";
import { renderPage } from "../render";
import { atomFeed, listAnnouncements } from "./announcements";

/** Public 公告 by authority and month (/announcements) and the same as an Atom feed (/announcements.atom). */
export const announcementRoutes = new Hono<AppEnv>(); // at /announcements
export const announcementFeedRoutes = new Hono<AppEnv>(); // at /announcements.atom

const Query = z.object({
  authority: z
    .string()
    .regex(/^\d{6}$/, "请从列表中选择登记管理机关。")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 年-月，例如 2026-11。")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  kind: z
    .enum(ANNOUNCEMENT_KINDS, { error: "请从列表中选择类别。" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const PER_PAGE = 30;

function parse(c: Context<AppEnv>) {
  const raw = c.req.query();
  const parsed = Query.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const values = Object.fromEntries(
    ["authority", "month", "kind"].filter((k) => raw[k]).map((k) => [k, String(raw[k]).slice(0, 20)]),
  );
  return { parsed: parsed.success ? parsed.data : null, errors, values };
}

/** One page of the 公告 the query asks for; none when the query did not parse. */
async function announcementPage(db: Db, q: z.infer<typeof Query> | null) {
  if (!q) return { rows: [], total: 0 };
  return listAnnouncements(
    db,
    { authorityCode: q.authority, month: q.month, kind: q.kind },
    q.page,
    PER_PAGE,
  );
}

announcementRoutes.get("/", async (c) => {
  const { db } = c.get("deps");
  const { parsed, errors, values } = parse(c);
  const page = parsed?.page ?? 1;
  const { rows, total } = await announcementPage(db, parsed);
  return renderPage(
    c,
    <AnnouncementsPage
      user={c.get("user")}
      authorities={await listAuthorities(db)}
      values={values}
      errors={errors}
      rows={rows}
      total={total}
      page={page}
      pages={Math.max(1, Math.ceil(total / PER_PAGE))}
      query={new URLSearchParams(values).toString()}
    />,
    parsed ? 200 : 400,
  );
});

announcementFeedRoutes.get("/", async (c) => {
  const { db, config } = c.get("deps");
  const { parsed, errors, values } = parse(c);
  if (!parsed) return c.text(Object.values(errors).join(" "), 400);
  const { rows } = await listAnnouncements(
    db,
    { authorityCode: parsed.authority, month: parsed.month, kind: parsed.kind },
    1,
    100,
  );
  const qs = new URLSearchParams(values).toString();
  const body = atomFeed(
    config.publicOrigin,
    `/announcements.atom${qs ? `?${qs}` : ""}`,
    rows,
    "社会组织登记公告",
  );
  return c.body(body, 200, {
    "Content-Type": "application/atom+xml; charset=utf-8",
    "Cache-Control": "public, max-age=300",
    "Access-Control-Allow-Origin": "*",
  });
});
