import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db";
import { migrateDatabase, openNodeDatabase } from "../../src/node-db";
import { createReadPool } from "../../src/registry/read-pool";
import type { ReadPool } from "../../src/registry/read-pool-handle";
import { attachReadPool, attachVersionReader } from "../../src/registry/read-pool-handle";
import { cachedSearch, createSearchCache, registerVersion } from "../../src/registry/search-cache";
import { createVersionReader, forgetOnWrite } from "../../src/registry/version-reader";
import { insertOrgs } from "../support/orgs";

/**
 * Speed: on Node the search reads through worker threads on their own connections. They must answer exactly
 * what the main connection would, and see a write as soon as it is committed (the cache is validated in the same read).
 */
const dir = mkdtempSync(join(tmpdir(), "read-pool-"));
let db: Db;
let pooled: Db;
let pool: ReadPool;

beforeAll(async () => {
  const url = `file:${join(dir, "r.db")}`;
  ({ db } = await openNodeDatabase(url));
  await migrateDatabase(db);
  await insertOrgs(db, [
    { name: "示范市围棋协会" },
    { name: "示范市象棋协会" },
    { name: "东湖区围棋俱乐部协会" },
  ]);
  ({ db: pooled } = await openNodeDatabase(url));
  pool = createReadPool(join(dir, "r.db"), 2);
  attachReadPool(pooled, pool);
});

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the search's read pool", () => {
  it("answers the same as the main connection, ranking included", async () => {
    const params = { q: "围棋", page: 1, perPage: 20 };
    const direct = await cachedSearch(createSearchCache(), db, params);
    const viaPool = await cachedSearch(createSearchCache(), pooled, params);
    expect(viaPool).toEqual(direct);
    expect(viaPool.items.map((o) => o.name)).toEqual(["示范市围棋协会", "东湖区围棋俱乐部协会"]);
  });

  it("sees a committed write at once, through the same cache", async () => {
    const cache = createSearchCache();
    const before = await cachedSearch(cache, pooled, { q: "桥牌", page: 1, perPage: 20 });
    expect(before.total).toBe(0);
    await insertOrgs(db, [{ name: "示范市桥牌协会" }]);
    const after = await cachedSearch(cache, pooled, { q: "桥牌", page: 1, perPage: 20 });
    expect(after.total).toBe(1);
  });

  it("reports a failing statement as an error, not a hang", async () => {
    await expect(pool.all("SELECT * FROM no_such_table", [])).rejects.toThrow(/no_such_table/);
  });

  it("sends the statements asked for in one go as one message per worker, each answered with its own rows", async () => {
    const spy = vi.spyOn(Worker.prototype, "postMessage");
    try {
      const settled = await Promise.allSettled([
        pool.all("SELECT 1 AS n", []),
        pool.all("SELECT ? AS n", [2]),
        pool.all("SELECT * FROM no_such_table", []),
        pool.all("SELECT name FROM organizations WHERE name = ?", ["示范市围棋协会"]),
      ]);
      // A failing statement fails only its own caller; every other answer reaches the one who asked.
      expect(settled.map((s) => (s.status === "fulfilled" ? s.value : String(s.reason)))).toEqual([
        [{ n: 1 }],
        [{ n: 2 }],
        expect.stringMatching(/no_such_table/),
        [{ name: "示范市围棋协会" }],
      ]);
      const batches = spy.mock.calls.map(([m]) => (m as { batch?: unknown[] }).batch).filter((b) => b);
      // Two workers: the four statements went out as two messages, not four.
      expect(batches).toHaveLength(2);
      expect(batches.flat()).toHaveLength(4);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the register version read through a statement prepared once (src/registry/version-reader.ts)", () => {
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it("reads what the client reads, and a write through the app's own connection is seen at once", async () => {
    const reader = createVersionReader(join(dir, "r.db"));
    const { client: own, db: app } = await openNodeDatabase(`file:${join(dir, "r.db")}`);
    forgetOnWrite(own, reader.forget);
    try {
      const before = reader.read();
      expect(before).toBe(await registerVersion(db));
      expect(before).toBeGreaterThan(0);
      // Same turn, no setImmediate between: without forgetOnWrite the kept version would hide this write.
      await insertOrgs(app, [{ name: "示范市登记版本测试协会" }]);
      expect(reader.read()).toBeGreaterThan(before);
      expect(reader.read()).toBe(await registerVersion(db));
      // Attached to a handle, registerVersion (and so every cache) uses it.
      let calls = 0;
      attachVersionReader(app, () => {
        calls++;
        return reader.read();
      });
      expect(await registerVersion(app)).toBe(reader.read());
      expect(calls).toBe(1);
    } finally {
      reader.close();
      own.close();
    }
  });

  it("shares one read among the requests of an event-loop turn and sees another connection's commit from the next", async () => {
    const reader = createVersionReader(join(dir, "r.db"));
    try {
      const before = reader.read();
      // A commit on a connection the reader does not watch (another process: the CLI's jobs, an import).
      await insertOrgs(db, [{ name: "示范市另一进程写入测试协会" }]);
      const afterCommit = await registerVersion(db);
      expect(afterCommit).toBeGreaterThan(before);
      // Every request handled in this turn had arrived before the read, so the kept version is right for them.
      expect(reader.read()).toBe(before);
      await nextTurn();
      expect(reader.read()).toBe(afterCommit);
    } finally {
      reader.close();
    }
  });
});
