import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { creditRevokedJob } from "../../src/credit/jobs";
import type { Db } from "../../src/db";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** Zombie cases from 立案 to their outcome (R-E2, R-E3): one per organization, no step skipped, every refusal. */
let db: Db;
let clock: Date;
let orgs: { id: number; uscc: string; name: string }[];
let cityId: number;
const cookies: Record<string, string> = {};
const app = () => createApp({ db, config: testConfig(), now: () => clock });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  clock = new Date("2026-06-10T02:00:00Z");
  cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  const other = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
  orgs = await insertOrgs(db, [{ name: "示范市沉睡协会" }, { name: "示范市慈善基金会", type: "foundation" }]);
  await db.run(sql`INSERT INTO zombie_signals (org_id, authority_id, signal, facts, first_seen_on)
    VALUES (${orgs[0]!.id}, ${cityId}, 'missed_inspections', '2024、2025年度连续未参检', '2026-06-01')`);
  for (const [k, u] of Object.entries({
    registrar: await createUser(db, { role: "registrar", authorityId: cityId, displayName: "李处置" }),
    colleague: await createUser(db, { role: "registrar", authorityId: cityId, displayName: "王核查" }),
    other: await createUser(db, { role: "registrar", authorityId: other }),
  }))
    cookies[k] = (await signIn(db, u.id, clock)).cookie;
});

const get = (path: string, who?: string) =>
  app().request(path, { headers: who ? { Cookie: cookies[who]! } : {} });
const post = (path: string, body: Record<string, string>, who = "registrar") =>
  app().request(path, {
    method: "POST",
    headers: formHeaders(cookies[who]),
    body: new URLSearchParams(body),
  });
const caseRow = async () =>
  (await db.all(sql`SELECT * FROM zombie_cases ORDER BY id DESC LIMIT 1`))[0] as Record<string, unknown>;
const step = async (action: string, extra: Record<string, string> = {}, who = "registrar") => {
  const c = await caseRow();
  return post(`/registrar/zombies/cases/${c.id}/act`, { version: String(c.version), action, ...extra }, who);
};
/** Sessions end after 8 idle hours: sign in again when the clock moves days ahead. */
async function relogin() {
  const users = (await db.all(sql`SELECT id, display_name AS name FROM users ORDER BY id`)) as {
    id: number;
    name: string;
  }[];
  cookies.registrar = (await signIn(db, users[0]!.id, clock)).cookie;
}

