import { sql } from "drizzle-orm";
import { authorities, type OrgStatus, type OrgType, organizations } from "../../db/schema";
import type { Db } from "../../src/db";
import { issueUscc } from "../../src/domain/uscc";
import { indexNameStatement } from "../../src/registry/grams";

/** Test fixtures: authorities and organizations inserted directly, with their search index rows. */
export async function ensureAuthority(
  db: Db,
  a: { code: string; name: string; level?: "city" | "district"; parentCode?: string },
): Promise<number> {
  const existing = (await db.all(sql`SELECT id FROM authorities WHERE code = ${a.code}`)) as { id: number }[];
  if (existing[0]) return existing[0].id;
  const parent = a.parentCode
    ? ((await db.all(sql`SELECT id FROM authorities WHERE code = ${a.parentCode}`)) as { id: number }[])[0]
        ?.id
    : null;
  const [row] = await db
    .insert(authorities)
    .values({
      code: a.code,
      name: a.name,
      regionCode: a.code,
      level: a.level ?? "city",
      parentId: parent ?? null,
    })
    .returning({ id: authorities.id });
  return row!.id;
}

// Far above any seeded sequence, so fixtures never collide with the demo city.
let sequence = 9_000_000;

export interface OrgFixture {
  name: string;
  type?: OrgType;
  status?: OrgStatus;
  authorityCode?: string;
  registeredOn?: string;
  legalRepresentative?: string;
}

export async function insertOrgs(
  db: Db,
  list: OrgFixture[],
): Promise<{ id: number; uscc: string; name: string }[]> {
  const out: { id: number; uscc: string; name: string }[] = [];
  for (const f of list) {
    const authorityCode = f.authorityCode ?? "159900";
    const authorityId = await ensureAuthority(db, {
      code: authorityCode,
      name: `测试${authorityCode}民政局`,
    });
    const type = f.type ?? "social_group";
    const uscc = issueUscc(authorityCode, type, sequence++);
    const status = f.status ?? "active";
    const registeredOn = f.registeredOn ?? "2015-03-01";
    const [row] = await db
      .insert(organizations)
      .values({
        uscc,
        name: f.name,
        type,
        status,
        statusOn: registeredOn,
        authorityId,
        registeredOn,
        legalRepresentative: f.legalRepresentative ?? "张三",
        address: "示范市测试路1号",
      })
      .returning({ id: organizations.id });
    await indexNameStatement(db, row!.id, f.name);
    out.push({ id: row!.id, uscc, name: f.name });
  }
  return out;
}
