import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrgType } from "../../db/schema";
import { DEMO_TODAY, type DemoSummary, generateDemoCity, seedDemoCity } from "../../db/seed/demo";
import { nameProblems } from "../../db/seed/names";
import { loadSynthetic, valuesSql } from "../../db/seed/synthetic";
import { verifyAuditChain } from "../../src/audit/chain";
import { testConfig } from "../../src/config";
import { creditRevokedJob } from "../../src/credit/jobs";
import type { Db } from "../../src/db";
import { CADRE_FINDING_LABELS, type CadrePostFact, cadreFindings } from "../../src/domain/party";
import { validateUscc } from "../../src/domain/uscc";
import { ZOMBIE_SIGNALS } from "../../src/domain/zombie";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { searchOrganizations } from "../../src/registry/search";
import { zombieSignalsJob } from "../../src/zombie/jobs";

let db: Db;
let summary: DemoSummary;
let seedMs: number;

const all = async <T>(query: ReturnType<typeof sql>) => (await db.all(query)) as T[];
const one = async (query: ReturnType<typeof sql>) => Number((await all<{ n: number }>(query))[0]!.n);

// The seed's own time is the first test's assertion; the hook waits longer on a machine shared by parallel suites.
beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  const t0 = performance.now();
  summary = await seedDemoCity(db);
  seedMs = performance.now() - t0;
}, 60_000);

