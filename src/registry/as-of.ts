/**
 * An organization's public page as at a past day (历史视图, `?as_of=`): its register entry rebuilt from org_history
 * (the `before` of the first change after that day), its status from its status date, and only the 公告, published
 * 年检 conclusions (R-C4) and credit entries (R-D8) known by then. Read uncached: the live page keeps its cache.
 */
import { sql } from "drizzle-orm";
import type { AppDeps } from "../context";
import {
  conclusionKnownAsOf,
  endOfChinaDay,
  fieldAsOf,
  type HistoryChange,
  statusAsOf,
} from "../domain/as-of";
import type { publicDetail } from "./queries";
import { type OrgSummary, type SearchParams, type SearchResult, searchOrganizations } from "./search";

type Detail = NonNullable<Awaited<ReturnType<typeof publicDetail>>>;

/** The fields of the register entry a past change may have altered (what org_history records in before/after). */
const REBUILT = [
  "name",
  "nameEn",
  "address",
  "legalRepresentative",
  "purpose",
  "businessScope",
  "activityArea",
  "capitalFen",
  "supervisor",
  "supervisionMode",
  "authorityId",
] as const;

/** Pure: the page's data as at `date`, given the changes recorded after it; null if not yet registered that day. */
export function detailAsOf(
  data: Detail,
  changes: HistoryChange[],
  publishedOn: Map<number, string | null>,
  date: string,
): Detail | null {
  const org = data.detail.org;
  const status = statusAsOf(org, date);
  if (status === null) return null;
  const past = { ...org } as Record<string, unknown>;
  for (const k of REBUILT) past[k] = fieldAsOf(org[k], k, changes, date);
  past.status = status;
  if (status === "active") past.statusOn = org.registeredOn;
  return {
    detail: { ...data.detail, org: past as unknown as typeof org },
    notices: data.notices.filter((n) => n.publishedOn !== null && n.publishedOn <= date),
    inspections: data.inspections.filter((i) => conclusionKnownAsOf(publishedOn.get(i.year) ?? null, date)),
    credit: data.credit
      .filter((e) => e.listedOn <= date)
      .map((e) =>
        e.removedOn !== null && e.removedOn > date
          ? { ...e, removedOn: null, removalReason: null, removalDocumentNo: null }
          : e,
      ),
  };
}

/** Loads what detailAsOf needs beyond the live page's data, and the authority it was registered with then. */
export async function publicDetailAsOf(deps: AppDeps, data: Detail, date: string): Promise<Detail | null> {
  const orgId = data.detail.org.id;
  const history = (await deps.db.all(sql`SELECT at, before FROM org_history
    WHERE org_id = ${orgId} AND at > ${endOfChinaDay(date)} ORDER BY at, id`)) as {
    at: string;
    before: string | null;
  }[];
  const changes = history.map((h) => ({
    at: h.at,
    before: h.before ? (JSON.parse(h.before) as Record<string, unknown>) : null,
  }));
  const published = (await deps.db.all(sql`SELECT year, published_on AS "publishedOn" FROM annual_inspections
    WHERE org_id = ${orgId} AND state = 'published'`)) as { year: number; publishedOn: string | null }[];
  const past = detailAsOf(
    data,
    changes,
    new Map(published.map((p) => [Number(p.year), p.publishedOn])),
    date,
  );
  if (!past || past.detail.org.authorityId === data.detail.org.authorityId) return past;
  const [a] = (await deps.db.all(
    sql`SELECT code, name FROM authorities WHERE id = ${past.detail.org.authorityId}`,
  )) as { code: string; name: string }[];
  return a ? { ...past, detail: { ...past.detail, authority: { code: a.code, name: a.name } } } : past;
}

/**
 * The public search as at a past day: the same query over organizations registered by then (uncached), each hit
 * shown with its name, legal representative, address, authority and status as they stood that day. The name match
 * and the status filter read today's register.
 */
export async function searchAsOf(deps: AppDeps, params: SearchParams, date: string): Promise<SearchResult> {
  const registeredTo = params.registeredTo && params.registeredTo < date ? params.registeredTo : date;
  const result = await searchOrganizations(deps.db, { ...params, registeredTo });
  const ids = result.items.map((i) => i.id);
  if (ids.length === 0) return result;
  const rows = (await deps.db.all(sql`SELECT org_id AS "orgId", at, before FROM org_history
    WHERE org_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND at > ${endOfChinaDay(date)}`)) as {
    orgId: number;
    at: string;
    before: string | null;
  }[];
  const authorities = (await deps.db.all(sql`SELECT id, code, name FROM authorities`)) as {
    id: number;
    code: string;
    name: string;
  }[];
  return { ...result, items: result.items.map((item) => summaryAsOf(item, rows, authorities, date)) };
}

/** Pure: one search hit as at `date`, from the org_history rows recorded after it. */
export function summaryAsOf(
  item: OrgSummary,
  rows: { orgId: number; at: string; before: string | null }[],
  authorities: { id: number; code: string; name: string }[],
  date: string,
): OrgSummary {
  const changes = rows
    .filter((r) => Number(r.orgId) === item.id)
    .map((r) => ({ at: r.at, before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null }));
  const status = statusAsOf(item, date) ?? item.status;
  const authorityId = fieldAsOf<number | null>(null, "authorityId", changes, date);
  const authority = authorityId === null ? undefined : authorities.find((a) => a.id === Number(authorityId));
  return {
    ...item,
    name: fieldAsOf(item.name, "name", changes, date),
    legalRepresentative: fieldAsOf(item.legalRepresentative, "legalRepresentative", changes, date),
    address: fieldAsOf(item.address, "address", changes, date),
    status,
    statusOn: status === "active" ? item.registeredOn : item.statusOn,
    authority: authority ? { code: authority.code, name: authority.name } : item.authority,
  };
}
