import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../src/context";
import type { ReportSection } from "../../src/domain/inspection-report";
import { addHoliday } from "../../src/inspection/holidays";
import { markNotFiledAfterWindows } from "../../src/inspection/jobs";
import { lastConclusionByOrg, yearConclusionFilter } from "../../src/inspection/public";
import { inspectionService as svc } from "../../src/inspection/service";
import { buildInspectionWorld, goodForms, type InspectionWorld, insertUser, ok } from "../support/inspection";
import { insertOrgs } from "../support/orgs";

// Built afresh before each test.
let { db, world, clock, deps, storage } = {} as InspectionWorld;

async function filingOf(user: SessionUser) {
  const home = await svc.orgHome(deps, user);
  if (!home.current) throw new Error("no current filing");
  return home.current;
}

/** Fills every section of the organization's current filing with the good report. */
async function fillAll(
  user: SessionUser,
  overrides: Partial<Record<ReportSection, Record<string, string>>> = {},
) {
  const f = await filingOf(user);
  const forms = { ...goodForms(2025, f.report.basicInfo?.legalRepresentative), ...overrides };
  for (const [section, form] of Object.entries(forms)) {
    ok(await svc.saveSection(deps, user, f.id, section as ReportSection, form, f.version));
  }
  return (await svc.getFiling(deps, user, f.id))!;
}

async function submitted(
  user: SessionUser,
  overrides: Partial<Record<ReportSection, Record<string, string>>> = {},
  key = crypto.randomUUID(),
) {
  const f = await fillAll(user, overrides);
  ok(await svc.act(deps, user, f.id, "submit", { version: f.version, idempotencyKey: key }));
  return (await svc.getFiling(deps, user, f.id))!;
}

async function as(user: SessionUser, id: number) {
  return (await svc.getFiling(deps, user, id))!;
}

async function step(user: SessionUser, id: number, action: Parameters<typeof svc.act>[3], input = {}) {
  const f = await as(user, id);
  return ok(await svc.act(deps, user, id, action, { version: f.version, ...input }));
}

type Filing = Awaited<ReturnType<typeof as>>;

/** Runs one named stage of a long scenario; a failure inside it is reported with the stage's name first. */
async function stage(name: string, body: () => Promise<void>) {
  try {
    await body();
  } catch (e) {
    if (e instanceof Error) e.message = `${name}: ${e.message}`;
    throw e;
  }
}

/** The trigger-kept queue counters agree with counting the filings themselves. */
async function expectCountersMatch() {
  const kept = await db.all(sql`
    SELECT authority_id, year, supervisor_unit_id, state, org_type, warned, n FROM inspection_queue_counts
    WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6`);
  const counted = await db.all(sql`
    SELECT authority_id, year, coalesce(supervisor_unit_id, 0) AS supervisor_unit_id, state, org_type,
      warning_count > 0 AS warned, count(*) AS n
    FROM annual_inspections GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`);
  expect(kept).toEqual(counted);
}

beforeEach(async () => {
  ({ db, world, clock, deps, storage } = await buildInspectionWorld({
    openBy: ["cityRegistrar", "districtRegistrar"],
  }));
});

