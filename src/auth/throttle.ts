/**
 * Login throttling arithmetic. Failures are counted per key: per IP (`ip:…`) and per account name
 * (`user:…`, also for names that do not exist, so the answer never tells them apart). After `free` failures every
 * further failure makes the key wait, doubling each time up to `maxMs`. A quiet day forgets the count.
 *
 * The same arithmetic runs inside the database update (src/auth/queries.ts) so concurrent attempts cannot lose an
 * increment; `lockAfterFailure` is the reference the tests hold the SQL to.
 */
export interface ThrottlePolicy {
  /** Failures allowed before the first wait. */
  free: number;
  baseMs: number;
  maxMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseMs: 30_000, maxMs: 15 * 60_000 };
export const IP_POLICY: ThrottlePolicy = { free: 20, baseMs: 30_000, maxMs: 60 * 60_000 };
/** After this long without a failure the count starts again. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000;
/** Doubling stops growing here (2^20 · base is far beyond any max). */
export const MAX_DOUBLINGS = 20;

/** How long a key must wait after its `failures`-th failure (0: it may try again at once). */
export function waitAfterFailures(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  const doublings = Math.min(failures - policy.free, MAX_DOUBLINGS);
  return Math.min(policy.baseMs * 2 ** doublings, policy.maxMs);
}

/** The count after one more failure, forgetting old ones. */
export function failuresAfter(
  previous: { failures: number; lastFailureAt: number } | null,
  now: number,
): number {
  if (!previous || now - previous.lastFailureAt > FAILURE_MEMORY_MS) return 1;
  return previous.failures + 1;
}

/** "3 分 20 秒" for the page that says how long to wait (rounded up to the second). */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes === 0) return `${seconds} 秒`;
  return seconds === 0 ? `${minutes} 分钟` : `${minutes} 分 ${seconds} 秒`;
}
