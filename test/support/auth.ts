import { eq } from "drizzle-orm";
import { supervisorUnits, users } from "../../db/schema";
import { hashPassword } from "../../src/auth/password";
import { newSession, SESSION_COOKIE_FULL, toSessionUser } from "../../src/auth/sessions";
import { testConfig } from "../../src/config";
import type { SessionUser } from "../../src/context";
import type { Db } from "../../src/db";

/** Test fixtures for accounts: users inserted directly, and signed-in sessions as a Cookie header. */
export const TEST_PASSWORD = "a-long-test-passphrase";

let seq = 0;
let hash: Promise<string> | null = null;

export type UserFixture =
  | { role: "admin"; username?: string; displayName?: string }
  | { role: "registrar" | "party"; authorityId: number; username?: string; displayName?: string }
  | { role: "supervisor"; supervisorUnitId: number; username?: string; displayName?: string }
  | { role: "org"; orgId: number; isOrgAdmin?: boolean; username?: string; displayName?: string };

/** An active account with TEST_PASSWORD (hashed with the test parameters). */
export async function createUser(
  db: Db,
  f: UserFixture,
  status: "active" | "pending" | "disabled" = "active",
): Promise<typeof users.$inferSelect> {
  hash ??= hashPassword(TEST_PASSWORD, testConfig().passwordHashing);
  const username = f.username ?? `t${++seq}-${f.role}`;
  const [row] = await db
    .insert(users)
    .values({
      username,
      displayName: f.displayName ?? `测试${f.role}${seq}`,
      role: f.role,
      orgId: f.role === "org" ? f.orgId : null,
      isOrgAdmin: f.role === "org" ? (f.isOrgAdmin ?? true) : false,
      authorityId: f.role === "registrar" || f.role === "party" ? f.authorityId : null,
      supervisorUnitId: f.role === "supervisor" ? f.supervisorUnitId : null,
      status,
      passwordHash: status === "pending" ? null : await hash,
    })
    .returning();
  return row!;
}

/** A session for `userId` written straight to the database; returns the Cookie header and the SessionUser. */
export async function signIn(
  db: Db,
  userId: number,
  now = new Date(),
): Promise<{ cookie: string; user: SessionUser }> {
  const s = await newSession(db, userId, now, { ip: "192.0.2.1", userAgent: "vitest" });
  await db.batch([s.statement]);
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  return { cookie: `${SESSION_COOKIE_FULL}=${s.token}`, user: toSessionUser(u!, s.id) };
}

export async function createSupervisorUnit(db: Db, name: string): Promise<number> {
  const [row] = await db.insert(supervisorUnits).values({ name }).returning({ id: supervisorUnits.id });
  return row!.id;
}

/** Headers for a form POST from this site (CSRF passes on Origin). */
export function formHeaders(cookie?: string): Record<string, string> {
  return {
    "Content-Type": "application/x-www-form-urlencoded",
    Origin: "http://localhost",
    ...(cookie ? { Cookie: cookie } : {}),
  };
}
