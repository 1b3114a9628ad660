/**
 * Search of the register (domain.md §8; issue 2 "Query semantics").
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
import { type SQL, sql } from "drizzle-orm";
import type { OrgStatus, OrgType } from "../../db/schema";
import type { Db } from "../db";
import { looksLikeUscc, normalizeUscc } from "../domain/uscc";
import { nameMatchExpression } from "./grams";

export const MAX_QUERY_LENGTH = 100;
export const TOTAL_CAP = 10_000;

export interface SearchFilters {
  type?: OrgType;
  status?: OrgStatus;
  authorityCode?: string;
  /** Inclusive, YYYY-MM-DD. */
  registeredFrom?: string;
  registeredTo?: string;
}
export interface SearchParams extends SearchFilters {
  q?: string;
  page: number;
  perPage: number;
}
export interface OrgSummary {
  id: number;
  uscc: string;
  name: string;
  type: OrgType;
  status: OrgStatus;
  statusOn: string;
  registeredOn: string;
  legalRepresentative: string;
  address: string;
  authority: { code: string; name: string };
}
export interface SearchResult {
  mode: "uscc" | "name" | "filters";
  total: number;
  totalCapped: boolean;
  page: number;
  perPage: number;
  items: OrgSummary[];
}

type Query =
  | { mode: "uscc"; code: string }
  | { mode: "name"; text: string; match: string }
  | { mode: "filters" };

/** How a raw query string is understood. Text is trimmed and inner whitespace collapsed. */
export function classifyQuery(raw: string | undefined): Query {
  const text = (raw ?? "").replace(/\s+/g, " ").trim();
  if (text === "") return { mode: "filters" };
  if (looksLikeUscc(text)) return { mode: "uscc", code: normalizeUscc(text) };
  const match = nameMatchExpression(text);
  return match ? { mode: "name", text, match } : { mode: "filters" };
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

const MAX_CHAR = String.fromCodePoint(0x10ffff);

async function resolveAuthorityId(db: Db, code: string | undefined): Promise<number | null | undefined> {
  if (code === undefined) return undefined;
  const rows = (await db.all(sql`SELECT id FROM authorities WHERE code = ${code}`)) as { id: number }[];
  return rows[0]?.id ?? null;
}

function filterSql(f: SearchFilters, authorityId: number | undefined): SQL {
  const parts: SQL[] = [];
  if (f.type) parts.push(sql`o.type = ${f.type}`);
  if (f.status) parts.push(sql`o.status = ${f.status}`);
  if (authorityId !== undefined) parts.push(sql`o.authority_id = ${authorityId}`);
  if (f.registeredFrom) parts.push(sql`o.registered_on >= ${f.registeredFrom}`);
  if (f.registeredTo) parts.push(sql`o.registered_on <= ${f.registeredTo}`);
  return parts.length ? sql.join([sql``, ...parts], sql` AND `) : sql``;
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
  return Boolean(f.type || f.status || f.authorityCode || f.registeredFrom || f.registeredTo);
}

function segmentsFor(q: Query, f: SearchFilters, authorityId: number | undefined): Segment[] {
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
    return statuses.map((st) => ({
      from: sql`FROM organizations o WHERE o.status = ${st}${filters}`,
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
        from: sql`FROM org_name_grams g JOIN organizations o ON o.id = g.rowid
        WHERE org_name_grams MATCH ${q.match} AND o.status IN (${sql.join(
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

/** Counts matches up to TOTAL_CAP + 1 (cheap: at most that many index steps). */
async function countCapped(
  db: Db,
  q: Query,
  f: SearchFilters,
  authorityId: number | undefined,
): Promise<number> {
  const filters = filterSql(f, authorityId);
  const cap = TOTAL_CAP + 1;
  let inner: SQL;
  if (q.mode === "uscc") inner = sql`SELECT 1 FROM organizations o WHERE o.uscc = ${q.code}${filters}`;
  else if (q.mode === "filters") inner = sql`SELECT 1 FROM organizations o WHERE 1 = 1${filters}`;
  else if (!hasFilters(f)) inner = sql`SELECT 1 FROM org_name_grams WHERE org_name_grams MATCH ${q.match}`;
  else {
    inner = sql`SELECT 1 FROM org_name_grams g JOIN organizations o ON o.id = g.rowid
      WHERE org_name_grams MATCH ${q.match}${filters}`;
  }
  const rows = (await db.all(sql`SELECT count(*) AS n FROM (${inner} LIMIT ${cap})`)) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

async function loadSummaries(db: Db, ids: number[]): Promise<OrgSummary[]> {
  if (ids.length === 0) return [];
  const rows = (await db.all(sql`
    SELECT o.id, o.uscc, o.name, o.type, o.status, o.status_on AS statusOn, o.registered_on AS registeredOn,
           o.legal_representative AS legalRepresentative, o.address, a.code AS authorityCode, a.name AS authorityName
    FROM organizations o JOIN authorities a ON a.id = o.authority_id
    WHERE o.id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`)) as (Omit<OrgSummary, "authority"> & { authorityCode: string; authorityName: string })[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { authorityCode, authorityName, ...rest } = r;
    return [{ ...rest, authority: { code: authorityCode, name: authorityName } }];
  });
}

export async function searchOrganizations(db: Db, params: SearchParams): Promise<SearchResult> {
  const q = classifyQuery(params.q);
  const base = { mode: q.mode, page: params.page, perPage: params.perPage } as const;
  const authorityId = await resolveAuthorityId(db, params.authorityCode);
  if (authorityId === null) return { ...base, total: 0, totalCapped: false, items: [] };
  const counted = await countCapped(db, q, params, authorityId);
  const total = Math.min(counted, TOTAL_CAP);
  const totalCapped = counted > TOTAL_CAP;

  let skip = (params.page - 1) * params.perPage;
  let need = params.perPage;
  const ids: number[] = [];
  if (skip < total) {
    for (const seg of segmentsFor(q, params, authorityId)) {
      if (need === 0) break;
      const rows = (await db.all(
        sql`SELECT ${seg.keys} ${seg.from} ORDER BY ${seg.orderBy} LIMIT ${need} OFFSET ${skip}`,
      )) as KeyRow[];
      if (rows.length > 0) {
        ids.push(...rows.map((r) => r.id));
        need -= rows.length;
        skip = 0;
      } else if (skip > 0) {
        // The page starts past this segment: subtract its size (at most `skip`, so the count stays cheap).
        const n = (await db.all(sql`SELECT count(*) AS n FROM (SELECT 1 ${seg.from} LIMIT ${skip})`)) as {
          n: number;
        }[];
        skip -= Number(n[0]?.n ?? 0);
      }
    }
  }
  return { ...base, total, totalCapped, items: await loadSummaries(db, ids) };
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
      const cond = last ? seg.after(last) : sql``;
      const rows = (await db.all(
        sql`SELECT ${seg.keys} ${seg.from}${cond} ORDER BY ${seg.orderBy} LIMIT ${batchSize}`,
      )) as KeyRow[];
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
