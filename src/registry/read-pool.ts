import { Worker } from "node:worker_threads";
import { SQLITE_CACHE_KIB } from "../node-db";
import type { ReadPool } from "./read-pool-handle";

/**
 * Node only: runs the search's read statements in worker threads, each with its own connection and prepared-statement
 * cache (src/registry/read-worker.mjs). SQLite work is synchronous, so on the main thread one slow uncached search
 * (a common pair of characters at a million organizations) holds up every other request; off it, cached answers keep
 * flowing. WAL lets the workers read while the main connection writes; the search reads the register version in the
 * same statement, so its cache stays exact. A statement goes to the worker with the fewest waiting. The statements
 * asked for in one go (an organization page's reads start together) travel as one message each way: a message
 * between threads costs the event loop more than a short statement does in the worker. Workers (Cloudflare) and tests
 * run without it.
 */
export function createReadPool(path: string, size = 1): ReadPool {
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(new URL("./read-worker.mjs", import.meta.url), {
      workerData: { path, cacheKib: SQLITE_CACHE_KIB },
    });
    worker.unref();
    const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: Error) => void }>();
    worker.on("message", (answers: { id: number; rows?: unknown[]; error?: string }[]) => {
      for (const m of answers) {
        const p = pending.get(m.id);
        if (!p) continue;
        pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.rows ?? []);
      }
    });
    worker.on("error", (err: unknown) => {
      for (const p of pending.values()) p.reject(err instanceof Error ? err : new Error(String(err)));
      pending.clear();
    });
    /** Statements asked for since the last send, sent together once the current task's microtasks have run. */
    const outbox: { id: number; sql: string; args: readonly unknown[] }[] = [];
    const send = () => {
      worker.postMessage({ batch: outbox.splice(0) });
    };
    return { worker, pending, outbox, send };
  });
  let next = 1;
  return {
    all<T>(sql: string, args: readonly unknown[]) {
      const w = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      return new Promise<T[]>((resolve, reject) => {
        const id = next++;
        w.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        if (w.outbox.push({ id, sql, args }) === 1) queueMicrotask(w.send);
      });
    },
    /** Lets each worker finish its current statement and close its connection, then ends it. */
    async close() {
      await Promise.all(
        workers.map(async ({ worker }) => {
          const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
          worker.postMessage({ close: true });
          const timer = setTimeout(() => void worker.terminate(), 2000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
