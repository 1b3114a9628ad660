import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import {
  ANNOUNCEMENT_KINDS,
  type AnnouncementKind,
  announcements,
  authorities,
  organizations,
} from "../../db/schema";
import { atomFeed as feed } from "../atom";
import type { Db } from "../db";

/** The public 公告 list (成立, 变更, 注销, 撤销) by authority and month, and its Atom feed (R-A7). */
export interface AnnouncementFilters {
  authorityCode?: string;
  /** YYYY-MM */
  month?: string;
  kind?: AnnouncementKind;
}

export const PUBLIC_KINDS: readonly AnnouncementKind[] = ANNOUNCEMENT_KINDS;

function monthRange(month: string): [string, string] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return [`${month}-01`, `${next}-01`];
}

export async function listAnnouncements(db: Db, f: AnnouncementFilters, page: number, perPage: number) {
  const where: SQL[] = [];
  if (f.authorityCode) where.push(eq(authorities.code, f.authorityCode));
  if (f.month) {
    const [from, to] = monthRange(f.month);
    where.push(gte(announcements.publishedOn, from), lt(announcements.publishedOn, to));
  }
  if (f.kind) where.push(eq(announcements.kind, f.kind));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: announcements.id,
        kind: announcements.kind,
        title: announcements.title,
        body: announcements.body,
        documentNo: announcements.documentNo,
        publishedOn: announcements.publishedOn,
        uscc: organizations.uscc,
        orgName: organizations.name,
        authorityName: authorities.name,
      })
      .from(announcements)
      .innerJoin(organizations, eq(organizations.id, announcements.orgId))
      .innerJoin(authorities, eq(authorities.id, announcements.authorityId))
      .where(cond)
      .orderBy(desc(announcements.publishedOn), desc(announcements.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db
      .select({ n: count() })
      .from(announcements)
      .innerJoin(authorities, eq(authorities.id, announcements.authorityId))
      .where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type AnnouncementRow = Awaited<ReturnType<typeof listAnnouncements>>["rows"][number];

/** An Atom 1.0 feed (RFC 4287) of the newest announcements matching the filters. */
export function atomFeed(origin: string, selfPath: string, rows: AnnouncementRow[], title: string): string {
  return feed(
    origin,
    { selfPath, alternatePath: selfPath.replace("/announcements.atom", "/announcements"), title },
    rows.map((r) => ({
      key: `announcement:${r.id}`,
      on: r.publishedOn,
      title: r.title,
      href: `/orgs/${r.uscc}`,
      author: r.authorityName,
      category: r.kind,
      summary: `${r.body}${r.documentNo ? `（${r.documentNo}）` : ""}`,
    })),
  );
}
