import { count } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { organizations } from "../../db/schema";
import { ErrorPage } from "../../views/layout";
import { DataPage, HomePage, OrgPage, SearchPage } from "../../views/registry/pages";
import { SearchResults } from "../../views/registry/search";
import type { AppEnv } from "../context";
import { runningSuspension } from "../credit/penalties";
import { redListStanding } from "../credit/red-list";
import { parseAsOf } from "../domain/as-of";
import { cnDate } from "../domain/dates";
import { usccQueryProblem } from "../domain/uscc";
import { chinaDateOf } from "../domain/working-days";
import { wantsFragment } from "../http";
import { publicPartyOrg } from "../party/coverage";
import { pageString, renderFragment, renderPage } from "../render";
import { publicDetailAsOf, searchAsOf } from "./as-of";
import { evaluationStanding } from "./evaluation";
import { gradeHistoryOf } from "./grades";
import { parseSearch } from "./params";
import { listAuthorities, publicDetail } from "./queries";
import { usccParam } from "./uscc-param";

/** Public register pages, each mounted at its own path in app.tsx: the home page (/), search (/search), an
 * organization's page (/orgs/{code}) and the open-data page (/data). */
export const registerHomeRoutes = new Hono<AppEnv>();
export const searchRoutes = new Hono<AppEnv>();
export const orgPageRoutes = new Hono<AppEnv>();
export const dataRoutes = new Hono<AppEnv>();

registerHomeRoutes.get("/", async (c) => {
  const deps = c.get("deps");
  // Counting a million rows takes tens of milliseconds: once per register version, not per visitor.
  const countRows = async () => (await deps.db.select({ n: count() }).from(organizations))[0]?.n ?? 0;
  const total = deps.detailCache
    ? await deps.detailCache.get(deps.db, "register:count", countRows)
    : await countRows();
  return renderPage(c, <HomePage user={c.get("user")} total={total} />);
});

searchRoutes.get("/", async (c) => {
  const { db, searchCache } = c.get("deps");
  const raw = c.req.query();
  const parsed = parseSearch(raw);
  // `?as_of=`: the register as at a past day, read uncached; the live search keeps its cache.
  const asOf =
    raw.as_of === undefined || raw.as_of === ""
      ? ({ kind: "today" } as const)
      : parseAsOf(raw.as_of, chinaDateOf(c.get("deps").now?.() ?? new Date()), null);
  const errors = {
    ...(parsed.ok ? {} : parsed.fields),
    ...(asOf.kind === "invalid" ? { as_of: asOf.message } : {}),
  };
  const past = asOf.kind === "past" ? asOf.date : undefined;
  const query = { ...(parsed.ok ? parsed.query : raw), ...(past ? { as_of: past } : {}) };
  const ok = parsed.ok && asOf.kind !== "invalid";
  const result = !ok
    ? null
    : past
      ? await searchAsOf(c.get("deps"), parsed.params, past)
      : await searchCache!.search(db, parsed.params);
  const status = ok ? 200 : 400;
  const usccProblem = usccQueryProblem(typeof raw.q === "string" ? raw.q : undefined);
  if (wantsFragment(c))
    return renderFragment(
      c,
      <SearchResults query={query} result={result} errors={errors} usccProblem={usccProblem} />,
      status,
    );
  const deps = c.get("deps");
  const authorities = deps.detailCache
    ? await deps.detailCache.get(db, "register:authorities", () => listAuthorities(db))
    : await listAuthorities(db);
  return renderPage(
    c,
    <SearchPage
      query={query}
      result={result}
      errors={errors}
      usccProblem={usccProblem}
      authorities={authorities}
      asOf={past}
      user={c.get("user")}
    />,
    status,
  );
});

orgPageRoutes.get("/:uscc", async (c) => {
  const param = await usccParam(c, (code) => `/orgs/${code}`);
  if ("response" in param) return param.response;
  const v = param;
  const deps = c.get("deps");
  const today = chinaDateOf(deps.now?.() ?? new Date());
  const user = c.get("user");
  const asOf = c.req.query("as_of");
  if (asOf !== undefined && asOf !== "") return orgPageAsOf(c, v.code, asOf, today);
  // Anonymous visitors all see the same page: rendered once per organization and day, until the register changes.
  if (!user && deps.detailCache) {
    const html = await deps.detailCache.get(deps.db, `page:${v.code}:${today}`, async () => {
      const data = await publicDetail(deps, v.code);
      if (!data) return null;
      const suspension = await runningSuspension(deps, data.detail.org.id, today);
      const partyOrg = await publicPartyOrg(deps, data.detail.org.id);
      const redList = await redListStanding(deps, data.detail.org.id);
      const evaluation = await evaluationStanding(deps, data.detail.org, today);
      const grades = await gradeHistoryOf(deps, data.detail.org, today);
      return pageString(
        <OrgPage
          {...data}
          suspension={suspension}
          partyOrg={partyOrg}
          redList={redList}
          evaluation={evaluation}
          grades={grades}
          today={today}
          user={null}
        />,
      );
    });
    if (html !== null) {
      c.header("Vary", "HX-Request, HX-Request-Type");
      return c.html(html);
    }
  }
  const data = await publicDetail(deps, v.code);
  if (!data) {
    return renderPage(
      c,
      <ErrorPage
        status={404}
        title="未找到该社会组织"
        message={<p>登记信息中没有统一社会信用代码为 {v.code} 的社会组织。请核对代码，或按名称查询。</p>}
        user={user}
      />,
      404,
    );
  }
  const suspension = await runningSuspension(deps, data.detail.org.id, today);
  const partyOrg = await publicPartyOrg(deps, data.detail.org.id);
  const redList = await redListStanding(deps, data.detail.org.id);
  const evaluation = await evaluationStanding(deps, data.detail.org, today);
  const grades = await gradeHistoryOf(deps, data.detail.org, today);
  return renderPage(
    c,
    <OrgPage
      {...data}
      suspension={suspension}
      partyOrg={partyOrg}
      redList={redList}
      evaluation={evaluation}
      grades={grades}
      today={today}
      user={user}
    />,
  );
});

dataRoutes.get("/", (c) => renderPage(c, <DataPage user={c.get("user")} />));

/** `/orgs/{code}?as_of=YYYY-MM-DD`: the entry as it stood that day (历史视图), uncached; a bad date is a 400. */
async function orgPageAsOf(c: Context<AppEnv>, code: string, raw: string, today: string) {
  const deps = c.get("deps");
  const user = c.get("user");
  const data = await publicDetail(deps, code);
  const began = data ? data.detail.org.registeredOn : null;
  const parsed = parseAsOf(raw, today, null);
  const problem =
    parsed.kind === "invalid"
      ? parsed.message
      : parsed.kind === "past" && began !== null && parsed.date < began
        ? `该组织于${cnDate(began)}成立，查询日期不能早于成立日期。`
        : null;
  if (problem !== null || !data)
    return renderPage(
      c,
      <ErrorPage
        status={problem ? 400 : 404}
        title={problem ? "查询日期有误" : "未找到该社会组织"}
        message={<p>{problem ?? `登记信息中没有统一社会信用代码为 ${code} 的社会组织。`}</p>}
        user={user}
      />,
      problem ? 400 : 404,
    );
  const past = parsed.kind === "past" ? await publicDetailAsOf(deps, data, parsed.date) : null;
  if (!past) return c.redirect(`/orgs/${code}`);
  return renderPage(
    c,
    <OrgPage
      {...past}
      today={parsed.kind === "past" ? parsed.date : today}
      asOf={parsed.kind === "past" ? parsed.date : undefined}
      user={user}
    />,
  );
}
