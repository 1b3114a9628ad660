/**
 * The administrator's reference data and audit browser: new registration authorities and supervisor units (each
 * written in one batch with its audit event), and the audit log filtered, paged and its chain checked on request.
 */
import { type Actor, commitWithAudit } from "../audit/audit";
import { verifyAuditChain } from "../audit/chain";
import { type AuditFilters, listAuditEvents } from "../audit/queries";
import type { Db } from "../db";
import { validateUscc } from "../domain/uscc";
import type { AuditBrowse } from "./contract";
import {
  authorityExists,
  authorityIdByCode,
  insertAuthority,
  insertSupervisorUnit,
  orgIdByUscc,
  orgNamesByIds,
  supervisorUnitNamed,
} from "./queries";

export type Created = { ok: true } | { ok: false; errors: Record<string, string> };

export interface NewAuthority {
  code: string;
  name: string;
  level: "national" | "province" | "city" | "district";
  parentId: number | null;
}

/** A new registration authority; its code (GB/T 2260) is unique and is also its region code. */
export async function createAuthority(db: Db, actor: Actor, a: NewAuthority): Promise<Created> {
  if (await authorityIdByCode(db, a.code))
    return { ok: false, errors: { code: "这个代码已经有登记管理机关了。" } };
  if (a.parentId !== null && !(await authorityExists(db, a.parentId))) {
    return { ok: false, errors: { parentId: "请选择列表中的上级登记管理机关。" } };
  }
  await commitWithAudit(
    db,
    actor,
    [
      insertAuthority(db, {
        code: a.code,
        name: a.name,
        regionCode: a.code,
        level: a.level,
        parentId: a.parentId,
      }),
    ],
    {
      action: "authority.create",
      objectType: "authority",
      objectId: a.code,
      summary: { name: a.name, level: a.level },
    },
  );
  return { ok: true };
}

/** A new supervisor unit; names are unique. */
/** A new 业务主管单位, placed in one authority's district so that 成立 applicants there can name it (R-A11). */
export async function createSupervisorUnit(
  db: Db,
  actor: Actor,
  name: string,
  authorityId: number | null = null,
): Promise<Created> {
  if (await supervisorUnitNamed(db, name))
    return { ok: false, errors: { name: "已经有这个业务主管单位了。" } };
  if (authorityId !== null && !(await authorityExists(db, authorityId))) {
    return { ok: false, errors: { authorityId: "请选择列表中的登记管理机关。" } };
  }
  await commitWithAudit(db, actor, [insertSupervisorUnit(db, name, authorityId)], {
    action: "supervisor_unit.create",
    objectType: "supervisor_unit",
    objectId: name,
    summary: authorityId !== null ? { authorityId } : undefined,
  });
  return { ok: true };
}

export interface AuditQuery {
  username?: string;
  org?: string;
  action?: string;
  from?: string;
  to?: string;
  before?: number;
}

/**
 * One page of the audit log under the given filters. `errors` holds what the route already found wrong in the
 * filters; the organization and the date range are checked here, and with any error no rows are read.
 */
export async function browseAudit(
  db: Db,
  q: AuditQuery,
  filterErrors: Record<string, string>,
  verifyChain: boolean,
): Promise<AuditBrowse> {
  const { errors, filters } = await auditFilters(db, q, filterErrors);
  const page = filters
    ? await listAuditEvents(db, filters, q.before ?? null)
    : { rows: [], nextBefore: null };
  const chain = verifyChain ? await verifyAuditChain(db) : null;
  return {
    errors,
    rows: page.rows,
    orgNames: await orgNamesOf(db, page.rows),
    nextBefore: page.nextBefore,
    chain: chain ? { checked: chain.checked, firstBroken: chain.firstBroken } : null,
  };
}

/** The query's filters as the log reads them, or (null) the problems with them: the organization and the date range. */
async function auditFilters(
  db: Db,
  q: AuditQuery,
  filterErrors: Record<string, string>,
): Promise<{ errors: Record<string, string>; filters: AuditFilters | null }> {
  const errors = { ...filterErrors };
  let orgId: number | undefined;
  if (q.org) {
    const uscc = q.org.toUpperCase();
    const v = validateUscc(uscc);
    const found = v.ok ? await orgIdByUscc(db, uscc) : null;
    if (found !== null) orgId = found;
    else errors.org = v.ok ? "没有这个统一社会信用代码的社会组织。" : `统一社会信用代码有误：${v.message}`;
  }
  if (q.from && q.to && q.from > q.to) errors.to = "截止日期不能早于起始日期。";
  if (Object.keys(errors).length > 0) return { errors, filters: null };
  const filters: AuditFilters = {
    username: q.username?.toLowerCase() || undefined,
    orgId,
    action: q.action || undefined,
    from: q.from || undefined,
    to: q.to || undefined,
  };
  return { errors, filters };
}

const orgNamesOf = (db: Db, rows: AuditBrowse["rows"]) =>
  orgNamesByIds(db, [...new Set(rows.map((r) => r.orgId).filter((x): x is number => x !== null))]);

/** The most events one CSV export holds; narrow the filters for more. */
export const AUDIT_EXPORT_MAX = 50_000;

/**
 * Every event the filters select (newest first, at most AUDIT_EXPORT_MAX), with the organizations' names, for the
 * audit log's CSV; the filters' problems instead when there are any.
 */
export async function auditExport(
  db: Db,
  q: AuditQuery,
  filterErrors: Record<string, string>,
): Promise<{ errors: Record<string, string>; rows: AuditBrowse["rows"]; orgNames: AuditBrowse["orgNames"] }> {
  const { errors, filters } = await auditFilters(db, q, filterErrors);
  if (!filters) return { errors, rows: [], orgNames: new Map() };
  const rows: AuditBrowse["rows"] = [];
  for (let before: number | null = null; ; ) {
    const page = await listAuditEvents(db, filters, before, 1000);
    rows.push(...page.rows);
    if (page.nextBefore === null || rows.length >= AUDIT_EXPORT_MAX) break;
    before = page.nextBefore;
  }
  const kept = rows.slice(0, AUDIT_EXPORT_MAX);
  return { errors, rows: kept, orgNames: await orgNamesOf(db, kept) };
}
