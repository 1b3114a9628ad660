import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, creditCases, jobRuns } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { SessionUser } from "../../src/context";
import {
  creditCandidatesJob,
  creditMovesJob,
  creditNoticesJob,
  creditPenaltiesJob,
  creditRevokedJob,
  creditUnreachableJob,
} from "../../src/credit/jobs";
import { matchWords, seriousPersonMatches } from "../../src/credit/people";
import type { Db } from "../../src/db";
import { inspectionService } from "../../src/inspection/service";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/**
 * The credit lists end to end (R-D1…R-D10): a 未参检 organization becomes a candidate by the daily job, is served a
 * 事先告知, objects, is listed by a decision with its 文号, shows on the public list, its page and the API, and is
 * removed; the refusals on the way; and the jobs' automatic moves, each idempotent.
 */
let db: Db;
let clock: Date;
const app = () => createApp({ db, config: testConfig(), now: () => clock });
const deps = () => ({ db, config: testConfig(), now: () => clock });
let org: { id: number; uscc: string; name: string };
let other: { id: number; uscc: string; name: string };
let registrar: { cookie: string; user: SessionUser };
let neighbour: { cookie: string };
let orgUser: { cookie: string };
let otherOrgUser: { cookie: string };
let cityId: number;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  clock = new Date("2026-06-10T02:00:00Z");
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  const neighbourId = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
  [org, other] = (await insertOrgs(db, [{ name: "示范市沉寂协会" }, { name: "示范市活跃协会" }])) as [
    typeof org,
    typeof org,
  ];
  registrar = await signIn(db, (await createUser(db, { role: "registrar", authorityId: cityId })).id, clock);
  neighbour = await signIn(
    db,
    (await createUser(db, { role: "registrar", authorityId: neighbourId })).id,
    clock,
  );
  orgUser = await signIn(db, (await createUser(db, { role: "org", orgId: org.id })).id, clock);
  otherOrgUser = await signIn(db, (await createUser(db, { role: "org", orgId: other.id })).id, clock);
});

async function markNotFiled(orgId: number) {
  await inspectionService.openYear(deps(), registrar.user, { year: 2025 });
  await db.run(sql`UPDATE annual_inspections SET state = 'not_filed' WHERE org_id = ${orgId}`);
}

const get = (path: string, cookie?: string) =>
  app().request(path, { headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, body: Record<string, string>, cookie: string) =>
  app().request(path, { method: "POST", headers: formHeaders(cookie), body: new URLSearchParams(body) });
const caseOf = async () => (await db.select().from(creditCases).where(sql`org_id = ${org.id}`))[0]!;

describe("R-D1(1): the daily job makes 未参检 organizations candidates, once", () => {
  it("a dry run lists them and writes nothing; the run makes one candidate each; a second run the same day nothing", async () => {
    await markNotFiled(org.id);
    const [dry] = await runJobs(deps(), "2026-06-10", { dryRun: true, trigger: "cli" }, [
      creditCandidatesJob,
    ]);
    expect(dry!.report!.changed).toBe(1);
    expect(dry!.report!.items[0]!.label).toBe("示范市沉寂协会");
    expect(await db.select().from(creditCases)).toEqual([]);
    const [first] = await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [
      creditCandidatesJob,
    ]);
    const [second] = await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [
      creditCandidatesJob,
    ]);
    expect([first!.report!.changed, second!.report!.changed]).toEqual([1, 0]);
    const c = await caseOf();
    expect(c).toMatchObject({
      list: "abnormal",
      ground: "d1_1",
      state: "candidate",
      sourceKey: expect.stringMatching(/^inspection:/),
    });
    expect((await db.select().from(jobRuns)).length).toBe(3);
  });
});

