import { count, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { commitVersioned, systemActor } from "../../src/audit/audit";
import { openMemoryDatabase } from "../../src/node-db";
import { ensureAuthority } from "../support/orgs";

/** The versioned write: an update names the version it read, and a stale one is refused with nothing written. */
describe("a version-checked write", () => {
  it("commits the change, the rest of the batch and its audit event when the version read is still current", async () => {
    const { db } = await openMemoryDatabase();
    const id = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
    const done = await commitVersioned(
      db,
      systemActor("test"),
      [db.run(sql`UPDATE authorities SET name = '示范市民政局（新）' WHERE id = ${id}`)],
      [],
      { action: "admin.authority.update", objectType: "authority", objectId: id },
    );
    expect(done).toBe("done");
    const [row] = (await db.all(sql`SELECT name FROM authorities WHERE id = ${id}`)) as { name: string }[];
    expect(row?.name).toBe("示范市民政局（新）");
    expect((await db.select({ n: count() }).from(auditEvents))[0]?.n).toBe(1);
  });

  it("answers stale and writes nothing, not even the rest of the batch or the audit event, when the update touched no row", async () => {
    const { db } = await openMemoryDatabase();
    const id = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
    const done = await commitVersioned(
      db,
      systemActor("test"),
      [db.run(sql`UPDATE authorities SET name = '甲' WHERE id = ${id} AND 0`)],
      [db.run(sql`UPDATE authorities SET name = '乙' WHERE id = ${id}`)],
      { action: "admin.authority.update", objectType: "authority", objectId: id },
    );
    expect(done).toBe("stale");
    const [row] = (await db.all(sql`SELECT name FROM authorities WHERE id = ${id}`)) as { name: string }[];
    expect(row?.name).toBe("示范市民政局");
    expect((await db.select({ n: count() }).from(auditEvents))[0]?.n).toBe(0);
  });
});
