/** The reviewers' queues: the filings waiting for the registrar's or the supervisor's side, with filters. */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { ORG_TYPES } from "../../db/schema";
import { QueuePageView, QueueResults, type QueueViewProps } from "../../views/inspection/review/queue";
import { INSPECTION_STATES } from "../domain/inspection-workflow";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "../domain/text";
import { wantsFragment } from "../http";
import { renderFragment, renderPage } from "../render";
import type { QueueFilters } from "./contract";
import { type Base, type C, districtsOf, me, nowOf, yearsFor } from "./review-kit";
import { inspectionService as svc } from "./service";

const queueQuery = z.object({
  year: z.coerce
    .number({ error: "年度应为数字" })
    .int("年度应为整数")
    .min(1990, "年度不正确")
    .max(2200, "年度不正确")
    .optional(),
  state: z.enum(INSPECTION_STATES, { error: "请选择列表中的状态" }).optional(),
  type: z.enum(ORG_TYPES, { error: "请选择列表中的类型" }).optional(),
  district: z.coerce.number({ error: "请选择列表中的登记管理机关" }).int().positive().optional(),
  q: z
    .string()
    .trim()
    .max(50, "名称或代码不能超过50个字")
    .refine((v) => !hasControlCharacters(v), `名称或代码${CONTROL_CHARACTER_MESSAGE}`)
    .optional(),
  overdue: z.literal("1").optional(),
  warnings: z.literal("1").optional(),
  page: z.coerce
    .number({ error: "页码应为数字" })
    .int("页码应为整数")
    .min(1, "页码不正确")
    .max(10_000, "页码不正确")
    .optional(),
});

/** Empty query values mean "not given". */
function queryOf(c: C): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (v !== "") out[k] = v;
  return out;
}

export async function queuePage(
  c: C,
  base: Base,
  kind: "queue" | "not_filed",
  intro?: unknown,
  status?: ContentfulStatusCode,
) {
  const user = me(c);
  const deps = c.get("deps");
  const query = queryOf(c);
  const parsed = queueQuery.safeParse(query);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const years = await yearsFor(c, user);
  const f = parsed.success ? parsed.data : {};
  const filters: QueueFilters = {
    year: f.year ?? years[0],
    state: kind === "not_filed" ? "not_filed" : f.state,
    type: f.type,
    authorityId: f.district,
    overdue: f.overdue === "1",
    hasWarnings: f.warnings === "1",
    q: f.q,
    page: f.page ?? 1,
    perPage: 20,
  };
  const page = parsed.success
    ? await svc.queue(deps, user, filters)
    : { items: [], total: 0, countsByState: {} };
  const props: QueueViewProps = {
    user,
    base,
    title:
      kind === "not_filed"
        ? "未参检名单"
        : base === "/registrar"
          ? "年检待办（登记管理机关）"
          : "年检初审（业务主管单位）",
    path: kind === "not_filed" ? `${base}/inspections/not-filed` : `${base}/inspections`,
    filters,
    query,
    page,
    years: filters.year && !years.includes(filters.year) ? [filters.year, ...years] : years,
    districts: await districtsOf(c, user),
    errors,
    notices: await svc.notices(deps, user, true),
    now: nowOf(c),
    intro,
  };
  const code = status ?? (parsed.success ? 200 : 422);
  if (wantsFragment(c) && c.req.header("HX-Target")?.includes("queue-results")) {
    return renderFragment(c, <QueueResults {...props} />, code);
  }
  return renderPage(c, <QueuePageView {...props} />, code);
}
