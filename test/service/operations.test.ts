import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { cliActor, commitWithAudit } from "../../src/audit/audit";
import { verifyAuditChain } from "../../src/audit/chain";
import { migrateDatabase, openNodeDatabase } from "../../src/node-db";
import { createUser, TEST_PASSWORD } from "../support/auth";
import { insertOrgs } from "../support/orgs";

/**
 * Operations a bureau relies on: a consistent backup of the live database that restores with its audit chain intact,
 * and writes that survive the server being killed mid-burst (every acknowledged write present after a restart).
 */
const dir = mkdtempSync(join(tmpdir(), "operations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsx = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });

describe("npm run backup", () => {
  it("copies a live database consistently; the copy restores with every row and passes audit:verify", async () => {
    const url = `file:${join(dir, "live.db")}`;
    const { db, client } = await openNodeDatabase(url);
    await migrateDatabase(db);
    await insertOrgs(db, [{ name: "备份测试协会" }, { name: "备份测试基金会", type: "foundation" }]);
    for (let i = 0; i < 5; i++) {
      await commitWithAudit(db, cliActor("test"), [], { action: "test.event", summary: { i } });
    }
    const out = join(dir, "backup.db");
    const r = tsx("src/cli/backup.ts", ["--out", out], { DATABASE_URL: url });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("audit chain intact (5 events)");
    // A second backup never overwrites the first.
    expect(tsx("src/cli/backup.ts", ["--out", out], { DATABASE_URL: url }).status).toBe(2);
    client.close();

    const verify = tsx("src/cli/audit-verify.ts", [], { DATABASE_URL: `file:${out}` });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain("Audit chain intact: 5 events verified");
    const restored = await openNodeDatabase(`file:${out}`);
    const names = (await restored.db.all(sql`SELECT name FROM organizations ORDER BY id`)) as {
      name: string;
    }[];
    expect(names.map((n) => n.name)).toEqual(["备份测试协会", "备份测试基金会"]);
    restored.client.close();
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(url: string, port: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      SEED_DEMO: "0",
      APP_ENV: "test",
      JOBS_DAILY_AT: "off",
      READ_WORKERS: "1",
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    },
    stdio: "ignore",
  });
  for (let t = 0; t < 300; t++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("server did not start");
}

describe("writes under kill -9", () => {
  it("every acknowledged write is present after the server is killed mid-burst, and the database and audit chain are intact", async () => {
    const url = `file:${join(dir, "kill.db")}`;
    const setup = await openNodeDatabase(url);
    await migrateDatabase(setup.db);
    await createUser(setup.db, { role: "admin", username: "kill.admin" });
    setup.client.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = await startServer(url, port);
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: new URLSearchParams({ username: "kill.admin", password: TEST_PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const acknowledged: string[] = [];
    let killed = false;
    const create = async (i: number) => {
      const name = `压测业务主管单位${i}`;
      try {
        const res = await fetch(`${base}/admin/supervisor-units`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie },
          body: new URLSearchParams({ name }),
        });
        if (res.status === 303) acknowledged.push(name);
      } catch {
        // the connection died with the server: not acknowledged
      }
      if (!killed && acknowledged.length >= 60) {
        killed = true;
        server.kill("SIGKILL");
      }
    };
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = lane; i < 400 && !killed; i += 8) await create(i);
      }),
    );
    expect(killed).toBe(true);
    if (server.exitCode === null && server.signalCode === null)
      await new Promise((r) => server.once("exit", r));

    server = await startServer(url, port);
    try {
      const check = await openNodeDatabase(url);
      const [integrity] = (await check.db.all(sql`PRAGMA integrity_check`)) as { integrity_check: string }[];
      expect(integrity!.integrity_check).toBe("ok");
      const present = new Set(
        ((await check.db.all(sql`SELECT name FROM supervisor_units`)) as { name: string }[]).map(
          (r) => r.name,
        ),
      );
      expect(acknowledged.filter((n) => !present.has(n))).toEqual([]);
      expect((await verifyAuditChain(check.db)).firstBroken).toBeNull();
      check.client.close();
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      server.kill("SIGKILL");
    }
  }, 60_000);
});
