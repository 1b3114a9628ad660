/** The public figures, kept per process: reused while the register is unchanged, one past day computed at a time. */
import { sql } from "drizzle-orm";
import type { AppDeps } from "../context";
import { chinaDateOf } from "../domain/working-days";
import type { StatisticsFilters, StatisticsView } from "./contract";
import { cubeStamp } from "./cubes";
import { statistics } from "./service";

/** How long the public figures are reused while the register's version stays the same. */
const PUBLIC_TTL_MS = 60_000;
interface PublicCache {
  views: Map<string, { version: number; at: number; view: Promise<StatisticsView> }>;
  /** The past view being computed (at most one at a time: each reads the whole register's history). */
  pastInFlight: string | null;
}
/** One cache per database handle (an app and its tests each have their own). */
const publicCaches = new WeakMap<object, PublicCache>();

export class StatisticsBusy extends Error {}

/**
 * The public statistics, reused for a minute while the register's version (kept by triggers) is unchanged, and computed
 * once however many ask at the same moment. A past day's figures read the register's whole history: one is computed
 * at a time, and another asked meanwhile is refused (StatisticsBusy) rather than queued behind it.
 */
export async function publicStatistics(
  deps: AppDeps,
  filters: StatisticsFilters,
  pastDate?: string,
): Promise<StatisticsView> {
  const [row] = (await deps.db.all(sql`SELECT version FROM register_version WHERE id = 1`)) as {
    version: number;
  }[];
  const version = Number(row?.version ?? 0);
  const cache: PublicCache = publicCaches.get(deps.db) ?? { views: new Map(), pastInFlight: null };
  publicCaches.set(deps.db, cache);
  const publicCache = cache.views;
  const key = JSON.stringify([
    filters.authority ?? "",
    filters.type ?? "",
    filters.supervisor ?? "",
    filters.year ?? "",
    pastDate ?? "",
    chinaDateOf(deps.now?.() ?? new Date()),
    deps.config.domain.statisticsMinCell,
    (await cubeStamp(deps.db))?.computedAt ?? "",
  ]);
  const hit = publicCache.get(key);
  if (hit && hit.version === version && Date.now() - hit.at < PUBLIC_TTL_MS) return hit.view;
  if (pastDate) {
    if (cache.pastInFlight !== null && cache.pastInFlight !== key) throw new StatisticsBusy();
    cache.pastInFlight = key;
  }
  const view = statistics(deps, null, filters, pastDate).finally(() => {
    if (cache.pastInFlight === key) cache.pastInFlight = null;
  });
  if (publicCache.size >= 100) publicCache.delete(publicCache.keys().next().value!);
  publicCache.set(key, { version, at: Date.now(), view });
  view.catch(() => publicCache.delete(key));
  return view;
}
