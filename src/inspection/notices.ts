/**
 * In-app notices (站内通知): the organization hears when its filing is returned or concluded; reviewers hear when
 * something new lands in their queue. A notice is addressed to one user or to everyone acting for an organization,
 * an authority (registrars) or a supervisor unit; read marks are per user.
 */
import { sql } from "drizzle-orm";
import { notices } from "../../db/schema/inspection";
import type { SessionUser } from "../context";
import type { BatchItem, Db } from "../db";
import type { Audience } from "../domain/workflow";
import type { Notice, Result } from "./contract";

/** Where a notice about a filing sends each side. The page routes live under these prefixes. */
export function filingHref(audience: Audience | "admin", filingId: number): string {
  switch (audience) {
    case "org":
      return `/portal/inspections/${filingId}`;
    case "supervisor":
      return `/supervisor/inspections/${filingId}`;
    case "registrar":
    case "admin":
      return `/registrar/inspections/${filingId}`;
  }
}

export type NoticeAddressee =
  | { userId: number }
  | { orgId: number }
  | { authorityId: number }
  | { supervisorUnitId: number };

export function noticeStatement(
  db: Db,
  to: NoticeAddressee,
  text: string,
  href: string,
  at: string,
): BatchItem {
  return db.insert(notices).values({ ...to, text, href, createdAt: at });
}

export async function listNotices(db: Db, user: SessionUser, unreadOnly = false): Promise<Notice[]> {
  const parts = [sql`SELECT id FROM notices WHERE user_id = ${user.id}`];
  if (user.role === "org" && user.orgId !== null) {
    parts.push(sql`SELECT id FROM notices WHERE org_id = ${user.orgId}`);
  }
  if (user.role === "registrar" && user.authorityId !== null) {
    parts.push(sql`SELECT id FROM notices WHERE authority_id = ${user.authorityId}`);
  }
  if (user.role === "supervisor" && user.supervisorUnitId !== null) {
    parts.push(sql`SELECT id FROM notices WHERE supervisor_unit_id = ${user.supervisorUnitId}`);
  }
  const ids = sql.join(parts, sql` UNION ALL `);
  const rows = (await db.all(sql`
    SELECT n.id, n.text, n.href, n.created_at, r.read_at
    FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = ${user.id}
    WHERE n.id IN (${ids}) ${unreadOnly ? sql`AND r.read_at IS NULL` : sql``}
    ORDER BY n.id DESC LIMIT 200`)) as {
    id: number;
    text: string;
    href: string;
    created_at: string;
    read_at: string | null;
  }[];
  return rows.map((r) => ({
    id: Number(r.id),
    text: r.text,
    href: r.href,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

/** Marks every notice the user can see as read by them (nothing anyone else sees changes: no audit event). */
export async function markAllNoticesRead(db: Db, user: SessionUser, at: string): Promise<number> {
  const unread = await listNotices(db, user, true);
  if (unread.length === 0) return 0;
  await db.run(sql`INSERT OR IGNORE INTO notice_reads (notice_id, user_id, read_at)
    SELECT value, ${user.id}, ${at} FROM json_each(${JSON.stringify(unread.map((n) => n.id))})`);
  return unread.length;
}

export async function markNoticeRead(
  db: Db,
  user: SessionUser,
  noticeId: number,
  at: string,
): Promise<Result<Record<never, never>>> {
  const rows = (await db.all(
    sql`SELECT user_id, org_id, authority_id, supervisor_unit_id FROM notices WHERE id = ${noticeId}`,
  )) as {
    user_id: number | null;
    org_id: number | null;
    authority_id: number | null;
    supervisor_unit_id: number | null;
  }[];
  const n = rows[0];
  const mine =
    n &&
    (n.user_id === user.id ||
      (user.role === "org" && n.org_id !== null && n.org_id === user.orgId) ||
      (user.role === "registrar" && n.authority_id !== null && n.authority_id === user.authorityId) ||
      (user.role === "supervisor" &&
        n.supervisor_unit_id !== null &&
        n.supervisor_unit_id === user.supervisorUnitId));
  if (!mine) return { ok: false, code: "not_found", message: "没有这条通知。" };
  // Marking a notice read changes nothing anyone else sees: no audit event.
  await db.run(
    sql`INSERT OR IGNORE INTO notice_reads (notice_id, user_id, read_at) VALUES (${noticeId}, ${user.id}, ${at})`,
  );
  return { ok: true };
}