describe("the demo city 示范市 (db/seed/demo.ts)", () => {
  it("seeds fast enough for a server's first start (< 10 s for 2,000 organizations)", () => {
    expect(seedMs).toBeLessThan(10_000);
  });

  it("has a city authority and three district authorities under it, and the province's for 基金会, with 6-digit region codes", async () => {
    const rows = await all<{
      code: string;
      name: string;
      level: string;
      region_code: string;
      parent: string;
    }>(
      sql`SELECT a.code, a.name, a.level, a.region_code, p.code AS parent FROM authorities a
          LEFT JOIN authorities p ON p.id = a.parent_id ORDER BY a.code`,
    );
    expect(rows).toEqual([
      { code: "150000", name: "示范省民政厅", level: "province", region_code: "150000", parent: null },
      { code: "159900", name: "示范市民政局", level: "city", region_code: "159900", parent: null },
      {
        code: "159901",
        name: "示范市东湖区民政局",
        level: "district",
        region_code: "159901",
        parent: "159900",
      },
      {
        code: "159902",
        name: "示范市西山区民政局",
        level: "district",
        region_code: "159902",
        parent: "159900",
      },
      {
        code: "159903",
        name: "示范市南河区民政局",
        level: "district",
        region_code: "159903",
        parent: "159900",
      },
    ]);
  });

  it("has 2,000 organizations: ~55% 社会团体, ~40% 民非, ~5% 基金会; ~6% 注销, ~3% 撤销, the rest 正常", async () => {
    const byType = Object.fromEntries(
      (
        await all<{ type: string; n: number }>(
          sql`SELECT type, count(*) AS n FROM organizations GROUP BY type`,
        )
      ).map((r) => [r.type, r.n]),
    );
    const byStatus = Object.fromEntries(
      (
        await all<{ status: string; n: number }>(
          sql`SELECT status, count(*) AS n FROM organizations GROUP BY status`,
        )
      ).map((r) => [r.status, r.n]),
    );
    expect(summary.organizations).toBe(2000);
    expect(byType).toEqual(Object.fromEntries(Object.entries(summary.byType).filter(([, n]) => n > 0)));
    expect(byStatus).toEqual(Object.fromEntries(Object.entries(summary.byStatus).filter(([, n]) => n > 0)));
    expect(byType.social_group).toBeGreaterThan(1000);
    expect(byType.social_group).toBeLessThan(1200);
    expect(byType.private_non_enterprise).toBeGreaterThan(700);
    expect(byType.private_non_enterprise).toBeLessThan(900);
    expect(byType.foundation).toBeGreaterThan(60);
    expect(byType.foundation).toBeLessThan(140);
    expect(byStatus.deregistered).toBeGreaterThan(90);
    expect(byStatus.deregistered).toBeLessThan(160);
    expect(byStatus.revoked).toBeGreaterThan(35);
    expect(byStatus.revoked).toBeLessThan(90);
    expect(byStatus.license_revoked).toBeUndefined();
  });

  it("R-B3/R-B4: every code validates, carries its type's digit and its authority's region code", async () => {
    const rows = await all<{ uscc: string; type: "social_group"; region: string }>(
      sql`SELECT o.uscc, o.type, a.region_code AS region FROM organizations o JOIN authorities a ON a.id = o.authority_id`,
    );
    expect(rows.length).toBe(2000);
    for (const r of rows) {
      expect(validateUscc(r.uscc, r.type), r.uscc).toMatchObject({
        ok: true,
        type: r.type,
        regionCode: r.region,
        warnings: [],
      });
    }
    expect(new Set(rows.map((r) => r.uscc)).size).toBe(2000);
  });

  it("R-A4: names are unique within an authority and clean; foundations are registered by the province only (domain.md §1)", async () => {
    const rows = await all<{ name: string; type: OrgType; code: string }>(
      sql`SELECT o.name, o.type, a.code FROM organizations o JOIN authorities a ON a.id = o.authority_id`,
    );
    for (const r of rows) expect(nameProblems(r.name, r.type), r.name).toEqual([]);
    // 示范市X and 市X name the same body: unique after the place prefix too.
    const bodies = rows.map(
      (r) => `${r.code}|${r.name.replace(/^(示范省|示范市|市|东湖区|西山区|南河区)/, "")}`,
    );
    expect(new Set(bodies).size).toBe(rows.length);
    expect(new Set(rows.filter((r) => r.type === "foundation").map((r) => r.code))).toEqual(
      new Set(["150000"]),
    );
    const cityNames = rows.filter((r) => r.code === "159900").map((r) => r.name);
    expect(cityNames.every((n) => n.startsWith("示范市") || n.startsWith("市"))).toBe(true);
    expect(cityNames.some((n) => n.startsWith("市"))).toBe(true);
    for (const d of ["东湖区", "西山区", "南河区"]) {
      expect(rows.filter((r) => r.code !== "159900" && r.name.startsWith(d)).length).toBeGreaterThan(300);
    }
  });

  it("R-A7: every organization has its 成立 公告 on its registration date", async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM announcements n
        WHERE n.org_id = o.id AND n.kind = 'establishment' AND n.published_on = o.registered_on
          AND n.authority_id = o.authority_id)`),
    ).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM announcements WHERE kind = 'establishment'`)).toBe(2000);
  });

  it("R-A7/R-A9: each 注销/撤销 organization has its 公告 with a 文号 on its status date, after registration", async () => {
    expect(await one(sql`SELECT count(*) AS n FROM organizations WHERE status <> 'active'`)).toBeGreaterThan(
      100,
    );
    expect(
      await one(sql`SELECT count(*) AS n FROM organizations o WHERE o.status <> 'active' AND NOT EXISTS (
        SELECT 1 FROM announcements n WHERE n.org_id = o.id AND n.published_on = o.status_on
          AND n.kind = CASE o.status WHEN 'revoked' THEN 'revocation' ELSE 'deregistration' END
          AND n.document_no GLOB '?民社[注撤]〔[0-9][0-9][0-9][0-9]〕*号')`),
    ).toBe(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM organizations WHERE status <> 'active' AND status_on <= registered_on`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM organizations WHERE status = 'active' AND status_on <> registered_on`,
      ),
    ).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM organizations WHERE status_on > '2026-11-22'`)).toBe(0);
    // 文号 are unique per authority.
    expect(
      await one(sql`SELECT count(*) AS n FROM (SELECT document_no FROM announcements WHERE document_no IS NOT NULL
        GROUP BY document_no HAVING count(*) > 1)`),
    ).toBe(0);
  });

  it("R-A7: each 变更 of name, address or legal representative has a history row (before/after) and its 公告", async () => {
    const rows = await all<{ before: string; after: string; org_id: number; at: string }>(
      sql`SELECT org_id, before, after, at FROM org_history WHERE kind = 'change'`,
    );
    expect(rows.length).toBeGreaterThan(100);
    const fields = new Set<string>();
    for (const r of rows) {
      const before = JSON.parse(r.before) as Record<string, string>;
      const after = JSON.parse(r.after) as Record<string, string>;
      const [field] = Object.keys(after);
      fields.add(field!);
      expect(Object.keys(before)).toEqual([field]);
      expect(before[field!]).not.toBe(after[field!]);
      const [org] = await all<Record<string, string>>(
        sql`SELECT name, address, legal_representative AS legalRepresentative FROM organizations WHERE id = ${r.org_id}`,
      );
      expect(org![field!]).toBe(after[field!]);
      expect(
        await one(sql`SELECT count(*) AS n FROM announcements WHERE org_id = ${r.org_id} AND kind = 'change'
          AND published_on = ${r.at.slice(0, 10)} AND body LIKE ${`%${after[field!]}%`}`),
      ).toBe(1);
    }
    expect([...fields].sort()).toEqual(["address", "legalRepresentative", "name"]);
  });

  it("R-A1/R-A2: capital meets the local minimums by type and foundation kind", async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM organizations WHERE (type = 'social_group' AND capital_fen < 3000000)
        OR (type = 'foundation' AND capital_fen < 200000000) OR (foundation_kind = 'public' AND capital_fen < 400000000)
        OR (type = 'foundation') <> (foundation_kind IS NOT NULL) OR capital_fen <= 0`),
    ).toBe(0);
  });

  it("R-A3: no person represents two organizations", async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM (SELECT legal_representative FROM organizations
        GROUP BY legal_representative HAVING count(*) > 1)`),
    ).toBe(0);
  });

  it("R-A11: 直接登记/脱钩 organizations have a 党建领导机关 and no supervisor; the others a plausible supervisor", async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM organizations WHERE
        (supervision_mode = 'supervised' AND (supervisor IS NULL OR party_building_authority IS NOT NULL))
        OR (supervision_mode <> 'supervised' AND (supervisor IS NOT NULL OR party_building_authority IS NULL))`),
    ).toBe(0);
    const modes = await all<{ supervision_mode: string; n: number }>(
      sql`SELECT supervision_mode, count(*) AS n FROM organizations GROUP BY supervision_mode`,
    );
    for (const m of modes) expect(m.n).toBeGreaterThan(50);
    const supervisors = await all<{ supervisor: string }>(
      sql`SELECT DISTINCT supervisor FROM organizations WHERE supervisor IS NOT NULL`,
    );
    expect(supervisors.map((s) => s.supervisor)).toEqual(
      expect.arrayContaining(["示范市教育局", "示范市卫生健康委员会", "示范市科学技术协会"]),
    );
    expect(
      supervisors.every((s) =>
        /^(示范省|示范市|东湖区|西山区|南河区|共青团(示范省|示范市|东湖区|西山区|南河区))/.test(s.supervisor),
      ),
    ).toBe(true);
  });

  it("R-A11: every 业务主管单位 serves a district, the one where most of its organizations are registered", async () => {
    expect(await one(sql`SELECT count(*) AS n FROM supervisor_units WHERE authority_id IS NULL`)).toBe(0);
    const districts = await all<{ n: number }>(
      sql`SELECT count(*) AS n FROM supervisor_units GROUP BY authority_id`,
    );
    expect(districts.length).toBeGreaterThan(1);
    // A district's own units (东湖区…) serve that district.
    expect(
      await one(sql`SELECT count(*) AS n FROM supervisor_units s JOIN authorities a ON a.id = s.authority_id
        WHERE s.name LIKE '东湖区%' AND a.name NOT LIKE '%东湖区%'`),
    ).toBe(0);
  });

  it("certificates run five years from issue, some lapsed; ratings 1A–5A with validity; charities and contacts", async () => {
    expect(
      await one(sql`SELECT count(*) AS n FROM organizations WHERE certificate_valid_from <> certificate_issued_on
        OR certificate_valid_to <> date(certificate_valid_from, '+5 years', '-1 day')
        OR certificate_issued_on < registered_on`),
    ).toBe(0);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM organizations WHERE status = 'active' AND certificate_valid_to < '2026-11-22'`,
      ),
    ).toBeGreaterThan(10);
    const ratings = await all<{ rating: string }>(
      sql`SELECT DISTINCT rating FROM organizations WHERE rating IS NOT NULL ORDER BY rating`,
    );
    expect(ratings.map((r) => r.rating)).toEqual(["1A", "2A", "3A", "4A", "5A"]);
    expect(
      await one(
        sql`SELECT count(*) AS n FROM organizations WHERE (rating IS NULL) <> (rating_valid_to IS NULL)`,
      ),
    ).toBe(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM organizations WHERE is_charity = 1 AND public_fundraising = 1`),
    ).toBeGreaterThan(5);
    expect(
      await one(sql`SELECT count(*) AS n FROM organizations WHERE public_fundraising = 1 AND is_charity = 0`),
    ).toBe(0);
    // Fictional numbers only: 0000-prefixed landlines, example.org addresses.
    expect(await one(sql`SELECT count(*) AS n FROM organizations WHERE phone NOT GLOB '0000-[0-9]*'`)).toBe(
      0,
    );
    expect(
      await one(
        sql`SELECT count(*) AS n FROM organizations WHERE email NOT LIKE '%@example.org' OR website NOT LIKE '%.example.org'`,
      ),
    ).toBe(0);
    const years = await all<{ y: string }>(
      sql`SELECT DISTINCT substr(registered_on, 1, 4) AS y FROM organizations`,
    );
    expect(years.length).toBeGreaterThanOrEqual(20);
  });

  it("indexes every name for search (gram rows = organizations), so 商会 and one-character queries work", async () => {
    expect(await one(sql`SELECT count(*) AS n FROM org_name_grams`)).toBe(2000);
    expect((await searchOrganizations(db, { q: "商会", page: 1, perPage: 20 })).total).toBeGreaterThan(20);
    expect((await searchOrganizations(db, { q: "会", page: 1, perPage: 20 })).total).toBeGreaterThan(1000);
    const [org] = await all<{ name: string }>(sql`SELECT name FROM organizations WHERE id = 1234`);
    const exact = await searchOrganizations(db, { q: org!.name, page: 1, perPage: 20 });
    expect(exact.items[0]?.name).toBe(org!.name);
  });

  it("R-F1…R-F5: the demo holds a ledger of every kind and a cadre for every R-F5 finding", async () => {
    const kinds = await all<{ kind: string }>(sql`SELECT DISTINCT CASE WHEN state = 'pending' THEN 'pending'
      WHEN has_party_org = 1 THEN org_type ELSE 'instructor' END AS kind
      FROM party_org_versions WHERE instructor_name IS NOT NULL OR has_party_org = 1 OR state = 'pending'`);
    expect(kinds.map((k) => k.kind).sort()).toEqual([
      "branch",
      "instructor",
      "joint_branch",
      "party_committee",
      "pending",
    ]);
    expect(await one(sql`SELECT max(json_array_length(covered_org_ids)) AS n FROM party_org_versions`)).toBe(
      4,
    );
    expect(await one(sql`SELECT count(*) AS n FROM party_activities`)).toBeGreaterThan(20);
    const posts =
      await all<CadrePostFact>(sql`SELECT p.id, p.person_key AS "personKey", p.person_name AS "personName",
      p.status, p.level, p.org_id AS "orgId", o.name AS "orgName", o.type AS "orgType", p.post_kind AS "postKind",
      p.post_title AS "postTitle", p.is_legal_representative AS "isLegalRepresentative", p.birth_date AS "birthDate",
      p.term_start AS "termStart", p.term_number AS "termNumber", p.approval_doc AS "approvalDoc", p.paid,
      p.ended_on AS "endedOn" FROM cadre_posts p JOIN organizations o ON o.id = p.org_id`);
    const found = new Set(cadreFindings(posts, "2026-11-23").map((f) => f.id));
    expect([...found].sort()).toEqual(Object.keys(CADRE_FINDING_LABELS).sort());
    expect(
      await one(sql`SELECT count(*) AS n FROM users WHERE username = 'demo-party' AND role = 'party'`),
    ).toBe(1);
  });

  it("R-E2/R-E3: the demo holds zombie cases in every state, one 撤销 by 公告送达 closed after the register's 撤销", async () => {
    const states = await all<{ state: string }>(sql`SELECT DISTINCT state FROM zombie_cases ORDER BY state`);
    expect(states.map((s) => s.state)).toEqual([
      "closed",
      "decided",
      "deregistering",
      "hearing",
      "investigating",
      "notified",
      "open",
      "rectifying",
    ]);
    expect(
      await one(sql`SELECT count(*) AS n FROM zombie_cases c JOIN organizations o ON o.id = c.org_id
        WHERE c.outcome = 'revoked' AND c.notice_method = 'publication' AND o.status = 'revoked'`),
    ).toBe(1);
    expect(await one(sql`SELECT count(*) AS n FROM zombie_contacts`)).toBeGreaterThan(0);
  });

  it("records one demo.seed audit event with the counts, on a valid hash chain", async () => {
    const rows = await all<{ action: string; summary: string }>(
      sql`SELECT action, summary FROM audit_events`,
    );
    const seeded = rows.filter((r) => r.action === "demo.seed");
    expect(seeded).toHaveLength(1);
    expect(JSON.parse(seeded[0]!.summary)).toMatchObject({ organizations: 2000, byType: summary.byType });
    expect(await verifyAuditChain(db)).toMatchObject({ unsealed: 0, firstBroken: null });
  });

  it("is deterministic: the same seed gives the same city, another seed another", () => {
    const key = (c: ReturnType<typeof generateDemoCity>) =>
      c.orgs.map(
        (o) => `${o.uscc}|${o.name}|${o.legalRepresentative}|${o.address}|${o.status}|${o.registeredOn}`,
      );
    expect(key(generateDemoCity({ count: 300 }))).toEqual(key(generateDemoCity({ count: 300 })));
    expect(key(generateDemoCity({ count: 300, seed: 7 }))).not.toEqual(key(generateDemoCity({ count: 300 })));
  });

  it("builds a small city for other tests, and reuses existing authorities with ids after the largest", async () => {
    const small = await openMemoryDatabase();
    await seedDemoCity(small.db, { count: 100 });
    const again = await seedDemoCity(small.db, { count: 50, seed: 99 });
    expect(again.organizations).toBe(50);
    const [n] = (await small.db.all(sql`SELECT count(*) AS n FROM organizations`)) as { n: number }[];
    const [g] = (await small.db.all(sql`SELECT count(*) AS n FROM org_name_grams`)) as { n: number }[];
    const [a] = (await small.db.all(sql`SELECT count(*) AS n FROM authorities`)) as { n: number }[];
    expect([n!.n, g!.n, a!.n]).toEqual([150, 150, 5]);
  });
});

