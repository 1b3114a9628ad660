/** SQL of the credit lists. */

import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { normalizeForSearch } from "../registry/grams";
import { readAll } from "../registry/read";
import { classifyQuery } from "../registry/search";
import type { Refusal } from "../result";
import type { CaseEvent, CaseRow, PublicEntry, PublishedNotice } from "./contract";

const CASE_COLUMNS = sql`c.id, c.org_id AS "orgId", o.name AS "orgName", o.uscc, c.authority_id AS "authorityId",
  a.name AS "authorityName", c.list, c.ground, c.state, c.facts, c.evidence, c.arisen_on AS "arisenOn",
  c.notice_method AS "noticeMethod", c.notice_served_on AS "noticeServedOn", c.objection_deadline AS "objectionDeadline",
  c.objection_text AS "objectionText", c.decision_on AS "decisionOn", c.decision_reasons AS "decisionReasons",
  c.document_no AS "documentNo", c.listed_on AS "listedOn", c.removed_on AS "removedOn",
  c.removal_reason AS "removalReason", c.removal_document_no AS "removalDocumentNo",
  c.publication_period AS "publicationPeriod", c.version`;
const FROM = sql`credit_cases c JOIN organizations o ON o.id = c.org_id JOIN authorities a ON a.id = c.authority_id`;

export async function caseWithOrg(db: Db, id: number): Promise<CaseRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = (await db.all(sql`SELECT ${CASE_COLUMNS} FROM ${FROM} WHERE c.id = ${id}`)) as CaseRow[];
  return row ?? null;
}

export async function caseEvents(db: Db, caseId: number): Promise<CaseEvent[]> {
  const rows = (await db.all(sql`SELECT action, to_state AS "toState", actor_role AS "actorRole",
    actor_name AS "actorName", at, details FROM credit_events WHERE case_id = ${caseId} ORDER BY id`)) as (Omit<
    CaseEvent,
    "details"
  > & { details: string | null })[];
  return rows.map((r) => ({
    ...r,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  }));
}

export const PAGE_SIZE = 50;

export async function queueRows(db: Db, authorityIds: number[], state: string | undefined, page: number) {
  const where = sql`c.authority_id IN (${sql.join(
    authorityIds.map((id) => sql`${id}`),
    sql`, `,
  )})${state ? sql` AND c.state = ${state}` : sql` AND c.state IN ('candidate', 'notified', 'objected')`}`;
  const [count] = (await db.all(sql`SELECT count(*) AS n FROM credit_cases c WHERE ${where}`)) as {
    n: number;
  }[];
  const rows = (await db.all(sql`SELECT ${CASE_COLUMNS} FROM ${FROM} WHERE ${where}
    ORDER BY c.arisen_on, c.id LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`)) as CaseRow[];
  return { rows, total: Number(count?.n ?? 0) };
}

/**
 * An organization the registrar's own authority registered, by its code; otherwise the refusal shown next to the
 * code field (another authority's organization reads the same as one that does not exist).
 */
export async function ownOrg(
  db: Db,
  user: { role: string; authorityId: number | null },
  uscc: string,
): Promise<{ ok: true; org: { id: number; authorityId: number; name: string } } | Refusal> {
  const org = await orgByCode(db, uscc);
  if (org && user.role === "registrar" && org.authorityId === user.authorityId) return { ok: true, org };
  const m = "本机关登记的组织中没有这个统一社会信用代码。";
  return { ok: false, code: "invalid", message: m, fields: { uscc: m } };
}

export async function orgByCode(db: Db, uscc: string) {
  const [row] = (await db.all(
    sql`SELECT id, authority_id AS "authorityId", name FROM organizations WHERE uscc = ${uscc.toUpperCase()}`,
  )) as { id: number; authorityId: number; name: string }[];
  return row ?? null;
}

export async function orgCaseRows(db: Db, orgId: number): Promise<CaseRow[]> {
  return (await db.all(sql`SELECT ${CASE_COLUMNS} FROM ${FROM}
    WHERE c.org_id = ${orgId} AND c.state <> 'candidate' ORDER BY c.id DESC`)) as CaseRow[];
}

const PUBLIC_COLUMNS = sql`c.id, o.uscc, o.name AS "orgName", a.name AS "authorityName", c.list, c.ground, c.facts,
  c.listed_on AS "listedOn", c.document_no AS "documentNo", c.removed_on AS "removedOn",
  c.removal_reason AS "removalReason", c.removal_document_no AS "removalDocumentNo"`;

/** R-D8: an organization's entries (listed or removed), newest first. */
export async function publicEntriesOf(db: Db, orgId: number): Promise<PublicEntry[]> {
  return (await readAll(
    db,
    sql`SELECT ${PUBLIC_COLUMNS} FROM ${FROM}
    WHERE c.org_id = ${orgId} AND c.state IN ('listed', 'removed') ORDER BY c.listed_on DESC, c.id DESC`,
  )) as PublicEntry[];
}

export interface PublicFilter {
  q?: string;
  list?: string;
  ground?: string;
  authority?: string;
  removed: boolean;
  from?: string;
  to?: string;
  page: number;
  perPage: number;
}

/**
 * A name search reads at most this many matches, in page order, and counts no further: beyond it the total reads
 * "1,000 条以上" (as the register's search caps its count), so the broadest two-character name costs one short read.
 */
export const NAME_COUNT_CAP = 1000;

/**
 * R-D8: the lists, searchable by name or code, current entries by default, removed ones on request. The page is chosen
 * from credit_cases alone (its (state, date) indexes give the order; a code goes through the register's unique index)
 * and only the page's rows are joined to the register, so a national register answers from indexes rather than a sort
 * over every entry. A name is matched against the entries' own copy of their organization's name (kept by triggers,
 * carried in the date indexes), so a search costs at most a read of the list's index, however many of the register's
 * million organizations share the words (协会); its count stops at NAME_COUNT_CAP (`capped`).
 */
