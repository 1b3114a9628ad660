/**
 * A small LRU cache for what the public reads about one organization (its page, its API item), validated like the
 * search cache against the register version, which triggers bump on every change to organizations, authorities, 公告,
 * credit list entries and inspection conclusions (migrations 0003, 0006, 0016): an entry is never stale. A public page
 * about one organization then costs one single-row read instead of four queries and a render.
 */
import type { DetailCache } from "../context";
import type { Db } from "../db";
import { registerVersion } from "./search-cache";
import { VersionedLru } from "./versioned-lru";

export type { DetailCache };

const one = () => 1;

export function createDetailCache(maxEntries = 10_000): DetailCache {
  const entries = new VersionedLru<unknown>(maxEntries, one);
  return {
    get size() {
      return entries.size;
    },
    async get<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
      const current = await registerVersion(db);
      entries.at(current);
      if (entries.has(key)) return entries.hit(key) as T;
      // Read after the version: what is loaded is at least as new as the version it is filed under, and any write
      // since bumps the version, which clears it on the next request.
      const value = await load();
      entries.keep(key, value, current);
      return value;
    },
  };
}
