import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDemoCity, seedDemoCity } from "../../db/seed/demo";
import { BANNED_NAME_PARTS } from "../../db/seed/names";
import type { Db } from "../../src/db";
import { validateUscc } from "../../src/domain/uscc";
import { openMemoryDatabase } from "../../src/node-db";
import { searchOrganizations } from "../../src/registry/search";

let db: Db;
let summary: Awaited<ReturnType<typeof seedDemoCity>>;

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  summary = await seedDemoCity(db);
});

describe("the demo city", () => {
  it("has about 2,000 organizations of all three types, most 正常, some 注销 and 撤销", () => {
    expect(summary.organizations).toBe(2000);
    expect(summary.byType.social_group).toBeGreaterThan(900);
    expect(summary.byType.private_non_enterprise).toBeGreaterThan(600);
    expect(summary.byType.foundation).toBeGreaterThan(20);
    expect(summary.byStatus.deregistered).toBeGreaterThan(50);
    expect(summary.byStatus.revoked).toBeGreaterThan(20);
    expect(summary.byStatus.active).toBeGreaterThan(1700);
  });

  it("R-B3/R-B4: every code validates, names its type and its authority's region", async () => {
    const rows = (await db.all(
      sql`SELECT o.uscc, o.type, a.region_code AS region FROM organizations o JOIN authorities a ON a.id = o.authority_id`,
    )) as { uscc: string; type: "social_group"; region: string }[];
    for (const r of rows) {
      const v = validateUscc(r.uscc, r.type);
      expect(v, r.uscc).toMatchObject({ ok: true, regionCode: r.region, warnings: [] });
    }
  });

  it("R-A4: names are unique within an authority and use no banned words; foundations only at the city", async () => {
    const rows = (await db.all(sql`SELECT name, authority_id, type FROM organizations`)) as {
      name: string;
      authority_id: number;
      type: string;
    }[];
    expect(new Set(rows.map((r) => `${r.authority_id}|${r.name}`)).size).toBe(rows.length);
    for (const r of rows) for (const b of BANNED_NAME_PARTS) expect(r.name).not.toContain(b);
    const foundationAuthorities = new Set(
      rows.filter((r) => r.type === "foundation").map((r) => r.authority_id),
    );
    expect([...foundationAuthorities]).toEqual([1]);
  });

  it("R-A7: every organization has its 成立 公告, and each terminated one its 注销/撤销 公告 with a 文号", async () => {
    const [missing] = (await db.all(
      sql`SELECT count(*) AS n FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM announcements n WHERE n.org_id = o.id AND n.kind = 'establishment')`,
    )) as { n: number }[];
    expect(missing!.n).toBe(0);
    const [terminatedWithout] = (await db.all(
      sql`SELECT count(*) AS n FROM organizations o WHERE o.status <> 'active' AND NOT EXISTS (SELECT 1 FROM announcements n WHERE n.org_id = o.id AND n.kind IN ('deregistration','revocation') AND n.document_no IS NOT NULL)`,
    )) as { n: number }[];
    expect(terminatedWithout!.n).toBe(0);
    const [changes] = (await db.all(sql`SELECT count(*) AS n FROM org_history WHERE kind = 'change'`)) as {
      n: number;
    }[];
    expect(changes!.n).toBeGreaterThan(10);
  });

  it("R-A1/R-A2: capital meets the local minimums by type", async () => {
    const [below] = (await db.all(
      sql`SELECT count(*) AS n FROM organizations WHERE (type = 'social_group' AND capital_fen < 3000000) OR (type = 'foundation' AND capital_fen < 200000000) OR (foundation_kind = 'public' AND capital_fen < 400000000)`,
    )) as { n: number }[];
    expect(below!.n).toBe(0);
  });

  it("indexes every name for search, so 商会 and one-character queries find organizations", async () => {
    const [idx] = (await db.all(sql`SELECT count(*) AS n FROM org_name_grams`)) as { n: number }[];
    expect(idx!.n).toBe(2000);
    expect((await searchOrganizations(db, { q: "商会", page: 1, perPage: 20 })).total).toBeGreaterThan(20);
    expect((await searchOrganizations(db, { q: "会", page: 1, perPage: 20 })).total).toBeGreaterThan(500);
  });

  it("is deterministic: the same seed gives the same city", () => {
    const a = generateDemoCity({ count: 50 });
    const b = generateDemoCity({ count: 50 });
    expect(a.orgs.map((o) => o.name + o.uscc)).toEqual(b.orgs.map((o) => o.name + o.uscc));
  });

  it("records the seeding in the audit log", async () => {
    const rows = (await db.all(sql`SELECT action, hash FROM audit_events`)) as {
      action: string;
      hash: string;
    }[];
    expect(rows.map((r) => r.action)).toContain("demo.seed");
    expect(rows.every((r) => r.hash)).toBe(true);
  });
});
