import Database from "libsql";

/**
 * Node with the embedded file only: the register version (kept by triggers, read before every cached public answer)
 * through a statement prepared once on a connection of its own. Through @libsql/client every request prepared the
 * statement again: under load that and the client's row handling were a sixth of the server's CPU time for a cached
 * organization page. A read outside any transaction sees the last commit of every connection, as the client did.
 */
export function createVersionReader(path: string): { read(): number; close(): void } {
  const db = new Database(path, { timeout: 5000 });
  const stmt = db.prepare("SELECT version FROM register_version WHERE id = 1");
  return {
    read: () => Number((stmt.get() as { version?: number } | undefined)?.version ?? 0),
    close: () => db.close(),
  };
}
