import { and, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import type { Db } from "../db";
import type { AuditEventRow } from "./contract";

/** Reading the audit log: administrators browse all of it, registrars their organizations' trail. */
export interface AuditFilters {
  username?: string;
  orgId?: number;
  /** Exact action, or a family ending in `.` (e.g. `auth.`). */
  action?: string;
  /** Inclusive dates, YYYY-MM-DD (UTC day boundaries of the stored ISO time). */
  from?: string;
  to?: string;
}

export type { AuditEventRow };

export const AUDIT_PAGE_SIZE = 50;

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Newest first, keyset-paged by id: `before` is the last id of the previous page. */
export async function listAuditEvents(
  db: Db,
  filters: AuditFilters,
  before: number | null,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditEventRow[]; nextBefore: number | null }> {
  const where: SQL[] = [];
  if (filters.username) where.push(eq(auditEvents.actorUsername, filters.username));
  if (filters.orgId !== undefined) where.push(eq(auditEvents.orgId, filters.orgId));
  if (filters.action) {
    where.push(
      filters.action.endsWith(".")
        ? like(auditEvents.action, `${filters.action.replace(/[%_]/g, "")}%`)
        : eq(auditEvents.action, filters.action),
    );
  }
  if (filters.from) where.push(gte(auditEvents.at, filters.from));
  if (filters.to) where.push(lt(auditEvents.at, nextDay(filters.to)));
  if (before !== null) where.push(lt(auditEvents.id, before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1]!.id : null };
}

// The Chinese names live in one module (src/audit/labels.ts); re-exported for the existing callers.
export { ACTION_FAMILIES, ACTION_LABELS, actionLabel } from "./labels";