describe("R-D7: due process from candidate to listing and removal", () => {
  it("R-D1(1) [C]: a published 不合格 makes a candidate only where the locality lists it (creditListsUnqualified)", async () => {
    await inspectionService.openYear(deps(), registrar.user, { year: 2025 });
    await db.run(sql`UPDATE annual_inspections SET state = 'published', conclusion = 'unqualified',
      concluded_on = '2026-05-01', published_on = '2026-05-10' WHERE org_id = ${org.id}`);
    const run = async (on: boolean) => {
      const config = testConfig();
      config.domain = { ...config.domain, creditListsUnqualified: on };
      return (
        await runJobs({ db, config, now: () => clock }, "2026-06-10", { dryRun: false, trigger: "cli" }, [
          creditCandidatesJob,
        ])
      )[0]!.report!.changed;
    };
    expect(await run(false)).toBe(0);
    expect(await run(true)).toBe(1);
    expect((await caseOf()).ground).toBe("d1_1");
  });

  it("serve → object → list with 文号 → public page, API and /credit → removal on cure", async () => {
    await markNotFiled(org.id);
    await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditCandidatesJob]);
    let c = await caseOf();
    // A bare candidate is the registrar's work: the organization and the public see nothing yet.
    expect((await get(`/portal/credit/${c.id}`, orgUser.cookie)).status).toBe(404);
    expect(await (await get("/credit")).text()).not.toContain("示范市沉寂协会");
    const queue = await (await get("/registrar/credit", registrar.cookie)).text();
    expect(queue).toContain("示范市沉寂协会");
    expect(queue).toContain("还剩 5 个工作日");

    expect(
      (
        await post(
          `/registrar/credit/${c.id}/act`,
          { version: "1", action: "serve_notice", method: "portal" },
          registrar.cookie,
        )
      ).status,
    ).toBe(303);
    c = await caseOf();
    expect(c).toMatchObject({
      state: "notified",
      noticeServedOn: "2026-06-10",
      objectionDeadline: "2026-06-24",
    });
    const letter = await (await get(`/portal/credit/${c.id}/letter`, orgUser.cookie)).text();
    expect(letter).toContain("事先告知书");
    expect(letter).toContain("2026年6月24日");

    // Deciding before the window closes, without an objection, is refused (R-D7).
    const early = await post(
      `/registrar/credit/${c.id}/act`,
      { version: "2", action: "decide_list", reasons: "逾期未报送", documentNo: "示民信〔2026〕1号" },
      registrar.cookie,
    );
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("异议期尚未届满");

    expect(
      (
        await post(
          `/portal/credit/${c.id}/object`,
          { version: "2", objection: "我单位已于6月1日补报年度报告。" },
          orgUser.cookie,
        )
      ).status,
    ).toBe(303);
    // Another organization cannot see it, nor object to it; a neighbouring authority cannot act on it.
    expect((await get(`/portal/credit/${c.id}`, otherOrgUser.cookie)).status).toBe(404);
    expect(
      (
        await post(
          `/portal/credit/${c.id}/object`,
          { version: "3", objection: "不是我们的事" },
          otherOrgUser.cookie,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await post(
          `/registrar/credit/${c.id}/act`,
          { version: "3", action: "decide_drop", reasons: "x" },
          neighbour.cookie,
        )
      ).status,
    ).toBe(404);
    // A decision without its 文号 is refused next to the field.
    const noNumber = await post(
      `/registrar/credit/${c.id}/act`,
      { version: "3", action: "decide_list", reasons: "异议不成立" },
      registrar.cookie,
    );
    expect(noNumber.status).toBe(422);
    expect(await noNumber.text()).toContain("列入决定须有文号");
    // A stale version writes nothing.
    expect(
      (
        await post(
          `/registrar/credit/${c.id}/act`,
          { version: "2", action: "decide_list", reasons: "异议不成立", documentNo: "示民信〔2026〕1号" },
          registrar.cookie,
        )
      ).status,
    ).toBe(409);

    expect(
      (
        await post(
          `/registrar/credit/${c.id}/act`,
          {
            version: "3",
            action: "decide_list",
            reasons: "补报材料不完整，异议不成立",
            documentNo: "示民信〔2026〕1号",
          },
          registrar.cookie,
        )
      ).status,
    ).toBe(303);
    expect(await caseOf()).toMatchObject({
      state: "listed",
      listedOn: "2026-06-10",
      documentNo: "示民信〔2026〕1号",
    });

    const page = await (await get(`/orgs/${org.uscc}`)).text();
    expect(page).toContain("活动异常名录");
    expect(page).toContain("示民信〔2026〕1号");
    expect(page).toContain("不得参加社会组织评估");
    const api = (await (await get(`/api/v1/organizations/${org.uscc}`)).json()) as {
      credit_entries: unknown[];
    };
    expect(api.credit_entries).toEqual([
      expect.objectContaining({
        list: "abnormal",
        ground: "d1_1",
        listed_on: "2026-06-10",
        document_no: "示民信〔2026〕1号",
        removed_on: null,
      }),
    ]);
    const publicList = await (await get("/credit?list=abnormal")).text();
    expect(publicList).toContain("示范市沉寂协会");
    expect(publicList).toContain(
      '<link rel="alternate" type="application/atom+xml" title="社会组织信用名单列入与移出" href="/credit/feed.atom"/>',
    );
    const entries = (await (await get(`/api/v1/credit-entries?q=${encodeURIComponent("沉寂")}`)).json()) as {
      total: number;
    };
    expect(entries.total).toBe(1);
    expect((await get("/api/v1/credit-entries?list=gold")).status).toBe(400);

    clock = new Date("2026-07-01T02:00:00Z");
    registrar = await signIn(db, registrar.user.id, clock); // weeks later: a new session
    expect(
      (
        await post(
          `/registrar/credit/${c.id}/act`,
          { version: "4", action: "remove", removalReason: "cured", documentNo: "示民信〔2026〕9号" },
          registrar.cookie,
        )
      ).status,
    ).toBe(303);
    expect(await caseOf()).toMatchObject({
      state: "removed",
      removedOn: "2026-07-01",
      removalReason: "cured",
    });
    expect(await (await get("/credit")).text()).not.toContain("示范市沉寂协会");
    expect(await (await get("/credit?removed=1")).text()).toContain("示范市沉寂协会");
    const csv = await (await get("/credit/export.csv?removed=1")).text();
    expect(csv).toContain("示范市沉寂协会,活动异常名录");
    const feed = await (await get("/credit/feed.atom")).text();
    expect(feed).toContain("示范市沉寂协会被列入活动异常名录");
    expect(feed).toContain("示范市沉寂协会被移出活动异常名录");
    expect((await get("/credit/feed.atom?list=gold")).status).toBe(400);
    const actions = (await db.select({ a: auditEvents.action }).from(auditEvents)).map((r) => r.a);
    expect(actions).toEqual(
      expect.arrayContaining([
        "credit.candidate",
        "credit.serve_notice",
        "credit.object",
        "credit.decide_list",
        "credit.remove",
      ]),
    );
  });

  it("R-D7: an unreachable organization is served by 公告, which counts as served after its period; the objection window runs from then", async () => {
    await markNotFiled(org.id);
    await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditCandidatesJob]);
    let c = await caseOf();
    const served = await post(
      `/registrar/credit/${c.id}/act`,
      { version: "1", action: "serve_notice", method: "publication" },
      registrar.cookie,
    );
    expect(served.status).toBe(303);
    c = await caseOf();
    // Published 2026-06-10; 30 days → served 2026-07-10; 10 working days → 2026-07-24.
    expect(c).toMatchObject({
      noticeMethod: "publication",
      noticePublishedOn: "2026-06-10",
      noticeServedOn: "2026-07-10",
      objectionDeadline: "2026-07-24",
    });
    const page = await (await get("/credit/notices")).text();
    expect(page).toContain("关于拟将示范市沉寂协会列入活动异常名录的事先告知公告");
    expect(page).toContain("视为送达 2026年7月10日");
    clock = new Date("2026-07-20T02:00:00Z");
    registrar = await signIn(db, registrar.user.id, clock);
    const early = await post(
      `/registrar/credit/${c.id}/act`,
      { version: "2", action: "decide_list", reasons: "逾期未报送", documentNo: "示民信〔2026〕2号" },
      registrar.cookie,
    );
    expect(early.status).toBe(409);
    // [C] the period is a setting.
    const config = testConfig();
    config.domain = { ...config.domain, creditPublicationDays: 60 };
    await db.run(
      sql`UPDATE credit_cases SET state = 'candidate', version = 3, notice_method = NULL WHERE id = ${c.id}`,
    );
    await createApp({ db, config, now: () => clock }).request(`/registrar/credit/${c.id}/act`, {
      method: "POST",
      headers: formHeaders(registrar.cookie),
      body: new URLSearchParams({ version: "3", action: "serve_notice", method: "publication" }),
    });
    expect((await caseOf()).noticeServedOn).toBe("2026-09-18");
  });

  it("the people behind a 严重 entry: recorded with a keyed identity, matched by identity or (said so) by name only", async () => {
    const [row] = await db
      .insert(creditCases)
      .values({
        orgId: org.id,
        authorityId: cityId,
        list: "serious",
        ground: "d4_7",
        state: "listed",
        facts: "被撤销登记",
        arisenOn: "2026-05-01",
        listedOn: "2026-05-01",
        documentNo: "示民信〔2026〕9号",
        publicationPeriod: "serious",
      })
      .returning({ id: creditCases.id });
    const path = `/registrar/credit/${row!.id}/people`;
    const bad = await post(
      path,
      { role: "legal_representative", personName: "周某", idNumber: "110105194912310021" },
      registrar.cookie,
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("最后一位应为X");
    expect(
      (await post(path, { role: "legal_representative", personName: "周某" }, neighbour.cookie)).status,
    ).toBe(404);
    const ok = await post(
      path,
      { role: "legal_representative", personName: "周某", idNumber: "11010519491231002X" },
      registrar.cookie,
    );
    expect(ok.status).toBe(303);
    expect(await post(path, { role: "principal", personName: "吴某" }, registrar.cookie)).toHaveProperty(
      "status",
      303,
    );
    const page = await (await get(`/registrar/credit/${row!.id}`, registrar.cookie)).text();
    expect(page).toContain("法定代表人：周某（身份证号码末4位 002X）");
    expect(page).not.toContain("11010519491231002X");
    const stored = (await db.all(
      sql`SELECT person_key AS k FROM credit_case_people WHERE person_name = '周某'`,
    )) as { k: string }[];
    expect(stored[0]!.k).toMatch(/^[0-9a-f]{64}$/);

    const d = deps();
    const byId = await seriousPersonMatches(d, { name: "周某某", idNumber: "11010519491231002X" });
    expect(byId.map((m) => [m.orgName, m.match])).toEqual([["示范市沉寂协会", "identity"]]);
    expect(matchWords(byId[0]!)).toContain("（身份证号码一致）为严重违法失信名单中示范市沉寂协会");
    // Same name, another identity number: not the same person.
    expect(await seriousPersonMatches(d, { name: "周某", idNumber: "110105198001010015" })).toEqual([]);
    const byName = await seriousPersonMatches(d, { name: "吴某" });
    expect(byName.map((m) => m.match)).toEqual(["name"]);
    // The organization itself is not a match for its own people.
    expect(await seriousPersonMatches(d, { name: "吴某" }, org.id)).toEqual([]);
  });

  it("a registrar enters a candidate only for its own organizations, with the facts and evidence it must give", async () => {
    const missing = await post(
      "/registrar/credit",
      { uscc: org.uscc, ground: "d1_6", arisenOn: "2026-06-01", facts: "", evidence: "" },
      registrar.cookie,
    );
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("请写明查明的事实");
    const foreign = await post(
      "/registrar/credit",
      {
        uscc: org.uscc,
        ground: "d1_6",
        arisenOn: "2026-06-01",
        facts: "两次挂号信均被退回",
        evidence: "邮件号 1、2",
      },
      neighbour.cookie,
    );
    expect(foreign.status).toBe(422);
    expect(await db.select().from(creditCases)).toEqual([]);
    const ok = await post(
      "/registrar/credit",
      {
        uscc: org.uscc,
        ground: "d1_6",
        arisenOn: "2026-06-01",
        facts: "两次挂号信均被退回",
        evidence: "邮件号 1、2",
      },
      registrar.cookie,
    );
    expect(ok.status).toBe(303);
    expect(await caseOf()).toMatchObject({
      list: "abnormal",
      ground: "d1_6",
      state: "candidate",
      sourceKey: null,
    });
  });
});

