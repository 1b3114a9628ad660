/** The registrar's inspection years: opening a year, marking 未参检 once windows close, and the rates (R-C10). */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ORG_TYPES } from "../../db/schema";
import { MarkNotFiled } from "../../views/inspection/review/not-filed";
import { RatesPage } from "../../views/inspection/review/rates";
import { YearsPage, type YearsPageProps } from "../../views/inspection/review/years";
import type { AppEnv } from "../context";
import { dateIn, defaultWindow, windowFlags } from "../domain/inspection-window";
import { renderPage } from "../render";
import { type C, districtsOf, me, statusOf, yearsFor } from "./review-kit";
import { queuePage } from "./review-queue-routes";
import { inspectionService as svc, todayOf } from "./service";

export const reviewYearRoutes = new Hono<AppEnv>();

function yearForm(c: C, year: number): YearsPageProps["form"] {
  const cutoff = c.get("deps").config.domain.inspectionCutoff;
  const windows = {} as YearsPageProps["form"]["windows"];
  for (const t of ORG_TYPES) {
    const w = defaultWindow(year, t);
    windows[t] = {
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      supervisorDueOn: t === "foundation" ? "" : w.supervisorDeadline,
    };
  }
  return { year: String(year), cutoffOn: dateIn(year, cutoff), windows };
}

async function yearsPage(
  c: C,
  errors: Record<string, string>,
  form: YearsPageProps["form"] | null,
  status: ContentfulStatusCode = 200,
) {
  const user = me(c);
  const deps = c.get("deps");
  const years = await svc.listYears(deps, user);
  const names = new Map((await districtsOf(c, user)).map((d) => [d.id, d.name]));
  const today = todayOf(deps);
  const thisYear = Number(today.slice(0, 4));
  const own = new Set(years.filter((y) => y.authorityId === user.authorityId).map((y) => y.year));
  const suggested = own.has(thisYear - 1) ? thisYear : thisYear - 1;
  const opened = c.req.query("opened");
  return renderPage(
    c,
    <YearsPage
      user={user}
      years={years.map((y) => ({
        ...y,
        authorityName: names.get(y.authorityId) ?? "",
        own: y.authorityId === user.authorityId,
      }))}
      errors={errors}
      message={opened && /^\d{4}$/.test(opened) ? `${opened} 年度年检已开启，应参检的组织已可以填报。` : null}
      form={form ?? yearForm(c, suggested)}
      today={today}
    />,
    status,
  );
}

reviewYearRoutes.get("/years", (c) => yearsPage(c, {}, null));

/** The open-year form as posted, each field trimmed (a missing field is empty). */
function openYearForm(body: Record<string, unknown>): YearsPageProps["form"] {
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const form: YearsPageProps["form"] = {
    year: str("year"),
    cutoffOn: str("cutoffOn"),
    windows: {} as YearsPageProps["form"]["windows"],
  };
  for (const t of ORG_TYPES) {
    form.windows[t] = {
      opensOn: str(`windows.${t}.opensOn`),
      closesOn: str(`windows.${t}.closesOn`),
      supervisorDueOn: str(`windows.${t}.supervisorDueOn`),
    };
  }
  return form;
}

reviewYearRoutes.post("/years", async (c) => {
  const form = openYearForm((await c.req.parseBody()) as Record<string, unknown>);
  if (!/^\d{4}$/.test(form.year)) return yearsPage(c, { year: "请填写四位数字的年度，如 2025" }, form, 422);
  const r = await svc.openYear(c.get("deps"), me(c), {
    year: Number(form.year),
    cutoffOn: form.cutoffOn,
    windows: form.windows,
  });
  if (!r.ok)
    return yearsPage(c, r.fields ?? { year: r.message }, form, r.code === "exists" ? 409 : statusOf(r));
  return c.redirect(`/registrar/inspections/years?opened=${r.year.year}`, 303);
});

reviewYearRoutes.get("/not-filed", async (c) => {
  const user = me(c);
  const deps = c.get("deps");
  const year = /^\d{4}$/.test(c.req.query("year") ?? "") ? Number(c.req.query("year")) : null;
  const row = (await svc.listYears(deps, user)).find(
    (y) => y.year === year && y.authorityId === user.authorityId,
  );
  const windows = row ? ORG_TYPES.map((t) => row.windows[t]) : [];
  const marked = c.req.query("marked");
  const form = (
    <MarkNotFiled
      year={row ? row.year : null}
      marked={marked && /^\d+$/.test(marked) ? Number(marked) : null}
      windowClosed={windows.some((w) => windowFlags(w, todayOf(deps)).windowClosed)}
      closesOn={
        windows
          .map((w) => w.closesOn)
          .sort()
          .at(-1) ?? null
      }
    />
  );
  return queuePage(c, "/registrar", "not_filed", form);
});

reviewYearRoutes.post("/years/:year/not-filed", async (c) => {
  const user = me(c);
  const deps = c.get("deps");
  const year = Number(c.req.param("year"));
  const row = (await svc.listYears(deps, user)).find(
    (y) => y.year === year && y.authorityId === user.authorityId,
  );
  if (!row) return c.notFound();
  const r = await svc.markNotFiled(deps, user, row.id);
  if (!r.ok) {
    const message = (
      <div class="notice warning" role="alert">
        {r.message}
      </div>
    );
    return queuePage(c, "/registrar", "not_filed", message, statusOf(r));
  }
  return c.redirect(`/registrar/inspections/not-filed?year=${year}&marked=${r.marked}`, 303);
});

reviewYearRoutes.get("/rates", async (c) => {
  const user = me(c);
  const years = await yearsFor(c, user);
  const asked = Number(c.req.query("year"));
  const year = years.includes(asked) ? asked : (years[0] ?? null);
  const rows = year === null ? [] : await svc.rates(c.get("deps"), user, year);
  return renderPage(c, <RatesPage user={user} year={year} years={years} rows={rows} />);
});