describe("a zombie case (R-E2, R-E3)", () => {
  it("R-E3: the case page counts the window down in working days and warns staff when a year it crosses has no holiday calendar", async () => {
    await post("/registrar/zombies/cases", { uscc: orgs[0]!.uscc, evidence: "两次寄信退回，电话停机。" });
    await step("start_investigation");
    const id = (await caseRow()).id;
    const before = await (await get(`/registrar/zombies/cases/${id}`, "registrar")).text();
    expect(before).toContain("本步骤将设定的期限");
    expect(before).toContain("该年度节假日安排尚未录入，期限按周末计算（2026年）");
    await db.run(sql`INSERT INTO holidays (date, kind, name) VALUES ('2026-10-01', 'holiday', '国庆节')`);
    const entered = await (await get(`/registrar/zombies/cases/${id}`, "registrar")).text();
    expect(entered).not.toContain("节假日安排尚未录入");
    expect(
      (await step("serve_revocation_notice", { documentNo: "示民撤告〔2026〕9号", method: "mail" })).status,
    ).toBe(303);
    const served = await (await get(`/registrar/zombies/cases/${id}`, "registrar")).text();
    expect(served).toContain("陈述、申辩和申请听证至 2026年6月17日");
    expect(served).toContain("还剩 5 个工作日");
    expect(served).not.toContain("节假日安排尚未录入");
    const list = await (await get("/registrar/zombies/cases", "registrar")).text();
    expect(list).toContain("陈述申辩至 2026年6月17日（还剩 5 个工作日）");
    // Without the year's calendar the list warns next to the window too.
    await db.run(sql`DELETE FROM holidays`);
    const bare = await (await get("/registrar/zombies/cases", "registrar")).text();
    expect(bare).toContain("该年度节假日安排尚未录入，期限按周末计算（2026年）");
    clock = new Date("2026-06-18T02:00:00Z");
    await relogin();
    const ended = await (await get(`/registrar/zombies/cases/${id}`, "registrar")).text();
    expect(ended).toContain("陈述、申辩和申请听证至 2026年6月17日（已届满）");
  });

  it("R-E3: 立案 → investigation → 撤销 by 公告送达 → decision after the window → the register's 撤销 and 公告 → 严重 entry → closed", async () => {
    const form = await (await get(`/registrar/zombies/cases/new?uscc=${orgs[0]!.uscc}`, "registrar")).text();
    expect(form).toContain("连续未参加年检：2024、2025年度连续未参检");
    expect(
      (await post("/registrar/zombies/cases", { uscc: orgs[0]!.uscc, evidence: "两次寄信退回，电话停机。" }))
        .status,
    ).toBe(303);
    // One open case per organization.
    const twice = await post("/registrar/zombies/cases", { uscc: orgs[0]!.uscc, evidence: "再次立案试验。" });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain("该组织已有未结案件");

    // No step skipped: a decision straight from 立案 is refused.
    const skip = await step("decide_revocation", { documentNo: "示民撤〔2026〕9号", reasons: "长期不活动" });
    expect(skip.status).toBe(422);
    expect((await step("start_investigation")).status).toBe(303);
    expect(
      (
        await post(`/registrar/zombies/cases/${(await caseRow()).id}/contacts`, {
          kind: "phone",
          on: "2026-06-09",
          byName: "李处置",
          outcome: "电话已停机",
        })
      ).status,
    ).toBe(303);
    expect(
      (await step("serve_revocation_notice", { documentNo: "示民撤告〔2026〕9号", method: "publication" }))
        .status,
    ).toBe(303);
    let c = await caseRow();
    // Published 2026-06-10; 30 days → served 2026-07-10; 5 working days → 2026-07-17.
    expect([c.notice_published_on, c.notice_served_on, c.window_ends_on]).toEqual([
      "2026-06-10",
      "2026-07-10",
      "2026-07-17",
    ]);
    const published = await (await get("/notices-by-publication")).text();
    expect(published).toContain("关于拟撤销示范市沉睡协会登记的事先告知公告");
    expect(published).toContain("公告期 2026年6月10日 至 2026年7月10日");

    clock = new Date("2026-07-15T02:00:00Z");
    await relogin();
    const early = await step("decide_revocation", {
      documentNo: "示民撤〔2026〕9号",
      reasons: "长期不开展活动，无法取得联系",
    });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain("陈述、申辩和申请听证的期限尚未届满");
    // 吊销 is for 慈善组织 only.
    clock = new Date("2026-07-20T02:00:00Z");
    await relogin();
    const wrongKind = await step("decide_revocation", {
      documentNo: "示民撤〔2026〕9号",
      reasons: "长期不活动",
      kind: "license_revocation",
    });
    expect(await wrongKind.text()).toContain("吊销登记证书只适用于慈善组织");
    expect(
      (
        await step("decide_revocation", {
          documentNo: "示民撤〔2026〕9号",
          reasons: "长期不开展活动，无法取得联系",
        })
      ).status,
    ).toBe(303);
    const [org] = (await db.all(
      sql`SELECT status, status_on AS "on" FROM organizations WHERE id = ${orgs[0]!.id}`,
    )) as { status: string; on: string }[];
    expect(org).toEqual({ status: "revoked", on: "2026-07-20" });
    const [ann] = (await db.all(
      sql`SELECT kind, document_no AS doc FROM announcements WHERE org_id = ${orgs[0]!.id}`,
    )) as { kind: string; doc: string }[];
    expect(ann).toEqual({ kind: "revocation", doc: "示民撤〔2026〕9号" });

    await runJobs(
      { db, config: testConfig(), now: () => clock },
      "2026-07-20",
      { dryRun: false, trigger: "cli" },
      [creditRevokedJob],
    );
    const [entry] = (await db.all(
      sql`SELECT list, state, document_no AS doc, listed_on AS "on" FROM credit_cases WHERE org_id = ${orgs[0]!.id}`,
    )) as Record<string, unknown>[];
    expect(entry).toEqual({ list: "serious", state: "listed", doc: "示民撤〔2026〕9号", on: "2026-07-20" });
    const page = await (await get(`/orgs/${orgs[0]!.uscc}`)).text();
    expect(page).toContain("撤销");
    expect(page).toContain("严重违法失信名单");

    expect((await step("record_certificate", { note: "登记证书、印章未能收缴，已公告作废。" })).status).toBe(
      303,
    );
    c = await caseRow();
    expect([c.state, c.outcome, c.closed_on]).toEqual(["closed", "revoked", "2026-07-20"]);
    const events = (await db.all(sql`SELECT action FROM zombie_case_events ORDER BY id`)) as {
      action: string;
    }[];
    expect(events.map((e) => e.action)).toEqual([
      "open",
      "start_investigation",
      "serve_revocation_notice",
      "decide_revocation",
      "record_certificate",
    ]);
    const audit = (await db.all(
      sql`SELECT action FROM audit_events WHERE action LIKE 'zombie.%' OR action = 'organization.revoke' ORDER BY id`,
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toContain("organization.revoke");
    const list = await (await get("/registrar/zombies/cases", "registrar")).text();
    expect(list).toContain("撤销登记");
  });

  it("refuses: another authority sees nothing; a stale page; closing as not a zombie needs reasons; an unrelated role", async () => {
    await post("/registrar/zombies/cases", { uscc: orgs[0]!.uscc, evidence: "两次寄信退回，电话停机。" });
    const c = await caseRow();
    expect((await get(`/registrar/zombies/cases/${c.id}`, "other")).status).toBe(404);
    expect(
      (
        await post(
          `/registrar/zombies/cases/${c.id}/act`,
          { version: "1", action: "start_investigation" },
          "other",
        )
      ).status,
    ).toBe(404);
    expect(
      (await post("/registrar/zombies/cases", { uscc: orgs[0]!.uscc, evidence: "邻市试图立案。" }, "other"))
        .status,
    ).toBe(422);
    const stale = await post(`/registrar/zombies/cases/${c.id}/act`, {
      version: "9",
      action: "start_investigation",
    });
    expect(stale.status).toBe(409);
    const bare = await step("close_not_zombie");
    expect(bare.status).toBe(422);
    expect((await step("close_not_zombie", { reasons: "走访发现正常开展活动，已补报年检。" })).status).toBe(
      303,
    );
    expect(await caseRow()).toMatchObject({ state: "closed", outcome: "not_zombie" });
    const [n] = (await db.all(sql`SELECT count(*) AS n FROM organizations WHERE status <> 'active'`)) as {
      n: number;
    }[];
    expect(n!.n).toBe(0);
  });

  it("R-E2: bulk is preparation only — letters recorded for each selected organization, or assigned to a colleague", async () => {
    const page = await (await get("/registrar/zombies", "registrar")).text();
    expect(page).toContain("批量准备");
    const body = new URLSearchParams({ kind: "letter", sentOn: "2026-06-09", batchNo: "XA2026-07" });
    body.append("org", String(orgs[0]!.id));
    const r = await app().request("/registrar/zombies/bulk", {
      method: "POST",
      headers: formHeaders(cookies.registrar),
      body,
    });
    expect(r.status).toBe(303);
    const rows = (await db.all(sql`SELECT purpose, tracking_no AS t FROM letters`)) as {
      purpose: string;
      t: string;
    }[];
    expect(rows).toEqual([{ purpose: "zombie", t: "XA2026-07-001" }]);
    const [colleague] = (await db.all(sql`SELECT id FROM users WHERE display_name = '王核查'`)) as {
      id: number;
    }[];
    const assign = new URLSearchParams({ kind: "assign", assignee: String(colleague!.id) });
    assign.append("org", String(orgs[0]!.id));
    expect(
      (
        await app().request("/registrar/zombies/bulk", {
          method: "POST",
          headers: formHeaders(cookies.registrar),
          body: assign,
        })
      ).status,
    ).toBe(303);
    expect(await (await get("/registrar/zombies", "registrar")).text()).toContain("跟进：王核查");
    // Nothing else happened: no case, no status change.
    const [cases] = (await db.all(sql`SELECT count(*) AS n FROM zombie_cases`)) as { n: number }[];
    expect(cases!.n).toBe(0);
    const none = new URLSearchParams({ kind: "letter", sentOn: "2026-06-09", batchNo: "XA" });
    const refused = await app().request("/registrar/zombies/bulk", {
      method: "POST",
      headers: formHeaders(cookies.registrar),
      body: none,
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("请先勾选组织");
  });
});
