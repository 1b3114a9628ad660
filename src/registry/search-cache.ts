/**
 * A small LRU cache of search results in front of searchOrganizations. An entry is served only while the register
 * version (bumped by triggers on every change to organizations or authorities, migration 0003) is the one it was
 * computed at, so a result is never stale: one indexed single-row read per request replaces the search.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { type SearchParams, type SearchResult, searchOrganizations } from "./search";

export interface SearchCache {
  search(db: Db, params: SearchParams): Promise<SearchResult>;
  readonly size: number;
}

export async function registerVersion(db: Db): Promise<number> {
  const rows = (await db.all(sql`SELECT version FROM register_version WHERE id = 1`)) as {
    version: number;
  }[];
  return Number(rows[0]?.version ?? 0);
}

export function createSearchCache(maxEntries = 5000): SearchCache {
  let version = -1;
  const entries = new Map<string, SearchResult>();
  return {
    get size() {
      return entries.size;
    },
    async search(db, params) {
      const current = await registerVersion(db);
      if (current !== version) {
        entries.clear();
        version = current;
      }
      const key = JSON.stringify([
        params.q?.replace(/\s+/g, " ").trim() ?? "",
        params.type,
        params.status,
        params.authorityCode,
        params.registeredFrom,
        params.registeredTo,
        params.page,
        params.perPage,
      ]);
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key); // LRU: move to the newest end
        entries.set(key, hit);
        return hit;
      }
      const result = await searchOrganizations(db, params);
      if (current === (await registerVersion(db))) {
        entries.set(key, result);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return result;
    },
  };
}
