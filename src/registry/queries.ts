import { asc, desc, eq } from "drizzle-orm";
import { announcements, authorities, organizations } from "../../db/schema";
import type { Db } from "../db";

export async function orgByUscc(db: Db, uscc: string) {
  const [row] = await db
    .select({ org: organizations, authority: { code: authorities.code, name: authorities.name } })
    .from(organizations)
    .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
    .where(eq(organizations.uscc, uscc))
    .limit(1);
  return row ?? null;
}
export type OrgDetail = NonNullable<Awaited<ReturnType<typeof orgByUscc>>>;

export async function orgAnnouncements(db: Db, orgId: number) {
  return db
    .select()
    .from(announcements)
    .where(eq(announcements.orgId, orgId))
    .orderBy(desc(announcements.publishedOn), desc(announcements.id));
}

export async function listAuthorities(db: Db) {
  return db
    .select({ code: authorities.code, name: authorities.name, level: authorities.level })
    .from(authorities)
    .orderBy(asc(authorities.code));
}
