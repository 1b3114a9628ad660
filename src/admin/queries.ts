/** Reads and writes of the administrator's reference tables: registration authorities and supervisor units. */
import { eq, inArray, sql } from "drizzle-orm";
import { authorities, organizations, supervisorUnits } from "../../db/schema";
import type { Db } from "../db";
import type { AuthorityRow, SupervisorUnitRow } from "./contract";

export async function listAuthorities(db: Db): Promise<AuthorityRow[]> {
  return (await db.all(sql`
    SELECT a.id, a.code, a.name, a.level, a.region_code AS regionCode, p.name AS parentName
    FROM authorities a LEFT JOIN authorities p ON p.id = a.parent_id ORDER BY a.code`)) as AuthorityRow[];
}

export async function authorityIdByCode(db: Db, code: string): Promise<number | null> {
  const [row] = await db.select({ id: authorities.id }).from(authorities).where(eq(authorities.code, code));
  return row?.id ?? null;
}

export async function authorityExists(db: Db, id: number): Promise<boolean> {
  const [row] = await db.select({ id: authorities.id }).from(authorities).where(eq(authorities.id, id));
  return row !== undefined;
}

export const insertAuthority = (db: Db, a: typeof authorities.$inferInsert) =>
  db.insert(authorities).values(a);

/** Supervisor units, the busiest first, with how many organizations and reviewers each has. */
export async function listSupervisorUnits(db: Db): Promise<SupervisorUnitRow[]> {
  return (await db.all(sql`
    SELECT s.id, s.name, a.name AS authorityName,
      (SELECT count(*) FROM organizations o WHERE o.supervisor_unit_id = s.id) AS orgs,
      (SELECT count(*) FROM users u WHERE u.supervisor_unit_id = s.id) AS reviewers
    FROM supervisor_units s LEFT JOIN authorities a ON a.id = s.authority_id
    ORDER BY orgs DESC, s.name`)) as SupervisorUnitRow[];
}

export async function supervisorUnitNamed(db: Db, name: string): Promise<boolean> {
  const [row] = await db
    .select({ id: supervisorUnits.id })
    .from(supervisorUnits)
    .where(eq(supervisorUnits.name, name));
  return row !== undefined;
}

export const insertSupervisorUnit = (db: Db, name: string, authorityId: number | null) =>
  db.insert(supervisorUnits).values({ name, authorityId });

export async function orgIdByUscc(db: Db, uscc: string): Promise<number | null> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.uscc, uscc));
  return row?.id ?? null;
}

export async function orgNamesByIds(db: Db, ids: number[]): Promise<Map<number, string>> {
  const rows = ids.length
    ? await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, ids))
    : [];
  return new Map(rows.map((r) => [r.id, r.name]));
}
