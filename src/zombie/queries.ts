/** SQL of the zombie triage list. */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db";
import { missedInspections, ZOMBIE_SIGNALS, type ZombieSignal } from "../domain/zombie";
import { TRIAGE_COUNT_CAP, type TriageRow } from "./contract";

export interface TriageFilter {
  authorityIds: number[];
  signal?: ZombieSignal;
  type?: string;
  authorityCode?: string;
  registeredBefore?: string;
  supervisorUnitId?: number;
  /** At least this many 未参检 years held. */
  minMissed?: number;
  /** Set by the queries when the scope is every authority (a national reader): no authority check at all. */
  everyAuthority?: boolean;
}

/** The filter with `everyAuthority` when its authorities are all there are (hundreds of ids checked on every row). */
async function scoped(db: Db, f: TriageFilter): Promise<TriageFilter> {
  if (f.authorityIds.length <= 20) return f;
  const [row] = (await db.all(
    sql`SELECT count(*) AS n FROM authorities WHERE id NOT IN (${sql.join(
      f.authorityIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  )) as { n: number }[];
  return Number(row?.n ?? 1) === 0 ? { ...f, everyAuthority: true } : f;
}

export type { TriageRow };
export const TRIAGE_PAGE = 50;

/** Each signal's flag column on zombie_candidates, and its partial index. */
const SIGNAL_COLUMN: Record<ZombieSignal, string> = {
  missed_inspections: "missed",
  no_activity_after_certificate: "after_certificate",
  no_in_scope_activity: "quiet",
  unreachable: "unreachable",
};

/**
 * The filters on zombie_candidates (one row per organization with an open signal, carrying its organization's type,
 * registration date, authority and supervisor unit, kept by triggers). A scope of many authorities is a check on each
 * row (unary plus), not hundreds of index reads and a sort.
 */
function where(f: TriageFilter, signal: ZombieSignal | undefined): SQL {
  const ids = sql.join(
    f.authorityIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const parts = [
    f.everyAuthority
      ? sql`1`
      : f.authorityIds.length > 20
        ? sql`+c.authority_id IN (${ids})`
        : sql`c.authority_id IN (${ids})`,
  ];
  if (f.type) parts.push(sql`c.type = ${f.type}`);
  if (f.registeredBefore) parts.push(sql`c.registered_on < ${f.registeredBefore}`);
  if (f.authorityCode)
    parts.push(sql`c.authority_id = (SELECT id FROM authorities WHERE code = ${f.authorityCode})`);
  if (f.supervisorUnitId) parts.push(sql`c.supervisor_unit_id = ${f.supervisorUnitId}`);
  // Years missed: the candidate row's count of 未参检 filings, kept by triggers on annual_inspections.
  if (f.minMissed) parts.push(sql`c.missed_years >= ${f.minMissed}`);
  if (signal) parts.push(sql.raw(`c.${SIGNAL_COLUMN[signal]} = 1`));
  return sql.join(parts, sql` AND `);
}

/**
 * The index a list or a count reads, named rather than left to the planner (the table has no statistics): the most
 * selective filter's, whose entries are already in strength order; else the signal's own; else the strength order.
 * Every index carries every filter column, so the other filters are checked in the index, never in the table.
 */
function indexFor(f: TriageFilter, signal: ZombieSignal | undefined, ordered: boolean): string {
  if (f.authorityCode || f.authorityIds.length <= 20) return "zombie_candidates_authority_idx";
  if (f.supervisorUnitId) return "zombie_candidates_unit_idx";
  if (f.minMissed) return "zombie_candidates_missed_years_idx";
  if (signal) return `zombie_candidates_${SIGNAL_COLUMN[signal]}_idx`;
  if (f.type) return "zombie_candidates_type_idx";
  if (f.registeredBefore && !ordered) return "zombie_candidates_registered_idx";
  return "zombie_candidates_strength_idx";
}

const from = (f: TriageFilter, signal: ZombieSignal | undefined, ordered: boolean, index?: string) =>
  sql.raw(`zombie_candidates c INDEXED BY ${index ?? indexFor(f, signal, ordered)}`);

const capped = (f: TriageFilter, signal: ZombieSignal | undefined, index?: string) =>
  sql`(SELECT count(*) FROM (SELECT 1 FROM ${from(f, signal, false, index)} WHERE ${where(f, signal)}
    LIMIT ${TRIAGE_COUNT_CAP + 1}))`;

/**
 * For a type or registration-date filter over many authorities, which index each signal's count reads: the signal's
 * own when it has at most TRIAGE_COUNT_CAP candidates, else the filter's when that has, else the type's (a type is a
 * large share of any signal) or the signal's (an old registration date is). Two short reads find the sizes.
 */
async function countIndexes(db: Db, f: TriageFilter): Promise<Partial<Record<ZombieSignal, string>>> {
  const filterIndex = indexFor(f, undefined, false);
  const test = f.type
    ? sql`c.type = ${f.type}`
    : f.registeredBefore
      ? sql`c.registered_on < ${f.registeredBefore}`
      : sql`c.missed_years >= ${f.minMissed ?? 0}`;
  if (
    filterIndex !== "zombie_candidates_type_idx" &&
    filterIndex !== "zombie_candidates_registered_idx" &&
    filterIndex !== "zombie_candidates_missed_years_idx"
  )
    return {};
  const upTo = (index: string, test: SQL) =>
    sql`(SELECT count(*) FROM (SELECT 1 FROM ${sql.raw(`zombie_candidates c INDEXED BY ${index}`)} WHERE ${test}
      LIMIT ${TRIAGE_COUNT_CAP + 1}))`;
  const [row] = (await db.all(
    sql`SELECT ${sql.join(
      ZOMBIE_SIGNALS.map(
        (s) =>
          sql`${upTo(`zombie_candidates_${SIGNAL_COLUMN[s]}_idx`, sql.raw(`c.${SIGNAL_COLUMN[s]} = 1`))} AS ${sql.identifier(s)}`,
      ),
      sql`, `,
    )}, ${upTo(filterIndex, test)} AS "filter"`,
  )) as Record<string, number>[];
  const small = (n: unknown) => Number(n ?? 0) <= TRIAGE_COUNT_CAP;
  return Object.fromEntries(
    ZOMBIE_SIGNALS.map((s) => [
      s,
      small(row?.[s])
        ? `zombie_candidates_${SIGNAL_COLUMN[s]}_idx`
        : small(row?.filter) || f.type
          ? filterIndex
          : `zombie_candidates_${SIGNAL_COLUMN[s]}_idx`,
    ]),
  );
}

/**
 * Candidates with their open signals, strongest first (most signals, then the oldest first seen, R-E1): the page's
 * organizations in index order from zombie_candidates, then the signals and details of those (at most 50)
 * organizations. `total` stops at TRIAGE_COUNT_CAP + 1 (shown as "以上"); an export (page null) reads every row.
 */
/** The most rows an export of the triage list holds (strongest first). */
export const EXPORT_MAX = 50_000;

export async function triageRows(
  db: Db,
  f: TriageFilter,
  page: number | null,
): Promise<{ rows: TriageRow[]; total: number }> {
  f = await scoped(db, f);
  // The export (page null) takes the strongest 50,000, as the audit log's export does: a field team's list, not a dump.
  const limit =
    page === null ? sql`LIMIT ${EXPORT_MAX}` : sql`LIMIT ${TRIAGE_PAGE} OFFSET ${(page - 1) * TRIAGE_PAGE}`;
  let index = indexFor(f, f.signal, true);
  let counted: { n: number }[] = [];
  if (index === "zombie_candidates_missed_years_idx" && page !== null) {
    // Years missed held by many: their page is found sooner in strength order than by sorting them all.
    counted = (await db.all(sql`SELECT ${capped(f, f.signal)} AS n`)) as { n: number }[];
    if (Number(counted[0]?.n ?? 0) > TRIAGE_COUNT_CAP) index = "zombie_candidates_strength_idx";
  }
  const picked = (await db.all(sql`SELECT c.org_id AS id FROM ${from(f, f.signal, true, index)}
    WHERE ${where(f, f.signal)} ORDER BY c.signal_count DESC, c.since, c.org_id ${limit}`)) as {
    id: number;
  }[];
  // A first page that is not full is the whole list: no count to read.
  if (counted.length === 0 && page !== null && (page > 1 || picked.length === TRIAGE_PAGE))
    counted = (await db.all(sql`SELECT ${capped(f, f.signal)} AS n`)) as { n: number }[];
  const total = counted.length === 0 ? picked.length : Number(counted[0]?.n ?? 0);
  const ids = picked.map((p) => Number(p.id));
  const details = new Map<number, TriageRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = sql.join(
      ids.slice(i, i + 500).map((id) => sql`${id}`),
      sql`, `,
    );
    const rows = (await db.all(sql`
      SELECT o.id AS "orgId", o.uscc, o.name, o.type, a.name AS "authorityName", a.id AS "authorityId",
        o.registered_on AS "registeredOn",
        count(*) AS count, min(s.first_seen_on) AS since, group_concat(s.signal, ',') AS signals,
        group_concat(s.facts, '；') AS facts,
        (SELECT u.display_name FROM zombie_assignments z JOIN users u ON u.id = z.user_id WHERE z.org_id = o.id) AS "assigneeName",
        (SELECT k.id FROM zombie_cases k WHERE k.org_id = o.id AND k.state <> 'closed') AS "caseId"
      FROM zombie_signals s JOIN organizations o ON o.id = s.org_id JOIN authorities a ON a.id = o.authority_id
      WHERE s.closed_on IS NULL AND s.org_id IN (${chunk})
      GROUP BY o.id`)) as TriageRow[];
    for (const r of rows) details.set(Number(r.orgId), r);
  }
  return { rows: ids.map((id) => details.get(id)).filter((r): r is TriageRow => r !== undefined), total };
}

/**
 * Organizations per signal under the same filters (the signal filter itself aside), each stopping at
 * TRIAGE_COUNT_CAP + 1: one short read of the signal's own index per count.
 */
export async function signalCounts(db: Db, filter: TriageFilter): Promise<Record<string, number>> {
  const f = await scoped(db, filter);
  const indexes = await countIndexes(db, f);
  const [row] = (await db.all(
    sql`SELECT ${sql.join(
      ZOMBIE_SIGNALS.map((s) => sql`${capped(f, s, indexes[s])} AS ${sql.identifier(s)}`),
      sql`, `,
    )}`,
  )) as Record<string, number>[];
  return Object.fromEntries(ZOMBIE_SIGNALS.map((s) => [s, Number(row?.[s] ?? 0)]).filter(([, n]) => n));
}

/**
 * What the triage page's forms offer: the registrars of the user's own authority (bulk assignment), the authorities
 * it reads (the district filter) and the supervisor units with a candidate.
 */
export async function triageChoices(db: Db, user: { authorityId: number | null }, authorityIds: number[]) {
  const ids = sql.join(
    (authorityIds.length ? authorityIds : [-1]).map((i) => sql`${i}`),
    sql`, `,
  );
  const [staff, authorities, units] = await Promise.all([
    db.all(sql`SELECT id, display_name AS name FROM users WHERE role = 'registrar' AND status = 'active'
      AND authority_id = ${user.authorityId ?? -1} ORDER BY display_name`) as Promise<
      { id: number; name: string }[]
    >,
    db.all(sql`SELECT code, name FROM authorities WHERE id IN (${ids}) ORDER BY code`) as Promise<
      { code: string; name: string }[]
    >,
    db.all(sql`SELECT u.id, u.name FROM supervisor_units u
      WHERE EXISTS (SELECT 1 FROM zombie_candidates c WHERE c.supervisor_unit_id = u.id) ORDER BY u.name`) as Promise<
      { id: number; name: string }[]
    >,
  ]);
  return { staff, authorities, units };
}

/**
 * R-E1 [C] dry run: how many organizations would hold the 连续未参检 signal with a threshold of `n` consecutive years
 * (for every type), beside how many hold it now — "with N=3, 41 fewer" — computed from the filings, nothing written.
 */
export async function missedThresholdWhatIf(
  db: Db,
  authorityIds: number[],
  n: number,
  countUnqualified: boolean,
): Promise<{ now: number; then: number }> {
  const ids = sql.join(
    authorityIds.map((id) => sql`${id}`),
    sql`, `,
  );
  // Any active organization with a missed year could hold the signal under another threshold.
  const rows =
    (await db.all(sql`SELECT f.org_id AS "orgId", f.year, f.state, f.conclusion FROM annual_inspections f
    WHERE f.org_id IN (SELECT m.org_id FROM annual_inspections m CROSS JOIN organizations o ON o.id = m.org_id
      WHERE (m.state = 'not_filed'${countUnqualified ? sql` OR m.conclusion = 'unqualified'` : sql``})
        AND o.status = 'active' AND o.authority_id IN (${ids}))`)) as {
      orgId: number;
      year: number;
      state: string;
      conclusion: string | null;
    }[];
  const [open] = (await db.all(sql`SELECT count(*) AS n FROM zombie_signals WHERE closed_on IS NULL
    AND signal = 'missed_inspections' AND authority_id IN (${ids})`)) as { n: number }[];
  const byOrg = new Map<number, { year: number; state: string; conclusion: string | null }[]>();
  for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
  let then = 0;
  for (const filings of byOrg.values()) if (missedInspections(filings, n, countUnqualified)) then++;
  return { now: Number(open?.n ?? 0), then };
}
