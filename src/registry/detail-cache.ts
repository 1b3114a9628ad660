/**
 * A small LRU cache for what the public reads about one organization (its page, its API item), validated like the
 * search cache against the register version, which triggers bump on every change to organizations, authorities, 公告,
 * credit list entries and inspection conclusions (migrations 0003, 0006, 0016): an entry is never stale. A public page
 * about one organization then costs one single-row read instead of four queries and a render.
 */
import type { Db } from "../db";
import { registerVersion } from "./search-cache";

export interface DetailCache {
  /** The cached value for `key` at the current register version, or `load()` (kept for the next request). */
  get<T>(db: Db, key: string, load: () => Promise<T>): Promise<T>;
  readonly size: number;
}

export function createDetailCache(maxEntries = 5000): DetailCache {
  let version = -1;
  const entries = new Map<string, unknown>();
  return {
    get size() {
      return entries.size;
    },
    async get<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
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
      // Read after the version: what is loaded is at least as new as the version it is filed under, and any write
      // since bumps the version, which clears it on the next request.
      const value = await load();
      if (version === current) {
        entries.set(key, value);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
  };
}