describe("opening a year (R-C1, R-C2)", () => {
  it("R-C2: drafts exist at once for active organizations registered by the cut-off, and for no others", async () => {
    const years = await svc.listYears(deps, world.users.cityRegistrar);
    const city = years.find((y) => y.authorityId === world.authorities.city)!;
    expect(city.requiredCount).toBe(4); // not the one registered 2025-08-01, not the deregistered one
    expect(city.cutoffOn).toBe("2025-06-30");
    expect(city.windows.foundation).toEqual({
      opensOn: "2026-01-01",
      closesOn: "2026-03-31",
      supervisorDueOn: null,
    });
    expect(city.windows.social_group.closesOn).toBe("2026-05-31");
    expect((await svc.orgHome(deps, world.users.learned)).current?.state).toBe("draft");
    const late = await db.all(sql`SELECT 1 FROM annual_inspections WHERE org_id = ${world.orgs.lateOrg.id}`);
    expect(late).toHaveLength(0);
    const audit = await db.all(sql`SELECT 1 FROM audit_events WHERE action = 'inspection.year.open'`);
    expect(audit).toHaveLength(2);
  });

  it("R-C1: an edited window is validated per field; a year cannot be opened twice", async () => {
    const bad = await svc.openYear(deps, world.users.otherRegistrar, {
      year: 2025,
      windows: {
        social_group: { opensOn: "2026-04-01", closesOn: "2026-03-01", supervisorDueOn: "2026-03-15" },
      },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fields?.["windows.social_group.closesOn"]).toBe("截止日期不能早于开始日期");
    const again = await svc.openYear(deps, world.users.cityRegistrar, { year: 2025 });
    expect(again).toMatchObject({ ok: false, code: "exists" });
  });

  it("only a registrar opens a year", async () => {
    expect(await svc.openYear(deps, world.users.learned, { year: 2025 })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });
});

describe("the whole loop (R-C3, R-C4, R-C5, R-A11)", () => {
  it("draft → sections → blocked → submit → take → return → fix → resubmit → supervisor → conclude → publish → public", async () => {
    const org = world.users.learned;
    const reg = world.users.cityRegistrar;
    let home: Awaited<ReturnType<typeof svc.orgHome>>;
    let id: number;
    let f: Filing;
    let r: Filing;

    await stage(
      "R-C2: the organization's home shows its draft and the open window's days remaining",
      async () => {
        home = await svc.orgHome(deps, org);
        expect(home.nextStep).toContain("2026年5月31日");
        expect(home.current!.window).toMatchObject({ status: "open", daysRemaining: 90 });
        id = home.current!.id;
      },
    );

    await stage("R-C5: money written wrongly is refused per field, and nothing is saved", async () => {
      // R-C5: money in yuan with separators and full-width digits is stored exactly in fen.
      const v0 = home.current!.version;
      const badMoney = await svc.saveSection(
        deps,
        org,
        id,
        "finances",
        {
          ...goodForms(2025).finances,
          "balance.assets": "12,34.5",
          "balance.liabilities": "一百元",
          "income.total": "1.234",
        },
        v0,
      );
      expect(badMoney.ok).toBe(false);
      if (!badMoney.ok) {
        expect(badMoney.code).toBe("invalid");
        expect(Object.keys(badMoney.fields!).sort()).toEqual([
          "finances.balance.assets",
          "finances.balance.liabilities",
          "finances.income.total",
        ]);
        expect(badMoney.fields!["finances.income.total"]).toContain("两位小数");
      }
      expect(await db.all(sql`SELECT 1 FROM inspection_sections WHERE filing_id = ${id}`)).toHaveLength(0);
    });

    await stage(
      "R-C5: an unbalanced balance sheet (full-width digits, stored in fen) saves as a draft but blocks submission",
      async () => {
        // An unbalanced balance sheet saves (it is a draft) but blocks submission.
        f = await fillAll(org, {
          finances: { ...goodForms(2025).finances!, "balance.assets": "１２３，４５６．７８" },
        });
        const stored = (await db.all(
          sql`SELECT json_extract(data, '$.balance.assets') AS a FROM inspection_sections WHERE filing_id = ${id} AND section = 'finances'`,
        )) as { a: number }[];
        expect(stored[0]!.a).toBe(12_345_678);
        expect(f.checks.some((c) => c.id === "finances.balance" && c.severity === "block")).toBe(true);
        const blocked = await svc.act(deps, org, id, "submit", {
          version: f.version,
          idempotencyKey: "k-blocked",
        });
        expect(blocked).toMatchObject({ ok: false, code: "blocking_checks" });
        if (!blocked.ok) expect(blocked.fields!["finances.balance.assets"]).toContain("资产负债表不平衡");
      },
    );

    await stage("balanced, the report is submitted and the registrar is told", async () => {
      ok(await svc.saveSection(deps, org, id, "finances", goodForms(2025).finances!, f.version));
      f = await as(org, id);
      expect(f.checks.filter((c) => c.severity === "block")).toEqual([]);
      const sub = ok(await svc.act(deps, org, id, "submit", { version: f.version, idempotencyKey: "k-1" }));
      expect(sub.state).toBe("submitted");
      expect((await svc.notices(deps, reg)).map((n) => n.text)).toContain(
        "「示范市计算机学会」提交了2025 年度年检报告（第 1 轮），等待预审。",
      );
    });

    await stage(
      "take: a colleague sees who holds the filing and cannot act; the pre-review starts",
      async () => {
        // Take: others see who holds it; start the pre-review.
        r = await as(reg, id);
        const taken = ok(await svc.take(deps, reg, id, r.version));
        const seenByColleague = await as(world.users.cityRegistrar2, id);
        expect(seenByColleague.holder).toEqual({ userId: reg.id, name: "李审查" });
        expect(seenByColleague.actions).toEqual([]);
        ok(await svc.act(deps, reg, id, "start_pre_review", { version: taken.version }));
      },
    );

    await stage(
      "R-C3: return with per-section comments; the default deadline is 5 working days, skipping a holiday",
      async () => {
        // R-C3: return with per-section comments; default deadline 5 working days, skipping the listed holiday.
        ok(
          await addHoliday(deps, world.users.admin, {
            date: "2026-03-05",
            kind: "holiday",
            name: "测试假日",
          }),
        );
        r = await as(reg, id);
        ok(
          await svc.act(deps, reg, id, "return_for_correction", {
            version: r.version,
            reason: "财务数据需要核对。",
            comments: [
              { section: "finances", text: "管理费用与审计报告不一致。" },
              { section: "activities", text: "请补充活动情况。" },
              { section: "meetings", text: "  " },
            ],
          }),
        );
        f = await as(org, id);
        expect(f.state).toBe("returned");
        expect(f.correction).toEqual({
          reason: "财务数据需要核对。",
          deadline: "2026-03-10",
          overdue: false,
        });
        expect(f.rounds[0]!.returned).toMatchObject({
          by: "李审查",
          deadline: "2026-03-10",
          comments: [
            { section: "finances", text: "管理费用与审计报告不一致。" },
            { section: "activities", text: "请补充活动情况。" },
          ],
        });
        expect(f.holder).toBeNull();
        expect(
          (await svc.notices(deps, org)).some(
            (n) => n.text.includes("被退回补正") && n.href === `/portal/inspections/${id}`,
          ),
        ).toBe(true);
      },
    );

    await stage(
      "R-C3: one section fixed and resubmitted: round 2 kept beside round 1, the change visible",
      async () => {
        // The organization fixes one section and resubmits: round 2 kept beside round 1, the change is visible.
        ok(
          await svc.saveSection(
            deps,
            org,
            id,
            "finances",
            { ...goodForms(2025).finances!, "expenses.management": "14000", "expenses.other": "6000" },
            f.version,
          ),
        );
        f = await as(org, id);
        expect(f.changedSinceLastRound).toEqual(["finances"]);
        ok(await svc.act(deps, org, id, "resubmit", { version: f.version, idempotencyKey: "k-2" }));
        r = await as(reg, id);
        expect(r.round).toBe(2);
        expect(r.rounds.map((x) => x.round)).toEqual([1, 2]);
        expect(r.rounds[0]!.returned?.reason).toBe("财务数据需要核对。");
        expect(r.changedSinceLastRound).toEqual(["finances"]);
        expect(r.correction).toBeNull();
      },
    );

    await stage(
      "R-A11: the pre-review passes to the 业务主管单位, who may return or pass it on",
      async () => {
        // Pre-review passes to the 业务主管单位 (supervised organization).
        await step(reg, id, "start_pre_review");
        expect((await step(reg, id, "pass_pre_review")).state).toBe("supervisor_review");
        const sup = world.users.supervisorA;
        expect((await svc.notices(deps, sup)).some((n) => n.href === `/supervisor/inspections/${id}`)).toBe(
          true,
        );
        expect((await as(sup, id)).actions.map((a) => a.action)).toEqual([
          "return_for_correction",
          "pass_supervisor_review",
        ]);
        expect((await step(sup, id, "pass_supervisor_review")).state).toBe("registrar_review");
      },
    );

    await stage(
      "R-C4: the conclusion must agree with the problems' severity; the organization is told",
      async () => {
        // R-C4: conclude with problems and their severity.
        const inconsistent = await svc.act(deps, reg, id, "conclude", {
          version: (await as(reg, id)).version,
          conclusion: "qualified",
          problems: [{ description: "会议记录不全", severity: "minor" }],
        });
        expect(inconsistent).toMatchObject({ ok: false, code: "conclusion_inconsistent" });
        await step(reg, id, "conclude", {
          conclusion: "basically_qualified",
          problems: [{ description: "理事会会议记录不全", severity: "minor", section: "meetings" }],
        });
        f = await as(org, id);
        expect(f).toMatchObject({
          state: "concluded",
          conclusion: "basically_qualified",
          concludedOn: "2026-03-02",
        });
        expect(f.problems).toEqual([
          { description: "理事会会议记录不全", severity: "minor", section: "meetings" },
        ]);
        expect((await svc.notices(deps, org)).some((n) => n.text.includes("基本合格"))).toBe(true);
      },
    );

    await stage(
      "R-C4: nothing is public before the 公告; the history and the announcement once published",
      async () => {
        // Public (R-C4): nothing before the 公告; the history and the announcement once published.
        expect(await svc.publicHistory(deps, world.orgs.learned.id)).toEqual([]);
        expect((await svc.conclusionsAnnouncement(deps, { year: 2025, page: 1, perPage: 20 })).total).toBe(0);
        await step(reg, id, "publish");
        expect(await svc.publicHistory(deps, world.orgs.learned.id)).toEqual([
          { year: 2025, conclusion: "basically_qualified", concludedOn: "2026-03-02" },
        ]);
        const ann = await svc.conclusionsAnnouncement(deps, {
          year: 2025,
          authorityCode: "159900",
          page: 1,
          perPage: 20,
        });
        expect(ann.items).toEqual([
          {
            uscc: world.orgs.learned.uscc,
            name: "示范市计算机学会",
            conclusion: "basically_qualified",
            concludedOn: "2026-03-02",
            authorityName: "示范市民政局",
          },
        ]);
      },
    );

    await stage(
      "every transition and saved section is in the transition log and the organization's audit trail",
      async () => {
        // Every transition and saved section is in the transition log and the audit trail of the organization.
        const log = (await db.all(
          sql`SELECT action FROM inspection_transitions WHERE filing_id = ${id} ORDER BY id`,
        )) as { action: string }[];
        expect(log.map((l) => l.action)).toEqual([
          "submit",
          "start_pre_review",
          "return_for_correction",
          "resubmit",
          "start_pre_review",
          "pass_pre_review",
          "pass_supervisor_review",
          "conclude",
          "publish",
        ]);
        const audit = (await db.all(
          sql`SELECT action, count(*) AS n FROM audit_events WHERE org_id = ${world.orgs.learned.id} GROUP BY action`,
        )) as { action: string; n: number }[];
        const byAction = Object.fromEntries(audit.map((a) => [a.action, Number(a.n)]));
        expect(byAction["inspection.section.save"]).toBe(12);
        expect(byAction["inspection.take"]).toBe(1);
        expect(byAction["inspection.conclude"]).toBe(1);
        await expectCountersMatch();
      },
    );
  });

  it("R-A11 / R-C7: 直接登记 and 脱钩 organizations skip the supervisor's review", async () => {
    const reg = world.users.cityRegistrar;
    for (const user of [world.users.foundation, world.users.logistics]) {
      const f = await submitted(user);
      await step(reg, f.id, "start_pre_review");
      expect((await step(reg, f.id, "pass_pre_review")).state).toBe("registrar_review");
      const [t] = (await db.all(
        sql`SELECT json_extract(details, '$.skipped.rule') AS rule FROM inspection_transitions WHERE filing_id = ${f.id} AND action = 'pass_pre_review'`,
      )) as { rule: string }[];
      expect(t!.rule).toBe("R-A11");
    }
    expect(await svc.notices(deps, world.users.supervisorA)).toEqual([]);
  });
});

describe("refusals", () => {
  it("wrong organization: another organization's filing is not found, for reading and for every write", async () => {
    const f = await filingOf(world.users.learned);
    const intruder = world.users.otherOrg;
    expect(await svc.getFiling(deps, intruder, f.id)).toBeNull();
    expect(
      await svc.saveSection(deps, intruder, f.id, "staff", goodForms(2025).staff!, f.version),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await svc.act(deps, intruder, f.id, "submit", { version: f.version })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await svc.addAttachment(deps, intruder, f.id, "declaration", { name: "a.pdf", bytes: pdfBytes() }),
    ).toMatchObject({ ok: false, code: "not_found" });
  });

  it("wrong reviewer: another city's registrar and another supervisor unit see nothing", async () => {
    const f = await submitted(world.users.learned);
    expect(await svc.getFiling(deps, world.users.otherRegistrar, f.id)).toBeNull();
    expect(
      await svc.act(deps, world.users.otherRegistrar, f.id, "start_pre_review", { version: f.version }),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await svc.getFiling(deps, world.users.supervisorB, f.id)).toBeNull();
    expect(await svc.take(deps, world.users.supervisorB, f.id, f.version)).toMatchObject({
      ok: false,
      code: "not_found",
    });
    // A district registrar does not see the city's filings.
    expect(await svc.getFiling(deps, world.users.districtRegistrar, f.id)).toBeNull();
  });

  it("wrong authority: a city registrar lists its district's filings read-only and cannot act on them", async () => {
    const f = await submitted(world.users.districtOrg);
    const city = world.users.cityRegistrar;
    const seen = await svc.getFiling(deps, city, f.id);
    expect(seen?.actions).toEqual([]);
    const q = await svc.queue(deps, city, { page: 1, perPage: 20, authorityId: world.authorities.district });
    expect(q.items.map((i) => i.id)).toEqual([f.id]);
    expect(await svc.act(deps, city, f.id, "start_pre_review", { version: seen!.version })).toMatchObject({
      ok: false,
      code: "out_of_scope",
    });
    expect(await svc.take(deps, city, f.id, seen!.version)).toMatchObject({
      ok: false,
      code: "out_of_scope",
    });
    ok(
      await svc.act(deps, world.users.districtRegistrar, f.id, "start_pre_review", {
        version: seen!.version,
      }),
    );
  });

  it("wrong role and illegal transitions get the machine's refusal", async () => {
    const f = await submitted(world.users.learned);
    expect(await svc.act(deps, world.users.learned, f.id, "submit", { version: f.version })).toMatchObject({
      ok: false,
      code: "illegal_transition",
    });
    expect(
      await svc.act(deps, world.users.cityRegistrar, f.id, "conclude", {
        version: f.version,
        conclusion: "qualified",
      }),
    ).toMatchObject({
      ok: false,
      code: "illegal_transition",
    });
    expect(
      await svc.act(deps, world.users.supervisorA, f.id, "start_pre_review", { version: f.version }),
    ).toMatchObject({
      ok: false,
      code: "forbidden_role",
    });
    expect(
      await svc.act(deps, world.users.cityRegistrar, f.id, "fly" as never, { version: f.version }),
    ).toMatchObject({
      ok: false,
      code: "unknown_action",
    });
  });

  it("held: a filing taken by one reviewer cannot be acted on or taken by another", async () => {
    const f = await submitted(world.users.learned);
    const t = ok(await svc.take(deps, world.users.cityRegistrar, f.id, f.version));
    expect(await svc.take(deps, world.users.cityRegistrar2, f.id, t.version)).toMatchObject({
      ok: false,
      code: "held",
    });
    const other = await svc.act(deps, world.users.cityRegistrar2, f.id, "start_pre_review", {
      version: t.version,
    });
    expect(other).toMatchObject({ ok: false, code: "held" });
    if (!other.ok) expect(other.message).toContain("李审查");
    ok(await svc.release(deps, world.users.cityRegistrar, f.id, t.version));
    ok(await svc.act(deps, world.users.cityRegistrar2, f.id, "start_pre_review", { version: t.version + 1 }));
  });

  it("stale version: two reviewers acting on the same filing — one wins, the other is told someone else acted", async () => {
    const f = await submitted(world.users.learned);
    const [a, b] = await Promise.all([
      svc.act(deps, world.users.cityRegistrar, f.id, "start_pre_review", { version: f.version }),
      svc.act(deps, world.users.cityRegistrar2, f.id, "start_pre_review", { version: f.version }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser).toEqual({
      ok: false,
      code: "stale",
      message: "该申报已被他人处理，请刷新后查看最新情况。",
    });
    expect(
      await db.all(
        sql`SELECT 1 FROM inspection_transitions WHERE filing_id = ${f.id} AND action = 'start_pre_review'`,
      ),
    ).toHaveLength(1);
    // A page read before the transition is stale for any later action.
    expect(
      await svc.act(deps, world.users.cityRegistrar, f.id, "pass_pre_review", { version: f.version }),
    ).toMatchObject({
      ok: false,
      code: "stale",
    });
  });

  it("stale version: the same section saved from two pages — the second is refused; other sections still save", async () => {
    const f = await filingOf(world.users.learned);
    ok(await svc.saveSection(deps, world.users.learned, f.id, "staff", goodForms(2025).staff!, f.version));
    // The same page (version unchanged) saves another section: fine.
    ok(await svc.saveSection(deps, world.users.learned, f.id, "branches", {}, f.version));
    // A second tab that read the old version saves staff again: refused, nothing overwritten.
    const second = await svc.saveSection(
      deps,
      world.users.learned,
      f.id,
      "staff",
      { ...goodForms(2025).staff!, fullTime: "9" },
      f.version,
    );
    expect(second).toMatchObject({ ok: false, code: "stale" });
    const [row] = (await db.all(
      sql`SELECT json_extract(data, '$.fullTime') AS n FROM inspection_sections WHERE filing_id = ${f.id} AND section = 'staff'`,
    )) as { n: number }[];
    expect(row!.n).toBe(5);
  });

  it("double submit: the same idempotency key twice, even at once, creates one submission and answers the same", async () => {
    const f = await fillAll(world.users.learned);
    const [a, b] = await Promise.all([
      svc.act(deps, world.users.learned, f.id, "submit", { version: f.version, idempotencyKey: "same-key" }),
      svc.act(deps, world.users.learned, f.id, "submit", { version: f.version, idempotencyKey: "same-key" }),
    ]);
    expect(ok(a)).toEqual(ok(b));
    const c = ok(
      await svc.act(deps, world.users.learned, f.id, "submit", {
        version: f.version,
        idempotencyKey: "same-key",
      }),
    );
    expect(c).toEqual(a);
    expect(await db.all(sql`SELECT 1 FROM inspection_rounds WHERE filing_id = ${f.id}`)).toHaveLength(1);
    expect(await db.all(sql`SELECT 1 FROM inspection_transitions WHERE filing_id = ${f.id}`)).toHaveLength(1);
    expect(await db.all(sql`SELECT 1 FROM audit_events WHERE action = 'inspection.submit'`)).toHaveLength(1);
  });

  it("R-C1: a closed window refuses new filings and draft edits; corrections still go through", async () => {
    const f = await fillAll(world.users.foundation); // 基金会: window closes 2026-03-31
    clock.set("2026-04-01");
    const refused = await svc.act(deps, world.users.foundation, f.id, "submit", { version: f.version });
    expect(refused).toMatchObject({ ok: false, code: "window_closed" });
    expect(
      await svc.saveSection(deps, world.users.foundation, f.id, "staff", goodForms(2025).staff!, f.version),
    ).toMatchObject({ ok: false, code: "window_closed" });
    // A filing returned before the close can be corrected and resubmitted after it.
    clock.set("2026-03-02");
    const g = await submitted(world.users.logistics);
    await step(world.users.cityRegistrar, g.id, "start_pre_review");
    await step(world.users.cityRegistrar, g.id, "return_for_correction", { reason: "请补充。" });
    clock.set("2026-06-02");
    const back = await as(world.users.logistics, g.id);
    ok(
      await svc.saveSection(deps, world.users.logistics, g.id, "staff", goodForms(2025).staff!, back.version),
    );
    ok(await svc.act(deps, world.users.logistics, g.id, "resubmit", { version: back.version }));
  });

  it("R-C3: return needs a reason, and a given deadline must be a later date", async () => {
    const f = await submitted(world.users.learned);
    await step(world.users.cityRegistrar, f.id, "start_pre_review");
    const v = (await as(world.users.cityRegistrar, f.id)).version;
    expect(
      await svc.act(deps, world.users.cityRegistrar, f.id, "return_for_correction", { version: v }),
    ).toMatchObject({
      ok: false,
      code: "reason_required",
    });
    expect(
      await svc.act(deps, world.users.cityRegistrar, f.id, "return_for_correction", {
        version: v,
        reason: "x",
        deadline: "2026-03-01",
      }),
    ).toMatchObject({ ok: false, code: "deadline_invalid" });
    const given = ok(
      await svc.act(deps, world.users.cityRegistrar, f.id, "return_for_correction", {
        version: v,
        reason: "x",
        deadline: "2026-03-20",
      }),
    );
    expect(given.state).toBe("returned");
    expect((await as(world.users.learned, f.id)).correction?.deadline).toBe("2026-03-20");
  });

  it("R-C4: problems with an unknown severity are refused per field", async () => {
    const f = await submitted(world.users.foundation);
    await step(world.users.cityRegistrar, f.id, "start_pre_review");
    await step(world.users.cityRegistrar, f.id, "pass_pre_review");
    const v = (await as(world.users.cityRegistrar, f.id)).version;
    const r = await svc.act(deps, world.users.cityRegistrar, f.id, "conclude", {
      version: v,
      conclusion: "unqualified",
      problems: [{ description: "x", severity: "huge" as never }],
    });
    expect(r).toMatchObject({
      ok: false,
      code: "invalid",
      fields: { "problems.0.severity": "请选择情节：情节轻微或情节严重" },
    });
    ok(
      await svc.act(deps, world.users.cityRegistrar, f.id, "conclude", {
        version: v,
        conclusion: "unqualified",
        problems: [{ description: "未按规定使用公益资金", severity: "serious" }],
      }),
    );
    expect(await svc.publicHistory(deps, world.orgs.foundation.id)).toEqual([]); // R-C4: not before its 公告
    await step(world.users.cityRegistrar, f.id, "publish");
    expect(await svc.publicHistory(deps, world.orgs.foundation.id)).toEqual([
      { year: 2025, conclusion: "unqualified", concludedOn: "2026-03-02" },
    ]);
  });

  it("R-C3: basic information is read from the register and cannot be saved", async () => {
    const f = await filingOf(world.users.learned);
    expect(f.report.basicInfo?.name).toBe("示范市计算机学会");
    expect(
      await svc.saveSection(deps, world.users.learned, f.id, "basicInfo", { name: "改名" }, f.version),
    ).toMatchObject({
      ok: false,
      code: "read_only",
    });
  });
});

function pdfBytes(extra = "") {
  return new TextEncoder().encode(`%PDF-1.7\n1 0 obj <<>> endobj\n${extra}%%EOF\n`);
}

describe("attachments", () => {
  it("are recognised by content: a PDF and a PNG are stored and read back, audited", async () => {
    const f = await filingOf(world.users.learned);
    const a = ok(
      await svc.addAttachment(deps, world.users.learned, f.id, "declaration", {
        name: "../签字页.pdf",
        bytes: pdfBytes(),
      }),
    );
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    ok(
      await svc.addAttachment(deps, world.users.learned, f.id, "rectification", {
        name: "scan.pdf",
        bytes: png,
      }),
    );
    const view = await as(world.users.learned, f.id);
    expect(view.attachments.map((x) => [x.filename, x.contentType])).toEqual([
      ["签字页.pdf", "application/pdf"],
      // Named by what the bytes are, not by the uploader's extension.
      ["scan.png", "image/png"],
    ]);
    const back = await svc.getAttachment(deps, world.users.cityRegistrar, a.attachmentId);
    expect(back?.contentType).toBe("application/pdf");
    expect(new TextDecoder().decode(back!.data)).toContain("%PDF-1.7");
    expect(await svc.getAttachment(deps, world.users.otherOrg, a.attachmentId)).toBeNull();
    expect(
      await db.all(sql`SELECT 1 FROM audit_events WHERE action = 'inspection.attachment.add'`),
    ).toHaveLength(2);
  });

  it("a fake extension is refused by content, as are empty and oversized files; nothing is stored", async () => {
    const f = await filingOf(world.users.learned);
    const fake = await svc.addAttachment(deps, world.users.learned, f.id, "declaration", {
      name: "签字页.pdf",
      bytes: new TextEncoder().encode("MZ\x90\x00 this is an executable"),
    });
    expect(fake).toMatchObject({ ok: false, code: "invalid" });
    if (!fake.ok) expect(fake.message).toContain("按文件内容识别");
    expect(
      await svc.addAttachment(deps, world.users.learned, f.id, "declaration", {
        name: "a.pdf",
        bytes: new Uint8Array(),
      }),
    ).toMatchObject({ ok: false, code: "invalid" });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdfBytes());
    expect(
      await svc.addAttachment(deps, world.users.learned, f.id, "declaration", { name: "a.pdf", bytes: big }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(storage.files.size).toBe(0);
    expect(await db.all(sql`SELECT 1 FROM inspection_attachments`)).toHaveLength(0);
  });

  it("R-C6: an uploaded 整改报告 satisfies the rectification requirement", async () => {
    // Last year (2024) the organization was 未参检.
    const y = await db.all(
      sql`SELECT id FROM inspection_years WHERE year = 2025 AND authority_id = ${world.authorities.city}`,
    );
    await db.run(
      sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on) SELECT authority_id, 2024, windows, '2024-06-30' FROM inspection_years WHERE id = ${(y[0] as { id: number }).id}`,
    );
    await db.run(sql`INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode, state)
      VALUES ((SELECT id FROM inspection_years WHERE year = 2024), ${world.orgs.learned.id}, 2024, ${world.authorities.city}, 'social_group', 'supervised', 'not_filed')`);
    const f = await fillAll(world.users.learned);
    expect(f.rectificationRequired).toBe(true);
    expect(f.checks.find((c) => c.id === "rectification.missing")?.severity).toBe("block");
    ok(
      await svc.addAttachment(deps, world.users.learned, f.id, "rectification", {
        name: "整改报告.pdf",
        bytes: pdfBytes(),
      }),
    );
    const g = await as(world.users.learned, f.id);
    expect(g.checks.find((c) => c.id === "rectification.missing")).toBeUndefined();
    expect(g.previousYear).toEqual({ report: null, conclusion: "not_filed" });
  });
});

describe("after the window: 未参检 (R-C8)", () => {
  it("marks required organizations that never submitted, per type as each window closes, and audits each", async () => {
    await submitted(world.users.learned);
    const year = (await svc.listYears(deps, world.users.cityRegistrar)).find(
      (y) => y.authorityId === world.authorities.city,
    )!;
    expect(await svc.markNotFiled(deps, world.users.cityRegistrar, year.id)).toMatchObject({
      ok: false,
      code: "window_not_closed",
    });
    clock.set("2026-04-01"); // only the foundations' window has closed
    expect(ok(await svc.markNotFiled(deps, "system", year.id)).marked).toBe(1);
    expect((await svc.orgHome(deps, world.users.foundation)).current?.state).toBe("not_filed");
    expect((await svc.orgHome(deps, world.users.center)).current?.state).toBe("draft");
    clock.set("2026-06-01");
    const run = await markNotFiledAfterWindows(deps, "2026-06-01");
    expect(run.marked).toBe(3); // the center, the logistics association, and the district's organization
    expect((await svc.orgHome(deps, world.users.learned)).current?.state).toBe("submitted");
    const again = await markNotFiledAfterWindows(deps, "2026-06-01");
    expect(again.marked).toBe(0);
    const audit = (await db.all(
      sql`SELECT org_id FROM audit_events WHERE action = 'inspection.mark_not_filed'`,
    )) as { org_id: number }[];
    expect(audit.map((a) => a.org_id).sort()).toEqual(
      [
        world.orgs.foundation.id,
        world.orgs.center.id,
        world.orgs.logistics.id,
        world.orgs.districtOrg.id,
      ].sort(),
    );
    expect((await svc.notices(deps, world.users.center)).some((n) => n.text.includes("未参检"))).toBe(true);
    const q = await svc.queue(deps, world.users.cityRegistrar, { page: 1, perPage: 20, state: "not_filed" });
    expect(q.total).toBe(4);
    await expectCountersMatch();
  });

  it("R-C3: a returned filing whose correction deadline outlasts the window is marked 未参检 once it lapses, exactly once, and the year is not closed before", async () => {
    const f = await submitted(world.users.learned);
    const reg = world.users.cityRegistrar;
    clock.set("2026-05-28");
    const r = await as(reg, f.id);
    const taken = ok(await svc.take(deps, reg, f.id, r.version));
    ok(await svc.act(deps, reg, f.id, "start_pre_review", { version: taken.version }));
    await step(reg, f.id, "return_for_correction", { reason: "请补充财务说明。", deadline: "2026-06-05" });
    const year = (await svc.listYears(deps, reg)).find((y) => y.authorityId === world.authorities.city)!;
    const marked = async (today: string) => (await markNotFiledAfterWindows(deps, today)).marked;
    const yearDone = async () =>
      (
        (await db.all(sql`SELECT not_filed_marked_at AS at FROM inspection_years WHERE id = ${year.id}`)) as {
          at: string | null;
        }[]
      )[0]!.at;

    clock.set("2026-06-01");
    await marked("2026-06-01");
    expect((await as(reg, f.id)).state).toBe("returned");
    expect(await yearDone()).toBeNull();
    const dry = await markNotFiledAfterWindows(deps, "2026-06-08", { dryRun: true });
    expect(dry.items.map((i) => i.label)).toEqual([world.orgs.learned.name]);
    expect((await as(reg, f.id)).state).toBe("returned");

    clock.set("2026-06-08");
    expect(await marked("2026-06-08")).toBe(1);
    expect(await marked("2026-06-08")).toBe(0);
    expect((await as(reg, f.id)).state).toBe("not_filed");
    expect(await yearDone()).not.toBeNull();
  });

  it("a district registrar cannot mark its parent city's year", async () => {
    const year = (await svc.listYears(deps, world.users.cityRegistrar)).find(
      (y) => y.authorityId === world.authorities.city,
    )!;
    clock.set("2026-06-01");
    expect(await svc.markNotFiled(deps, world.users.districtRegistrar, year.id)).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await svc.markNotFiled(deps, world.users.cityRegistrar, year.id)).toMatchObject({
      ok: true,
      marked: 4,
    });
  });
});

describe("queue, rates, notices", () => {
  it("the queue: waiting order, counts per state, filters by type, warnings, name and code", async () => {
    clock.set("2026-03-02");
    const a = await submitted(world.users.learned);
    clock.set("2026-03-03");
    // R-F5: an officer over 70 warns (it does not block): the filing carries its warning to the reviewer.
    const b = await submitted(world.users.foundation, {
      termChange: { ...goodForms(2025).termChange!, "officers.0.birthDate": "1950-01-01" },
    });
    const reg = world.users.cityRegistrar;
    const q = await svc.queue(deps, reg, { page: 1, perPage: 20 });
    expect(q.items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect(q.countsByState).toEqual({ submitted: 2, draft: 3 }); // the district's draft is in the city's scope
    expect(q.total).toBe(2);
    expect(
      (await svc.queue(deps, reg, { page: 1, perPage: 20, type: "foundation" })).items.map((i) => i.id),
    ).toEqual([b.id]);
    expect(
      (await svc.queue(deps, reg, { page: 1, perPage: 20, q: "计算机" })).items.map((i) => i.id),
    ).toEqual([a.id]);
    expect(
      (await svc.queue(deps, reg, { page: 1, perPage: 20, q: world.orgs.foundation.uscc })).items.map(
        (i) => i.id,
      ),
    ).toEqual([b.id]);
    expect((await svc.queue(deps, reg, { page: 2, perPage: 1 })).items.map((i) => i.id)).toEqual([b.id]);
    const warned = await svc.queue(deps, reg, { page: 1, perPage: 20, hasWarnings: true });
    expect(warned.items.map((i) => [i.id, i.warningCount])).toEqual([[b.id, 1]]);
    // The supervisor's queue holds only what waits for it.
    expect((await svc.queue(deps, world.users.supervisorA, { page: 1, perPage: 20 })).total).toBe(0);
    expect((await svc.queue(deps, world.users.learned, { page: 1, perPage: 20 })).total).toBe(0);
  });

  it("R-C10: rates per year and type, for the whole scope and each district", async () => {
    const f = await submitted(world.users.foundation);
    await step(world.users.cityRegistrar, f.id, "start_pre_review");
    await step(world.users.cityRegistrar, f.id, "pass_pre_review");
    await step(world.users.cityRegistrar, f.id, "conclude", { conclusion: "qualified" });
    await submitted(world.users.learned);
    const rows = await svc.rates(deps, world.users.cityRegistrar, 2025);
    const all = rows.find((r) => r.scope === "all" && r.type === "all")!;
    expect(all.required).toBe(5); // 4 in the city, 1 in the district
    expect(all.rates.inspectionRate.display).toBe("40.0%");
    expect(all.rates.qualifiedRate.display).toBe("100.0%");
    const district = rows.find((r) => r.scope === world.authorities.district && r.type === "all")!;
    expect(district.rates.inspectionRate.display).toBe("0.0%");
    const foundations = rows.find((r) => r.scope === "all" && r.type === "foundation")!;
    expect(foundations.rates.counts).toMatchObject({ required: 1, filed: 1, qualified: 1 });
    expect(await svc.rates(deps, world.users.learned, 2025)).toEqual([]);
  });

  it("notices are per addressee and read marks are per user", async () => {
    await submitted(world.users.learned);
    const [n] = await svc.notices(deps, world.users.cityRegistrar, true);
    ok(await svc.markNoticeRead(deps, world.users.cityRegistrar, n!.id));
    expect((await svc.notices(deps, world.users.cityRegistrar, true)).map((x) => x.id)).not.toContain(n!.id);
    expect((await svc.notices(deps, world.users.cityRegistrar2, true)).map((x) => x.id)).toContain(n!.id);
    expect(await svc.markNoticeRead(deps, world.users.otherRegistrar, n!.id)).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});

describe("public search helpers (filter by last year's conclusion)", () => {
  it("lastConclusionByOrg gives each organization's latest outcome; yearConclusionFilter selects by it", async () => {
    const f = await submitted(world.users.foundation);
    await step(world.users.cityRegistrar, f.id, "start_pre_review");
    await step(world.users.cityRegistrar, f.id, "pass_pre_review");
    await step(world.users.cityRegistrar, f.id, "conclude", { conclusion: "qualified" });
    await step(world.users.cityRegistrar, f.id, "publish"); // R-C4: public once published
    clock.set("2026-06-01");
    const year = (await svc.listYears(deps, world.users.cityRegistrar)).find(
      (y) => y.authorityId === world.authorities.city,
    )!;
    ok(await svc.markNotFiled(deps, world.users.cityRegistrar, year.id));
    const map = await lastConclusionByOrg(db, [
      world.orgs.foundation.id,
      world.orgs.center.id,
      world.orgs.otherOrg.id,
    ]);
    expect(map.get(world.orgs.foundation.id)).toEqual({
      year: 2025,
      conclusion: "qualified",
      concludedOn: "2026-03-02",
    });
    expect(map.get(world.orgs.center.id)).toEqual({ year: 2025, conclusion: "not_filed", concludedOn: null });
    expect(map.has(world.orgs.otherOrg.id)).toBe(false);
    const qualified = (await db.all(
      sql`SELECT o.id FROM organizations o WHERE ${yearConclusionFilter(sql`o.id`, 2025, "qualified")}`,
    )) as { id: number }[];
    expect(qualified.map((r) => r.id)).toEqual([world.orgs.foundation.id]);
    const missed = (await db.all(
      sql`SELECT o.id FROM organizations o WHERE ${yearConclusionFilter(sql`o.id`, 2025, "not_filed")} ORDER BY o.id`,
    )) as { id: number }[];
    expect(missed).toHaveLength(3);
  });
});

describe("the portal home", () => {
  it("R-C2: an organization added after the year opened gets its draft on first visit while the window is open", async () => {
    const [late] = await insertOrgs(db, [
      { name: "示范市补录协会", authorityCode: "159900", registeredOn: "2020-01-01" },
    ]);
    const user = await insertUser(db, { role: "org", displayName: "补录", orgId: late!.id });
    const home = await svc.orgHome(deps, user);
    expect(home.current?.state).toBe("draft");
    expect(home.current?.year).toBe(2025);
    const years = await svc.listYears(deps, world.users.cityRegistrar);
    expect(years.find((y) => y.authorityId === world.authorities.city)!.requiredCount).toBe(5);
    // Not required (registered after the cut-off): told why, no draft.
    const [newer] = await insertOrgs(db, [
      { name: "示范市更新协会", authorityCode: "159900", registeredOn: "2025-12-01" },
    ]);
    const u2 = await insertUser(db, { role: "org", displayName: "新", orgId: newer!.id });
    const h2 = await svc.orgHome(deps, u2);
    expect(h2.current).toBeNull();
    expect(h2.nextStep).toContain("无需参加 2025 年度年检");
  });
});

describe("holidays (working days, R-C3)", () => {
  it("only the administrator maintains them; a make-up working day must fall on a weekend", async () => {
    expect(
      await addHoliday(deps, world.users.cityRegistrar, { date: "2026-10-01", kind: "holiday" }),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const weekday = await addHoliday(deps, world.users.admin, { date: "2026-10-09", kind: "workday" });
    expect(weekday).toMatchObject({ ok: false, code: "invalid" });
    ok(await addHoliday(deps, world.users.admin, { date: "2026-10-10", kind: "workday", name: "国庆调休" }));
    expect(await addHoliday(deps, world.users.admin, { date: "2026-10-10", kind: "holiday" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
  });
});
