import { and, eq, gt, isNull } from "drizzle-orm";
import { accountTokens, sessions, users } from "../../db/schema";
import { type Actor, type AuditInput, commitWithAudit } from "../audit/audit";
import type { Config } from "../config";
import type { SessionUser } from "../context";
import type { Db } from "../db";
import { burnPasswordTime, hashPassword, passwordProblem, verifyPassword } from "./password";
import { actorOf } from "./scope";
import { endSession, endUserSessions, newSession, type SessionMeta, toSessionUser } from "./sessions";
import { releaseAttempt, reserveAttempt, throttleKeys, throttleWait } from "./throttle-store";
import { parseToken, secretMatches } from "./tokens";

/** Sign-in, sign-out, activation and one's own password and sessions. */

export type LoginResult =
  | { kind: "ok"; token: string; user: SessionUser }
  /** Unknown user or wrong password: one answer for both. */
  | { kind: "invalid" }
  | { kind: "disabled" }
  | { kind: "throttled"; waitMs: number };

const anonymous = (ip: string | null, username: string): Actor => ({
  userId: null,
  username: username.slice(0, 80),
  role: "public",
  ip,
});

export async function login(
  db: Db,
  config: Config,
  input: { username: string; password: string },
  now: Date,
  meta: SessionMeta,
): Promise<LoginResult> {
  const ms = now.getTime();
  const username = input.username.trim().toLowerCase();
  const keys = throttleKeys(meta.ip, username);
  const reservation = await reserveAttempt(db, keys, ms);
  if (!reservation.reserved) {
    // Counted on the throttle row, not audited one by one: the lockout's start is audited, and its count is reported
    // with the key's next attempt.
    return { kind: "throttled", waitMs: Math.max(1, await throttleWait(db, [keys.ip, keys.user], ms)) };
  }
  const throttleSummary =
    reservation.throttledBefore > 0 ? { throttledAttempts: reservation.throttledBefore } : {};

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  let ok = false;
  let rehash = false;
  if (user?.passwordHash) {
    const v = await verifyPassword(input.password, user.passwordHash, config.passwordHashing);
    ok = v.ok;
    rehash = v.needsRehash;
  } else {
    await burnPasswordTime(input.password, config.passwordHashing);
  }

  if (!ok || !user || user.status !== "active") {
    const reason = !user ? "unknown_user" : !ok ? "wrong_password" : user.status;
    const events: AuditInput[] = [
      {
        action: "auth.login_failed",
        objectType: "user",
        objectId: username,
        orgId: user?.orgId ?? null,
        summary: { reason, ...throttleSummary },
      },
    ];
    if (reservation.lockedNow) {
      const waitMs = await throttleWait(db, [keys.ip, keys.user], ms);
      events.push({
        action: "auth.login_throttled",
        objectType: "user",
        objectId: username,
        orgId: user?.orgId ?? null,
        summary: { reason: "lockout_started", waitSeconds: Math.ceil(waitMs / 1000) },
      });
    }
    // The failure itself was counted by the reservation.
    await commitWithAudit(db, anonymous(meta.ip, username), [], events);
    // A disabled account is named only to someone who knows its password.
    return ok && user?.status === "disabled" ? { kind: "disabled" } : { kind: "invalid" };
  }

  const session = await newSession(db, user.id, now, meta);
  const changes = [
    session.statement,
    ...releaseAttempt(db, keys),
    db.update(users).set({ lastLoginAt: now.toISOString() }).where(eq(users.id, user.id)),
  ];
  if (rehash) {
    changes.push(
      db
        .update(users)
        .set({ passwordHash: await hashPassword(input.password, config.passwordHashing) })
        .where(eq(users.id, user.id)),
    );
  }
  await commitWithAudit(
    db,
    { userId: user.id, username: user.username, role: user.role, ip: meta.ip },
    changes,
    {
      action: "auth.login",
      objectType: "session",
      objectId: session.id.slice(0, 8),
      orgId: user.orgId,
      summary: { ...(rehash ? { passwordRehashed: true } : {}), ...throttleSummary },
    },
  );
  return { kind: "ok", token: session.token, user: toSessionUser(user, session.id) };
}

export async function logout(db: Db, user: SessionUser, ip: string | null): Promise<void> {
  await commitWithAudit(db, actorOf(user, ip), [endSession(db, user.sessionId, user.id)], {
    action: "auth.logout",
    objectType: "session",
    objectId: user.sessionId.slice(0, 8),
    orgId: user.orgId,
  });
}

