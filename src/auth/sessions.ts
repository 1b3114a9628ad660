import { and, eq, lt, ne } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { sessions, users } from "../../db/schema";
import type { SessionUser } from "../context";
import type { BatchItem, Db } from "../db";
import { newToken, parseToken, secretMatches } from "./tokens";

/**
 * Sessions after Lucia's recipe (the `lucia` package itself is deprecated by its author): the cookie holds
 * `<id>.<secret>`, the table holds SHA-256(secret); a session ends after `idleMs` without a request, and its last-seen
 * time is written at most hourly so reading pages does not turn into writes.
 */
export const SESSION_REFRESH_MS = 60 * 60_000;
/** With the `host` prefix the browser sees `__Host-session`: Secure, Path=/, no Domain. */
export const SESSION_COOKIE = "session";
export const SESSION_COOKIE_FULL = "__Host-session";

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

/** A new session for `userId`: the statement to put in the login batch, and the token for the cookie. */
export async function newSession(
  db: Db,
  userId: number,
  now: Date,
  meta: SessionMeta,
): Promise<{ id: string; token: string; statement: BatchItem }> {
  const t = await newToken();
  const ms = now.getTime();
  return {
    id: t.id,
    token: t.token,
    statement: db.insert(sessions).values({
      id: t.id,
      userId,
      secretHash: t.secretHash,
      createdAt: ms,
      lastSeenAt: ms,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    }),
  };
}

type UserRow = typeof users.$inferSelect;

export function toSessionUser(u: UserRow, sessionId: string): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    orgId: u.orgId,
    isOrgAdmin: u.isOrgAdmin,
    authorityId: u.authorityId,
    supervisorUnitId: u.supervisorUnitId,
    sessionId,
  };
}

/** The user behind a token, or null (malformed, unknown, wrong secret, idle too long, account not active). */
export async function validateSessionToken(
  db: Db,
  token: string | undefined,
  now: Date,
  idleMs: number,
): Promise<SessionUser | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, parsed.id))
    .limit(1);
  if (!row) return null;
  if (!(await secretMatches(parsed.secret, row.session.secretHash))) return null;
  const ms = now.getTime();
  if (ms - row.session.lastSeenAt > idleMs || row.user.status !== "active") {
    await db.delete(sessions).where(eq(sessions.id, parsed.id));
    return null;
  }
  if (ms - row.session.lastSeenAt >= SESSION_REFRESH_MS) {
    await db.update(sessions).set({ lastSeenAt: ms }).where(eq(sessions.id, parsed.id));
  }
  return toSessionUser(row.user, row.session.id);
}

/** Statements that end sessions: all of a user's, or all but one. */
export function endUserSessions(db: Db, userId: number, exceptId?: string): BatchItem {
  return db
    .delete(sessions)
    .where(
      exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId),
    );
}

export function endSession(db: Db, sessionId: string, userId: number): BatchItem {
  return db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
}

/** Removes sessions idle for longer than `idleMs` (a housekeeping job; validation also refuses them). */
export async function purgeIdleSessions(db: Db, now: Date, idleMs: number): Promise<void> {
  await db.delete(sessions).where(lt(sessions.lastSeenAt, now.getTime() - idleMs));
}

/** A browser-session cookie (no Max-Age): closing the browser ends it; the server enforces the idle limit. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    prefix: "host",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
  });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE, "host");
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { prefix: "host", secure: true, path: "/" });
}
