import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { apiEntry } from "../credit/public-routes";
import { CSV_BOM, csvLines } from "../csv";
import { fenToDecimalString } from "../domain/money";
import { validateUscc } from "../domain/uscc";
import { chinaDateOf } from "../domain/working-days";
import { gradeHistoryOf } from "./grades";
import { STATUS_LABELS, SUPERVISION_LABELS, TYPE_LABELS } from "./labels";
import { parseSearch } from "./params";
import { publicDetail } from "./queries";
import { iterateOrganizations, type OrgSummary, type SearchResult } from "./search";
import { cachedSearch } from "./search-cache";

/** Open data: /api/v1/organizations (JSON and CSV). A stable contract, documented in README.md. */
/** GET /api/v1/organizations (search) and /api/v1/organizations/{code} (one entry). */
export const organizationsApi = new Hono<AppEnv>();
/** GET /api/v1/organizations.csv: the open-data download. */
export const organizationsCsv = new Hono<AppEnv>();

const item = (o: OrgSummary) => ({
  uscc: o.uscc,
  name: o.name,
  type: o.type,
  status: o.status,
  registered_on: o.registeredOn,
  authority: { code: o.authority.code, name: o.authority.name },
  legal_representative: o.legalRepresentative,
});

const apiError = (code: string, message: string, fields: Record<string, string> = {}) => ({
  error: { code, message, fields },
});

/** The headers every public API answer carries (app.tsx applies it to /api/v1/*). */
export const apiHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // On the response's own headers: c.header() after the handler rebuilds the whole response (@hono/node-server
  // then materializes a full Response, ~12% of a cached search's CPU time under load).
  c.res.headers.set("Access-Control-Allow-Origin", "*");
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  if (c.res.status === 200 && !c.res.headers.has("Cache-Control"))
    c.res.headers.set("Cache-Control", "public, max-age=60");
};

/** The JSON of a search result, rendered once per cached result (the cache hands out the same object). */
const renderedBodies = new WeakMap<SearchResult, string>();

organizationsApi.get("/", async (c) => {
  const parsed = parseSearch(c.req.query());
  if (!parsed.ok)
    return c.json(
      apiError("invalid_parameters", "查询参数有误，请按 fields 中的说明修改。", parsed.fields),
      400,
    );
  const { db, searchCache } = c.get("deps");
  const r = await cachedSearch(searchCache!, db, parsed.params);
  let body = renderedBodies.get(r);
  if (body === undefined) {
    body = JSON.stringify({
      total: r.total,
      total_capped: r.totalCapped,
      page: r.page,
      per_page: r.perPage,
      items: r.items.map(item),
    });
    renderedBodies.set(r, body);
  }
  return c.body(body, 200, { "Content-Type": "application/json" });
});

const CSV_HEADER = [
  "统一社会信用代码",
  "名称",
  "类型",
  "状态",
  "成立日期",
  "登记管理机关",
  "法定代表人",
  "住所",
];

organizationsCsv.get("/", async (c) => {
  const parsed = parseSearch(c.req.query());
  if (!parsed.ok)
    return c.json(
      apiError("invalid_parameters", "查询参数有误，请按 fields 中的说明修改。", parsed.fields),
      400,
    );
  const { page: _p, perPage: _pp, ...filters } = parsed.params;
  return new Response(csvStream(iterateOrganizations(c.get("deps").db, filters)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="organizations.csv"; filename*=UTF-8''${encodeURIComponent("社会组织名录.csv")}`,
      // A stream cannot say in its headers that it will finish: never let a cache keep one that broke off.
      "Cache-Control": "no-store",
    },
  });
});

/** The register as CSV, read 500 rows at a time as the client takes them; a UTF-8 BOM so Excel and WPS read Chinese. */
function csvStream(rows: ReturnType<typeof iterateOrganizations>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${CSV_BOM}${csvLines([CSV_HEADER])}`));
    },
    async pull(controller) {
      const batch: string[][] = [];
      for (let i = 0; i < 500; i++) {
        const next = await rows.next();
        if (next.done) break;
        const o = next.value;
        batch.push([
          o.uscc,
          o.name,
          TYPE_LABELS[o.type],
          STATUS_LABELS[o.status],
          o.registeredOn,
          o.authority.name,
          o.legalRepresentative,
          o.address,
        ]);
      }
      if (batch.length) controller.enqueue(encoder.encode(csvLines(batch)));
      if (batch.length < 500) controller.close();
    },
  });
}

organizationsApi.get("/:uscc", async (c) => {
  const v = validateUscc(c.req.param("uscc"));
  if (!v.ok) return c.json(apiError("invalid_uscc", v.message, { uscc: v.message }), 400);
  const deps = c.get("deps");
  const today = chinaDateOf(deps.now?.() ?? new Date());
  // Rendered once per organization and day, until the register changes (as its public page is).
  const load = async () => {
    const data = await publicDetail(deps, v.code);
    return data && JSON.stringify(organizationJson(data, await gradeHistoryOf(deps, data.detail.org, today)));
  };
  const body = deps.detailCache
    ? await deps.detailCache.get(deps.db, `api:${v.code}:${today}`, load)
    : await load();
  if (body === null) return c.json(apiError("not_found", "登记信息中没有这个统一社会信用代码。"), 404);
  return c.body(body, 200, { "Content-Type": "application/json" });
});

/** One organization as the open-data contract (README) describes it. */
function organizationJson(
  { detail, notices, inspections, credit }: NonNullable<Awaited<ReturnType<typeof publicDetail>>>,
  grades: Awaited<ReturnType<typeof gradeHistoryOf>>,
) {
  const { org, authority } = detail;
  return {
    ...item({ ...org, authority, statusOn: org.statusOn } as OrgSummary),
    status_on: org.statusOn,
    address: org.address,
    business_scope: org.businessScope,
    supervisor:
      org.supervisionMode === "supervised" ? org.supervisor : SUPERVISION_LABELS[org.supervisionMode],
    capital_yuan: fenToDecimalString(org.capitalFen),
    certificate: {
      issued_on: org.certificateIssuedOn,
      valid_from: org.certificateValidFrom,
      valid_to: org.certificateValidTo,
    },
    announcements: notices.map((n) => ({
      kind: n.kind,
      title: n.title,
      published_on: n.publishedOn,
      document_no: n.documentNo,
    })),
    // R-D8: every credit list entry, current and removed, newest first.
    credit_entries: credit.map(apiEntry),
    // Conclusions as codes (qualified | basically_qualified | unqualified), newest year first.
    inspections: inspections.map((i) => ({
      year: i.year,
      conclusion: i.conclusion,
      concluded_on: i.concludedOn,
    })),
    // R-G1, R-G2: every 评估等级 held, newest first; state current | expired | lowered | revoked.
    grades: grades.map((g) => ({
      grade: g.grade,
      valid_from: g.validFrom,
      valid_to: g.validTo,
      state: g.state,
      ended_on: g.endedOn,
      reason: g.reason,
    })),
  };
}
