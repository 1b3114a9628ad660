// A worker thread that checkpoints the WAL of the embedded database on its own connection (Node only), so the
// server's main thread never copies pages into the database file or waits for the disk's fsync after a commit.
// Plain JavaScript: worker threads start without the TypeScript loader. See src/wal-checkpointer.ts.
import { parentPort, workerData } from "node:worker_threads";
import Database from "libsql";

const db = new Database(workerData.path, { timeout: 5000 });
// This connection never writes, so its own automatic checkpoint would never fire; PASSIVE never waits for a lock.
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try {
    const [r] = checkpoint.all();
    if (workerData.report) parentPort.postMessage({ frames: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err?.message ?? err) });
  }
}, workerData.intervalMs);

parentPort.on("message", ({ close }) => {
  if (!close) return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