export async function publicEntries(
  db: Db,
  f: PublicFilter,
): Promise<{ total: number; capped: boolean; items: PublicEntry[] }> {
  const parts = [f.removed ? sql`c.state = 'removed'` : sql`c.state = 'listed'`];
  if (f.list) parts.push(sql`c.list = ${f.list}`);
  if (f.ground) parts.push(sql`c.ground = ${f.ground}`);
  if (f.authority)
    parts.push(sql`c.authority_id IN (SELECT id FROM authorities WHERE code = ${f.authority})`);
  if (f.from) parts.push(sql`c.listed_on >= ${f.from}`);
  if (f.to) parts.push(sql`c.listed_on <= ${f.to}`);
  let byName = false;
  if (f.q) {
    const q = classifyQuery(f.q);
    if (q.mode === "uscc") parts.push(sql`c.org_id IN (SELECT id FROM organizations WHERE uscc = ${q.code})`);
    else if (q.mode === "name") {
      byName = true;
      parts.push(sql`instr(c.name_key, ${normalizeForSearch(q.text)}) > 0`);
    }
  }
  const where = sql.join(parts, sql` AND `);
  const index = sql.raw(f.removed ? "credit_cases_removed_name_idx" : "credit_cases_listed_name_idx");
  const order = f.removed ? sql`c.removed_on DESC, c.id DESC` : sql`c.listed_on DESC, c.id DESC`;
  const offset = (f.page - 1) * f.perPage;
  let total: number;
  let capped = false;
  let pageIds: ReturnType<typeof sql> | number[];
  const probe = byName
    ? ((await db.all(sql`SELECT c.id FROM credit_cases c INDEXED BY ${index} WHERE ${where} ORDER BY ${order}
        LIMIT ${NAME_COUNT_CAP + 1}`)) as { id: number }[])
    : null;
  if (probe && probe.length <= NAME_COUNT_CAP) {
    // Every match is in hand: the count and the page come from it.
    total = probe.length;
    pageIds = probe.slice(offset, offset + f.perPage).map((r) => r.id);
  } else if (probe) {
    // More matches than the cap: no count, the page from what was read or, further on, from the index.
    total = NAME_COUNT_CAP;
    capped = true;
    pageIds =
      offset + f.perPage <= NAME_COUNT_CAP
        ? probe.slice(offset, offset + f.perPage).map((r) => r.id)
        : sql`SELECT c.id FROM credit_cases c INDEXED BY ${index} WHERE ${where}
            ORDER BY ${order} LIMIT ${f.perPage} OFFSET ${offset}`;
  } else {
    const [count] = (await db.all(sql`SELECT count(*) AS n FROM credit_cases c WHERE ${where}`)) as {
      n: number;
    }[];
    total = Number(count?.n ?? 0);
    pageIds = sql`SELECT c.id FROM credit_cases c WHERE ${where} ORDER BY ${order} LIMIT ${f.perPage} OFFSET ${offset}`;
  }
  if (Array.isArray(pageIds) && pageIds.length === 0) return { total, capped, items: [] };
  const page = Array.isArray(pageIds)
    ? sql`SELECT value AS id FROM json_each(${JSON.stringify(pageIds)})`
    : pageIds;
  const items = (await db.all(sql`
    WITH page AS (${page})
    SELECT ${PUBLIC_COLUMNS} FROM page p JOIN credit_cases c ON c.id = p.id JOIN organizations o ON o.id = c.org_id
      JOIN authorities a ON a.id = c.authority_id ORDER BY ${order}`)) as PublicEntry[];
  return { total, capped, items };
}

export interface PublicEvent extends PublicEntry {
  kind: "listed" | "removed";
  on: string;
}

/** The newest listings and removals (R-D8), for the Atom feed: one row per event, newest first. */
export async function publicEvents(db: Db, list: string | undefined, limit = 100): Promise<PublicEvent[]> {
  const byList = list ? sql` AND c.list = ${list}` : sql``;
  return (await db.all(sql`
    SELECT * FROM (
      SELECT ${PUBLIC_COLUMNS}, 'listed' AS kind, c.listed_on AS "on" FROM ${FROM}
        WHERE c.state IN ('listed', 'removed')${byList}
      UNION ALL
      SELECT ${PUBLIC_COLUMNS}, 'removed' AS kind, c.removed_on AS "on" FROM ${FROM}
        WHERE c.state = 'removed'${byList}
    ) ORDER BY "on" DESC, id DESC LIMIT ${limit}`)) as PublicEvent[];
}

/** R-D7: 事先告知 served by 公告 (the organization unreachable), newest first: what /credit/notices publishes. */
export async function publishedNotices(
  db: Db,
  page: number,
  perPage: number,
): Promise<{ rows: PublishedNotice[]; total: number }> {
  const rows = (await db.all(sql`
    SELECT o.name AS "orgName", o.uscc, a.name AS "authorityName", c.list, c.ground, c.facts,
      c.notice_published_on AS "publishedOn", c.notice_served_on AS "servedOn", c.objection_deadline AS "objectionDeadline"
    FROM ${FROM} WHERE c.notice_method = 'publication' AND c.notice_published_on IS NOT NULL
    ORDER BY c.notice_published_on DESC, c.id DESC LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`)) as PublishedNotice[];
  const [n] = (await db.all(
    sql`SELECT count(*) AS n FROM credit_cases WHERE notice_method = 'publication' AND notice_published_on IS NOT NULL`,
  )) as { n: number }[];
  return { rows, total: Number(n?.n ?? 0) };
}