describe("R-D2 / R-D1(6): letters to the registered 住所", () => {
  it("a registrar records two letters and their unsigned returns; the job makes one candidate; an outcome is recorded once", async () => {
    const send = (sentOn: string, trackingNo: string) =>
      post("/registrar/credit/letters", { uscc: org.uscc, sentOn, trackingNo }, registrar.cookie);
    expect((await send("2026-04-01", "XA100001")).status).toBe(303);
    expect((await send("2026-04-29", "XA100002")).status).toBe(303);
    // Another authority's registrar records nothing for this organization.
    const foreign = await post(
      "/registrar/credit/letters",
      { uscc: org.uscc, sentOn: "2026-04-01", trackingNo: "XA9" },
      neighbour.cookie,
    );
    expect(foreign.status).toBe(422);
    const rows = (await db.all(sql`SELECT id, version FROM letters ORDER BY id`)) as {
      id: number;
      version: number;
    }[];
    expect(rows).toHaveLength(2);
    const early = await post(
      `/registrar/credit/letters/${rows[0]!.id}/outcome`,
      { version: "1", outcome: "unsigned", outcomeOn: "2026-03-01" },
      registrar.cookie,
    );
    expect(early.status).toBe(422);
    expect(await early.text()).toContain("回执日期不能早于寄出日期");
    for (const r of rows) {
      expect(
        (
          await post(
            `/registrar/credit/letters/${r.id}/outcome`,
            { version: "1", outcome: "unsigned", outcomeOn: "2026-05-08", note: "查无此单位" },
            registrar.cookie,
          )
        ).status,
      ).toBe(303);
    }
    expect(
      (
        await post(
          `/registrar/credit/letters/${rows[0]!.id}/outcome`,
          { version: "2", outcome: "signed", outcomeOn: "2026-05-09" },
          registrar.cookie,
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await post(
          `/registrar/credit/letters/${rows[0]!.id}/outcome`,
          { version: "2", outcome: "signed", outcomeOn: "2026-05-09" },
          neighbour.cookie,
        )
      ).status,
    ).toBe(404);

    const runs = [
      await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditUnreachableJob]),
      await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditUnreachableJob]),
    ];
    expect(runs.map((r) => r[0]!.report!.changed)).toEqual([1, 0]);
    expect(await caseOf()).toMatchObject({ ground: "d1_6", state: "candidate", arisenOn: "2026-04-29" });
    expect((await caseOf()).evidence).toContain("XA100001");
  });

  it("R-D2: the letters' interval is a setting: 28 days apart count by default, not when the minimum is 30", async () => {
    for (const [sentOn, trackingNo] of [
      ["2026-04-01", "XA1"],
      ["2026-04-29", "XA2"],
    ]) {
      await db.run(sql`INSERT INTO letters (org_id, authority_id, purpose, address, sent_on, tracking_no, outcome, outcome_on)
        VALUES (${org.id}, ${cityId}, 'address_check', '地址', ${sentOn}, ${trackingNo}, 'unsigned', '2026-05-08')`);
    }
    const strict = {
      ...testConfig(),
      domain: { ...testConfig().domain, unreachableLetterIntervalDays: { min: 30, max: 60 } },
    };
    const dry = async (config = testConfig()) =>
      (
        await runJobs({ db, config, now: () => clock }, "2026-06-10", { dryRun: true, trigger: "cli" }, [
          creditUnreachableJob,
        ])
      )[0]!.report!.changed;
    expect(await dry()).toBe(1);
    expect(await dry(strict)).toBe(0);
  });
});

