import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { authorities, organizations, registrationApplications, registrationEvents } from "../../../db/schema";
import { readableAuthorityIds } from "../../auth/scope";
import type { SessionUser } from "../../context";
import type { Db } from "../../db";
import type { ApplicationState } from "../../domain/registration-workflow";

/** Lists of applications: the registrar's queue, one application's events, one organization's applications. */

/** The registrar's queue: open applications first, due first. */
export async function registrarQueue(db: Db, user: SessionUser, state: ApplicationState | "open" | "all") {
  const readable = await readableAuthorityIds(db, user);
  const where = and(
    inArray(registrationApplications.authorityId, readable),
    state === "open"
      ? inArray(registrationApplications.state, ["submitted", "returned", "draft"])
      : state === "all"
        ? undefined
        : eq(registrationApplications.state, state),
  );
  return db
    .select({
      app: registrationApplications,
      orgName: organizations.name,
      orgUscc: organizations.uscc,
      authorityName: authorities.name,
    })
    .from(registrationApplications)
    .leftJoin(organizations, eq(organizations.id, registrationApplications.orgId))
    .innerJoin(authorities, eq(authorities.id, registrationApplications.authorityId))
    .where(where)
    .orderBy(
      sql`CASE ${registrationApplications.state} WHEN 'submitted' THEN 0 WHEN 'returned' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END`,
      sql`${registrationApplications.dueOn} IS NULL`,
      registrationApplications.dueOn,
      desc(registrationApplications.id),
    )
    .limit(200);
}

export async function applicationEvents(db: Db, id: number) {
  return db
    .select()
    .from(registrationEvents)
    .where(eq(registrationEvents.applicationId, id))
    .orderBy(registrationEvents.id);
}

export async function orgApplications(db: Db, orgId: number) {
  return db
    .select()
    .from(registrationApplications)
    .where(eq(registrationApplications.orgId, orgId))
    .orderBy(desc(registrationApplications.id));
}
