import { sql } from "drizzle-orm";
import type { BatchItem, Db } from "../db";

/**
 * Organizations carry their 业务主管单位 as registered text (`supervisor`); reviewers act for a supervisor unit
 * (`supervisor_units`). These statements create a unit for every supervisor name not yet known and link the
 * supervised organizations to it (R-A11: direct and decoupled organizations have no supervisor unit). Used by the
 * demo seed and the importer after they write organizations; idempotent.
 */
export function linkSupervisorUnitStatements(db: Db): BatchItem[] {
  return [
    db.run(sql`INSERT INTO supervisor_units (name)
      SELECT DISTINCT trim(supervisor) FROM organizations
      WHERE supervision_mode = 'supervised' AND supervisor IS NOT NULL AND trim(supervisor) <> ''
      ON CONFLICT (name) DO NOTHING`),
    db.run(sql`UPDATE organizations
      SET supervisor_unit_id = (SELECT s.id FROM supervisor_units s WHERE s.name = trim(organizations.supervisor))
      WHERE supervision_mode = 'supervised' AND supervisor IS NOT NULL
        AND supervisor_unit_id IS NOT (SELECT s.id FROM supervisor_units s WHERE s.name = trim(organizations.supervisor))`),
  ];
}
