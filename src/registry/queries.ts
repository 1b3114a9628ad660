import { asc, sql } from "drizzle-orm";
import { announcements, authorities, organizations } from "../../db/schema";
import type { AppDeps } from "../context";
import { publicEntriesOf } from "../credit/queries";
import type { Db } from "../db";
import { publicHistory } from "../inspection/public";
import type { OrgDetail, OrgNotice } from "./contract";
import { SUPERVISION_LABELS } from "./labels";
import { columnsOf, readAll, rowOf } from "./read";

/** One organization with its authority's code and name, for the public pages and the API (through the read pool). */
export async function orgByUscc(db: Db, uscc: string): Promise<OrgDetail | null> {
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
export type { OrgDetail, OrgNotice };

/** An organization's 公告, newest first (through the read pool). */
export async function orgAnnouncements(db: Db, orgId: number): Promise<OrgNotice[]> {
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

/**
 * Everything the public reads about one organization (its page and API item): the register entry, its 公告, its
 * published 年检 conclusions and its credit list entries — through the detail cache when the app has one.
 */
export async function publicDetail(deps: AppDeps, uscc: string) {
  const load = async () => {
    const detail = await orgByUscc(deps.db, uscc);
    if (!detail) return null;
    const [notices, inspections, credit] = await Promise.all([
      orgAnnouncements(deps.db, detail.org.id),
      publicHistory(deps, detail.org.id),
      publicEntriesOf(deps.db, detail.org.id),
    ]);
    return { detail, notices, inspections, credit };
  };
  return deps.detailCache ? deps.detailCache.get(deps.db, `detail:${uscc}`, load) : load();
}

/** 直接登记, 已脱钩 and every 业务主管单位 by name. */
export async function supervisorChoices(db: Db): Promise<{ value: string; label: string }[]> {
  const units = (await readAll(db, sql`SELECT id, name FROM supervisor_units ORDER BY name`)) as {
    id: number;
    name: string;
  }[];
  return [
    { value: "direct", label: SUPERVISION_LABELS.direct },
    { value: "decoupled", label: SUPERVISION_LABELS.decoupled },
    ...units.map((u) => ({ value: String(u.id), label: u.name })),
  ];
}
