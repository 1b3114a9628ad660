import { inArray, sql } from "drizzle-orm";
import { loginThrottle } from "../../db/schema";
import type { BatchItem, Db } from "../db";
import { FAILURE_MEMORY_MS, MAX_DOUBLINGS, type ThrottlePolicy, waitAfterFailures } from "./throttle";

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
