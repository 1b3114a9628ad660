/** /credit and /api/v1/credit-entries: the public lists, their CSV and Atom feed (R-D8). */
import { Hono } from "hono";
import { z } from "zod";
import type { Errors } from "../../views/components/form";
import { PublicCreditPage, PublishedNoticesPage, RedListPage } from "../../views/credit/public";
import { type AtomEntry, atomFeed } from "../atom";
import type { AppEnv } from "../context";
import { CSV_BOM, csvLines } from "../csv";
import {
  CREDIT_GROUND_CODES,
  CREDIT_GROUNDS,
  CREDIT_LIST_LABELS,
  REMOVAL_REASON_LABELS,
} from "../domain/credit";
import { criteriaWords } from "../domain/red-list";
import { isIsoDate } from "../domain/working-days";
import { renderPage } from "../render";
import { errorsOf, text } from "../route-kit";
import { type PublicFilter, publicEntries, publicEvents, publishedNotices } from "./queries";
import { redListPage } from "./red-list";

// ---------------------------------------------------------------------------------------------------------------
// Public: /credit and /api/v1/credit-entries (R-D8)

const PublicQuery = z.object({
  q: text("查询内容", 100).optional(),
  list: z.enum(["abnormal", "serious", ""], "名录应为活动异常名录或严重违法失信名单。").optional(),
  ground: z.enum(["", ...CREDIT_GROUND_CODES] as [string, ...string[]], "列入事由无法识别。").optional(),
  authority: z
    .string()
    .regex(/^[0-9A-Za-z]{0,20}$/, "登记管理机关代码格式不正确。")
    .optional(),
  removed: z.enum(["1", "0", ""], "范围应为 1（已移出）或留空。").optional(),
  from: z
    .string()
    .refine((v) => v === "" || isIsoDate(v), "起始日期格式不正确，如 2026-01-31。")
    .optional(),
  to: z
    .string()
    .refine((v) => v === "" || isIsoDate(v), "截止日期格式不正确，如 2026-12-31。")
    .optional(),
  page: z
    .string()
    .regex(/^\d{1,5}$/, "页码应为正整数。")
    .optional(),
  per_page: z
    .string()
    .regex(/^(100|[1-9]\d?)$/, "每页条数应为1至100。")
    .optional(),
});

function publicFilter(
  query: Record<string, string>,
): { ok: true; f: PublicFilter } | { ok: false; errors: Errors } {
  const parsed = PublicQuery.safeParse(query);
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error) };
  const d = parsed.data;
  return {
    ok: true,
    f: {
      q: d.q || undefined,
      list: d.list || undefined,
      ground: d.ground || undefined,
      authority: d.authority || undefined,
      removed: d.removed === "1",
      from: d.from || undefined,
      to: d.to || undefined,
      page: Math.max(1, Number(d.page ?? 1)),
      perPage: Number(d.per_page ?? 20),
    },
  };
}

export const creditPublicRoutes = new Hono<AppEnv>();

creditPublicRoutes.get("/", async (c) => {
  const query = c.req.query();
  const r = publicFilter(query);
  const result = r.ok ? await publicEntries(c.get("deps").db, r.f) : { total: 0, capped: false, items: [] };
  return renderPage(
    c,
    <PublicCreditPage
      user={c.get("user")}
      query={query}
      errors={r.ok ? {} : r.errors}
      {...result}
      page={r.ok ? r.f.page : 1}
      perPage={r.ok ? r.f.perPage : 20}
    />,
    r.ok ? 200 : 400,
  );
});

const RedListQuery = z.object({
  q: text("查询内容", 100).optional(),
  removed: z.enum(["1", "0", ""], "范围应为在列或已移出。").optional(),
  page: z
    .string()
    .regex(/^\d{1,5}$/, "页码应为正整数。")
    .optional(),
});

/** The 红名单 (守信激励) with its criteria. */
creditPublicRoutes.get("/red-list", async (c) => {
  const deps = c.get("deps");
  const parsed = RedListQuery.safeParse(c.req.query());
  const d = parsed.success ? parsed.data : {};
  const page = Math.max(1, Number(d.page ?? 1));
  const removed = d.removed === "1";
  const result = await redListPage(deps, { q: d.q || undefined, removed }, page, 20);
  return renderPage(
    c,
    <RedListPage
      user={c.get("user")}
      criteria={criteriaWords(deps.config.domain.redList)}
      q={d.q ?? ""}
      removed={removed}
      {...result}
      page={page}
      perPage={20}
      error={parsed.success ? null : (parsed.error.issues[0]?.message ?? "查询参数有误。")}
    />,
    parsed.success ? 200 : 400,
  );
});

