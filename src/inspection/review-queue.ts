/** Reviewers: taking and releasing a filing, and the queue of filings waiting for their side. */

import { type SQL, sql } from "drizzle-orm";
import { commitWithAudit } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import { type InspectionState, inspectionStateLabel, REVIEW_QUEUES } from "../domain/inspection-workflow";
import { inScope } from "../domain/workflow";
import { classifyQuery } from "../registry/search";
import type { QueueFilters, QueuePage, Result } from "./contract";
import { auditActorOf, NOT_FOUND, nowIso, STALE, todayOf, workflowActorOf } from "./filing-context";
import {
  authorityTree,
  canSee,
  idList,
  idListText,
  isStaleWrite,
  loadFiling,
  selectFilings,
  shortList,
  staleGuard,
  subjectOf,
  summaryOf,
} from "./queries";

// ---------------------------------------------------------------------------------------------------------------
// Reviewers: take / release

export async function holdChange(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
  version: number,
  take: boolean,
): Promise<Result<{ version: number }>> {
  const db = deps.db;
  const f = await loadFiling(db, filingId);
  if (!f || !(await canSee(db, user, f))) return NOT_FOUND;
  if (user.role !== "registrar" && user.role !== "supervisor") {
    return { ok: false, code: "forbidden_role", message: "只有审查人员可以领取申报。" };
  }
  if (!inScope(workflowActorOf(user), subjectOf(f))) {
    return { ok: false, code: "out_of_scope", message: "下级登记管理机关的申报只能查看，不能领取办理。" };
  }
  if (!Number.isInteger(version) || version < f.actVersion || version > f.version) return STALE;
  if (take) {
    if (REVIEW_QUEUES[f.state] !== user.role) {
      return {
        ok: false,
        code: "not_in_queue",
        message: `该申报当前为“${inspectionStateLabel(f.state)}”，不在您的待办中，不能领取。`,
      };
    }
    if (f.holderUserId === user.id) return { ok: true, version: f.version };
    if (f.holderUserId !== null) {
      return { ok: false, code: "held", message: `该申报已由${f.holderName ?? "其他工作人员"}领取办理。` };
    }
  } else if (f.holderUserId !== user.id) {
    return { ok: false, code: "not_holder", message: "您没有领取这份申报，不能释放。" };
  }
  const at = nowIso(deps);
  const next = f.version + 1;
  try {
    await commitWithAudit(
      db,
      auditActorOf(user),
      [
        db.run(sql`
          UPDATE annual_inspections SET holder_user_id = ${take ? user.id : null}, holder_at = ${take ? at : null},
            version = version + 1, act_version = version + 1, updated_at = ${at}
          WHERE id = ${f.id} AND version = ${f.version}`),
        staleGuard(db),
      ],
      {
        action: take ? "inspection.take" : "inspection.release",
        objectType: "annual_inspection",
        objectId: f.id,
        orgId: f.orgId,
        summary: { year: f.year, state: f.state, version: next },
      },
    );
  } catch (e) {
    if (isStaleWrite(e)) return STALE;
    throw e;
  }
  return { ok: true, version: next };
}

// ---------------------------------------------------------------------------------------------------------------
// Reviewers: the queue

const QUEUE_STATES: Record<"registrar" | "supervisor", InspectionState[]> = {
  registrar: (Object.keys(REVIEW_QUEUES) as InspectionState[]).filter(
    (s) => REVIEW_QUEUES[s] === "registrar",
  ),
  supervisor: (Object.keys(REVIEW_QUEUES) as InspectionState[]).filter(
    (s) => REVIEW_QUEUES[s] === "supervisor",
  ),
};

/** The counters' rows for the reviewer's scope (see inspection_queue_counts). */
function countsScope(user: SessionUser, filters: QueueFilters, authorityIds: number[] | null): SQL {
  const district =
    filters.authorityId !== undefined ? sql` AND c.authority_id = ${filters.authorityId}` : sql``;
  if (user.role === "supervisor") return sql`c.supervisor_unit_id = ${user.supervisorUnitId}${district}`;
  if (authorityIds) return sql`c.authority_id IN ${shortList(authorityIds)}`;
  return sql`1${district}`;
}

const EMPTY_PAGE: QueuePage = { items: [], total: 0, countsByState: {} };

/**
 * The reviewer's queue: longest waiting first. Without a state filter it shows the states waiting for this side
 * (REVIEW_QUEUES); the counts per state cover every state, under the same other filters.
 */
