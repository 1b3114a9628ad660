/**
 * Search of the register (domain.md §8: query semantics).
 *
 * - A well-formed 统一社会信用代码 (any case) → exact lookup by code.
 * - Otherwise a fragment of the name, from one character: matched through the gram index (src/registry/grams.ts).
 * - No query → the filters alone.
 *
 * Ranking, without sorting the hits: the result is the concatenation of segments, each read in index order —
 * exact name (正常, then each terminal status), names starting with the query (likewise, by name), the rest
 * (正常, then terminated, in gram-index order). A page walks the segments with LIMIT/OFFSET; the CSV walks them
 * with keyset paging. The total is exact up to TOTAL_CAP and flagged as capped beyond, counted with a LIMIT so it
 * costs at most TOTAL_CAP index steps.
 */
import type { Client, InValue } from "@libsql/client";
import type { Db } from "../db";
import type { OrgStatus, OrgType } from "../domain/org-kinds";
import { looksLikeUscc, normalizeUscc } from "../domain/uscc";
import type { Conclusion } from "../domain/workflow";
import type { OrgSummary, SearchResult } from "./contract";
import { nameMatchExpression } from "./grams";
import { readPoolOf } from "./read-pool-handle";

/**
 * A SQL fragment with positional parameters. Built by string concatenation and run with the libSQL client itself:
 * on the search's hot path drizzle's sql`` tree cost more JavaScript time (~0.3 ms per search) than SQLite did.
 * Values are always parameters, never spliced into the text.
 */
class SQL {
  constructor(
    readonly text: string,
    readonly args: InValue[],
  ) {}
}
function sql(strings: TemplateStringsArray, ...values: (SQL | InValue)[]): SQL {
  let text = strings[0]!;
  const args: InValue[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v instanceof SQL) {
      text += v.text;
      args.push(...v.args);
    } else {
      text += "?";
      args.push(v);
    }
    text += strings[i + 1]!;
  }
  return new SQL(text, args);
}
sql.join = (parts: SQL[], separator: SQL): SQL =>
  new SQL(
    parts.map((p) => p.text).join(separator.text),
    parts.flatMap((p) => p.args),
  );
sql.raw = (text: string): SQL => new SQL(text, []);

async function all<T>(db: Db, query: SQL): Promise<T[]> {
  // Node with a file database: the read pool's worker thread (src/registry/read-pool.ts).
  const pool = readPoolOf(db);
  if (pool) return pool.all<T>(query.text, query.args);
  // drizzle() puts its client on `$client`; the Db type leaves it out.
  const client = (db as Db & { $client: Client }).$client;
  const rs = await client.execute({ sql: query.text, args: query.args });
  return rs.rows as unknown as T[];
}

export const MAX_QUERY_LENGTH = 100;
export const TOTAL_CAP = 10_000;

export interface SearchFilters {
  type?: OrgType;
  status?: OrgStatus;
  authorityCode?: string;
  /** With the authority, the authorities directly under it (a city and its districts: a city registrar's scope). */
  withSubordinates?: boolean;
  /** 直接登记 or 已脱钩 (the supervision mode), or one 业务主管单位 by id. */
  supervisor?: { mode: "direct" | "decoupled" } | { unitId: number };
  /** Inclusive, YYYY-MM-DD. */
  registeredFrom?: string;
  registeredTo?: string;
  /** Year N's inspection ended in this conclusion (or 未参检). */
  inspection?: { year: number; outcome: Conclusion | "not_filed" };
  /** R-D8: on a credit list now (活动异常名录 / 严重违法失信名单), or on none. */
  credit?: "abnormal" | "serious" | "none";
}
export type { OrgSummary, SearchResult };

export interface SearchParams extends SearchFilters {
  q?: string;
  page: number;
  perPage: number;
}

type Query =
  | { mode: "uscc"; code: string }
  /** `index`: the FTS5 table and its MATCH expression for the contains part (bigrams for 1–2 characters, trigrams for more). */
  | { mode: "name"; text: string; match: string; index: "org_name_grams" | "org_name_tri" }
  | { mode: "filters" };

