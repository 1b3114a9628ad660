import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { runJobs } from "../../src/jobs/runner";
import { openMemoryDatabase } from "../../src/node-db";
import { settingsOn } from "../../src/settings/service";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/**
 * The locality's settings ([C] in domain.md) live in one place and an administrator changes them at /admin/settings,
 * each change from a date, validated, audited, with its history; requests and jobs apply the settings of their day.
 */
let db: Db;
let clock: Date;
let app: ReturnType<typeof createApp>;
let admin: string;
let registrar: string;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  clock = new Date("2026-06-10T02:00:00Z"); // 2026-06-10 in Shanghai
  app = createApp({ db, config: testConfig(), now: () => clock });
  const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  admin = (await signIn(db, (await createUser(db, { role: "admin" })).id, clock)).cookie;
  registrar = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: city })).id, clock))
    .cookie;
});

const get = (path: string, cookie?: string) =>
  app.request(path, { headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, body: Record<string, string>, cookie = admin) =>
  app.request(path, { method: "POST", headers: formHeaders(cookie), body: new URLSearchParams(body) });
const changes = async () =>
  Number(((await db.all(sql`SELECT count(*) AS n FROM setting_changes`)) as { n: number }[])[0]!.n);

describe("/admin/settings", () => {
  it("lists every setting with today's value beside domain.md's default, for the administrator only", async () => {
    const page = await (await get("/admin/settings", admin)).text();
    expect(page).toContain("公告送达期限");
    expect(page).toContain("30天");
    expect(page).toContain("负责人任职年龄与届数");
    expect((await get("/admin/settings", registrar)).status).toBe(404);
    expect((await get("/admin/settings")).status).toBe(302);
    expect((await post("/admin/settings/creditPublicationDays", { value: "45" }, registrar)).status).toBe(
      404,
    );
    expect((await get("/admin/settings/no-such-setting", admin)).status).toBe(404);
  });

  it("R-D7: a change from a later date leaves today as it is, applies from that day, and is audited with its history", async () => {
    const res = await post("/admin/settings/creditPublicationDays", {
      value: "45",
      effectiveFrom: "2026-07-01",
      reason: "示民发〔2026〕8号",
    });
    expect(res.status).toBe(303);
    const base = testConfig().domain;
    expect((await settingsOn(db, base, "2026-06-30")).creditPublicationDays).toBe(30);
    expect((await settingsOn(db, base, "2026-07-01")).creditPublicationDays).toBe(45);
    const [event] = (await db.all(
      sql`SELECT action, object_id AS "objectId", summary FROM audit_events WHERE action = 'settings.change'`,
    )) as { action: string; objectId: string; summary: string }[];
    expect(event?.objectId).toBe("creditPublicationDays");
    expect(JSON.parse(event!.summary)).toMatchObject({ before: 30, after: 45, effectiveFrom: "2026-07-01" });
    const page = await (await get("/admin/settings/creditPublicationDays", admin)).text();
    expect(page).toContain("2026年7月1日");
    expect(page).toContain("示民发〔2026〕8号");
    const list = await (await get("/admin/settings", admin)).text();
    expect(list).toContain("自2026年7月1日起：45天");
  });

  it("refuses a value out of its range, a past date, no reason and a minimum above its maximum, storing nothing", async () => {
    const cases: [string, Record<string, string>, string][] = [
      [
        "creditPublicationDays",
        { value: "29", effectiveFrom: "2026-06-10", reason: "试" },
        "应为30至60之间的整数",
      ],
      ["creditPublicationDays", { value: "40", effectiveFrom: "2026-06-09", reason: "试" }, "不能早于今天"],
      ["creditPublicationDays", { value: "40", effectiveFrom: "2026-06-10", reason: "" }, "请写明调整的理由"],
      [
        "unreachableLetterIntervalDays",
        { min: "61", max: "60", effectiveFrom: "2026-06-10", reason: "试" },
        "最短间隔不能大于最长间隔",
      ],
      [
        "inspectionCutoff",
        { month: "2", day: "30", effectiveFrom: "2026-06-10", reason: "试" },
        "2月没有30日",
      ],
      ["creditListsUnqualified", { value: "yes", effectiveFrom: "2026-06-10", reason: "试" }, "请选择"],
      ["creditPublicationDays", { value: "1e3", effectiveFrom: "2026-06-10", reason: "试" }, "整数"],
    ];
    for (const [key, body, message] of cases) {
      const res = await post(`/admin/settings/${key}`, body);
      expect(res.status, `${key} ${JSON.stringify(body)}`).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await changes()).toBe(0);
  });

  it("a change effective today reaches the next request: the public statistics show counts below the new minimum cell", async () => {
    await insertOrgs(db, [{ name: "示范市甲协会" }, { name: "示范市乙协会" }]);
    expect(await (await get("/statistics")).text()).toContain("<td>少于5</td>");
    expect(
      (
        await post("/admin/settings/statisticsMinCell", {
          value: "1",
          effectiveFrom: "2026-06-10",
          reason: "试行",
        })
      ).status,
    ).toBe(303);
    const after = await (await get("/statistics")).text();
    expect(after).not.toContain("<td>少于");
    expect(after).toContain("少于 1 的数字不公布");
  });

  it("a change from tomorrow applies from midnight in Shanghai, not from the next refresh", async () => {
    await insertOrgs(db, [{ name: "示范市甲协会" }, { name: "示范市乙协会" }]);
    clock = new Date("2026-06-10T15:59:00Z"); // 23:59 in Shanghai
    admin = (await signIn(db, (await createUser(db, { role: "admin" })).id, clock)).cookie;
    expect(
      (
        await post("/admin/settings/statisticsMinCell", {
          value: "1",
          effectiveFrom: "2026-06-11",
          reason: "试行",
        })
      ).status,
    ).toBe(303);
    expect(await (await get("/statistics")).text()).toContain("<td>少于5</td>");
    clock = new Date("2026-06-10T16:00:01Z"); // 00:00:01 on 2026-06-11
    expect(await (await get("/statistics")).text()).not.toContain("<td>少于");
  });

  it("R-E1(c): the date of the no-activity signal is set, and cleared to switch the signal off", async () => {
    const set = (value: string, effectiveFrom: string) =>
      post("/admin/settings/zombieNoActivitySince", { value, effectiveFrom, reason: "本地规定" });
    expect((await set("2025-13-01", "2026-06-10")).status).toBe(400);
    expect((await set("2025-01-01", "2026-06-10")).status).toBe(303);
    expect((await set("", "2026-07-01")).status).toBe(303);
    const base = testConfig().domain;
    expect((await settingsOn(db, base, "2026-06-10")).zombieNoActivitySince).toBe("2025-01-01");
    expect((await settingsOn(db, base, "2026-07-01")).zombieNoActivitySince).toBeNull();
    const page = await (await get("/admin/settings/zombieNoActivitySince", admin)).text();
    expect(page).toContain("2025年1月1日");
    expect(page).toContain("不启用");
  });

  it("a job runs with the settings of the day it runs for", async () => {
    await post("/admin/settings/statisticsMinCell", {
      value: "3",
      effectiveFrom: "2026-08-01",
      reason: "试行",
    });
    const seen: number[] = [];
    const probe = {
      name: "probe",
      title: "读取设置",
      run: async (deps: { config: { domain: { statisticsMinCell: number } } }) => {
        seen.push(deps.config.domain.statisticsMinCell);
        return { changed: 0, summary: "读取", items: [] };
      },
    };
    const deps = { db, config: testConfig(), now: () => clock };
    await runJobs(deps, "2026-07-31", { dryRun: true, trigger: "cli" }, [probe as never]);
    await runJobs(deps, "2026-08-01", { dryRun: true, trigger: "cli" }, [probe as never]);
    expect(seen).toEqual([5, 3]);
  });
});
