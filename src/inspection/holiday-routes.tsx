/** The administrator's list of holidays and adjusted working days, which correction deadlines count on. */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HolidaysPage } from "../../views/inspection/review/holidays";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { addHoliday, listHolidays, removeHoliday } from "./holidays";
import { type C, idOf, me, statusOf } from "./review-kit";
import { todayOf } from "./service";

export const holidayRoutes = new Hono<AppEnv>();

async function holidaysPage(
  c: C,
  errors: Record<string, string>,
  form: { date: string; kind: string; name: string },
  status: ContentfulStatusCode = 200,
) {
  const deps = c.get("deps");
  const asked = Number(c.req.query("year") ?? form.date.slice(0, 4));
  const year =
    Number.isInteger(asked) && asked >= 1990 && asked <= 2200 ? asked : Number(todayOf(deps).slice(0, 4));
  const done = c.req.query("done");
  return renderPage(
    c,
    <HolidaysPage
      user={me(c)}
      year={year}
      holidays={await listHolidays(deps.db, year)}
      errors={errors}
      form={form}
      message={done === "added" ? "已添加。" : done === "removed" ? "已删除。" : null}
    />,
    status,
  );
}

holidayRoutes.get("/", (c) => holidaysPage(c, {}, { date: "", kind: "holiday", name: "" }));

holidayRoutes.post("/", async (c) => {
  const body = await c.req.parseBody();
  const form = {
    date: typeof body.date === "string" ? body.date : "",
    kind: typeof body.kind === "string" ? body.kind : "",
    name: typeof body.name === "string" ? body.name : "",
  };
  const r = await addHoliday(c.get("deps"), me(c), form);
  if (!r.ok) return holidaysPage(c, r.fields ?? { date: r.message }, form, statusOf(r));
  return c.redirect(`/admin/holidays?year=${r.holiday.date.slice(0, 4)}&done=added`, 303);
});

holidayRoutes.post("/:holidayId/delete", async (c) => {
  const id = idOf(c.req.param("holidayId"));
  const r = id === null ? null : await removeHoliday(c.get("deps"), me(c), id);
  if (!r?.ok) return c.notFound();
  const body = await c.req.parseBody();
  const year = typeof body.year === "string" && /^\d{4}$/.test(body.year) ? body.year : "";
  return c.redirect(`/admin/holidays?${year ? `year=${year}&` : ""}done=removed`, 303);
});
