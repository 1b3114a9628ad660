import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { NAME_COUNT_CAP, publicEntries } from "../../src/credit/queries";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/**
 * R-D8: the public lists search by name against each entry's copy of its organization's current name, kept by
 * triggers. The search reads the list's own index: the first matches in page order, and a count only when there are
 * more of them than one read holds.
 */
let db: Db;
let authorityId: number;

async function list(
  orgIds: number[],
  state: "listed" | "removed",
  day = (i: number) => `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
) {
  for (let i = 0; i < orgIds.length; i += 200) {
    const values = orgIds.slice(i, i + 200).map(
      (orgId, j) =>
        sql`(${orgId}, ${authorityId}, 'abnormal', 'd1_1', ${state}, '未按规定参加年检', '2026-01-01', ${day(i + j)},
        ${state === "removed" ? "2026-06-01" : null}, ${state === "removed" ? "cured" : null}, '30')`,
    );
    await db.run(sql`INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, arisen_on, listed_on,
      removed_on, removal_reason, publication_period) VALUES ${sql.join(values, sql`, `)}`);
  }
}

const search = (q: string, page = 1, removed = false) => publicEntries(db, { q, removed, page, perPage: 20 });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  authorityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
});

describe("R-D8: the public lists' name search", () => {
  it("a term shared by many entries: the exact count up to the cap, every page in date order, and past the cap no count", async () => {
    const orgs = await insertOrgs(
      db,
      Array.from({ length: 1100 }, (_, i) => ({
        name: i % 2 === 0 ? `示范市第${i}协会` : `示范市第${i}研究会`,
      })),
    );
    await list(
      orgs.map((o) => o.id),
      "listed",
    );
    const first = await search("协会");
    expect({ total: first.total, capped: first.capped }).toEqual({ total: 550, capped: false });
    expect(first.items).toHaveLength(20);
    const dates = first.items.map((e) => e.listedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
    // 1,100 share 示范: the count stops at the cap, and pages past it still come from the index in the same order.
    const broad = await search("示范");
    expect({ total: broad.total, capped: broad.capped }).toEqual({ total: NAME_COUNT_CAP, capped: true });
    const all = [];
    for (let p = 1; p <= 55; p++) all.push(...(await search("示范", p)).items.map((e) => e.id));
    expect(new Set(all).size).toBe(1100);
    const deep = await search("示范", 52);
    expect(all.slice(1020, 1040)).toEqual(deep.items.map((e) => e.id));
  });

  it("a rare term: every match and nothing else; removed entries are searched apart", async () => {
    const [a, b, c] = await insertOrgs(db, [
      { name: "示范市沉寂协会" },
      { name: "示范市活跃协会" },
      { name: "示范市沉寂研究会" },
    ]);
    await list([a!.id, b!.id], "listed");
    await list([c!.id], "removed");
    expect((await search("沉寂")).items.map((e) => e.orgName)).toEqual(["示范市沉寂协会"]);
    expect((await search("沉寂", 1, true)).items.map((e) => e.orgName)).toEqual(["示范市沉寂研究会"]);
    expect((await search("不存在")).total).toBe(0);
  });

  it("a renamed organization is found by its new name and no longer by its old one", async () => {
    const [a] = await insertOrgs(db, [{ name: "示范市旧名协会" }]);
    await list([a!.id], "listed");
    expect((await search("旧名")).total).toBe(1);
    await db.run(sql`UPDATE organizations SET name = '示范市新名协会' WHERE id = ${a!.id}`);
    expect((await search("旧名")).total).toBe(0);
    const found = await search("新名");
    expect(found.items.map((e) => e.orgName)).toEqual(["示范市新名协会"]);
  });

  it("Latin letters match regardless of case, as the register's search does", async () => {
    const [a] = await insertOrgs(db, [{ name: "示范市IT从业者协会" }]);
    await list([a!.id], "listed");
    expect((await search("it从业")).total).toBe(1);
  });
});
