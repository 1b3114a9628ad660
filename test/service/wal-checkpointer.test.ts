import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openNodeDatabase } from "../../src/node-db";
import { SAFETY_NET_PAGES, startWalCheckpointer } from "../../src/wal-checkpointer";

/** The server's WAL is checkpointed by a worker thread, not inside the commits of its main thread. */
describe("WAL checkpointer (src/wal-checkpointer.ts)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("raises the main connection's own threshold to a safety net and copies every committed frame back itself", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wal-"));
    dirs.push(dir);
    const path = join(dir, "db.sqlite");
    const { client } = await openNodeDatabase(`file:${path}`);
    const reports: { frames: number; checkpointed: number }[] = [];
    const checkpointer = await startWalCheckpointer(client, path, {
      intervalMs: 20,
      onReport: (r) => reports.push(r),
    });
    try {
      const [row] = (await client.execute("PRAGMA wal_autocheckpoint")).rows;
      expect(Number(Object.values(row!)[0])).toBe(SAFETY_NET_PAGES);
      await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
      for (let i = 0; i < 20; i++)
        await client.execute({ sql: "INSERT INTO t (v) VALUES (?)", args: ["x".repeat(5000)] });
      // Wait until the worker has seen frames in the WAL and copied all of them.
      const deadline = Date.now() + 5000;
      while (!reports.some((r) => r.frames > 20 && r.checkpointed === r.frames) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(reports.some((r) => r.frames > 20 && r.checkpointed === r.frames)).toBe(true);
    } finally {
      await checkpointer.close();
      client.close();
    }
  });
});
