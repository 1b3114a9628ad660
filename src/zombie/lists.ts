/** The lists of zombie cases: the registrar's case list and the public 公告送达 list (R-E3). */
import { sql } from "drizzle-orm";
import { readableAuthorityIds } from "../auth/scope";
import { type AppDeps, type SessionUser, todayOf } from "../context";
import { workingDaysRemaining, yearsWithoutCalendar } from "../domain/working-days";
import { loadCalendar } from "../inspection/holidays";
import type { CaseListRow } from "./contract";

export type { CaseListRow };

export async function caseList(
  deps: AppDeps,
  user: SessionUser,
  filter: { state?: string },
  page: number,
): Promise<{
  rows: CaseListRow[];
  total: number;
  byState: Record<string, number>;
  byYear: { year: string; opened: number; outcome: string | null; n: number }[];
}> {
  const ids = await readableAuthorityIds(deps.db, user);
  const inIds = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  const where = sql`c.authority_id IN (${inIds})${filter.state ? sql` AND c.state = ${filter.state}` : sql``}`;
  const found = (await deps.db.all(sql`
    SELECT c.id, o.name AS "orgName", o.uscc, c.state, c.outcome, c.opened_on AS "openedOn", c.closed_on AS "closedOn",
      c.window_ends_on AS "windowEndsOn", c.notice_served_on AS "noticeServedOn", u.display_name AS "assigneeName"
    FROM zombie_cases c JOIN organizations o ON o.id = c.org_id
    LEFT JOIN zombie_assignments z ON z.org_id = c.org_id LEFT JOIN users u ON u.id = z.user_id
    WHERE ${where} ORDER BY c.state = 'closed', c.opened_on, c.id LIMIT 50 OFFSET ${(page - 1) * 50}`)) as Omit<
    CaseListRow,
    "windowLeft" | "windowUncalendared"
  >[];
  const calendar = await loadCalendar(deps.db);
  const today = todayOf(deps);
  const running = (r: (typeof found)[number]) =>
    (r.state === "notified" || r.state === "hearing") && r.windowEndsOn !== null;
  const rows: CaseListRow[] = found.map((r) => ({
    ...r,
    windowLeft: running(r) ? workingDaysRemaining(today, r.windowEndsOn!, calendar) : null,
    windowUncalendared:
      running(r) && r.noticeServedOn ? yearsWithoutCalendar(r.noticeServedOn, r.windowEndsOn!, calendar) : [],
  }));
  const [n] = (await deps.db.all(sql`SELECT count(*) AS n FROM zombie_cases c WHERE ${where}`)) as {
    n: number;
  }[];
  const states =
    (await deps.db.all(sql`SELECT state, count(*) AS n FROM zombie_cases c WHERE c.authority_id IN (${inIds})
    GROUP BY state`)) as { state: string; n: number }[];
  const byYear = (await deps.db.all(sql`
    SELECT substr(coalesce(c.closed_on, c.opened_on), 1, 4) AS year, count(*) AS n, c.outcome,
      sum(CASE WHEN c.closed_on IS NULL THEN 1 ELSE 0 END) AS opened
    FROM zombie_cases c WHERE c.authority_id IN (${inIds}) GROUP BY year, c.outcome ORDER BY year DESC`)) as {
    year: string;
    opened: number;
    outcome: string | null;
    n: number;
  }[];
  return {
    rows,
    total: Number(n?.n ?? 0),
    byState: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])),
    byYear: byYear.map((y) => ({ ...y, n: Number(y.n), opened: Number(y.opened) })),
  };
}

/** R-E3: 撤销 事先告知 served by 公告 — what /notices-by-publication publishes, with the period's start and end. */
export async function revocationPublications(deps: AppDeps, page: number) {
  const rows = (await deps.db.all(sql`
    SELECT o.name AS "orgName", o.uscc, a.name AS "authorityName", c.notice_document_no AS "documentNo",
      c.notice_published_on AS "publishedOn", c.notice_served_on AS "servedOn", c.window_ends_on AS "windowEndsOn", c.signals
    FROM zombie_cases c JOIN organizations o ON o.id = c.org_id JOIN authorities a ON a.id = c.authority_id
    WHERE c.notice_method = 'publication' ORDER BY c.notice_published_on DESC, c.id DESC
    LIMIT 20 OFFSET ${(page - 1) * 20}`)) as {
    orgName: string;
    uscc: string;
    authorityName: string;
    documentNo: string;
    publishedOn: string;
    servedOn: string;
    windowEndsOn: string;
    signals: string;
  }[];
  const [n] = (await deps.db.all(
    sql`SELECT count(*) AS n FROM zombie_cases WHERE notice_method = 'publication'`,
  )) as { n: number }[];
  return { rows, total: Number(n?.n ?? 0) };
}