describe("the synthetic register (db/seed/synthetic.ts, npm run db:synthetic)", () => {
  type Row = { uscc: string; name: string; type: OrgType; region: string; level: string; code: string };
  const rowsOf = async (d: Db) =>
    (await d.all(sql`SELECT o.uscc, o.name, o.type, a.region_code AS region, a.level, a.code
      FROM organizations o JOIN authorities a ON a.id = o.authority_id ORDER BY o.id`)) as Row[];
  const count = async (d: Db, table: string) =>
    Number(((await d.all(sql.raw(`SELECT count(*) AS n FROM ${table}`))) as { n: number }[])[0]!.n);

  it("R-B3/R-B4/R-A4: valid codes of the authority's region and type, unique names, indexed, with 公告; appendable", async () => {
    const { client, db: syn } = await openMemoryDatabase();
    const indexes = await count(syn, "sqlite_master WHERE type = 'index'");
    const first = await loadSynthetic(client, { orgs: 3000, seed: 1, chunk: 1000, rebuildIndexes: true });
    expect(first).toMatchObject({ inserted: 3000, existingBefore: 0 });
    expect(first.authorities).toBeGreaterThan(100);
    // The dropped secondary indexes are all back.
    expect(await count(syn, "sqlite_master WHERE type = 'index'")).toBe(indexes);
    // Running again adds more: new names, code sequences continued (the unique indexes would refuse a repeat).
    const second = await loadSynthetic(client, { orgs: 2000, seed: 1, chunk: 1000 });
    expect(second).toMatchObject({ inserted: 2000, existingBefore: 3000 });

    const rows = await rowsOf(syn);
    expect(rows).toHaveLength(5000);
    expect(await count(syn, "org_name_grams")).toBe(5000);
    for (const r of rows) {
      expect(validateUscc(r.uscc, r.type), r.uscc).toMatchObject({
        ok: true,
        regionCode: r.region,
        warnings: [],
      });
      expect(nameProblems(r.name, r.type), r.name).toEqual([]);
    }
    expect(new Set(rows.map((r) => `${r.code}|${r.name}`)).size).toBe(5000);
    expect(rows.filter((r) => r.type === "foundation").every((r) => r.level === "province")).toBe(true);
    expect(
      Number(
        (
          (await syn.all(sql`SELECT count(*) AS n FROM organizations o WHERE o.status <> 'active' AND NOT EXISTS (
            SELECT 1 FROM announcements n WHERE n.org_id = o.id AND n.published_on = o.status_on
              AND n.kind <> 'establishment' AND n.document_no IS NOT NULL)`)) as { n: number }[]
        )[0]!.n,
      ),
    ).toBe(0);
    expect(await count(syn, "announcements WHERE kind = 'establishment'")).toBeGreaterThan(300);
    expect((await searchOrganizations(syn, { q: "商会", page: 1, perPage: 20 })).total).toBeGreaterThan(50);
  });

  it("is deterministic for a seed on an empty register", async () => {
    const names = async (seed: number) => {
      const { client, db: d } = await openMemoryDatabase();
      await loadSynthetic(client, { orgs: 300, seed });
      return (await rowsOf(d)).map((r) => `${r.uscc}|${r.name}`);
    };
    expect(await names(5)).toEqual(await names(5));
    expect(await names(5)).not.toEqual(await names(6));
  });

  it("writes SQL literals that survive quotes and NULLs", () => {
    expect(valuesSql(3, [1, "O'Brien", null, 2, "示范市", true])).toBe("(1,'O''Brien',NULL),(2,'示范市',1)");
  });
});