/** R-D7: 事先告知 served by 公告. */
creditPublicRoutes.get("/notices", async (c) => {
  const deps = c.get("deps");
  const raw = c.req.query("page") ?? "1";
  const page = /^\d{1,5}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
  const result = await publishedNotices(deps.db, page, 20);
  return renderPage(
    c,
    <PublishedNoticesPage
      user={c.get("user")}
      {...result}
      page={page}
      perPage={20}
      days={deps.config.domain.creditPublicationDays}
    />,
  );
});

creditPublicRoutes.get("/export.csv", async (c) => {
  const r = publicFilter(c.req.query());
  if (!r.ok) return c.text(`查询参数有误：${Object.values(r.errors).join(" ")}`, 400);
  const { items } = await publicEntries(c.get("deps").db, { ...r.f, page: 1, perPage: 100_000 });
  const body = creditCsv(items);
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="credit.csv"; filename*=UTF-8''${encodeURIComponent("信用名单.csv")}`,
    "Access-Control-Allow-Origin": "*",
  });
});

/** The public entries as CSV (BOM, Chinese headers), one row per entry, current and removed (R-D8). */
function creditCsv(items: Awaited<ReturnType<typeof publicEntries>>["items"]): string {
  return (
    CSV_BOM +
    csvLines([
      [
        "统一社会信用代码",
        "名称",
        "名录",
        "列入事由",
        "事实",
        "列入日期",
        "作出决定机关",
        "文号",
        "移出日期",
        "移出事由",
        "移出文号",
      ],
      ...items.map((e) => [
        e.uscc,
        e.orgName,
        CREDIT_LIST_LABELS[e.list],
        CREDIT_GROUNDS[e.ground].label,
        e.facts,
        e.listedOn,
        e.authorityName,
        e.documentNo ?? "",
        e.removedOn ?? "",
        e.removalReason ? REMOVAL_REASON_LABELS[e.removalReason] : "",
        e.removalDocumentNo ?? "",
      ]),
    ])
  );
}

/** An Atom feed (RFC 4287) of listings and removals, newest first, so anyone can follow the lists. */
creditPublicRoutes.get("/feed.atom", async (c) => {
  const list = c.req.query("list");
  if (list !== undefined && list !== "" && list !== "abnormal" && list !== "serious") {
    return c.text("名录应为活动异常名录或严重违法失信名单。", 400);
  }
  const { db, config } = c.get("deps");
  const events = await publicEvents(db, list || undefined);
  const body = atomFeed(
    config.publicOrigin,
    {
      selfPath: `/credit/feed.atom${list ? `?list=${list}` : ""}`,
      alternatePath: "/credit",
      title: "社会组织信用名单列入与移出",
    },
    events.map(feedEntry),
  );
  return c.body(body, 200, {
    "Content-Type": "application/atom+xml; charset=utf-8",
    "Cache-Control": "public, max-age=300",
    "Access-Control-Allow-Origin": "*",
  });
});

export const creditApiRoutes = new Hono<AppEnv>();

creditApiRoutes.get("/", async (c) => {
  const r = publicFilter(c.req.query());
  if (!r.ok) {
    return c.json(
      { error: { code: "invalid_parameters", message: "查询参数有误。", fields: r.errors } },
      400,
    );
  }
  const { total, capped, items } = await publicEntries(c.get("deps").db, r.f);
  return c.json({
    total,
    total_capped: capped,
    page: r.f.page,
    per_page: r.f.perPage,
    items: items.map(apiEntry),
  });
});

/** The open-data shape of an entry (field names are part of the /api/v1 contract). */
export function apiEntry(e: import("./contract").PublicEntry) {
  return {
    uscc: e.uscc,
    name: e.orgName,
    list: e.list,
    ground: e.ground,
    ground_label: CREDIT_GROUNDS[e.ground].label,
    facts: e.facts,
    listed_on: e.listedOn,
    authority: e.authorityName,
    document_no: e.documentNo,
    removed_on: e.removedOn,
    removal_reason: e.removalReason,
    removal_document_no: e.removalDocumentNo,
  };
}

/** One listing or removal as a feed entry. */
function feedEntry(e: Awaited<ReturnType<typeof publicEvents>>[number]): AtomEntry {
  return {
    key: `credit:${e.id}:${e.kind}`,
    on: e.on,
    title: `${e.orgName}${e.kind === "listed" ? "被列入" : "被移出"}${CREDIT_LIST_LABELS[e.list]}`,
    href: `/orgs/${e.uscc}`,
    author: e.authorityName,
    category: e.kind,
    summary:
      e.kind === "listed"
        ? `${CREDIT_GROUNDS[e.ground].label}。${e.facts}${e.documentNo ? `（${e.documentNo}）` : ""}`
        : `${e.removalReason ? REMOVAL_REASON_LABELS[e.removalReason] : ""}${e.removalDocumentNo ? `（${e.removalDocumentNo}）` : ""}`,
  };
}
