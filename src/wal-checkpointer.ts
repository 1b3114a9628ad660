import { Worker } from "node:worker_threads";
import type { Client } from "@libsql/client";

/**
 * Node with the embedded file only. SQLite copies the WAL back into the database file (a checkpoint, with an fsync)
 * inside whichever commit crosses `wal_autocheckpoint`, on the connection that committed: on the server's main thread
 * that is a stall of every request, of hundreds of milliseconds when the disk is busy (a daily job writing 100,000
 * cases crossed it dozens of times). Here a worker thread checkpoints on its own connection every `intervalMs`
 * (PASSIVE: it never blocks a reader or a writer, and a commit still finds the lock free), and the main connection's
 * own threshold is raised to a safety net that fires only if the worker stops.
 */
export interface WalCheckpointer {
  close(): Promise<void>;
}

/** Frames in the WAL (100 MiB of 4 KiB pages) past which the main connection checkpoints itself after all. */
export const SAFETY_NET_PAGES = 25_600;

export async function startWalCheckpointer(
  client: Client,
  path: string,
  options: { intervalMs?: number; onReport?: (r: { frames: number; checkpointed: number }) => void } = {},
): Promise<WalCheckpointer> {
  await client.execute(`PRAGMA wal_autocheckpoint=${SAFETY_NET_PAGES}`);
  const worker = new Worker(new URL("./wal-checkpoint-worker.mjs", import.meta.url), {
    workerData: { path, intervalMs: options.intervalMs ?? 1000, report: Boolean(options.onReport) },
  });
  worker.unref();
  worker.on("message", (m: { frames?: number; checkpointed?: number; error?: string }) => {
    if (m.error !== undefined) console.error("WAL checkpoint failed:", m.error);
    else options.onReport?.({ frames: m.frames ?? 0, checkpointed: m.checkpointed ?? 0 });
  });
  worker.on("error", (err) => console.error("WAL checkpointer stopped:", err));
  return {
    async close() {
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage({ close: true });
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