describe("the demo's 评估等级 (R-G1, R-G2)", () => {
  it("R-G2: the demo register shows grades revoked by R-G2 with their 公告, and R-G1 expired grades", async () => {
    expect(summary.gradeChanges).toBeGreaterThan(0);
    expect(await one(sql`SELECT count(*) AS n FROM announcements WHERE kind = 'rating_change'`)).toBe(
      summary.gradeChanges,
    );
    expect(
      await one(
        sql`SELECT count(*) AS n FROM organizations WHERE status = 'active' AND rating IS NOT NULL AND rating_valid_to < '2026-11-22'`,
      ),
    ).toBeGreaterThan(0);
  });
});

describe("the demo's zombie candidates (R-E1, R-E3)", () => {
  it("R-E1: the daily job finds candidates for every signal (a)–(d), (c) from the date the administrator set, audited; the 撤销 by 公告送达 reaches 严重 (R-D4(7))", async () => {
    const setting = await all<{
      value: string;
      by: string;
    }>(sql`SELECT s.value, u.role AS by FROM setting_changes s
      JOIN users u ON u.id = s.created_by WHERE s.key = 'zombieNoActivitySince'`);
    expect(setting).toEqual([
      { value: JSON.stringify(`${Number(DEMO_TODAY.slice(0, 4)) - 1}-01-01`), by: "admin" },
    ]);
    expect(
      await one(sql`SELECT count(*) AS n FROM audit_events WHERE action = 'settings.change'
        AND object_id = 'zombieNoActivitySince' AND actor_role = 'admin'`),
    ).toBe(1);
    const [run] = await runJobs({ db, config: testConfig() }, DEMO_TODAY, { dryRun: false, trigger: "cli" }, [
      zombieSignalsJob,
      creditRevokedJob,
    ]);
    expect(run?.error ?? null).toBeNull();
    const bySignal = await all<{
      signal: string;
      n: number;
    }>(sql`SELECT signal, count(*) AS n FROM zombie_signals
      WHERE closed_on IS NULL GROUP BY signal ORDER BY signal`);
    expect(bySignal.map((s) => s.signal)).toEqual([...ZOMBIE_SIGNALS].sort());
    for (const s of bySignal) expect(Number(s.n)).toBeGreaterThan(0);
    expect(
      await one(sql`SELECT count(*) AS n FROM zombie_cases z JOIN credit_cases c ON c.org_id = z.org_id
        WHERE z.outcome = 'revoked' AND z.notice_method = 'publication' AND c.list = 'serious' AND c.state = 'listed'`),
    ).toBe(1);
    const again = await runJobs({ db, config: testConfig() }, DEMO_TODAY, { dryRun: false, trigger: "cli" }, [
      zombieSignalsJob,
    ]);
    expect(again[0]?.report?.changed).toBe(0);
  });
});
