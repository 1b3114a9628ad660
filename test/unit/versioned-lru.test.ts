import { describe, expect, it } from "vitest";
import { VersionedLru } from "../../src/registry/versioned-lru";

describe("the public caches' versioned LRU store", () => {
  it("lets the least recently used go first once the total weight passes the bound", () => {
    const lru = new VersionedLru<string>(6, (v) => v.length);
    lru.at(1);
    lru.keep("a", "aa", 1);
    lru.keep("b", "bb", 1);
    expect(lru.hit("a")).toBe("aa"); // a is now the most recently used
    lru.keep("c", "ccc", 1);
    expect([lru.has("a"), lru.has("b"), lru.has("c")]).toEqual([true, false, true]);
    expect(lru.weight).toBe(5);
  });

  it("drops everything when the register version moves, and files nothing read at an older version", () => {
    const lru = new VersionedLru<number>(10, () => 1);
    expect(lru.at(1)).toBe(true);
    lru.keep("x", 0, 1);
    expect(lru.at(1)).toBe(false);
    expect(lru.hit("x")).toBe(0);
    expect(lru.at(2)).toBe(true);
    expect(lru.size).toBe(0);
    lru.keep("y", 1, 1); // read before the version moved
    expect(lru.has("y")).toBe(false);
  });
});