describe("行政处罚 records (R-D1(5), R-D4(3)–(5))", () => {
  it("a registrar records a fine and a 限期停止活动; the job makes their candidates once; the public page shows the running suspension", async () => {
    const fine = await post(
      "/registrar/credit/penalties",
      {
        uscc: org.uscc,
        kind: "fine",
        amount: "60,000",
        department: "示范市市场监督管理局",
        documentNo: "示市监罚〔2026〕5号",
        decidedOn: "2026-05-20",
        facts: "违规收取会费",
      },
      registrar.cookie,
    );
    expect(fine.status).toBe(303);
    const noDates = await post(
      "/registrar/credit/penalties",
      {
        uscc: org.uscc,
        kind: "suspension",
        department: "示范市民政局",
        documentNo: "示民罚〔2026〕2号",
        decidedOn: "2026-06-01",
        facts: "违反章程开展活动",
      },
      registrar.cookie,
    );
    expect(noDates.status).toBe(422);
    expect(await noDates.text()).toContain("限期停止活动须填写起止日期");
    const badAmount = await post(
      "/registrar/credit/penalties",
      {
        uscc: org.uscc,
        kind: "fine",
        amount: "abc",
        department: "示范市民政局",
        documentNo: "示民罚〔2026〕3号",
        decidedOn: "2026-06-01",
        facts: "违规收费活动",
      },
      registrar.cookie,
    );
    expect(badAmount.status).toBe(422);
    expect(
      (
        await post(
          "/registrar/credit/penalties",
          {
            uscc: org.uscc,
            kind: "suspension",
            suspendedFrom: "2026-06-01",
            suspendedTo: "2026-08-31",
            department: "示范市民政局",
            documentNo: "示民罚〔2026〕2号",
            decidedOn: "2026-06-01",
            facts: "违反章程开展活动",
          },
          registrar.cookie,
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await post(
          "/registrar/credit/penalties",
          {
            uscc: org.uscc,
            kind: "warning",
            department: "x",
            documentNo: "yy",
            decidedOn: "2026-06-01",
            facts: "违规违规违规",
          },
          neighbour.cookie,
        )
      ).status,
    ).toBe(422);

    const runs = [
      await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditPenaltiesJob]),
      await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditPenaltiesJob]),
    ];
    expect(runs.map((r) => r[0]!.report!.changed)).toEqual([2, 0]);
    const cases = await db.select().from(creditCases).orderBy(creditCases.id);
    expect(cases.map((c) => [c.list, c.ground, c.state])).toEqual([
      ["serious", "d4_4", "candidate"],
      ["serious", "d4_3", "candidate"],
    ]);
    expect(await (await get(`/orgs/${org.uscc}`)).text()).toContain("责令限期停止活动（示民罚〔2026〕2号）");
  });
});

