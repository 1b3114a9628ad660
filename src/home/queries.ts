/** Reads for the role homes: counts and lists, nothing written. */
import { and, count, eq, inArray, ne } from "drizzle-orm";
import {
  authorities,
  organizations,
  registrationApplications,
  supervisorUnits,
  users,
} from "../../db/schema";
import type { Db } from "../db";

export function authoritiesByIds(db: Db, ids: number[]) {
  return db
    .select({ id: authorities.id, code: authorities.code, name: authorities.name })
    .from(authorities)
    .where(inArray(authorities.id, ids))
    .orderBy(authorities.code);
}

/** The registrar's figures for its own authority: active organizations, their accounts, applications waiting. */
export async function registrarCounts(db: Db, authorityId: number) {
  const [[active], [accounts], [waiting]] = await Promise.all([
    db
      .select({ n: count() })
      .from(organizations)
      .where(and(eq(organizations.authorityId, authorityId), eq(organizations.status, "active"))),
    db
      .select({ n: count() })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .where(eq(organizations.authorityId, authorityId)),
    db
      .select({ n: count() })
      .from(registrationApplications)
      .where(
        and(
          eq(registrationApplications.authorityId, authorityId),
          eq(registrationApplications.state, "submitted"),
        ),
      ),
  ]);
  return { active: active?.n ?? 0, orgAccounts: accounts?.n ?? 0, applications: waiting?.n ?? 0 };
}

/** One page of the organizations a supervisor unit supervises, with the unit's name and the total. */
export async function supervisedOrgs(db: Db, unitId: number, page: number, perPage: number) {
  const [[unit], [total], rows] = await Promise.all([
    db.select({ name: supervisorUnits.name }).from(supervisorUnits).where(eq(supervisorUnits.id, unitId)),
    db.select({ n: count() }).from(organizations).where(eq(organizations.supervisorUnitId, unitId)),
    db
      .select({
        uscc: organizations.uscc,
        name: organizations.name,
        status: organizations.status,
        authorityName: authorities.name,
      })
      .from(organizations)
      .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
      .where(eq(organizations.supervisorUnitId, unitId))
      .orderBy(organizations.status, organizations.name)
      .limit(perPage)
      .offset((page - 1) * perPage),
  ]);
  return { unitName: unit?.name ?? "", total: total?.n ?? 0, rows };
}

/** The organization with its authority's name. */
export async function orgWithAuthority(db: Db, orgId: number) {
  const [row] = await db
    .select({ org: organizations, authorityName: authorities.name })
    .from(organizations)
    .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
    .where(eq(organizations.id, orgId));
  return row ?? null;
}

/** The administrator's overview figures. */
export async function adminCounts(db: Db) {
  const [[staff], [orgUsers], [auths], [units]] = await Promise.all([
    db.select({ n: count() }).from(users).where(ne(users.role, "org")),
    db.select({ n: count() }).from(users).where(eq(users.role, "org")),
    db.select({ n: count() }).from(authorities),
    db.select({ n: count() }).from(supervisorUnits),
  ]);
  return {
    staff: staff?.n ?? 0,
    orgUsers: orgUsers?.n ?? 0,
    authorities: auths?.n ?? 0,
    units: units?.n ?? 0,
  };
}
