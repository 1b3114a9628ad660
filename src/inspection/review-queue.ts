/** Reviewers: taking and releasing a filing, and the queue of filings waiting for their side. */

import { sql } from "drizzle-orm";
import { commitVersioned } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import { type InspectionState, inspectionStateLabel, REVIEW_QUEUES } from "../domain/inspection-workflow";
import { inScope } from "../domain/workflow";
import { classifyQuery } from "../registry/search";
import type { QueueFilters, QueuePage, Result } from "./contract";
import { auditActorOf, NOT_FOUND, nowIso, STALE, todayOf, workflowActorOf } from "./filing-context";
import { canSee, holderChange, idList, loadFiling, selectFilings, subjectOf, summaryOf } from "./queries";
import {
  latestFilingYear,
  nameMatchQueue,
  queueFilterSql,
  queuePageIds,
  queueScope,
  queueStateCounts,
} from "./review-queries";

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
  const done = await commitVersioned(
    db,
    auditActorOf(user),
    [holderChange(db, f, take ? user.id : null, at)],
    [],
    {
      action: take ? "inspection.take" : "inspection.release",
      objectType: "annual_inspection",
      objectId: f.id,
      orgId: f.orgId,
      summary: { year: f.year, state: f.state, version: next },
    },
  );
  return done === "stale" ? STALE : { ok: true, version: next };
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

  const scope = await queueScope(db, user, filters);
  if (!scope) return EMPTY_PAGE;
  const year = filters.year ?? (await latestFilingYear(db, scope.scopeSql));
  if (year === null) return EMPTY_PAGE;
  const q = classifyQuery(filters.q);
  const extraSql = queueFilterSql(filters, today, q);

  // "Overdue" concerns open corrections: without a state tab it shows the returned filings past their deadline.
  const states = filters.state
    ? [filters.state]
    : filters.overdue
      ? ["returned" as const]
      : QUEUE_STATES[scope.side];
  const offset = (page - 1) * perPage;
  const win = { year, extraSql, states, perPage, offset };
  let ids: number[];
  let total: number;
  let countsByState: Partial<Record<InspectionState, number>>;

  if (q.mode === "name") {
    ({ ids, countsByState } = await nameMatchQueue(db, scope, win));
    total = states.reduce((sum, st) => sum + (countsByState[st] ?? 0), 0);
  } else {
    countsByState = await queueStateCounts(db, user, filters, scope, win, q.mode === "filters");
    total = states.reduce((sum, st) => sum + (countsByState[st] ?? 0), 0);
    if (total === 0 || offset >= total) return { items: [], total, countsByState };
    ids = await queuePageIds(db, user.role === "admin", scope, win);
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
