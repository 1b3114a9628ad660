/**
 * What the public sees of the annual inspection (R-C4): a conclusion only from the day its 年检结论公告 is published
 * (state `published`; a recorded but unpublished conclusion is the registrar's, shown to staff as 待公告), each
 * organization's history, and the yearly 公告. Also the pieces the public search
 * and the open-data API reuse: `lastConclusionByOrg` and `yearConclusionFilter`.
 */

import { type SQL, sql } from "drizzle-orm";
import { authorities } from "../../db/schema";
import type { AppDeps } from "../context";
import type { Db } from "../db";
import { CONCLUSIONS, type Conclusion } from "../domain/workflow";
import { readAll } from "../registry/read";
import { idList } from "./queries";

export async function publicHistory(
  deps: AppDeps,
  orgId: number,
): Promise<{ year: number; conclusion: Conclusion; concludedOn: string }[]> {
  if (!Number.isSafeInteger(orgId) || orgId <= 0) return [];
  const rows = (await readAll(
    deps.db,
    sql`
    SELECT year, conclusion, concluded_on FROM annual_inspections
    WHERE org_id = ${orgId} AND state = 'published' AND conclusion IS NOT NULL
    ORDER BY year DESC`,
  )) as { year: number; conclusion: Conclusion; concluded_on: string }[];
  return rows.map((r) => ({ year: Number(r.year), conclusion: r.conclusion, concludedOn: r.concluded_on }));
}

/** The 年检结论公告 of a year: published conclusions, optionally of one authority (by code), by name. */
export async function conclusionsAnnouncement(
  deps: AppDeps,
  input: { year: number; authorityCode?: string; page: number; perPage: number },
): Promise<{
  total: number;
  items: { uscc: string; name: string; conclusion: Conclusion; concludedOn: string; authorityName: string }[];
}> {
  const perPage = Math.min(Math.max(1, Math.trunc(input.perPage) || 50), 500);
  const page = Math.max(1, Math.trunc(input.page) || 1);
  const authority = input.authorityCode
    ? sql` AND ai.authority_id = (SELECT id FROM authorities WHERE code = ${input.authorityCode})`
    : sql``;
  const where = sql`ai.year = ${input.year} AND ai.state = 'published'${authority}`;
  const [count] = (await deps.db.all(
    sql`SELECT count(*) AS n FROM annual_inspections ai WHERE ${where}`,
  )) as { n: number }[];
  const rows = (await deps.db.all(sql`
    SELECT o.uscc, o.name, ai.conclusion, ai.concluded_on, a.name AS authority_name
    FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id JOIN authorities a ON a.id = ai.authority_id
    WHERE ${where}
    ORDER BY CASE ai.conclusion WHEN 'qualified' THEN 0 WHEN 'basically_qualified' THEN 1 ELSE 2 END, o.name, o.id
    LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`)) as {
    uscc: string;
    name: string;
    conclusion: Conclusion;
    concluded_on: string;
    authority_name: string;
  }[];
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      uscc: r.uscc,
      name: r.name,
      conclusion: r.conclusion,
      concludedOn: r.concluded_on,
      authorityName: r.authority_name,
    })),
  };
}

export type LastOutcome = { year: number; conclusion: Conclusion | "not_filed"; concludedOn: string | null };

/**
 * Each organization's latest inspection outcome (a conclusion, or 未参检), for a page of search results or API
 * items: one query however many ids. Organizations with no outcome yet are absent from the map.
 */
export async function lastConclusionByOrg(
  db: Db,
  orgIds: readonly number[],
): Promise<Map<number, LastOutcome>> {
  const out = new Map<number, LastOutcome>();
  if (orgIds.length === 0) return out;
  const rows = (await db.all(sql`
    SELECT ai.org_id, ai.year, CASE ai.state WHEN 'not_filed' THEN 'not_filed' ELSE ai.conclusion END AS outcome,
           ai.concluded_on
    FROM annual_inspections ai
    WHERE ai.org_id IN ${idList(orgIds)} AND ai.state IN ('published', 'not_filed')
      AND ai.year = (SELECT max(b.year) FROM annual_inspections b
                     WHERE b.org_id = ai.org_id AND b.state IN ('published', 'not_filed'))`)) as {
    org_id: number;
    year: number;
    outcome: Conclusion | "not_filed";
    concluded_on: string | null;
  }[];
  for (const r of rows) {
    out.set(Number(r.org_id), { year: Number(r.year), conclusion: r.outcome, concludedOn: r.concluded_on });
  }
  return out;
}

/**
 * A WHERE condition for the public search: "year N's inspection ended in this conclusion (or 未参检)".
 * `orgId` is the organization id column of the outer query, e.g. sql`o.id`. It is answered from the
 * UNIQUE(org_id, year) index, one probe per candidate row.
 */
export function yearConclusionFilter(orgId: SQL, year: number, outcome: Conclusion | "not_filed"): SQL {
  if (outcome === "not_filed") {
    return sql`EXISTS (SELECT 1 FROM annual_inspections ai WHERE ai.org_id = ${orgId} AND ai.year = ${year} AND ai.state = 'not_filed')`;
  }
  if (!CONCLUSIONS.includes(outcome)) throw new RangeError(`unknown conclusion ${outcome}`);
  return sql`EXISTS (SELECT 1 FROM annual_inspections ai WHERE ai.org_id = ${orgId} AND ai.year = ${year} AND ai.state = 'published' AND ai.conclusion = ${outcome})`;
}

/** Years with a published 年检结论公告, newest first, and the authorities that published (for the filter). */
export async function announcedYears(db: Db): Promise<number[]> {
  const rows = (await db.all(
    sql`SELECT DISTINCT year FROM annual_inspections WHERE state = 'published' ORDER BY year DESC`,
  )) as { year: number }[];
  return rows.map((r) => Number(r.year));
}

/**
 * The 年检结论公告 page's data: the years announced (the asked one if announced, else the latest), the authorities
 * to filter by (an unknown code is ignored), and one page of the announcement.
 */
export async function announcementPage(
  deps: AppDeps,
  asked: { year?: number; authority?: string; page?: number },
  perPage: number,
) {
  const years = await announcedYears(deps.db);
  const year = asked.year !== undefined && years.includes(asked.year) ? asked.year : (years[0] ?? null);
  const auths = await deps.db
    .select({ code: authorities.code, name: authorities.name })
    .from(authorities)
    .orderBy(authorities.code);
  const authorityCode = auths.some((a) => a.code === asked.authority) ? asked.authority! : "";
  const page = asked.page ?? 1;
  const result =
    year === null
      ? { total: 0, items: [] }
      : await conclusionsAnnouncement(deps, {
          year,
          authorityCode: authorityCode || undefined,
          page,
          perPage,
        });
  return { year, years, authorities: auths, authorityCode, page, total: result.total, items: result.items };
}
