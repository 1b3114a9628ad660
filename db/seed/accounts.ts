import { sql } from "drizzle-orm";
import { commitWithAudit, systemActor } from "../../src/audit/audit";
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from "../../src/auth/password";
import type { BatchItem, Db } from "../../src/db";
import { users } from "../schema";

/**
 * Demo accounts (demo mode only: the demo seed never runs in production). All share DEMO_PASSWORD; README lists them
 * and `npm start` prints them.
 */
export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_ACCOUNTS = [
  { username: "demo-admin", role: "admin", description: "系统管理员" },
  { username: "demo-registrar", role: "registrar", description: "示范市民政局（市级，可查看各区只读）" },
  { username: "demo-registrar-donghu", role: "registrar", description: "示范市东湖区民政局" },
  { username: "demo-registrar-xishan", role: "registrar", description: "示范市西山区民政局" },
  { username: "demo-registrar-nanhe", role: "registrar", description: "示范市南河区民政局" },
  { username: "demo-party", role: "party", description: "示范市社会组织党委（党建工作审查，确认台账变更）" },
  { username: "demo-supervisor", role: "supervisor", description: "业务主管单位中管辖组织最多的一个" },
  { username: "demo-org", role: "org", description: "一个市级社会团体的单位管理员" },
] as const;

const AUTHORITY_OF: Record<string, string> = {
  "demo-registrar": "159900",
  "demo-party": "159900",
  "demo-registrar-donghu": "159901",
  "demo-registrar-xishan": "159902",
  "demo-registrar-nanhe": "159903",
};

const DISPLAY: Record<string, string> = {
  "demo-admin": "演示管理员",
  "demo-registrar": "演示登记员（市局）",
  "demo-registrar-donghu": "演示登记员（东湖区）",
  "demo-registrar-xishan": "演示登记员（西山区）",
  "demo-registrar-nanhe": "演示登记员（南河区）",
  "demo-party": "演示党建审查员",
  "demo-supervisor": "演示审查员（业务主管单位）",
  "demo-org": "演示单位管理员",
};

/**
 * Creates the demo accounts that do not exist yet (idempotent). demo-supervisor reviews for the supervisor unit with
 * the most active city organizations; demo-org administers the first active supervised 社会团体 of the city under that
 * unit, so the whole inspection loop can be walked with these accounts.
 */
export async function seedDemoAccounts(db: Db, params: ScryptParams = DEFAULT_SCRYPT): Promise<number> {
  const existing = new Set(
    (
      (await db.all(sql`SELECT username FROM users WHERE username LIKE 'demo-%'`)) as { username: string }[]
    ).map((r) => r.username),
  );
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.username));
  if (missing.length === 0) return 0;

  const authorityIds = new Map(
    ((await db.all(sql`SELECT id, code FROM authorities`)) as { id: number; code: string }[]).map((r) => [
      r.code,
      Number(r.id),
    ]),
  );
  const cityId = authorityIds.get("159900");
  const [unit] = (await db.all(sql`
    SELECT supervisor_unit_id AS id FROM organizations
    WHERE authority_id = ${cityId ?? -1} AND status = 'active' AND type = 'social_group' AND supervisor_unit_id IS NOT NULL
    GROUP BY supervisor_unit_id ORDER BY count(*) DESC, supervisor_unit_id LIMIT 1`)) as { id: number }[];
  const [org] = unit
    ? ((await db.all(sql`
    SELECT id FROM organizations
    WHERE authority_id = ${cityId ?? -1} AND status = 'active' AND type = 'social_group' AND supervisor_unit_id = ${unit.id}
    ORDER BY id LIMIT 1`)) as { id: number }[])
    : [];

  const hash = await hashPassword(DEMO_PASSWORD, params);
  const statements: BatchItem[] = [];
  for (const a of missing) {
    const base = {
      username: a.username,
      displayName: DISPLAY[a.username]!,
      status: "active" as const,
      passwordHash: hash,
      passwordChangedAt: new Date().toISOString(),
    };
    if (a.role === "admin") statements.push(db.insert(users).values({ ...base, role: "admin" }));
    if (a.role === "registrar") {
      const authorityId = authorityIds.get(AUTHORITY_OF[a.username]!);
      if (authorityId) statements.push(db.insert(users).values({ ...base, role: "registrar", authorityId }));
    }
    if (a.role === "party") {
      const authorityId = authorityIds.get(AUTHORITY_OF[a.username]!);
      if (authorityId) statements.push(db.insert(users).values({ ...base, role: "party", authorityId }));
    }
    if (a.role === "supervisor" && unit) {
      statements.push(
        db.insert(users).values({ ...base, role: "supervisor", supervisorUnitId: Number(unit.id) }),
      );
    }
    if (a.role === "org" && org) {
      statements.push(
        db.insert(users).values({ ...base, role: "org", orgId: Number(org.id), isOrgAdmin: true }),
      );
    }
  }
  await commitWithAudit(db, systemActor("demo-seed"), statements, {
    action: "demo.accounts",
    objectType: "user",
    summary: { usernames: missing.map((a) => a.username) },
  });
  return statements.length;
}
