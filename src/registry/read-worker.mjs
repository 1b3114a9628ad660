// A worker thread that runs the public search's read statements on its own libSQL connection (Node only), so a slow
// uncached search never blocks the event loop that answers cached ones, and each statement is prepared once.
// Plain JavaScript: worker threads start without the TypeScript loader. See src/registry/read-pool.ts.
import { parentPort, workerData } from "node:worker_threads";
import Database from "libsql";

const db = new Database(workerData.path, { timeout: 5000 });
// A page cache sized for the register (src/node-db.ts SQLITE_CACHE_KIB): SQLite's default 2 MiB re-reads the same
// pages from the OS on every statement that touches a few thousand organizations.
db.exec(`PRAGMA cache_size = -${Number(workerData.cacheKib) || 65536}`);
const statements = new Map();

function run({ id, sql, args }) {
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size >= 500) statements.clear();
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return { id, rows: stmt.all(...args) };
  } catch (err) {
    return { id, error: String(err?.message ?? err) };
  }
}

// One message carries the statements the main thread asked for in one go (read-pool.ts), answered in one message.
parentPort.on("message", ({ batch, close }) => {
  if (close) {
    // Finish cleanly: no statement is running here now (messages are handled one at a time).
    db.close();
    parentPort.close();
    return;
  }
  parentPort.postMessage(batch.map(run));
});
