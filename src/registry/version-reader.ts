import type { Client, InArgs, InStatement, Transaction } from "@libsql/client";
import Database from "libsql";

/**
 * Node with the embedded file only: the register version (kept by triggers, read before every cached public answer)
 * through a statement prepared once on a connection of its own. Through @libsql/client every request prepared the
 * statement again: under load that and the client's row handling were a sixth of the server's CPU time for a cached
 * organization page.
 *
 * A read is still a read transaction (WAL read locks on the -shm file: ~9 µs alone, ~30 µs under load, a fifth of a
 * cached page's CPU), so the version read is kept until the event loop's next turn (`setImmediate`) and shared by the
 * requests handled in this one. That is never stale for a visitor: every request handled in a turn had arrived when
 * the turn began, before the read, so the read happened during each of them (a commit elsewhere that a visitor saw
 * finish before asking is in it). This process's own writes call `forget` the moment they settle (`forgetOnWrite`),
 * so a request that writes and then reads a cache sees its own write.
 */
export interface VersionReader {
  read(): number;
  /** Drops the version kept for this turn: the next read asks the database. */
  forget(): void;
  close(): void;
}

export function createVersionReader(path: string): VersionReader {
  const db = new Database(path, { timeout: 5000 });
  const stmt = db.prepare("SELECT version FROM register_version WHERE id = 1");
  let known: number | null = null;
  const forget = () => {
    known = null;
  };
  return {
    read: () => {
      if (known !== null) return known;
      known = Number((stmt.get() as { version?: number } | undefined)?.version ?? 0);
      setImmediate(forget);
      return known;
    },
    forget,
    close: () => {
      known = null;
      db.close();
    },
  };
}

/** A statement that begins with SELECT only reads (SQLite's writing WITH clauses begin with WITH). */
const READS_ONLY = /^\s*select\b/i;

/**
 * Makes every statement, batch and transaction of `client` that may write call `forget` before it starts and once it
 * settles, so a version kept for this turn never outlives a write made through the app's own connection. `forget`
 * is registered on the statement's own promise before the caller's `await` is, so it runs before the caller goes on.
 */
export function forgetOnWrite(client: Client, forget: () => void): void {
  const after = <T>(p: Promise<T>): Promise<T> => {
    p.then(forget, forget);
    return p;
  };
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  const executeMultiple = client.executeMultiple.bind(client);
  const migrate = client.migrate.bind(client);
  const transaction = client.transaction.bind(client);
  client.execute = ((stmt: InStatement | string, args?: InArgs) => {
    if (READS_ONLY.test(typeof stmt === "string" ? stmt : stmt.sql)) return execute(stmt as string, args);
    forget();
    return after(execute(stmt as string, args));
  }) as Client["execute"];
  client.batch = ((...args: Parameters<Client["batch"]>) => {
    forget();
    return after(batch(...args));
  }) as Client["batch"];
  client.executeMultiple = (sql: string) => {
    forget();
    return after(executeMultiple(sql));
  };
  client.migrate = ((...args: Parameters<Client["migrate"]>) => {
    forget();
    return after(migrate(...args));
  }) as Client["migrate"];
  client.transaction = ((...args: Parameters<Client["transaction"]>) =>
    after(transaction(...args)).then((tx: Transaction) => {
      const commit = tx.commit.bind(tx);
      tx.commit = () => after(commit());
      return tx;
    })) as Client["transaction"];
}
