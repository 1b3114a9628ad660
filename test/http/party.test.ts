import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { createUser, formHeaders, signIn } from "../support/auth";
import { memoryStorage } from "../support/inspection";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The party-building ledger over HTTP (R-F1…R-F4): who keeps it, who confirms it, who may see it. */
let db: Db;
let app: ReturnType<typeof createApp>;
let orgs: { id: number; uscc: string; name: string }[];
const cookies: Record<string, string> = {};
let now = new Date("2026-06-10T02:00:00Z");

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  now = new Date("2026-06-10T02:00:00Z");
  app = createApp({ db, config: testConfig(), now: () => now, storage: memoryStorage() });
  const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  const district = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  const other = await ensureAuthority(db, { code: "159800", name: "邻市民政局" });
  orgs = await insertOrgs(db, [
    { name: "示范市计算机学会" },
    { name: "示范市围棋协会" },
    { name: "东湖区书法协会", authorityCode: "159901" },
    { name: "邻市摄影协会", authorityCode: "159800" },
  ]);
  const users = {
    org: await createUser(db, { role: "org", orgId: orgs[0]!.id }),
    org2: await createUser(db, { role: "org", orgId: orgs[1]!.id }),
    party: await createUser(db, { role: "party", authorityId: city, displayName: "党建审查员" }),
    registrar: await createUser(db, { role: "registrar", authorityId: city }),
    districtRegistrar: await createUser(db, { role: "registrar", authorityId: district }),
    otherRegistrar: await createUser(db, { role: "registrar", authorityId: other }),
    supervisor: await createUser(db, { role: "admin" }),
  };
  for (const [k, u] of Object.entries(users)) cookies[k] = (await signIn(db, u.id)).cookie;
});

const get = (path: string, who: string) => app.request(path, { headers: { Cookie: cookies[who]! } });
const post = (path: string, who: string, body: Record<string, string>) =>
  app.request(path, { method: "POST", headers: formHeaders(cookies[who]), body: new URLSearchParams(body) });

const BRANCH = {
  hasPartyOrg: "1",
  orgType: "branch",
  name: "示范市计算机学会党支部",
  approvalDoc: "示社党〔2024〕3号",
  approvedOn: "2024-03-01",
  parentOrg: "示范市社会组织综合党委",
  secretaryName: "王建国",
  secretaryIsOfficer: "1",
  committeeSize: "3",
  termStart: "2024-03-01",
  inCharter: "1",
};

async function pendingVersion(orgId: number) {
  const [row] = (await db.all(
    sql`SELECT id, version FROM party_org_versions WHERE org_id = ${orgId} AND state = 'pending'`,
  )) as { id: number; version: number }[];
  return row!;
}

