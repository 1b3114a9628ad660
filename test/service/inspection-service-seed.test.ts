import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoCity } from "../../db/seed/demo";
import { seedDemoInspections } from "../../db/seed/inspections";
import { testConfig } from "../../src/config";
import type { AppDeps } from "../../src/context";
import type { Db } from "../../src/db";
import { type ReportSection, sectionSchemas } from "../../src/domain/inspection-report";
import { INSPECTION_STATES } from "../../src/domain/inspection-workflow";
import type { Check } from "../../src/domain/prechecks";
import { inspectionService as svc } from "../../src/inspection/service";
import { insertSupervisorUnit, insertUser, makeDeps, movableClock, openTestDb } from "../support/inspection";
import { ensureAuthority, insertOrgs } from "../support/orgs";

let db: Db;
let deps: AppDeps;
let seeded: { years: number; filings: number };
let pinnedOrgId: number;
const TODAY = "2026-11-22";
const FAST_SCRYPT = testConfig().passwordHashing;

beforeAll(async () => {
  db = await openTestDb();
  await ensureAuthority(db, { code: "159900", name: "示范市民政局", level: "city" });
  await ensureAuthority(db, {
    code: "159901",
    name: "东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  const unit = await insertSupervisorUnit(db, "示范市科学技术协会");
  const types = ["social_group", "private_non_enterprise", "foundation"] as const;
  const orgs = await insertOrgs(
    db,
    Array.from({ length: 60 }, (_, i) => ({
      name: `示范市第${i + 1}示范社会组织`,
      type: types[i % 3],
      authorityCode: i % 4 === 0 ? "159901" : "159900",
      registeredOn: `20${10 + (i % 12)}-0${1 + (i % 9)}-15`,
    })),
  );
  for (const [i, o] of orgs.entries()) {
    const mode = i % 5 === 0 ? "direct" : i % 7 === 0 ? "decoupled" : "supervised";
    await db.run(sql`UPDATE organizations SET supervision_mode = ${mode},
      supervisor_unit_id = ${mode === "supervised" ? unit : null},
      foundation_kind = ${i % 3 === 2 ? (i % 2 ? "public" : "non_public") : null} WHERE id = ${o.id}`);
  }
  deps = makeDeps(db, movableClock(TODAY));
  const t0 = performance.now();
  pinnedOrgId = orgs[1]!.id;
  seeded = await seedDemoInspections(db, TODAY, { draftOrgIds: [pinnedOrgId] });
  expect(performance.now() - t0).toBeLessThan(10_000);
});

describe("demo inspections (db/seed/inspections.ts)", () => {
  it("cover the last three years in every state, with each conclusion", async () => {
    expect(seeded.years).toBe(6); // three years × two authorities
    const rows = (await db.all(
      sql`SELECT year, state, conclusion, count(*) AS n FROM annual_inspections GROUP BY year, state, conclusion`,
    )) as { year: number; state: string; conclusion: string | null; n: number }[];
    expect([...new Set(rows.map((r) => r.year))].sort()).toEqual([2023, 2024, 2025]);
    const states2025 = new Set(rows.filter((r) => r.year === 2025).map((r) => r.state));
    // The demo keeps the 2025 window open to the end of 2026: drafts and every review state, no 未参检 yet.
    expect([...states2025].sort()).toEqual(INSPECTION_STATES.filter((s) => s !== "not_filed").sort());
    const [w] = (await db.all(sql`SELECT windows FROM inspection_years WHERE year = 2025 LIMIT 1`)) as {
      windows: string;
    }[];
    expect(JSON.parse(w!.windows).social_group.closesOn).toBe("2026-12-31");
    const conclusions = new Set(rows.filter((r) => r.conclusion).map((r) => r.conclusion));
    expect([...conclusions].sort()).toEqual(["basically_qualified", "qualified", "unqualified"]);
    expect(rows.filter((r) => r.year < 2025 && r.state === "not_filed").length).toBeGreaterThan(0);
    // The queue counters (kept by triggers) agree with the filings the seed inserted.
    const [kept] = (await db.all(sql`SELECT sum(n) AS n FROM inspection_queue_counts`)) as { n: number }[];
    expect(Number(kept!.n)).toBe(seeded.filings);
  });

  it("store sections that the report schemas accept, in fen, and submissions that pass every block", async () => {
    const sections = (await db.all(sql`SELECT section, data FROM inspection_sections`)) as {
      section: ReportSection;
      data: string;
    }[];
    expect(sections.length).toBeGreaterThan(300);
    // Every filing that can still be edited or is under review has its working sections.
    const bare =
      await db.all(sql`SELECT id FROM annual_inspections ai WHERE state NOT IN ('not_filed', 'concluded', 'published')
      AND NOT EXISTS (SELECT 1 FROM inspection_sections s WHERE s.filing_id = ai.id)`);
    expect(bare).toEqual([]);
    for (const s of sections) {
      const parsed = sectionSchemas[s.section].safeParse(JSON.parse(s.data));
      expect(
        parsed.success,
        `${s.section}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues)}`,
      ).toBe(true);
    }
    const rounds = (await db.all(sql`SELECT checks FROM inspection_rounds`)) as { checks: string }[];
    const checks = rounds.flatMap((r) => JSON.parse(r.checks) as Check[]);
    expect(checks.filter((c) => c.severity === "block")).toEqual([]);
    expect(checks.filter((c) => c.severity === "warning").length).toBeGreaterThan(0);
  });

  it("give every page something real: queues, returned comments, public history, announcements, rates", async () => {
    const city = (await db.all(sql`SELECT id FROM authorities WHERE code = '159900'`)) as { id: number }[];
    const registrar = await insertUser(db, {
      role: "registrar",
      displayName: "审查员",
      authorityId: city[0]!.id,
    });
    const q = await svc.queue(deps, registrar, { page: 1, perPage: 20 });
    expect(q.total).toBeGreaterThan(5);
    expect(q.countsByState.returned).toBeGreaterThan(0);
    const [returned] = (await db.all(
      sql`SELECT id FROM annual_inspections WHERE state = 'returned' LIMIT 1`,
    )) as {
      id: number;
    }[];
    const view = await svc.getFiling(deps, registrar, returned!.id);
    expect(view?.rounds.at(-1)?.returned?.comments.length).toBe(2);
    expect(view?.correction?.deadline).toMatch(/^2026-/);
    const twoRounds = (await db.all(
      sql`SELECT filing_id FROM inspection_rounds WHERE round = 2 LIMIT 1`,
    )) as { filing_id: number }[];
    const changed = await svc.getFiling(deps, registrar, twoRounds[0]!.filing_id);
    expect(changed?.changedSinceLastRound).toContain("activities");
    const ann = await svc.conclusionsAnnouncement(deps, { year: 2024, page: 1, perPage: 10 });
    expect(ann.total).toBeGreaterThan(10);
    const [published] = (await db.all(
      sql`SELECT org_id FROM annual_inspections WHERE state = 'published' AND year = 2023 LIMIT 1`,
    )) as { org_id: number }[];
    expect((await svc.publicHistory(deps, published!.org_id)).length).toBeGreaterThan(0);
    const rates = await svc.rates(deps, registrar, 2024);
    const all = rates.find((r) => r.scope === "all" && r.type === "all")!;
    expect(all.rates.inspectionRate.permille).toBeGreaterThan(800);
  });

  it("give the demo-org account's organization a draft this year and 合格 the year before", async () => {
    const rows = (await db.all(
      sql`SELECT year, state, conclusion FROM annual_inspections WHERE org_id = ${pinnedOrgId} ORDER BY year`,
    )) as { year: number; state: string; conclusion: string | null }[];
    expect(rows.slice(-2)).toEqual([
      { year: 2024, state: "published", conclusion: "qualified" },
      { year: 2025, state: "draft", conclusion: null },
    ]);
  });

  it("R-C3: a closed year holds filings returned for correction whose deadline lapsed, then marked 未参检", async () => {
    const rows = (await db.all(sql`SELECT ai.id, ai.correction_deadline AS deadline,
        (SELECT group_concat(t.action, ',') FROM (SELECT action FROM inspection_transitions
          WHERE filing_id = ai.id ORDER BY id) t) AS path,
        (SELECT substr(at, 1, 10) FROM inspection_transitions WHERE filing_id = ai.id AND action = 'mark_not_filed') AS marked
      FROM annual_inspections ai WHERE ai.state = 'not_filed' AND ai.year < 2025`)) as {
      id: number;
      deadline: string | null;
      path: string;
      marked: string;
    }[];
    const lapsed = rows.filter((r) => r.path.includes("return_for_correction"));
    expect(lapsed.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(lapsed.length); // and some never filed at all
    for (const r of lapsed) {
      expect(r.path).toBe("submit,start_pre_review,return_for_correction,mark_not_filed");
      expect(r.deadline).not.toBeNull();
      expect(r.marked > r.deadline!).toBe(true);
    }
  });

  it("are seeded by seedDemoCity with the announced 2025 and 2026 holidays, 调休 days included", async () => {
    const small = await openTestDb();
    await seedDemoCity(small, { count: 60, passwordHashing: FAST_SCRYPT });
    const rows = (await small.all(sql`SELECT date, kind FROM holidays WHERE date IN
      ('2025-01-28', '2025-02-08', '2026-02-16', '2026-02-14', '2026-10-07', '2026-10-10') ORDER BY date`)) as {
      date: string;
      kind: string;
    }[];
    expect(rows).toEqual([
      { date: "2025-01-28", kind: "holiday" },
      { date: "2025-02-08", kind: "workday" },
      { date: "2026-02-14", kind: "workday" },
      { date: "2026-02-16", kind: "holiday" },
      { date: "2026-10-07", kind: "holiday" },
      { date: "2026-10-10", kind: "workday" },
    ]);
  });

  it("are seeded by seedDemoCity, with demo-org's draft for the open year", async () => {
    const small = await openTestDb();
    const summary = await seedDemoCity(small, { count: 150, passwordHashing: FAST_SCRYPT });
    expect(summary.inspections?.filings).toBeGreaterThan(100);
    const rows = (await small.all(sql`SELECT ai.year, ai.state, ai.conclusion FROM annual_inspections ai
      JOIN users u ON u.org_id = ai.org_id WHERE u.username = 'demo-org' ORDER BY ai.year DESC LIMIT 2`)) as {
      year: number;
      state: string;
      conclusion: string | null;
    }[];
    expect(rows).toEqual([
      { year: 2025, state: "draft", conclusion: null },
      { year: 2024, state: "published", conclusion: "qualified" },
    ]);
  });
});
