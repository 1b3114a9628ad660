import { and, eq, isNull, or } from "drizzle-orm";
import { authorities, supervisorUnits } from "../../../db/schema";
import type { Db } from "../../db";
import type { SupervisorUnitGroup } from "../contract";

/**
 * 业务主管单位 by district (R-A11): an applicant at one registration authority names a unit of that authority's
 * district; units not yet placed in a district may be named anywhere.
 */

export const UNIT_OUTSIDE_DISTRICT = "所选业务主管单位不在本登记管理机关的辖区内，请从列表中选择。";

/** The active units an application at `authorityId` may name, grouped under the district's authority. */
export async function supervisorUnitGroups(db: Db, authorityId: number): Promise<SupervisorUnitGroup[]> {
  const rows = await db
    .select({ id: supervisorUnits.id, name: supervisorUnits.name, authorityName: authorities.name })
    .from(supervisorUnits)
    .leftJoin(authorities, eq(authorities.id, supervisorUnits.authorityId))
    .where(
      and(
        eq(supervisorUnits.active, true),
        or(eq(supervisorUnits.authorityId, authorityId), isNull(supervisorUnits.authorityId)),
      ),
    )
    .orderBy(supervisorUnits.name);
  const own = rows.filter((r) => r.authorityName !== null);
  const unplaced = rows.filter((r) => r.authorityName === null);
  const groups: SupervisorUnitGroup[] = [];
  if (own.length > 0) groups.push({ label: `${own[0]!.authorityName}辖区`, units: own });
  if (unplaced.length > 0) groups.push({ label: "其他业务主管单位", units: unplaced });
  return groups.map((g) => ({ label: g.label, units: g.units.map((u) => ({ id: u.id, name: u.name })) }));
}

/** Whether `unitId` is an active unit an application at `authorityId` may name. */
export async function unitInDistrict(db: Db, unitId: number, authorityId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: supervisorUnits.id })
    .from(supervisorUnits)
    .where(
      and(
        eq(supervisorUnits.id, unitId),
        eq(supervisorUnits.active, true),
        or(eq(supervisorUnits.authorityId, authorityId), isNull(supervisorUnits.authorityId)),
      ),
    );
  return row !== undefined;
}
