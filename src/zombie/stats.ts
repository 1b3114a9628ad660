/**
 * Zombie-organization figures (domain.md §5): per year and district (the registering authority), candidates found
 * (R-E1), cases opened, cases closed by outcome (R-E2) and the stock of open cases at the year's end; and the registrar
 * home's figures for now. Plain reads for the statistics page and the registrar home; nothing here writes.
 */
import { sql } from "drizzle-orm";
import { readableAuthorityIds } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import type { Db } from "../db";
import { chinaDateOf } from "../domain/working-days";
import { ZOMBIE_OUTCOMES, type ZombieOutcome } from "../domain/zombie-case";

export interface ZombieYearFigures {
  year: number;
  authorityId: number;
  authorityName: string;
  regionCode: string;
  /** Organizations whose first signal was first seen that year (R-E1). */
  candidatesFound: number;
  /** Cases opened (立案) that year. */
  casesOpened: number;
  /** Cases closed that year, per outcome (限期整改完成, 引导注销, 撤销登记, 吊销登记证书, 不属于僵尸型). */
  closed: Record<ZombieOutcome, number>;
  /** Cases open on 31 December of that year (for the current year: today). */
  openAtYearEnd: number;
}

const idList = (ids: readonly number[]) =>
  sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );

/**
 * Figures for each year in `years` and each authority in `authorityIds` that has anything to count (rows with all
 * zeros are left out), oldest year first, then by region code.
 */
export async function zombieFiguresByYear(
  db: Db,
  authorityIds: readonly number[],
  years: readonly number[],
): Promise<ZombieYearFigures[]> {
  if (authorityIds.length === 0 || years.length === 0) return [];
  const ids = idList(authorityIds);
  const found =
    (await db.all(sql`SELECT substr(first, 1, 4) AS year, authority_id AS "authorityId", count(*) AS n
    FROM (SELECT org_id, authority_id, min(first_seen_on) AS first FROM zombie_signals
      WHERE authority_id IN (${ids}) GROUP BY org_id, authority_id)
    GROUP BY 1, 2`)) as { year: string; authorityId: number; n: number }[];
  const opened = (await db.all(sql`SELECT substr(opened_on, 1, 4) AS year, authority_id AS "authorityId",
      count(*) AS n FROM zombie_cases WHERE authority_id IN (${ids}) GROUP BY 1, 2`)) as {
    year: string;
    authorityId: number;
    n: number;
  }[];
  const closed =
    (await db.all(sql`SELECT substr(closed_on, 1, 4) AS year, authority_id AS "authorityId", outcome,
      count(*) AS n FROM zombie_cases WHERE state = 'closed' AND authority_id IN (${ids}) GROUP BY 1, 2, 3`)) as {
      year: string;
      authorityId: number;
      outcome: ZombieOutcome;
      n: number;
    }[];
  const stock = (await db.all(sql`SELECT y.value AS year, c.authority_id AS "authorityId", count(*) AS n
    FROM json_each(${JSON.stringify(years)}) y JOIN zombie_cases c
      ON c.opened_on <= y.value || '-12-31' AND (c.closed_on IS NULL OR c.closed_on > y.value || '-12-31')
    WHERE c.authority_id IN (${ids}) GROUP BY 1, 2`)) as { year: number; authorityId: number; n: number }[];
  const authorities = (await db.all(sql`SELECT id, name, region_code AS "regionCode" FROM authorities
    WHERE id IN (${ids})`)) as { id: number; name: string; regionCode: string }[];

  const key = (year: number | string, authorityId: number) => `${Number(year)}:${Number(authorityId)}`;
  const rows = new Map<string, ZombieYearFigures>();
  for (const year of years)
    for (const a of authorities)
      rows.set(key(year, a.id), {
        year,
        authorityId: a.id,
        authorityName: a.name,
        regionCode: a.regionCode,
        candidatesFound: 0,
        casesOpened: 0,
        closed: Object.fromEntries(ZOMBIE_OUTCOMES.map((o) => [o, 0])) as Record<ZombieOutcome, number>,
        openAtYearEnd: 0,
      });
  for (const r of found) {
    const row = rows.get(key(r.year, r.authorityId));
    if (row) row.candidatesFound = Number(r.n);
  }
  for (const r of opened) {
    const row = rows.get(key(r.year, r.authorityId));
    if (row) row.casesOpened = Number(r.n);
  }
  for (const r of closed) {
    const row = rows.get(key(r.year, r.authorityId));
    if (row) row.closed[r.outcome] = Number(r.n);
  }
  for (const r of stock) {
    const row = rows.get(key(r.year, r.authorityId));
    if (row) row.openAtYearEnd = Number(r.n);
  }
  const anything = (r: ZombieYearFigures) =>
    r.candidatesFound + r.casesOpened + r.openAtYearEnd + Object.values(r.closed).reduce((a, b) => a + b, 0) >
    0;
  return [...rows.values()]
    .filter(anything)
    .sort((a, b) => a.year - b.year || a.regionCode.localeCompare(b.regionCode));
}

/** The registrar home's zombie figures: candidates now, open cases, cases closed this year by outcome. */
export async function zombieHomeFigures(
  deps: AppDeps,
  user: SessionUser,
): Promise<{ candidates: number; open: number; closedThisYear: Partial<Record<ZombieOutcome, number>> }> {
  const inIds = idList(await readableAuthorityIds(deps.db, user));
  const year = chinaDateOf(deps.now?.() ?? new Date()).slice(0, 4);
  const [row] = (await deps.db.all(sql`SELECT
      (SELECT count(DISTINCT org_id) FROM zombie_signals WHERE closed_on IS NULL AND authority_id IN (${inIds})) AS candidates,
      (SELECT count(*) FROM zombie_cases WHERE state <> 'closed' AND authority_id IN (${inIds})) AS open`)) as {
    candidates: number;
    open: number;
  }[];
  const closed = (await deps.db.all(sql`SELECT outcome, count(*) AS n FROM zombie_cases
    WHERE state = 'closed' AND closed_on >= ${`${year}-01-01`} AND authority_id IN (${inIds}) GROUP BY outcome`)) as {
    outcome: ZombieOutcome;
    n: number;
  }[];
  return {
    candidates: Number(row?.candidates ?? 0),
    open: Number(row?.open ?? 0),
    closedThisYear: Object.fromEntries(closed.map((c) => [c.outcome, Number(c.n)])),
  };
}
