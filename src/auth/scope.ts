import { eq, or } from "drizzle-orm";
import { authorities, organizations } from "../../db/schema";
import type { Actor } from "../audit/audit";
import type { SessionUser } from "../context";
import type { Db } from "../db";

/**
 * Object-level permission: which organizations a user may see and act on.
 * - org: its own organization only;
 * - registrar: acts on organizations of its authority; a city authority also reads its districts' (read-only);
 * - supervisor: the organizations under its 业务主管单位 (read; the inspection decides what it may act on);
 * - admin: reads everything, acts on accounts and settings, not on organizations' filings.
 * Anything else is "not found" for the caller.
 */
export interface OrgAccess {
  org: typeof organizations.$inferSelect;
  /** May change things for this organization (false: read-only view). */
  canAct: boolean;
}

/** The authorities a registrar reads: its own and, for a higher level, its direct children. */
export async function readableAuthorityIds(db: Db, user: SessionUser): Promise<number[]> {
  if ((user.role !== "registrar" && user.role !== "party") || user.authorityId === null) return [];
  const rows = await db
    .select({ id: authorities.id })
    .from(authorities)
    .where(or(eq(authorities.id, user.authorityId), eq(authorities.parentId, user.authorityId)));
  return rows.map((r) => r.id);
}

export function orgAccess(
  user: SessionUser,
  org: typeof organizations.$inferSelect,
  readableAuthorities: number[],
): OrgAccess | null {
  switch (user.role) {
    case "org":
      return user.orgId === org.id ? { org, canAct: true } : null;
    case "registrar":
      if (org.authorityId === user.authorityId) return { org, canAct: true };
      return readableAuthorities.includes(org.authorityId) ? { org, canAct: false } : null;
    case "supervisor":
      return org.supervisorUnitId !== null && org.supervisorUnitId === user.supervisorUnitId
        ? { org, canAct: false }
        : null;
    case "admin":
      return { org, canAct: false };
    case "party":
      // 党建工作审查人员: reads its authority's organizations (and, like a city registrar, its districts'); what it
      // may confirm is decided in src/party, never through canAct.
      return readableAuthorities.includes(org.authorityId) ? { org, canAct: false } : null;
  }
}

/** Loads an organization by code if the user may see it; null means answer 404. */
export async function findOrgFor(db: Db, user: SessionUser, uscc: string): Promise<OrgAccess | null> {
  const [org] = await db
    .select()
    .from(organizations)
    .where(eq(organizations.uscc, uscc.toUpperCase()))
    .limit(1);
  if (!org) return null;
  return orgAccess(user, org, await readableAuthorityIds(db, user));
}

export function actorOf(user: SessionUser, ip: string | null): Actor {
  return { userId: user.id, username: user.username, role: user.role, ip };
}
