import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import {
  ANNOUNCEMENT_KINDS,
  type AnnouncementKind,
  announcements,
  authorities,
  organizations,
} from "../../db/schema";
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

export const xml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** An Atom 1.0 feed (RFC 4287) of the newest announcements matching the filters. */
export function atomFeed(origin: string, selfPath: string, rows: AnnouncementRow[], title: string): string {
  const updated = rows[0] ? `${rows[0].publishedOn}T00:00:00+08:00` : "2000-01-01T00:00:00+08:00";
  const host = new URL(origin).host;
  const entries = rows
    .map(
      (r) => `  <entry>
    <id>tag:${xml(host)},${r.publishedOn}:announcement:${r.id}</id>
    <title>${xml(r.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(`${origin}/orgs/${r.uscc}`)}"/>
    <updated>${r.publishedOn}T00:00:00+08:00</updated>
    <author><name>${xml(r.authorityName)}</name></author>
    <category term="${r.kind}"/>
    <summary type="text">${xml(`${r.body}${r.documentNo ? `（${r.documentNo}）` : ""}`)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(origin + selfPath)}</id>
  <title>${xml(title)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(origin + selfPath)}"/>
  <link rel="alternate" type="text/html" href="${xml(origin + selfPath.replace("/announcements.atom", "/announcements"))}"/>
${entries}
</feed>
`;
}