describe("整改通知书 (R-D1(3), R-C5)", () => {
  it("issue → the 年检 requires the 整改报告 → report → return with a reason → report again → accept; refusals on the way", async () => {
    await inspectionService.openYear(deps(), registrar.user, { year: 2025 });
    const filingText = async () => {
      const [f] = (await db.all(sql`SELECT id FROM annual_inspections WHERE org_id = ${org.id}`)) as {
        id: number;
      }[];
      return (await get(`/portal/inspections/${f!.id}`, orgUser.cookie)).text();
    };
    expect(await filingText()).not.toContain("本单位有尚未完成的整改通知");

    const bad = await post(
      "/registrar/credit/notices",
      {
        uscc: org.uscc,
        documentNo: "示民整〔2026〕1号",
        facts: "未按章程召开会员大会",
        items: "没有依据的一行",
        days: "10",
      },
      registrar.cookie,
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("请逐行填写整改事项及其依据");
    const issued = await post(
      "/registrar/credit/notices",
      {
        uscc: org.uscc,
        documentNo: "示民整〔2026〕1号",
        facts: "未按章程召开会员大会",
        items: "按章程召开会员大会｜章程第十五条\n补选理事｜章程第二十条",
        days: "10",
      },
      registrar.cookie,
    );
    expect(issued.status).toBe(303);
    const path = issued.headers.get("Location")!;
    const id = path.split("/").at(-1)!;
    expect(await filingText()).toContain("本单位有尚未完成的整改通知");
    // Another organization and another authority see nothing.
    expect((await get(`/portal/credit/notices/${id}`, otherOrgUser.cookie)).status).toBe(404);
    expect((await get(path, neighbour.cookie)).status).toBe(404);
    const letter = await (await get(`/portal/credit/notices/${id}`, orgUser.cookie)).text();
    expect(letter).toContain("整改通知书");
    expect(letter).toContain("按章程召开会员大会（依据：章程第十五条）");

    const missing = await post(
      `/portal/credit/notices/${id}/report`,
      { version: "1", answer0: "已于6月5日召开" },
      orgUser.cookie,
    );
    expect(missing.status).toBe(422);
    const report = { version: "1", answer0: "已于6月5日召开会员大会", answer1: "已补选理事两名" };
    expect((await post(`/portal/credit/notices/${id}/report`, report, orgUser.cookie)).status).toBe(303);
    expect((await post(`/portal/credit/notices/${id}/report`, report, orgUser.cookie)).status).toBe(409);
    const noReason = await post(`${path}/decide`, { version: "2", decision: "return" }, registrar.cookie);
    expect(noReason.status).toBe(422);
    expect(
      (
        await post(
          `${path}/decide`,
          { version: "2", decision: "return", reason: "请附会议纪要" },
          registrar.cookie,
        )
      ).status,
    ).toBe(303);
    expect(
      (await post(`/portal/credit/notices/${id}/report`, { ...report, version: "3" }, orgUser.cookie)).status,
    ).toBe(303);
    expect(
      (await post(`${path}/decide`, { version: "4", decision: "accept" }, registrar.cookie)).status,
    ).toBe(303);
    const page = await (await get(path, registrar.cookie)).text();
    expect(page).toContain("第 2 轮");
    expect(page).toContain("退回：请附会议纪要");
    expect(page).toContain("已验收");
    expect(await filingText()).not.toContain("本单位有尚未完成的整改通知");
  });

  it("a 基本合格 conclusion's review page offers a notice prefilled with its problems", async () => {
    await inspectionService.openYear(deps(), registrar.user, { year: 2025 });
    const [f] = (await db.all(sql`SELECT id FROM annual_inspections WHERE org_id = ${org.id}`)) as {
      id: number;
    }[];
    await db.run(
      sql`UPDATE annual_inspections SET state = 'concluded', conclusion = 'basically_qualified', concluded_on = '2026-05-20' WHERE id = ${f!.id}`,
    );
    await db.run(
      sql`INSERT INTO inspection_problems (filing_id, description, severity, section) VALUES (${f!.id}, '理事会会议记录不全', 'minor', 'meetings')`,
    );
    const review = await (await get(`/registrar/inspections/${f!.id}`, registrar.cookie)).text();
    const href = /href="(\/registrar\/credit\/notices\?[^"]+)"/.exec(review)?.[1]?.replaceAll("&amp;", "&");
    expect(href).toBeDefined();
    const form = await (await get(href!, registrar.cookie)).text();
    expect(form).toContain(org.uscc);
    expect(form).toContain("理事会会议记录不全｜2025年度年检结论");
  });

  it("R-D1(3): a notice past its deadline and not accepted becomes an 活动异常名录 candidate, once", async () => {
    await post(
      "/registrar/credit/notices",
      {
        uscc: org.uscc,
        documentNo: "示民整〔2026〕2号",
        facts: "未按规定公开年度工作报告",
        items: "公开年度工作报告｜信息公开办法",
        days: "5",
      },
      registrar.cookie,
    );
    const [n] = (await db.all(sql`SELECT deadline FROM rectification_notices`)) as { deadline: string }[];
    expect(n!.deadline).toBe("2026-06-17");
    const day = async (today: string) =>
      (await runJobs(deps(), today, { dryRun: false, trigger: "cli" }, [creditNoticesJob]))[0]!.report!
        .changed;
    expect(await day("2026-06-17")).toBe(0);
    expect(await day("2026-06-18")).toBe(1);
    expect(await day("2026-06-18")).toBe(0);
    expect(await caseOf()).toMatchObject({ ground: "d1_3", state: "candidate", arisenOn: "2026-06-17" });
  });
});

