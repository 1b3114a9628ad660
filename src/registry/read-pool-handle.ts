import type { Db } from "../db";

/** The search's optional read executor (Node only: src/registry/read-pool.ts). No Node-only imports here. */
export interface ReadPool {
  all<T>(sql: string, args: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Attaches a read pool to a database handle; the search uses it when present. */
export function attachReadPool(db: Db, pool: ReadPool): void {
  Object.defineProperty(db, "$readPool", { value: pool, enumerable: false });
}

export function readPoolOf(db: Db): ReadPool | undefined {
  return (db as Db & { $readPool?: ReadPool }).$readPool;
}

/** Attaches a synchronous reader of the register version (Node only: src/registry/version-reader.ts). */
export function attachVersionReader(db: Db, read: () => number): void {
  Object.defineProperty(db, "$versionReader", { value: read, enumerable: false });
}

export function versionReaderOf(db: Db): (() => number) | undefined {
  return (db as Db & { $versionReader?: () => number }).$versionReader;
}