/** A 3+-character name part as an FTS5 string for the trigram index: quoted, quotes doubled, so nothing in it is syntax. */
function trigramMatch(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** How a raw query string is understood. Text is trimmed and inner whitespace collapsed. */
export function classifyQuery(raw: string | undefined): Query {
  const text = (raw ?? "").replace(/\s+/g, " ").trim();
  if (text === "") return { mode: "filters" };
  if (looksLikeUscc(text)) return { mode: "uscc", code: normalizeUscc(text) };
  if ([...text].length >= 3) return { mode: "name", text, match: trigramMatch(text), index: "org_name_tri" };
  const match = nameMatchExpression(text);
  return match ? { mode: "name", text, match, index: "org_name_grams" } : { mode: "filters" };
}

/** One ordered slice of the result. `key` columns make keyset paging possible. */
interface Segment {
  /** FROM … WHERE … producing column `id` (and the order keys), without ORDER BY / LIMIT. */
  from: SQL;
  orderBy: SQL;
  /** Keyset condition for rows after `last` (a row of this segment's ordering keys). */
  after: (last: KeyRow) => SQL;
  keys: SQL;
}
interface KeyRow {
  id: number;
  name: string;
}

type AuthorityRef = number | SQL | undefined;

const MAX_CHAR = String.fromCodePoint(0x10ffff);

async function resolveAuthorityId(db: Db, code: string | undefined): Promise<number | null | undefined> {
  if (code === undefined) return undefined;
  const rows = await all<{ id: number }>(db, sql`SELECT id FROM authorities WHERE code = ${code}`);
  return rows[0]?.id ?? null;
}

/** `authorityId`: a row id, or SQL yielding it (undefined: no authority filter). */
function filterSql(f: SearchFilters, authorityId: AuthorityRef): SQL {
  const parts: SQL[] = [];
  if (f.type) parts.push(sql`o.type = ${f.type}`);
  if (f.status) parts.push(sql`o.status = ${f.status}`);
  if (authorityId !== undefined)
    parts.push(
      f.withSubordinates
        ? sql`o.authority_id IN (SELECT id FROM authorities WHERE id = ${authorityId} OR parent_id = ${authorityId})`
        : sql`o.authority_id = ${authorityId}`,
    );
  if (f.supervisor)
    parts.push(
      "unitId" in f.supervisor
        ? sql`o.supervisor_unit_id = ${f.supervisor.unitId}`
        : sql`o.supervision_mode = ${f.supervisor.mode}`,
    );
  if (f.registeredFrom) parts.push(sql`o.registered_on >= ${f.registeredFrom}`);
  if (f.registeredTo) parts.push(sql`o.registered_on <= ${f.registeredTo}`);
  if (f.inspection) parts.push(inspectionFilter(f.inspection));
  if (f.credit) parts.push(creditFilter(f.credit));
  return parts.length ? sql.join([sql``, ...parts], sql` AND `) : sql``;
}

/**
 * "year N's inspection ended in this conclusion (or 未参检)", one probe of UNIQUE(org_id, year) per candidate
 * row (the same condition as src/inspection/public.ts yearConclusionFilter, in this module's SQL builder).
 */
function inspectionFilter({ year, outcome }: NonNullable<SearchFilters["inspection"]>): SQL {
  return outcome === "not_filed"
    ? sql` EXISTS (SELECT 1 FROM annual_inspections ai WHERE ai.org_id = o.id AND ai.year = ${year} AND ai.state = 'not_filed')`
    : sql` EXISTS (SELECT 1 FROM annual_inspections ai WHERE ai.org_id = o.id AND ai.year = ${year}
        AND ai.state = 'published' AND ai.conclusion = ${outcome})`;
}

/** R-D8: a current entry on the given list (or on none), one probe of credit_cases(org_id, list, state) per row. */
function creditFilter(credit: NonNullable<SearchFilters["credit"]>): SQL {
  return credit === "none"
    ? sql` NOT EXISTS (SELECT 1 FROM credit_cases cc WHERE cc.org_id = o.id AND cc.state = 'listed')`
    : sql` EXISTS (SELECT 1 FROM credit_cases cc WHERE cc.org_id = o.id AND cc.list = ${credit} AND cc.state = 'listed')`;
}

/**
 * The statuses to read, in rank order: 正常 first, then the terminal ones (R-A9). A status filter narrows it to one,
 * so a 正常-only search never touches terminated rows and vice versa.
 */
const STATUS_ORDER: OrgStatus[] = ["active", "deregistered", "revoked", "license_revoked"];
function statusesFor(status: OrgStatus | undefined): OrgStatus[] {
  return status ? [status] : STATUS_ORDER;
}

function hasFilters(f: SearchFilters): boolean {
  return Boolean(
    f.type ||
      f.status ||
      f.authorityCode ||
      f.supervisor ||
      f.registeredFrom ||
      f.registeredTo ||
      f.inspection ||
      f.credit,
  );
}

function segmentsFor(q: Query, f: SearchFilters, authorityId: AuthorityRef): Segment[] {
  // The status is fixed per segment, so the filter list leaves it out.
  const filters = filterSql({ ...f, status: undefined }, authorityId);
  const byName: Pick<Segment, "orderBy" | "after" | "keys"> = {
    orderBy: sql`o.name, o.id`,
    after: (last) => sql` AND (o.name > ${last.name} OR (o.name = ${last.name} AND o.id > ${last.id}))`,
    keys: sql`o.id AS id, o.name AS name`,
  };
  const statuses = statusesFor(f.status);
  if (q.mode === "uscc") {
    return [
      { from: sql`FROM organizations o WHERE o.uscc = ${q.code}${filterSql(f, authorityId)}`, ...byName },
    ];
  }
  if (q.mode === "filters") {
    // One 业务主管单位 holds a few hundred organizations at most: read them from its index and sort them, rather than
    // walk every organization of a status in name order for the few that match (the planner's choice).
    const from =
      f.supervisor && "unitId" in f.supervisor
        ? sql`organizations o INDEXED BY organizations_supervisor_unit_idx`
        : sql`organizations o`;
    return statuses.map((st) => ({
      from: sql`FROM ${from} WHERE o.status = ${st}${filters}`,
      ...byName,
    }));
  }
  const text = q.text;
  const upper = text + MAX_CHAR;
  return [
    ...statuses.map((st) => ({
      from: sql`FROM organizations o WHERE o.status = ${st} AND o.name = ${text}${filters}`,
      ...byName,
    })),
    ...statuses.map((st) => ({
      from: sql`FROM organizations o WHERE o.status = ${st} AND o.name > ${text} AND o.name < ${upper}${filters}`,
      ...byName,
    })),
    // Grouped by rank (正常, then terminated) rather than per terminal status: a per-status walk of the gram
    // index would scan it once per status.
    ...(f.status ? [[f.status]] : [["active"], ["deregistered", "revoked", "license_revoked"]]).map(
      (group) => ({
        from: sql`FROM ${sql.raw(q.index)} g JOIN organizations o ON o.id = g.rowid
        WHERE ${sql.raw(q.index)} MATCH ${q.match} AND o.status IN (${sql.join(
          group.map((st) => sql`${st}`),
          sql`, `,
        )}) AND NOT (o.name >= ${text} AND o.name < ${upper})${filters}`,
        orderBy: sql`g.rowid`,
        after: (last: KeyRow) => sql` AND g.rowid > ${last.id}`,
        keys: sql`g.rowid AS id, o.name AS name`,
      }),
    ),
  ];
}

/** SQL counting matches up to TOTAL_CAP + 1 (cheap: at most that many index steps). */
function countSql(q: Query, f: SearchFilters, authorityId: AuthorityRef): SQL {
  const filters = filterSql(f, authorityId);
  let inner: SQL;
  if (q.mode === "uscc") inner = sql`SELECT 1 FROM organizations o WHERE o.uscc = ${q.code}${filters}`;
  else if (q.mode === "filters") inner = sql`SELECT 1 FROM organizations o WHERE 1 = 1${filters}`;
  else if (!hasFilters(f))
    inner = sql`SELECT 1 FROM ${sql.raw(q.index)} WHERE ${sql.raw(q.index)} MATCH ${q.match}`;
  else {
    inner = sql`SELECT 1 FROM ${sql.raw(q.index)} g JOIN organizations o ON o.id = g.rowid
      WHERE ${sql.raw(q.index)} MATCH ${q.match}${filters}`;
  }
  return sql`SELECT count(*) FROM (${inner} LIMIT ${TOTAL_CAP + 1})`;
}

/** The columns of an OrgSummary as one JSON object, rendered by SQLite (o = organizations, a = authorities). */
const SUMMARY_JSON = sql.raw(`json_object('id', o.id, 'uscc', o.uscc, 'name', o.name, 'type', o.type,
  'status', o.status, 'statusOn', o.status_on, 'registeredOn', o.registered_on,
  'legalRepresentative', o.legal_representative, 'address', o.address,
  'authority', json_object('code', a.code, 'name', a.name))`);

/**
 * One page as ONE statement: every segment is an arm of a UNION ALL, each read in its index order and cut at
 * `skip + need` rows, and the outer LIMIT/OFFSET walks the arms in rank order (SQLite runs UNION ALL arms one
 * after another; an empty arm costs one index probe). CROSS JOIN keeps the page as the outer loop, so the
 * aggregate sees the rows in page order; SQLite renders the summaries as JSON.
 */
function pageSql(segments: Segment[], skip: number, need: number): SQL {
  const arms = segments.map(
    (seg) =>
      sql`SELECT id FROM (SELECT ${seg.keys} ${seg.from} ORDER BY ${seg.orderBy} LIMIT ${skip + need})`,
  );
  return sql`SELECT json_group_array(${SUMMARY_JSON})
    FROM (${sql.join(arms, sql` UNION ALL `)} LIMIT ${need} OFFSET ${skip}) p
    CROSS JOIN organizations o ON o.id = p.id CROSS JOIN authorities a ON a.id = o.authority_id`;
}

/**
 * A search and the register version it was read at, in one statement (one consistent read, one round trip):
 * the authority code resolved, the capped count and the page with its summaries.
 */
export async function searchAtVersion(
  db: Db,
  params: SearchParams,
): Promise<{ result: SearchResult; version: number }> {
  const q = classifyQuery(params.q);
  const base = { mode: q.mode, page: params.page, perPage: params.perPage } as const;
  const skip = (params.page - 1) * params.perPage;
  // A code that names no authority matches nothing: -1 is no row id.
  const authorityId =
    params.authorityCode === undefined
      ? undefined
      : sql`coalesce((SELECT id FROM authorities WHERE code = ${params.authorityCode}), -1)`;
  const items =
    skip < TOTAL_CAP ? pageSql(segmentsFor(q, params, authorityId), skip, params.perPage) : sql`'[]'`;
  // A page that is not full but not past the end ends the result: its last row is the last match, so the total is
  // known without counting (SQLite evaluates only the CASE branch taken). Saves the count for rare queries, whose
  // count is the costliest part (an FTS5 phrase scan of common bigrams).
  const rows = await all<{ version: number | null; n: number | null; items: string }>(
    db,
    sql`SELECT version, items, CASE WHEN json_array_length(items) BETWEEN ${skip === 0 ? 0 : 1} AND ${params.perPage - 1}
        THEN NULL ELSE (${countSql(q, params, authorityId)}) END AS n
      FROM (SELECT (SELECT version FROM register_version WHERE id = 1) AS version, coalesce((${items}), '[]') AS items)`,
  );
  const row = rows[0]!;
  const list = JSON.parse(row.items) as OrgSummary[];
  const counted = row.n === null ? skip + list.length : Number(row.n);
  return {
    version: Number(row.version ?? 0),
    result: {
      ...base,
      total: Math.min(counted, TOTAL_CAP),
      totalCapped: counted > TOTAL_CAP,
      items: list,
    },
  };
}

export async function searchOrganizations(db: Db, params: SearchParams): Promise<SearchResult> {
  return (await searchAtVersion(db, params)).result;
}

/** Summaries of `ids`, in that order (the CSV export's batches), rendered as JSON by SQLite. */
async function loadSummaries(db: Db, ids: number[]): Promise<OrgSummary[]> {
  if (ids.length === 0) return [];
  const rows = await all<{ items: string | null }>(
    db,
    sql`SELECT json_group_array(${SUMMARY_JSON}) AS items FROM json_each(${JSON.stringify(ids)}) p
      CROSS JOIN organizations o ON o.id = p.value CROSS JOIN authorities a ON a.id = o.authority_id`,
  );
  return JSON.parse(rows[0]?.items ?? "[]") as OrgSummary[];
}

/** Every match, in the same order as the pages, fetched in keyset batches: constant memory for the CSV export. */
export async function* iterateOrganizations(
  db: Db,
  params: Omit<SearchParams, "page" | "perPage">,
  batchSize = 1000,
): AsyncGenerator<OrgSummary> {
  const q = classifyQuery(params.q);
  const authorityId = await resolveAuthorityId(db, params.authorityCode);
  if (authorityId === null) return;
  for (const seg of segmentsFor(q, params, authorityId)) {
    let last: KeyRow | null = null;
    for (;;) {
      const cond: SQL = last ? seg.after(last) : sql``;
      const rows: KeyRow[] = await all<KeyRow>(
        db,
        sql`SELECT ${seg.keys} ${seg.from}${cond} ORDER BY ${seg.orderBy} LIMIT ${batchSize}`,
      );
      if (rows.length === 0) break;
      yield* await loadSummaries(
        db,
        rows.map((r) => r.id),
      );
      last = rows[rows.length - 1]!;
      if (rows.length < batchSize) break;
    }
  }
}
