/**
 * Public pages rendered once and kept as UTF-8 bytes until the register changes: an organization's page and the
 * search page, for visitors who are not signed in (they all see the same page). Validated like the search and detail
 * caches against the register version, which triggers bump on every change that a public page shows (migrations
 * 0003, 0006, 0016), so a page is never stale. Bytes rather than strings: Node then neither measures nor encodes the
 * text again on every answer (a search page at a million organizations is ~56 KB, most of it the list of authorities).
 * The cache holds at most `maxBytes`, least recently used out first, and admits a page the second time it is asked
 * for: a search nobody repeats (most of them) never pushes out one that people do.
 */
import type { PageCache } from "../context";
import { registerVersion } from "./search-cache";
import { VersionedLru } from "./versioned-lru";

export type { PageCache };

const byteLength = (page: Uint8Array) => page.byteLength;

export function createPageCache(maxBytes = 32 * 1024 * 1024): PageCache {
  const entries = new VersionedLru<Uint8Array>(maxBytes, byteLength);
  /** Keys asked for once since the last clear (bounded: cleared when full). */
  const seen = new Set<string>();
  const encoder = new TextEncoder();
  return {
    get bytes() {
      return entries.weight;
    },
    async get(db, key, render) {
      const current = await registerVersion(db);
      if (entries.at(current)) seen.clear();
      const hit = entries.hit(key);
      if (hit) return hit;
      // Rendered after the version was read: a write meanwhile bumps it, which clears this on the next request.
      const html = await render();
      if (html === null) return null;
      const page = encoder.encode(html);
      if (!seen.has(key)) {
        if (seen.size >= 50_000) seen.clear();
        seen.add(key);
        return page;
      }
      if (page.byteLength <= maxBytes / 16) entries.keep(key, page, current);
      return page;
    },
  };
}
