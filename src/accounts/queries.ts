/** Reads for account management: accounts by organization or staff, and the bindings an account may be given. */
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { authorities, organizations, orgHistory, supervisorUnits, users } from "../../db/schema";
import type { Db } from "../db";

/** Accounts of one organization, for its administrator and its registrar. */
export function orgAccounts(db: Db, orgId: number) {
  return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(users.id);
}

/** Whether the organization already has an administrator who is not disabled (then colleagues are invited by them). */
export async function hasOrgAdmin(db: Db, orgId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.isOrgAdmin, true), ne(users.status, "disabled")))
    .limit(1);
  return Boolean(row);
}

export function staffAccounts(db: Db) {
  return db
    .select({
      user: users,
      authorityName: authorities.name,
      unitName: supervisorUnits.name,
    })
    .from(users)
    .leftJoin(authorities, eq(authorities.id, users.authorityId))
    .leftJoin(supervisorUnits, eq(supervisorUnits.id, users.supervisorUnitId))
    .where(inArray(users.role, ["registrar", "supervisor", "admin"]))
    .orderBy(users.role, users.username);
}

/** The authorities and supervisor units a staff account may be bound to, as the form lists them. */
export async function staffBindingChoices(db: Db) {
  const [auths, units] = await Promise.all([
    db.select({ id: authorities.id, name: authorities.name }).from(authorities).orderBy(authorities.code),
    db
      .select({ id: supervisorUnits.id, name: supervisorUnits.name })
      .from(supervisorUnits)
      .orderBy(supervisorUnits.name),
  ]);
  return { authorities: auths, units };
}

export async function authorityExists(db: Db, id: number): Promise<boolean> {
  const [row] = await db.select({ id: authorities.id }).from(authorities).where(eq(authorities.id, id));
  return row !== undefined;
}

export async function supervisorUnitExists(db: Db, id: number): Promise<boolean> {
  const [row] = await db
    .select({ id: supervisorUnits.id })
    .from(supervisorUnits)
    .where(eq(supervisorUnits.id, id));
  return row !== undefined;
}

export function authoritiesByIds(db: Db, ids: number[]) {
  return db
    .select({ id: authorities.id, code: authorities.code, name: authorities.name })
    .from(authorities)
    .where(inArray(authorities.id, ids));
}

export async function authorityName(db: Db, id: number): Promise<string> {
  const [row] = await db.select({ name: authorities.name }).from(authorities).where(eq(authorities.id, id));
  return row?.name ?? "";
}

export async function orgUscc(db: Db, orgId: number): Promise<string | null> {
  const [row] = await db
    .select({ uscc: organizations.uscc })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row?.uscc ?? null;
}

export async function orgName(db: Db, orgId: number): Promise<string> {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row?.name ?? "";
}

/** The organization's registration changes, newest first. */
export function orgChanges(db: Db, orgId: number) {
  return db
    .select()
    .from(orgHistory)
    .where(eq(orgHistory.orgId, orgId))
    .orderBy(desc(orgHistory.id))
    .limit(200);
}
