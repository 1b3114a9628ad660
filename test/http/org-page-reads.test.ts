import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { migrateDatabase, openNodeDatabase } from "../../src/node-db";
import { createReadPool } from "../../src/registry/read-pool";
import type { ReadPool } from "../../src/registry/read-pool-handle";
import { attachReadPool, attachVersionReader } from "../../src/registry/read-pool-handle";
import { createVersionReader, forgetOnWrite } from "../../src/registry/version-reader";
import { insertOrgs } from "../support/orgs";

/**
 * Speed: on Node an organization's public page and its open-data item read only through the read pool's prepared
 * statements (src/registry/read.ts). A statement on the app's own connection is prepared anew each time on the event
 * loop (libSQL: ~130 µs for a wide SELECT), which is what an uncached page at a million organizations waited on.
 */
const dir = mkdtempSync(join(tmpdir(), "org-page-reads-"));
let client: Client;
let db: Db;
let pool: ReadPool;
let reader: ReturnType<typeof createVersionReader>;
let org: { uscc: string; name: string };
let other: { uscc: string };

beforeAll(async () => {
  const path = join(dir, "r.db");
  ({ client, db } = await openNodeDatabase(`file:${path}`));
  await migrateDatabase(db);
  const made = await insertOrgs(db, [{ name: "示范市读取测试协会" }, { name: "示范市另一读取测试协会" }]);
  org = made[0]!;
  other = made[1]!;
  pool = createReadPool(path, 2);
  attachReadPool(db, pool);
  reader = createVersionReader(path);
  attachVersionReader(db, reader.read);
  forgetOnWrite(client, reader.forget);
});

afterAll(async () => {
  await pool.close();
  reader.close();
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("an organization's public page reads through the read pool", () => {
  it("the page and the API item run no statement on the app's connection, and show the organization", async () => {
    const app = createApp({ db, config: testConfig() });
    // Another organization's page first: the locality's settings are read once and kept for a few seconds.
    expect((await app.request(`/orgs/${other.uscc}`)).status).toBe(200);
    const statements: string[] = [];
    const execute = client.execute.bind(client);
    client.execute = ((stmt: string | { sql: string; args?: never }) => {
      statements.push(typeof stmt === "string" ? stmt : stmt.sql);
      return execute(stmt);
    }) as Client["execute"];
    try {
      const page = await app.request(`/orgs/${org.uscc}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(org.name);
      const item = await app.request(`/api/v1/organizations/${org.uscc}`);
      expect(item.status).toBe(200);
      expect(((await item.json()) as { name: string }).name).toBe(org.name);
    } finally {
      client.execute = execute;
    }
    expect(statements).toEqual([]);
  });
});
