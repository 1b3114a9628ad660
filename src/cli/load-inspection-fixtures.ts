/** What the annual-inspection load test (src/cli/load-inspection.ts) builds its databases from. */
import { mkdirSync, rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import { organizations } from "../../db/schema";
import type { OrgRow } from "../../db/seed/inspections";
import type { SessionUser } from "../context";
import { type BatchItem, type Db, runBatch } from "../db";
import { issueUscc } from "../domain/uscc";
import { migrateDatabase, openNodeDatabase } from "../node-db";
import { indexNameStatement } from "../registry/grams";

export async function open(url: string): Promise<Db> {
  const { db } = await openNodeDatabase(url);
  await migrateDatabase(db);
  return db;
}

export function freshFile(path: string) {
  mkdirSync("data/load", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  return `file:${path}`;
}

export function sessionUser(u: {
  id: number;
  username: string;
  role: SessionUser["role"];
  orgId?: number | null;
  authorityId?: number | null;
}): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.username,
    role: u.role,
    orgId: u.orgId ?? null,
    isOrgAdmin: true,
    authorityId: u.authorityId ?? null,
    supervisorUnitId: null,
    sessionId: "load",
  };
}

export async function insertUser(
  db: Db,
  username: string,
  role: string,
  orgId: number | null,
  authorityId: number | null,
) {
  const [row] = (await db.all(sql`
    INSERT INTO users (username, display_name, role, org_id, authority_id)
    VALUES (${username}, ${username}, ${role}, ${orgId}, ${authorityId}) RETURNING id`)) as { id: number }[];
  return Number(row!.id);
}

export const WORDS = [
  "爱心",
  "阳光",
  "科技",
  "教育",
  "体育",
  "文化",
  "商会",
  "慈善",
  "养老",
  "青年",
  "书画",
  "环保",
  "物流",
  "医疗",
  "法律",
];
export const KINDS = ["协会", "学会", "研究会", "促进会", "服务中心", "基金会", "联合会"];

/** Inserts organizations with multi-row statements and their name index rows. */
export async function insertOrganizations(
  db: Db,
  list: { authorityId: number; regionCode: string; name: string; type: OrgRow["type"]; seq: number }[],
) {
  const ids: number[] = [];
  for (let i = 0; i < list.length; i += 2000) {
    const part = list.slice(i, i + 2000);
    const statements: BatchItem[] = [];
    for (let k = 0; k < part.length; k += 400) {
      statements.push(
        db.insert(organizations).values(
          part.slice(k, k + 400).map((o) => ({
            uscc: issueUscc(o.regionCode, o.type, o.seq),
            name: o.name,
            type: o.type,
            status: "active" as const,
            statusOn: "2015-03-01",
            authorityId: o.authorityId,
            registeredOn: "2015-03-01",
            legalRepresentative: "张三",
            address: "示范市人民路1号",
            supervisionMode: o.seq % 4 === 0 ? ("direct" as const) : ("supervised" as const),
            foundationKind: o.type === "foundation" ? ("non_public" as const) : null,
          })),
        ),
      );
    }
    await runBatch(db, statements);
    const rows = (await db.all(
      sql`SELECT id, name FROM organizations WHERE id > ${ids.at(-1) ?? 0} ORDER BY id`,
    )) as { id: number; name: string }[];
    await runBatch(
      db,
      rows.map((r) => indexNameStatement(db, r.id, r.name)),
    );
    ids.push(...rows.map((r) => Number(r.id)));
  }
  return ids;
}
