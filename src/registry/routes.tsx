import { count } from "drizzle-orm";
import { Hono } from "hono";
import { organizations } from "../../db/schema";
import { ErrorPage } from "../../views/layout";
import { DataPage, HomePage, OrgPage, SearchPage } from "../../views/registry/pages";
import { SearchResults } from "../../views/registry/search";
import type { AppEnv } from "../context";
import { runningSuspension } from "../credit/penalties";
import { redListStanding } from "../credit/red-list";
import { usccQueryProblem } from "../domain/uscc";
import { chinaDateOf } from "../domain/working-days";
import { wantsFragment } from "../http";
import { publicPartyOrg } from "../party/coverage";
import { pageString, renderFragment, renderPage } from "../render";
import { evaluationStanding } from "./evaluation";
import { gradeHistoryOf } from "./grades";
import { parseSearch } from "./params";
import { listAuthorities, publicDetail } from "./queries";
import { usccParam } from "./uscc-param";

/** Public register pages: home, search, organization page, open-data page. */
export const registryRoutes = new Hono<AppEnv>();

registryRoutes.get("/", async (c) => {
  const deps = c.get("deps");
  // Counting a million rows takes tens of milliseconds: once per register version, not per visitor.
  const countRows = async () => (await deps.db.select({ n: count() }).from(organizations))[0]?.n ?? 0;
  const total = deps.detailCache
    ? await deps.detailCache.get(deps.db, "register:count", countRows)
    : await countRows();
  return renderPage(c, <HomePage user={c.get("user")} total={total} />);
});

registryRoutes.get("/search", async (c) => {
  const { db, searchCache } = c.get("deps");
  const raw = c.req.query();
  const parsed = parseSearch(raw);
  const errors = parsed.ok ? {} : parsed.fields;
  const query = parsed.ok ? parsed.query : raw;
  const result = parsed.ok ? await searchCache!.search(db, parsed.params) : null;
  const status = parsed.ok ? 200 : 400;
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
      user={c.get("user")}
    />,
    status,
  );
});

registryRoutes.get("/orgs/:uscc", async (c) => {
  const param = await usccParam(c, (code) => `/orgs/${code}`);
  if ("response" in param) return param.response;
  const v = param;
  const deps = c.get("deps");
  const today = chinaDateOf(deps.now?.() ?? new Date());
  const user = c.get("user");
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

registryRoutes.get("/data", (c) => renderPage(c, <DataPage user={c.get("user")} />));
