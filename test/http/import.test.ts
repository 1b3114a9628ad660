import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { cliActor } from "../../src/audit/audit";
import { verifyAuditChain } from "../../src/audit/chain";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { importRegisterCsv } from "../../src/registry/import";
import { searchOrganizations } from "../../src/registry/search";

const sample = readFileSync("test/fixtures/register-sample.csv", "utf8");
const actor = cliActor("registry:import");
let db: Db;

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
});

describe("registry:import", () => {
  it("writes the good rows, refuses each bad row with its line number and reason, and creates unknown authorities", async () => {
    const r = await importRegisterCsv(db, sample, actor);
    expect(r).toMatchObject({ rows: 6, inserted: 3, updated: 0, authoritiesCreated: 2 });
    expect(r.errors.map((e) => e.line)).toEqual([5, 6, 7]);
    expect(r.errors[0]!.reason).toContain("状态“unknown”无法识别");
    expect(r.errors[0]!.reason).toContain("成立日期“2013-02-30”格式不正确");
    expect(r.errors[0]!.reason).toContain("注册资金");
    expect(r.errors[1]!.reason).toContain("校验位不正确");
    expect(r.errors[2]!.reason).toContain("与第4行重复");
    const [n] = (await db.all(sql`SELECT count(*) AS n FROM organizations`)) as { n: number }[];
    expect(n!.n).toBe(3);
  });

  it("accepts Chinese values, YYYY/M/D dates and thousands separators, storing capital exactly in fen", async () => {
    await importRegisterCsv(db, sample, actor);
    const rows = (await db.all(
      sql`SELECT name, type, status, registered_on AS registeredOn, capital_fen AS capitalFen FROM organizations ORDER BY id`,
    )) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      type: "social_group",
      status: "active",
      registeredOn: "2012-03-05",
      capitalFen: 5_000_000,
    });
    expect(rows[1]).toMatchObject({ type: "foundation", capitalFen: 200_000_000 });
    expect(rows[2]).toMatchObject({
      type: "private_non_enterprise",
      status: "deregistered",
      registeredOn: "2010-01-20",
    });
  });

  it("makes imported organizations searchable by any part of the name", async () => {
    await importRegisterCsv(db, sample, actor);
    const r = await searchOrganizations(db, { q: "蓝天", page: 1, perPage: 20 });
    expect(r.items.map((i) => i.name)).toEqual(["样例市蓝天医疗救援协会"]);
  });

  it("upserts by code: a second import updates, keeps a history row with before/after, and re-indexes a new name", async () => {
    await importRegisterCsv(db, sample, actor);
    const renamed = sample.replace("样例市蓝天医疗救援协会", "样例市蓝天应急救援协会");
    const r = await importRegisterCsv(db, renamed, actor);
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const [h] = (await db.all(sql`SELECT before, after FROM org_history`)) as {
      before: string;
      after: string;
    }[];
    expect(JSON.parse(h!.before)).toEqual({ name: "样例市蓝天医疗救援协会" });
    expect(JSON.parse(h!.after)).toEqual({ name: "样例市蓝天应急救援协会" });
    expect((await searchOrganizations(db, { q: "应急", page: 1, perPage: 5 })).total).toBe(1);
    expect((await searchOrganizations(db, { q: "医疗", page: 1, perPage: 5 })).total).toBe(0);
  });

  it("refuses a file whose header lacks required columns", async () => {
    const r = await importRegisterCsv(db, "名称,类型\n某协会,社会团体\n", actor);
    expect(r.errors[0]).toMatchObject({ line: 1 });
    expect(r.errors[0]!.reason).toContain("表头缺少列");
  });

  it("R-A4: refuses a row whose name another organization of the same authority already uses", async () => {
    await importRegisterCsv(db, sample, actor);
    const lines = sample.split("\n");
    const { issueUscc } = await import("../../src/domain/uscc");
    // The first row again (same authority, same name) under another, valid code.
    const other = lines[1]!.replace(/^[^,]+/, issueUscc("159800", "social_group", 9));
    const r = await importRegisterCsv(db, `${lines[0]}\n${other}\n`, actor);
    expect(r.inserted).toBe(0);
    expect(r.errors[0]!.reason).toContain("R-A4");
  });

  it("R-A3: a legal representative of a foundation who also represents a 社团 is imported with a warning that lists both, in the file and against the register", async () => {
    const { issueUscc } = await import("../../src/domain/uscc");
    const header = sample.split("\n")[0]!;
    // 李强 represents the sample's 基金会; in the same file he is also given a 社团, and a 民非 arrives later.
    const group = `${issueUscc("159800", "social_group", 41)},样例市书法协会,社会团体,正常,2018-01-01,李强,样例市,书法,,159800,样例市民政局,30000`;
    const first = await importRegisterCsv(db, `${sample.trim()}\n${group}\n`, actor);
    expect(first.inserted).toBe(4);
    expect(first.warnings.map((w) => w.line)).toEqual([3, 8]);
    expect(first.warnings[0]!.reason).toContain("R-A3");
    expect(first.warnings[0]!.reason).toContain("样例市书法协会");
    expect(first.warnings[1]!.reason).toContain("样例市春蕾助学基金会");
    const center = `${issueUscc("159800", "private_non_enterprise", 42)},样例市书画培训中心,民办非企业单位,正常,2019-01-01,李强,样例市,培训,,159800,样例市民政局,30000`;
    const later = await importRegisterCsv(db, `${header}\n${center}\n`, actor);
    expect(later.inserted).toBe(1); // history may hold such cases: warned, not refused
    expect(later.errors).toEqual([]);
    expect(later.warnings).toHaveLength(1);
    expect(later.warnings[0]!.reason).toContain("样例市春蕾助学基金会");
    // Two 民非 under one person break no rule; an unchanged re-import of the first file warns about nothing new.
    const clean = await importRegisterCsv(db, sample, actor);
    expect(clean.warnings).toEqual([]);
  });

  it("audits every write in an intact hash chain", async () => {
    await importRegisterCsv(db, sample, actor);
    const events = (await db.all(sql`SELECT action FROM audit_events`)) as { action: string }[];
    expect(events.filter((e) => e.action === "organization.import.create")).toHaveLength(3);
    expect((await verifyAuditChain(db)).firstBroken).toBeNull();
  });
});
