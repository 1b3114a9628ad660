/**
 * The store under the public caches (the page cache, the detail cache): least recently used out first, bounded by a
 * total weight (entries, or bytes), and filed under the register version it was read at. When the version moves
 * (triggers bump it on every change a public page shows, migrations 0003, 0006, 0016) everything goes at once, so an
 * entry is never stale. Kept synchronous and allocation-free on a hit: it is on every public request's path.
 */
export class VersionedLru<V> {
  private version = -1;
  private total = 0;
  private readonly entries = new Map<string, V>();

  /** `max` total weight; `weigh` an entry's weight (1 for a count of entries). */
  constructor(
    private readonly max: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }

  /** Moves to `version`, dropping every entry when it differs; true when it did. */
  at(version: number): boolean {
    if (version === this.version) return false;
    this.entries.clear();
    this.total = 0;
    this.version = version;
    return true;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The entry for `key` (check `has` first when a value may be undefined), now the most recently used. */
  hit(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined && !this.entries.has(key)) return undefined;
    this.entries.delete(key); // LRU: move to the newest end
    this.entries.set(key, value as V);
    return value;
  }

  /**
   * Keeps `value` if it was read at the version still current (a write meanwhile moved the version, and what was read
   * may be older than it) and `key` is not kept already; the least recently used go until the total fits.
   */
  keep(key: string, value: V, readAt: number): void {
    if (readAt !== this.version || this.entries.has(key)) return;
    this.entries.set(key, value);
    this.total += this.weigh(value);
    for (const [k, v] of this.entries) {
      if (this.total <= this.max) break;
      this.entries.delete(k);
      this.total -= this.weigh(v);
    }
  }
}