describe("the party-building ledger (R-F4)", () => {
  it("R-F4: a change waits beside the confirmed record until the 党建 reviewer confirms it; then it counts and coverage moves", async () => {
    expect(
      (
        await post("/portal/party/counts", "org", {
          asOf: "2026-06-01",
          fullMembers: "5",
          probationaryMembers: "1",
          activists: "2",
        })
      ).status,
    ).toBe(303);
    const before = await (await get("/party", "party")).text();
    expect(before).toContain("组织覆盖率（0 / 3 家）");

    const sent = await post("/portal/party/organization", "org", BRANCH);
    expect(sent.status).toBe(303);
    const own = await (await get("/portal/party", "org")).text();
    expect(own).toContain("待确认的变更");
    expect(own).toContain("尚无已确认的党组织信息");
    // R-F1: 5 正式党员 and no confirmed party organization yet.
    expect(own).toContain("应当单独建立党支部");
    expect(await (await get("/party", "party")).text()).toContain("组织覆盖率（0 / 3 家）");

    const p = await pendingVersion(orgs[0]!.id);
    const ok = await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "party", {
      versionId: String(p.id),
      version: String(p.version),
      decision: "confirm",
    });
    expect(ok.status).toBe(303);
    const after = await (await get("/portal/party", "org")).text();
    expect(after).toContain("示范市计算机学会党支部");
    expect(after).toContain("确认人：党建审查员");
    expect(after).not.toContain("应当单独建立党支部");
    expect(after).toContain("2027年3月1日"); // R-F2: a three-year term from 2024-03-01
    expect(await (await get("/party", "registrar")).text()).toContain("组织覆盖率（1 / 3 家）");
    const [audit] = (await db.all(
      sql`SELECT count(*) AS n FROM audit_events WHERE action IN ('party.change.submit', 'party.change.confirm', 'party.counts.record')`,
    )) as { n: number }[];
    expect(audit!.n).toBe(3);
  });

  it("R-F4: the ledger as it was on an earlier day shows the version that counted then", async () => {
    await post("/portal/party/organization", "org", BRANCH);
    let p = await pendingVersion(orgs[0]!.id);
    await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "party", {
      versionId: String(p.id),
      version: String(p.version),
      decision: "confirm",
    });
    now = new Date("2026-09-01T02:00:00Z");
    await post("/portal/party/organization", "org", {
      ...BRANCH,
      secretaryName: "李新民",
      note: "换届，书记变更",
    });
    p = await pendingVersion(orgs[0]!.id);
    await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "party", {
      versionId: String(p.id),
      version: String(p.version),
      decision: "confirm",
    });
    const today = await (await get("/portal/party", "org")).text();
    expect(today).toContain("李新民");
    const then = await (await get("/portal/party?on=2026-07-01", "org")).text();
    expect(then).toContain("以下为 2026年7月1日 的台账");
    expect(then).toMatch(/<dt>书记<\/dt><dd>王建国<\/dd>/);
  });

  it("R-F4: bad input answers 422 with the field named and stores nothing", async () => {
    const r = await post("/portal/party/organization", "org", { hasPartyOrg: "1", orgType: "branch" });
    expect(r.status).toBe(422);
    const body = await r.text();
    expect(body).toContain("已建立党组织，请填写党组织名称。");
    expect(body).toContain("已建立党组织，请填写书记姓名。");
    const none = await post("/portal/party/organization", "org", { hasPartyOrg: "0" });
    expect(await none.text()).toContain("请填写党建工作指导员或联络员姓名");
    const ctrl = await post("/portal/party/organization", "org", { ...BRANCH, name: "党支部\u0007" });
    expect(ctrl.status).toBe(422);
    const joint = await post("/portal/party/organization", "org", {
      ...BRANCH,
      orgType: "joint_branch",
      coveredUsccs: "51159900MJ0000000X",
    });
    expect(joint.status).toBe(422);
    const counts = await post("/portal/party/counts", "org", {
      asOf: "2030-01-01",
      fullMembers: "x",
      probationaryMembers: "-1",
      activists: "",
    });
    expect(counts.status).toBe(422);
    const [n] = (await db.all(
      sql`SELECT (SELECT count(*) FROM party_org_versions) + (SELECT count(*) FROM party_member_counts) AS n`,
    )) as { n: number }[];
    expect(n!.n).toBe(0);
  });

  it("R-F1 [C]: how many 正式党员 call for a branch of its own is the locality's setting, changed at /admin/settings", async () => {
    await post("/portal/party/counts", "org", {
      asOf: "2026-06-01",
      fullMembers: "5",
      probationaryMembers: "0",
      activists: "0",
    });
    expect(await (await get("/portal/party", "org")).text()).toContain("应当单独建立党支部");
    const changed = await post("/admin/settings/prechecks.party", "supervisor", {
      branchMinFullMembers: "6",
      committeeMinMembers: "7",
      "committeeSize.min": "3",
      "committeeSize.max": "7",
      generalBranchMinMembers: "50",
      partyCommitteeMinMembers: "100",
      jointBranchMaxUnits: "5",
      effectiveFrom: "2026-06-10",
      reason: "本地规定",
    });
    expect(changed.status).toBe(303);
    expect(await (await get("/portal/party", "org")).text()).not.toContain("应当单独建立党支部");
  });

  it("R-F1: a 联合党支部 covers registered organizations, which then count as organizationally covered", async () => {
    const r = await post("/portal/party/organization", "org", {
      ...BRANCH,
      orgType: "joint_branch",
      name: "示范市学会联合党支部",
      coveredUsccs: `${orgs[1]!.uscc}\n${orgs[2]!.uscc}`,
    });
    expect(r.status).toBe(303);
    const p = await pendingVersion(orgs[0]!.id);
    await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "registrar", {
      versionId: String(p.id),
      version: String(p.version),
      decision: "confirm",
    });
    const covered = await (await get("/portal/party", "org2")).text();
    expect(covered).toContain("由示范市计算机学会的示范市学会联合党支部覆盖");
    expect(await (await get("/party", "registrar")).text()).toContain("组织覆盖率（3 / 3 家）");
  });

  it("refuses: another authority's registrar sees nothing; a city registrar reads a district's ledger but cannot confirm; a stale or unexplained decision is refused", async () => {
    await post("/portal/party/organization", "org", BRANCH);
    const p = await pendingVersion(orgs[0]!.id);
    expect((await get(`/party/orgs/${orgs[0]!.uscc}`, "otherRegistrar")).status).toBe(404);
    expect((await get(`/party/orgs/${orgs[0]!.uscc}`, "org")).status).toBe(404);
    expect((await get(`/party/orgs/${orgs[0]!.uscc}`, "supervisor")).status).toBe(404);
    expect(
      (
        await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "otherRegistrar", {
          versionId: String(p.id),
          version: "1",
          decision: "confirm",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "districtRegistrar", {
          versionId: String(p.id),
          version: "1",
          decision: "confirm",
        })
      ).status,
    ).toBe(404);

    await post("/portal/party/organization", "org2", {
      hasPartyOrg: "0",
      instructorName: "赵指导",
      instructorUnit: "示范市社会组织综合党委",
    });
    const q = await pendingVersion(orgs[1]!.id);
    const stale = await post(`/party/orgs/${orgs[1]!.uscc}/decide`, "party", {
      versionId: String(q.id),
      version: String(q.version + 1),
      decision: "confirm",
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("已被他人修改，请刷新后重试。");
    const bare = await post(`/party/orgs/${orgs[1]!.uscc}/decide`, "party", {
      versionId: String(q.id),
      version: String(q.version),
      decision: "reject",
    });
    expect(bare.status).toBe(422);
    expect(await bare.text()).toContain("退回时请写明理由");
    const [row] = (await db.all(sql`SELECT state FROM party_org_versions WHERE id = ${q.id}`)) as {
      state: string;
    }[];
    expect(row!.state).toBe("pending");

    // The district's organization: the city registrar reads, without a decision form.
    await createUser(db, { role: "org", orgId: orgs[2]!.id });
    const district = await get(`/party/orgs/${orgs[2]!.uscc}`, "registrar");
    expect(district.status).toBe(200);
    expect(await district.text()).not.toContain("确认变更");
  });

  it("domain.md §8: the public organization page shows nothing of the ledger", async () => {
    await post("/portal/party/organization", "org", BRANCH);
    const p = await pendingVersion(orgs[0]!.id);
    await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "party", {
      versionId: String(p.id),
      version: String(p.version),
      decision: "confirm",
    });
    const page = await (await app.request(`/orgs/${orgs[0]!.uscc}`)).text();
    expect(page).not.toContain("王建国");
    expect(page).not.toContain("党支部");
  });

  it("R-F4: an activity record keeps its attachment, recognised by its bytes", async () => {
    const pdf = new File([new TextEncoder().encode("%PDF-1.4 minutes")], "会议记录.pdf", {
      type: "application/pdf",
    });
    const form = new FormData();
    for (const [k, v] of Object.entries({
      heldOn: "2026-06-01",
      kind: "three_meetings",
      topic: "学习党章",
      attendance: "6",
    }))
      form.set(k, v);
    form.set("file", pdf);
    const r = await app.request("/portal/party/activities", {
      method: "POST",
      headers: { Cookie: cookies.org!, Origin: "http://localhost" },
      body: form,
    });
    expect(r.status).toBe(303);
    const page = await (await get(`/party/orgs/${orgs[0]!.uscc}`, "party")).text();
    expect(page).toContain("学习党章");
    expect(page).toContain("三会一课");
    const [a] = (await db.all(sql`SELECT id FROM party_activities`)) as { id: number }[];
    const file = await get(`/party/orgs/${orgs[0]!.uscc}/activities/${a!.id}/file`, "party");
    expect(file.status).toBe(200);
    expect(new TextDecoder().decode(new Uint8Array(await file.arrayBuffer()))).toContain("%PDF");
    expect((await get(`/portal/party/activities/${a!.id}/file`, "org2")).status).toBe(404);

    const html = new FormData();
    for (const [k, v] of Object.entries({
      heldOn: "2026-06-02",
      kind: "theme_day",
      topic: "主题党日",
      attendance: "5",
    }))
      html.set(k, v);
    html.set("file", new File(["<script>"], "x.pdf"));
    const bad = await app.request("/portal/party/activities", {
      method: "POST",
      headers: { Cookie: cookies.org!, Origin: "http://localhost" },
      body: html,
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("不是 PDF、PNG 或 JPEG 格式");
  });
});

describe("the cadre register (R-F5)", () => {
  const PERSON = {
    personName: "钱老",
    idNumber: "11010519491231002X",
    status: "retired",
    level: "bureau",
    cadrePosition: "原市交通局局长",
    postKind: "chair",
    postTitle: "会长",
    termStart: "2024-01-01",
    termNumber: "1",
    approvalDoc: "示组〔2023〕12号",
    approvedOn: "2023-12-20",
  };

  it("R-F5: a retired cadre's second 社团 post, found across organizations by the keyed identity; resolved by ending a post, with history", async () => {
    const a = await post("/party/cadres", "registrar", { ...PERSON, uscc: orgs[0]!.uscc });
    expect(a.status).toBe(303);
    const b = await post("/party/cadres", "registrar", {
      ...PERSON,
      idNumber: "11010519491231002x",
      uscc: orgs[1]!.uscc,
      postTitle: "名誉会长",
    });
    expect(b.status).toBe(303);
    const rows = (await db.all(
      sql`SELECT id, person_key AS "key", id_tail AS tail, birth_date AS birth FROM cadre_posts ORDER BY id`,
    )) as {
      id: number;
      key: string;
      tail: string;
      birth: string;
    }[];
    expect(rows[0]!.key).toBe(rows[1]!.key);
    expect(rows[0]!.key).not.toContain("110105");
    expect(rows.map((r) => [r.tail, r.birth])).toEqual([
      ["002X", "1949-12-31"],
      ["002X", "1949-12-31"],
    ]);
    const list = await (await get("/party/cadres", "party")).text();
    expect(list).toContain("兼任社团职务超过限额");
    // Born 1949-12-31, 74 at the term's start in 2024.
    expect(list).toContain("超过任职年龄界限");
    expect(list).not.toContain("11010519491231002X");
    const page = await (await get(`/party/cadres/${rows[1]!.id}`, "registrar")).text();
    expect(page).toContain("**************002X");

    const [v] = (await db.all(sql`SELECT version FROM cadre_posts WHERE id = ${rows[1]!.id}`)) as {
      version: number;
    }[];
    const ended = await post(`/party/cadres/${rows[1]!.id}`, "registrar", {
      version: String(v!.version),
      termNumber: "1",
      approvalDoc: PERSON.approvalDoc,
      endedOn: "2026-06-01",
      endReason: "按规定辞去兼职",
    });
    expect(ended.status).toBe(303);
    expect(await (await get("/party/cadres", "party")).text()).not.toContain("兼任社团职务超过限额");
    const history = await (await get(`/party/cadres/${rows[1]!.id}`, "party")).text();
    expect(history).toContain("登记兼职");
    expect(history).toContain("登记离任");
  });

  it("R-F5: refuses a malformed identity number, an organization of another authority, a reviewer's write and a stale edit", async () => {
    const bad = await post("/party/cadres", "registrar", {
      ...PERSON,
      uscc: orgs[0]!.uscc,
      idNumber: "110105194912310021",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("最后一位应为X");
    const foreign = await post("/party/cadres", "registrar", { ...PERSON, uscc: orgs[3]!.uscc });
    expect(foreign.status).toBe(422);
    expect((await post("/party/cadres", "party", { ...PERSON, uscc: orgs[0]!.uscc })).status).toBe(404);
    expect((await get("/party/cadres/new", "party")).status).toBe(404);
    const [n] = (await db.all(sql`SELECT count(*) AS n FROM cadre_posts`)) as { n: number }[];
    expect(n!.n).toBe(0);

    await post("/party/cadres", "registrar", { ...PERSON, uscc: orgs[0]!.uscc });
    const [row] = (await db.all(sql`SELECT id FROM cadre_posts`)) as { id: number }[];
    const stale = await post(`/party/cadres/${row!.id}`, "registrar", { version: "9", termNumber: "1" });
    expect(stale.status).toBe(409);
    expect((await post(`/party/cadres/${row!.id}`, "party", { version: "1", termNumber: "1" })).status).toBe(
      403,
    );
    expect((await get(`/party/cadres/${row!.id}`, "otherRegistrar")).status).toBe(404);
  });
});

describe("what the public sees of the ledger (domain.md §8)", () => {
  it("R-F4 [C]: only whether there is a party organization, and only where the locality publishes it; the cached page follows a confirmation", async () => {
    const published = createApp({
      db,
      config: testConfig({ domain: { ...testConfig().domain, publishPartyOrgExistence: true } }),
      now: () => now,
    });
    const page = async () => await (await published.request(`/orgs/${orgs[0]!.uscc}`)).text();
    expect(await page()).toContain("<dt>党组织</dt><dd>未建立</dd>");
    await post("/portal/party/organization", "org", BRANCH);
    const p = await pendingVersion(orgs[0]!.id);
    await post(`/party/orgs/${orgs[0]!.uscc}/decide`, "party", {
      versionId: String(p.id),
      version: String(p.version),
      decision: "confirm",
    });
    const after = await page();
    expect(after).toContain("<dt>党组织</dt><dd>已建立（含联合党支部）</dd>");
    expect(after).not.toContain("王建国");
    expect(await (await app.request(`/orgs/${orgs[0]!.uscc}`)).text()).not.toContain("<dt>党组织</dt>");
  });
});
