/**
 * A small LRU cache of search results in front of searchOrganizations. An entry is served only while the register
 * version (bumped by triggers on every change to organizations or authorities, migration 0003) is the one it was
 * computed at, so a result is never stale: one indexed single-row read per request replaces the search.
 */

import type { Client } from "@libsql/client";
import type { SearchCache } from "../context";
import type { Db } from "../db";
import { versionReaderOf } from "./read-pool-handle";
import { type SearchParams, type SearchResult, searchAtVersion } from "./search";

export type { SearchCache };

export async function registerVersion(db: Db): Promise<number> {
  // On Node with the embedded file, a statement prepared once (src/registry/version-reader.ts).
  const fast = versionReaderOf(db);
  if (fast) return fast();
  // Otherwise the libSQL client itself: this runs on every request, and drizzle's wrapper costs a third more.
  const client = (db as Db & { $client: Client }).$client;
  const rs = await client.execute("SELECT version FROM register_version WHERE id = 1");
  return Number(rs.rows[0]?.version ?? 0);
}

/** What makes two searches the same (the query's spacing aside). */
function searchKey(params: SearchParams): string {
  return JSON.stringify([
    params.q?.replace(/\s+/g, " ").trim() ?? "",
    params.type,
    params.status,
    params.authorityCode,
    params.withSubordinates === true,
    params.supervisor && ("unitId" in params.supervisor ? params.supervisor.unitId : params.supervisor.mode),
    params.registeredFrom,
    params.registeredTo,
    params.inspection?.year,
    params.inspection?.outcome,
    params.credit,
    params.page,
    params.perPage,
  ]);
}

/** A public search through the cache: served from it while the register is unchanged. */
export function cachedSearch(cache: SearchCache, db: Db, params: SearchParams): Promise<SearchResult> {
  // The search reads the version in the same statement, so the cache can tell whether its result is current.
  return cache.get(db, searchKey(params), () => searchAtVersion(db, params));
}

export function createSearchCache(maxEntries = 5000): SearchCache {
  let version = -1;
  const entries = new Map<string, unknown>();
  return {
    get size() {
      return entries.size;
    },
    async get<T>(db: Db, key: string, compute: () => Promise<{ result: T; version: number }>): Promise<T> {
      const current = await registerVersion(db);
      if (current !== version) {
        entries.clear();
        version = current;
      }
      if (entries.has(key)) {
        const hit = entries.get(key) as T;
        entries.delete(key); // LRU: move to the newest end
        entries.set(key, hit);
        return hit;
      }
      // The result is kept only if computed at the version the entries belong to now (another request may have seen
      // a newer version meanwhile and cleared them).
      const { result, version: at } = await compute();
      if (at === version) {
        entries.set(key, result);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return result;
    },
  };
}
