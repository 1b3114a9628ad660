import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { authorities } from "../../db/schema";
import { ConclusionBatchPage, ConclusionNoticePage } from "../../views/registration/conclusion-batch";
import type { AppEnv } from "../context";
import { todayOf } from "../context";
import { isIsoDate } from "../domain/working-days";
import { renderPage } from "../render";
import { type C, idOf, me } from "../route-kit";
import {
  BATCH_MAX,
  pendingConclusions,
  publishConclusions,
  publishedAnnouncement,
  yearsWithPending,
} from "./conclusion-batch";

/**
 * /registrar/conclusion-announcements: one 年检结论公告 for the conclusions recorded and not yet published (R-C4);
 * /announcements/conclusions: that 公告 as the public reads it.
 */
export const conclusionBatchRoutes = new Hono<AppEnv>(); // at /registrar/conclusion-announcements
export const conclusionNoticeRoutes = new Hono<AppEnv>(); // at /announcements/conclusions

const Year = z.coerce
  .number({ error: "请选择年度。" })
  .int("请选择年度。")
  .min(2000, "请选择年度。")
  .max(2100, "请选择年度。");
const Day = z
  .string()
  .refine((v) => v === "" || isIsoDate(v), "日期格式应为 2026-03-31。")
  .optional()
  .default("");

async function batchPage(
  c: C,
  q: { year?: string; upTo?: string },
  errors: Record<string, string>,
  status = 200,
) {
  const { db } = c.get("deps");
  const years = await yearsWithPending(db, me(c));
  const year = Year.safeParse(q.year ?? years[0] ?? Number(todayOf(c.get("deps")).slice(0, 4)) - 1);
  const upTo = Day.safeParse(q.upTo);
  if (!year.success) errors.year ??= year.error.issues[0]!.message;
  if (!upTo.success) errors.upTo ??= upTo.error.issues[0]!.message;
  const y = year.success ? year.data : (years[0] ?? Number(todayOf(c.get("deps")).slice(0, 4)) - 1);
  const [a] = await db
    .select({ name: authorities.name })
    .from(authorities)
    .where(eq(authorities.id, me(c).authorityId!));
  const rows = await pendingConclusions(db, me(c), y, upTo.success && upTo.data ? upTo.data : null);
  return renderPage(
    c,
    <ConclusionBatchPage
      user={me(c)}
      authorityName={a?.name ?? ""}
      years={years}
      year={y}
      upTo={upTo.success ? upTo.data : ""}
      rows={rows}
      errors={errors}
    />,
    status as 200,
  );
}

conclusionBatchRoutes.get("/", (c) => batchPage(c, c.req.query(), {}));

conclusionBatchRoutes.post("/", async (c) => {
  const body = await c.req.parseBody({ all: true });
  const raw = ([] as unknown[]).concat(body.ids ?? []).slice(0, BATCH_MAX + 1);
  const ids = raw.map((v) => (typeof v === "string" ? idOf(v) : null));
  const year = Year.safeParse(typeof body.year === "string" ? body.year : "");
  if (!year.success || ids.some((id) => id === null)) return c.text("请求内容有误。", 400);
  const r = await publishConclusions(c.get("deps"), me(c), { year: year.data, ids: ids as number[] });
  if (r.ok) {
    const q = new URLSearchParams({ authority: r.authorityCode, year: String(year.data), on: r.publishedOn });
    return c.redirect(`/announcements/conclusions?${q}`, 303);
  }
  if (r.code === "not_found") return c.notFound();
  return batchPage(c, { year: String(year.data) }, { ids: r.message }, r.code === "stale" ? 409 : 422);
});

const NoticeQuery = z.object({
  authority: z.string().regex(/^\d{6}$/),
  year: Year,
  on: z.string().refine(isIsoDate),
});

conclusionNoticeRoutes.get("/", async (c) => {
  const q = NoticeQuery.safeParse(c.req.query());
  if (!q.success) return c.notFound();
  const notice = await publishedAnnouncement(c.get("deps").db, {
    authorityCode: q.data.authority,
    year: q.data.year,
    on: q.data.on,
  });
  if (!notice) return c.notFound();
  return renderPage(
    c,
    <ConclusionNoticePage user={c.get("user")} notice={{ ...notice, count: notice.lines.length }} />,
  );
});
