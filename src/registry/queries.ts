import { asc, sql } from "drizzle-orm";
import { announcements, authorities, organizations } from "../../db/schema";
import type { Db } from "../db";
import { columnsOf, readAll, rowOf } from "./read";

/** One organization with its authority's code and name, for the public pages and the API (through the read pool). */
export async function orgByUscc(db: Db, uscc: string) {
  const [row] = await readAll<Record<string, unknown>>(
    db,
    sql`SELECT ${columnsOf(organizations, "o")}, a.code AS "authority.code", a.name AS "authority.name"
      FROM organizations o JOIN authorities a ON a.id = o.authority_id WHERE o.uscc = ${uscc} LIMIT 1`,
  );
  if (!row) return null;
  return {
    org: rowOf(organizations, row),
    authority: { code: String(row["authority.code"]), name: String(row["authority.name"]) },
  };
}
export type OrgDetail = NonNullable<Awaited<ReturnType<typeof orgByUscc>>>;

/** An organization's 公告, newest first (through the read pool). */
export async function orgAnnouncements(db: Db, orgId: number) {
  const rows = await readAll<Record<string, unknown>>(
    db,
    sql`SELECT ${columnsOf(announcements, "n")} FROM announcements n WHERE n.org_id = ${orgId}
      ORDER BY n.published_on DESC, n.id DESC`,
  );
  return rows.map((r) => rowOf(announcements, r));
}

export async function listAuthorities(db: Db) {
  return db
    .select({ code: authorities.code, name: authorities.name, level: authorities.level })
    .from(authorities)
    .orderBy(asc(authorities.code));
}
