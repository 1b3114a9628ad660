import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cliActor } from "../../src/audit/audit";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { importRegisterCsv } from "../../src/registry/import";
import { createUser, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The register's export is a file the importer reads back: re-importing it changes nothing. */
describe("the register's export and import", () => {
  it("an exported register re-imports unchanged, supervised, 直接登记 and 已脱钩 organizations alike", async () => {
    const { db } = await openMemoryDatabase();
    const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
    const [a, b, c] = await insertOrgs(db, [
      { name: "示范市围棋协会" },
      { name: "示范市书法协会" },
      { name: "示范市美术家协会" },
    ]);
    await db.run(
      sql`UPDATE organizations SET supervision_mode = 'supervised', supervisor = '示范市体育局' WHERE id = ${a!.id}`,
    );
    await db.run(
      sql`UPDATE organizations SET supervision_mode = 'direct', supervisor = NULL WHERE id = ${b!.id}`,
    );
    await db.run(
      sql`UPDATE organizations SET supervision_mode = 'decoupled', supervisor = NULL WHERE id = ${c!.id}`,
    );
    const { cookie } = await signIn(db, (await createUser(db, { role: "registrar", authorityId: city })).id);
    const res = await createApp({ db, config: testConfig() }).request("/registrar/export.csv", {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain("已脱钩");
    const r = await importRegisterCsv(db, csv, cliActor("registry:import"));
    expect(r.errors).toEqual([]);
    expect({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 3,
    });
    const modes = (await db.all(
      sql`SELECT supervision_mode AS m, supervisor AS s FROM organizations ORDER BY id`,
    )) as {
      m: string;
      s: string | null;
    }[];
    expect(modes).toEqual([
      { m: "supervised", s: "示范市体育局" },
      { m: "direct", s: null },
      { m: "decoupled", s: null },
    ]);
  });
});