describe("the jobs' automatic moves", () => {
  it("R-D4(7): a revoked organization is listed as 严重 straight away, once", async () => {
    await db.run(
      sql`UPDATE organizations SET status = 'revoked', status_on = '2026-05-20' WHERE id = ${org.id}`,
    );
    await db.run(sql`INSERT INTO announcements (org_id, authority_id, kind, title, body, document_no, published_on)
      VALUES (${org.id}, ${cityId}, 'revocation', '撤销登记公告', '撤销', '示民撤〔2026〕3号', '2026-05-20')`);
    const runs = [
      await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditRevokedJob]),
      await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditRevokedJob]),
    ];
    expect(runs.map((r) => r[0]!.report!.changed)).toEqual([1, 0]);
    expect(await caseOf()).toMatchObject({
      list: "serious",
      ground: "d4_7",
      state: "listed",
      // Listed as of the 撤销 decision, under its 文号.
      listedOn: "2026-05-20",
      documentNo: "示民撤〔2026〕3号",
    });
  });

  it("R-D3: a 警告 entry leaves after six months by itself; R-D4(1): two years on 异常 move to 严重; each once", async () => {
    await db.insert(creditCases).values([
      {
        orgId: org.id,
        authorityId: cityId,
        list: "abnormal",
        ground: "d1_5",
        state: "listed",
        facts: "受到警告",
        arisenOn: "2025-12-01",
        listedOn: "2025-12-10",
        publicationPeriod: "minor",
      },
      {
        orgId: other.id,
        authorityId: cityId,
        list: "abnormal",
        ground: "d1_1",
        state: "listed",
        facts: "未参检",
        arisenOn: "2024-06-01",
        listedOn: "2024-06-10",
        publicationPeriod: "general",
      },
    ]);
    const day = async (today: string) =>
      (await runJobs(deps(), today, { dryRun: false, trigger: "cli" }, [creditMovesJob]))[0]!.report!.changed;
    expect(await day("2026-06-09")).toBe(0);
    expect(await day("2026-06-10")).toBe(2);
    expect(await day("2026-06-10")).toBe(0);
    const rows = await db.select().from(creditCases).orderBy(creditCases.id);
    expect(
      rows.map((r) => [r.orgId === org.id ? "warned" : "two-years", r.list, r.state, r.removalReason]),
    ).toEqual([
      ["warned", "abnormal", "removed", "automatic"],
      ["two-years", "abnormal", "removed", "escalated"],
      ["two-years", "serious", "listed", null],
    ]);
    // R-D4(1): off 异常 and on 严重 at the same instant, dated the day the two years were complete, in one audit batch.
    expect([rows[1]!.removedOn, rows[2]!.listedOn, rows[2]!.decisionOn]).toEqual([
      "2026-06-10",
      "2026-06-10",
      "2026-06-10",
    ]);
    const batch = (await db.all(sql`SELECT action, prev_hash IS NOT NULL AS chained FROM audit_events
      WHERE action IN ('credit.remove', 'credit.list_directly') AND org_id = ${other.id} ORDER BY id`)) as {
      action: string;
    }[];
    expect(batch.map((b) => b.action)).toEqual(["credit.remove", "credit.list_directly"]);
    const events = (await db.all(
      sql`SELECT action FROM credit_events WHERE case_id = ${rows[2]!.id} ORDER BY id`,
    )) as {
      action: string;
    }[];
    expect(events.map((e) => e.action)).toEqual(["create", "list_directly"]);
  });

  it("R-D4(1): the escalation is all or nothing — a failure half-way leaves nothing half-moved", async () => {
    await db.insert(creditCases).values({
      orgId: other.id,
      authorityId: cityId,
      list: "abnormal",
      ground: "d1_1",
      state: "listed",
      facts: "未参检",
      arisenOn: "2024-06-01",
      listedOn: "2024-06-10",
      publicationPeriod: "general",
    });
    // The 严重 entry cannot be written (a failure half-way through): nothing of the move may land.
    await db.run(sql`CREATE TRIGGER refuse_serious BEFORE INSERT ON credit_cases WHEN NEW.list = 'serious'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const failed = await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditMovesJob]);
    expect(failed[0]!.error).toContain("refused");
    const untouched = await db.select().from(creditCases);
    expect(untouched.map((r) => [r.list, r.state, r.version])).toEqual([["abnormal", "listed", 1]]);
    await db.run(sql`DROP TRIGGER refuse_serious`);
    const moved = await runJobs(deps(), "2026-06-10", { dryRun: false, trigger: "cli" }, [creditMovesJob]);
    expect(moved[0]!.report!.changed).toBe(1);
    const rows = await db.select().from(creditCases).orderBy(creditCases.id);
    expect(rows.map((r) => [r.list, r.state])).toEqual([
      ["abnormal", "removed"],
      ["serious", "listed"],
    ]);
  });
});
