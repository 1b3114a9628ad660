import { and, gt, inArray, sql } from "drizzle-orm";
import { loginThrottle } from "../../db/schema";
import type { BatchItem, Db } from "../db";
import {
  ACCOUNT_POLICY,
  FAILURE_MEMORY_MS,
  IP_POLICY,
  MAX_DOUBLINGS,
  type ThrottlePolicy,
  waitAfterFailures,
} from "./throttle";

/** The throttle keys of one login attempt. Names are lower-cased so 'Demo' and 'demo' share a count. */
export function throttleKeys(ip: string | null, username: string) {
  return { ip: `ip:${ip ?? "unknown"}`, user: `user:${username.trim().toLowerCase().slice(0, 80)}` };
}

/** How long until every one of `keys` may try again (0 when none waits). */
export async function throttleWait(db: Db, keys: string[], now: number): Promise<number> {
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys));
  return Math.max(0, ...rows.map((r) => r.lockedUntil - now));
}

/**
 * One more failure for `key`, counted inside the database so concurrent attempts cannot lose an increment. The
 * CASE expressions are `failuresAfter` and `waitAfterFailures` of src/auth/throttle.ts, written in SQL.
 */
export function recordFailure(db: Db, key: string, now: number, policy: ThrottlePolicy): BatchItem {
  const next = sql`(CASE WHEN ${now} - ${loginThrottle.lastFailureAt} > ${FAILURE_MEMORY_MS} THEN 1 ELSE ${loginThrottle.failures} + 1 END)`;
  const wait = sql`(CASE WHEN ${next} < ${policy.free} THEN 0 ELSE min(${policy.baseMs} * (1 << min(${next} - ${policy.free}, ${MAX_DOUBLINGS})), ${policy.maxMs}) END)`;
  return db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now, lockedUntil: now + waitAfterFailures(1, policy) })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: next, lastFailureAt: now, lockedUntil: sql`${now} + ${wait}` },
    });
}

export function clearFailures(db: Db, key: string): BatchItem {
  return db.delete(loginThrottle).where(inArray(loginThrottle.key, [key]));
}

/** SQL for the wait after `next` failures under `policy` (`waitAfterFailures`, written in SQL). */
const waitSql = (next: ReturnType<typeof sql>, policy: ThrottlePolicy) =>
  sql`(CASE WHEN ${next} < ${policy.free} THEN 0 ELSE min(${policy.baseMs} * (1 << min(${next} - ${policy.free}, ${MAX_DOUBLINGS})), ${policy.maxMs}) END)`;

export interface Reservation {
  reserved: boolean;
  /** Whether this attempt's reservation locked a key (the start of a lockout: audited once). */
  lockedNow: boolean;
  /** Attempts refused during the lockout that just ended, to report in this attempt's audit event. */
  throttledBefore: number;
}

/**
 * Reserves one login attempt for an IP key and an account key in ONE statement, before any password is checked: the
 * attempt is counted as a failure on both keys unless either is locked, in which case nothing is counted and the
 * attempt is refused. Concurrent attempts are serialised by the database, so a burst of guesses cannot all pass the
 * check before the first failure is written (check-then-act). A success gives the reservation back (`releaseAttempt`).
 */
export async function reserveAttempt(
  db: Db,
  keys: { ip: string; user: string },
  now: number,
): Promise<Reservation> {
  const before = await db
    .select({ key: loginThrottle.key, throttled: loginThrottle.throttledAttempts })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, [keys.ip, keys.user]), gt(loginThrottle.throttledAttempts, 0)));
  const next = sql`(CASE WHEN ${now} - login_throttle.last_failure_at > ${FAILURE_MEMORY_MS} THEN 1 ELSE login_throttle.failures + 1 END)`;
  const wait = sql`(CASE WHEN login_throttle.key LIKE 'ip:%' THEN ${waitSql(next, IP_POLICY)} ELSE ${waitSql(next, ACCOUNT_POLICY)} END)`;
  const rows = (await db.all(sql`
    INSERT INTO login_throttle (key, failures, last_failure_at, locked_until, throttled_attempts)
    SELECT k.key, 1, ${now}, ${now} + k.wait, 0 FROM (
      SELECT ${keys.ip} AS key, ${waitAfterFailures(1, IP_POLICY)} AS wait
      UNION ALL SELECT ${keys.user}, ${waitAfterFailures(1, ACCOUNT_POLICY)}
    ) AS k
    WHERE NOT EXISTS (
      SELECT 1 FROM login_throttle t WHERE t.key IN (${keys.ip}, ${keys.user}) AND t.locked_until > ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = ${next}, last_failure_at = ${now}, locked_until = ${now} + ${wait}, throttled_attempts = 0
    RETURNING key, locked_until`)) as { key: string; locked_until: number }[];
  if (rows.length === 0) {
    await db
      .update(loginThrottle)
      .set({ throttledAttempts: sql`${loginThrottle.throttledAttempts} + 1` })
      .where(and(inArray(loginThrottle.key, [keys.ip, keys.user]), gt(loginThrottle.lockedUntil, now)));
    return { reserved: false, lockedNow: false, throttledBefore: 0 };
  }
  return {
    reserved: true,
    lockedNow: rows.some((r) => Number(r.locked_until) > now),
    throttledBefore: before.reduce((n, r) => n + r.throttled, 0),
  };
}

/** Gives back a successful attempt's reservation: the account's count is cleared, the IP's loses this attempt. */
export function releaseAttempt(db: Db, keys: { ip: string; user: string }): BatchItem[] {
  const prev = sql`max(${loginThrottle.failures} - 1, 0)`;
  return [
    clearFailures(db, keys.user),
    db
      .update(loginThrottle)
      .set({
        failures: prev,
        lockedUntil: sql`CASE WHEN ${prev} < ${IP_POLICY.free} THEN 0 ELSE ${loginThrottle.lockedUntil} END`,
      })
      .where(inArray(loginThrottle.key, [keys.ip])),
  ];
}