export async function queue(deps: AppDeps, user: SessionUser, filters: QueueFilters): Promise<QueuePage> {
  const db = deps.db;
  const today = todayOf(deps);
  const perPage = Math.min(Math.max(1, Math.trunc(filters.perPage) || 20), 200);
  const page = Math.max(1, Math.trunc(filters.page) || 1);

  // Scope: which index ranges to read.
  let ranges: SQL[];
  let scopeSql: SQL;
  let scopeIds: number[] | null = null;
  let side: "registrar" | "supervisor";
  if (user.role === "registrar" && user.authorityId !== null) {
    const tree = await authorityTree(db, user.authorityId);
    const ids = filters.authorityId !== undefined ? tree.filter((a) => a === filters.authorityId) : tree;
    if (ids.length === 0) return EMPTY_PAGE;
    ranges = ids.map((a) => sql`ai.authority_id = ${a}`);
    scopeIds = ids;
    scopeSql =
      ids.length === 1 ? sql`ai.authority_id = ${ids[0]}` : sql`ai.authority_id IN ${shortList(ids)}`;
    side = "registrar";
  } else if (user.role === "supervisor" && user.supervisorUnitId !== null) {
    scopeSql = sql`ai.supervisor_unit_id = ${user.supervisorUnitId}${
      filters.authorityId !== undefined ? sql` AND ai.authority_id = ${filters.authorityId}` : sql``
    }`;
    ranges = [scopeSql];
    side = "supervisor";
  } else if (user.role === "admin") {
    scopeSql = filters.authorityId !== undefined ? sql`ai.authority_id = ${filters.authorityId}` : sql`1`;
    ranges = [scopeSql];
    side = "registrar";
  } else {
    return EMPTY_PAGE;
  }

  let year = filters.year;
  if (year === undefined) {
    const [y] = (await db.all(sql`SELECT max(year) AS y FROM annual_inspections ai WHERE ${scopeSql}`)) as {
      y: number | null;
    }[];
    if (!y?.y) return EMPTY_PAGE;
    year = Number(y.y);
  }

  const extra: SQL[] = [];
  if (filters.type) extra.push(sql`ai.org_type = ${filters.type}`);
  if (filters.overdue) extra.push(sql`ai.state = 'returned' AND ai.correction_deadline < ${today}`);
  if (filters.hasWarnings) extra.push(sql`ai.warning_count > 0`);
  const q = classifyQuery(filters.q);
  if (q.mode === "uscc") extra.push(sql`ai.org_id = (SELECT id FROM organizations WHERE uscc = ${q.code})`);
  if (q.mode === "name") {
    extra.push(
      q.index === "org_name_tri"
        ? sql`ai.org_id IN (SELECT rowid FROM org_name_tri WHERE org_name_tri MATCH ${q.match})`
        : sql`ai.org_id IN (SELECT rowid FROM org_name_grams WHERE org_name_grams MATCH ${q.match})`,
    );
  }
  const extraSql = extra.length ? sql.join([sql``, ...extra], sql` AND `) : sql``;

  // "Overdue" concerns open corrections: without a state tab it shows the returned filings past their deadline.
  const states = filters.state
    ? [filters.state]
    : filters.overdue
      ? ["returned" as const]
      : QUEUE_STATES[side];
  const offset = (page - 1) * perPage;
  const countsByState: Partial<Record<InspectionState, number>> = {};
  let ids: number[];
  let total: number;

  if (q.mode === "name") {
    // A name fragment: the gram index is the costly part, so one statement matches once and returns both the
    // counts per state and the page.
    const rows = (await db.all(sql`
      WITH hits AS MATERIALIZED (
        SELECT ai.id, ai.state, ai.state_since FROM annual_inspections ai
        WHERE ${scopeSql} AND ai.year = ${year}${extraSql})
      SELECT 'count' AS kind, state, count(*) AS n, NULL AS id FROM hits GROUP BY state
      UNION ALL
      SELECT * FROM (SELECT 'row', state, NULL, id FROM hits WHERE state IN ${idListText(states)}
                     ORDER BY state_since, id LIMIT ${perPage} OFFSET ${offset})`)) as {
      kind: "count" | "row";
      state: InspectionState;
      n: number | null;
      id: number | null;
    }[];
    ids = [];
    for (const r of rows) {
      if (r.kind === "count") countsByState[r.state] = Number(r.n);
      else ids.push(Number(r.id));
    }
    total = states.reduce((sum, st) => sum + (countsByState[st] ?? 0), 0);
  } else {
    // Counts per state: from the trigger-kept counters when the filters are among their dimensions (type,
    // warnings); otherwise (a code, overdue) by counting the few filings those select.
    const counted =
      q.mode === "filters" && !filters.overdue
        ? sql`SELECT c.state, sum(c.n) AS n FROM inspection_queue_counts c
            WHERE ${countsScope(user, filters, scopeIds)} AND c.year = ${year}${
              filters.type ? sql` AND c.org_type = ${filters.type}` : sql``
            }${filters.hasWarnings ? sql` AND c.warned = 1` : sql``} GROUP BY c.state`
        : sql`SELECT ai.state, count(*) AS n FROM annual_inspections ai
            WHERE ${scopeSql} AND ai.year = ${year}${extraSql} GROUP BY ai.state`;
    const counts = (await db.all(counted)) as { state: InspectionState; n: number }[];
    for (const r of counts) if (Number(r.n) > 0) countsByState[r.state] = Number(r.n);
    total = states.reduce((sum, st) => sum + (countsByState[st] ?? 0), 0);
    if (total === 0 || offset >= total) return { items: [], total, countsByState };
    let idsSql: SQL;
    if (user.role === "admin") {
      idsSql = sql`SELECT ai.id FROM annual_inspections ai
        WHERE ${scopeSql} AND ai.year = ${year} AND ai.state IN ${idListText(states)}${extraSql}
        ORDER BY ai.state_since, ai.id LIMIT ${perPage} OFFSET ${offset}`;
    } else {
      // Each (scope range, state) is one index range already in waiting order: read the first offset+perPage of
      // each and merge, instead of sorting every row of the queue.
      const parts: SQL[] = [];
      for (const range of ranges) {
        for (const st of states) {
          parts.push(sql`SELECT * FROM (SELECT ai.id, ai.state_since FROM annual_inspections ai
            WHERE ${range} AND ai.year = ${year} AND ai.state = ${st}${extraSql}
            ORDER BY ai.state_since, ai.id LIMIT ${offset + perPage})`);
        }
      }
      idsSql = sql`SELECT id FROM (${sql.join(parts, sql` UNION ALL `)}) ORDER BY state_since, id LIMIT ${perPage} OFFSET ${offset}`;
    }
    ids = ((await db.all(idsSql)) as { id: number }[]).map((r) => Number(r.id));
  }
  if (ids.length === 0) return { items: [], total, countsByState };
  const rows = await selectFilings(db, sql`ai.id IN ${idList(ids)}`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((id) => summaryOf(byId.get(id)!, today)),
    total,
    countsByState,
  };
}