export interface ActiveSession {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export async function listSessions(
  db: Db,
  user: SessionUser,
  now: Date,
  idleMs: number,
): Promise<ActiveSession[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), gt(sessions.lastSeenAt, now.getTime() - idleMs)));
  return rows
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === user.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt - a.lastSeenAt);
}

/** Ends one of the user's own sessions; false when there is no such session of theirs. */
export async function endOwnSession(db: Db, user: SessionUser, sessionId: string, ip: string | null) {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, user.id)));
  if (!row) return false;
  await commitWithAudit(db, actorOf(user, ip), [endSession(db, sessionId, user.id)], {
    action: "auth.session_ended",
    objectType: "session",
    objectId: sessionId.slice(0, 8),
    orgId: user.orgId,
  });
  return true;
}

export type PasswordChangeResult =
  | { kind: "ok"; token: string; endedOthers: number }
  | { kind: "invalid"; errors: Record<string, string> };

/** Changes one's own password: every session of the user ends, and this browser gets a fresh one. */
export async function changePassword(
  db: Db,
  config: Config,
  user: SessionUser,
  input: { current: string; password: string; confirm: string },
  now: Date,
  meta: SessionMeta,
): Promise<PasswordChangeResult> {
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  if (!row?.passwordHash) return { kind: "invalid", errors: { current: "当前密码不正确。" } };
  const errors: Record<string, string> = {};
  const v = await verifyPassword(input.current, row.passwordHash, config.passwordHashing);
  if (!v.ok) errors.current = "当前密码不正确。";
  const problem = passwordProblem(input.password, user.username);
  if (problem) errors.password = problem;
  else if (input.password === input.current) errors.password = "新密码不能与当前密码相同。";
  if (!errors.password && input.password !== input.confirm) errors.confirm = "两次输入的新密码不一致。";
  if (Object.keys(errors).length > 0) return { kind: "invalid", errors };

  const others = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
  const session = await newSession(db, user.id, now, meta);
  await commitWithAudit(
    db,
    actorOf(user, meta.ip),
    [
      db
        .update(users)
        .set({
          passwordHash: await hashPassword(input.password, config.passwordHashing),
          passwordChangedAt: now.toISOString(),
          version: row.version + 1,
          updatedAt: now.toISOString(),
        })
        .where(eq(users.id, user.id)),
      endUserSessions(db, user.id),
      session.statement,
    ],
    {
      action: "account.password_changed",
      objectType: "user",
      objectId: user.username,
      orgId: user.orgId,
      summary: { sessionsEnded: others.length },
    },
  );
  return { kind: "ok", token: session.token, endedOthers: Math.max(0, others.length - 1) };
}

export interface ActivationTarget {
  tokenId: string;
  user: typeof users.$inferSelect;
}

/** The pending account an activation link opens, or null (unknown, used, expired, or the account is not pending). */
export async function findActivation(db: Db, token: string, now: Date): Promise<ActivationTarget | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db
    .select({ token: accountTokens, user: users })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(
      and(
        eq(accountTokens.id, parsed.id),
        eq(accountTokens.purpose, "activation"),
        isNull(accountTokens.usedAt),
      ),
    );
  if (!row || !(await secretMatches(parsed.secret, row.token.secretHash))) return null;
  if (row.token.expiresAt <= now.getTime() || row.user.status !== "pending") return null;
  return { tokenId: row.token.id, user: row.user };
}

export type ActivationResult =
  | { kind: "ok" }
  | { kind: "gone" }
  | { kind: "invalid"; errors: Record<string, string> };

export async function activate(
  db: Db,
  config: Config,
  token: string,
  input: { password: string; confirm: string },
  now: Date,
  ip: string | null,
): Promise<ActivationResult> {
  const target = await findActivation(db, token, now);
  if (!target) return { kind: "gone" };
  const problem = passwordProblem(input.password, target.user.username);
  if (problem) return { kind: "invalid", errors: { password: problem } };
  if (input.password !== input.confirm)
    return { kind: "invalid", errors: { confirm: "两次输入的密码不一致。" } };
  const u = target.user;
  await commitWithAudit(
    db,
    { userId: u.id, username: u.username, role: u.role, ip },
    [
      db
        .update(users)
        .set({
          passwordHash: await hashPassword(input.password, config.passwordHashing),
          passwordChangedAt: now.toISOString(),
          status: "active",
          version: u.version + 1,
          updatedAt: now.toISOString(),
        })
        .where(and(eq(users.id, u.id), eq(users.status, "pending"))),
      db.update(accountTokens).set({ usedAt: now.getTime() }).where(eq(accountTokens.id, target.tokenId)),
    ],
    { action: "account.activated", objectType: "user", objectId: u.username, orgId: u.orgId },
  );
  return { kind: "ok" };
}
