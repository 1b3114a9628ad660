import { count } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { organizations } from "../../db/schema";
import { ErrorPage } from "../../views/layout";
import { DataPage, HomePage, OrgPage, SearchPage } from "../../views/registry/pages";
import { SearchResults } from "../../views/registry/search";
import type { AppDeps, AppEnv, SessionUser } from "../context";
import { parseAsOf } from "../domain/as-of";
import { cnDate } from "../domain/dates";
import { usccQueryProblem } from "../domain/uscc";
import { chinaDateOf } from "../domain/working-days";
import { wantsFragment } from "../http";
import { fragmentString, htmlBytes, pageString, renderPage } from "../render";
import { publicDetailAsOf, searchAsOf } from "./as-of";
import { orgPageData } from "./org-page";
import { parseSearchPage } from "./params";
import { listAuthorities, publicDetail, supervisorChoices } from "./queries";
import { cachedSearch } from "./search-cache";
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
  const deps = c.get("deps");
  const user = c.get("user");
  const today = chinaDateOf(deps.now?.() ?? new Date());
  const s = parseSearchPage(c.req.query(), today);
  const fragment = wantsFragment(c);
  const html = () => searchHtml(deps, s, fragment, user);
  // Visitors not signed in all see the same answer to the same search of today's register: rendered once.
  if (s.canonical !== null && !s.past && !user && deps.pageCache) {
    const key = `search:${fragment ? "f" : "p"}:${today}:${s.canonical}:${s.q ?? ""}`;
    return htmlBytes(c, (await deps.pageCache.get(deps.db, key, html))!);
  }
  c.header("Vary", "HX-Request, HX-Request-Type");
  return c.html(await html(), s.params ? 200 : 400);
});

/** The search page (or, for htmx, its results alone); a past day (`?as_of=`) is read uncached. */
async function searchHtml(
  deps: AppDeps,
  s: ReturnType<typeof parseSearchPage>,
  fragment: boolean,
  user: SessionUser | null,
): Promise<string> {
  const result = !s.params
    ? null
    : s.past
      ? await searchAsOf(deps, s.params, s.past)
      : await cachedSearch(deps.searchCache!, deps.db, s.params);
  const shown = { query: s.query, result, errors: s.errors, usccProblem: usccQueryProblem(s.q) };
  if (fragment) return fragmentString(<SearchResults {...shown} />);
  const authorities = deps.detailCache
    ? await deps.detailCache.get(deps.db, "register:authorities", () => listAuthorities(deps.db))
    : await listAuthorities(deps.db);
  const supervisors = await supervisorChoices(deps.db);
  return pageString(
    <SearchPage {...shown} authorities={authorities} supervisors={supervisors} asOf={s.past} user={user} />,
  );
}

orgPageRoutes.get("/:uscc", async (c) => {
  const param = await usccParam(c, (code) => `/orgs/${code}`);
  if ("response" in param) return param.response;
  const deps = c.get("deps");
  const user = c.get("user");
  const today = chinaDateOf(deps.now?.() ?? new Date());
  const asOf = c.req.query("as_of");
  if (asOf !== undefined && asOf !== "") return orgPageAsOf(c, param.code, asOf, today);
  // Anonymous visitors all see the same page: rendered once per organization and day, until the register changes.
  const cached =
    user || !deps.pageCache
      ? null
      : await deps.pageCache.get(deps.db, `org:${param.code}:${today}`, async () => {
          const page = await orgPageData(deps, param.code, today);
          return page && pageString(<OrgPage {...page} user={null} />);
        });
  if (cached !== null) return htmlBytes(c, cached);
  const page = await orgPageData(deps, param.code, today);
  if (!page) return renderPage(c, <OrgNotFound code={param.code} user={user} />, 404);
  return renderPage(c, <OrgPage {...page} user={user} />);
});

/** No organization has this (valid) code. */
function OrgNotFound({ code, user }: { code: string; user: SessionUser | null }) {
  return (
    <ErrorPage
      status={404}
      title="未找到该社会组织"
      message={<p>登记信息中没有统一社会信用代码为 {code} 的社会组织。请核对代码，或按名称查询。</p>}
      user={user}
    />
  );
}

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
