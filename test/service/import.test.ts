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
    expect(r.errors[1]!.reason).toContain("校验位应为");
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

  it("R-D8: a row naming a person behind a 严重 entry as legal representative is imported with a warning naming the entry", async () => {
    const { issueUscc } = await import("../../src/domain/uscc");
    await importRegisterCsv(db, sample, actor);
    const header = sample.split("\n")[0]!;
    const [listed] = (await db.all(
      sql`SELECT id, authority_id AS a FROM organizations ORDER BY id LIMIT 1`,
    )) as { id: number; a: number }[];
    const [entry] =
      (await db.all(sql`INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, arisen_on,
        listed_on, publication_period) VALUES (${listed!.id}, ${listed!.a}, 'serious', 'd4_3', 'listed', '受到处罚', '2026-01-01', '2026-01-01', 'serious')
      RETURNING id`)) as { id: number }[];
    await db.run(
      sql`INSERT INTO credit_case_people (case_id, role, person_name) VALUES (${entry!.id}, 'legal_representative', '赵刚')`,
    );
    const row = `${issueUscc("159800", "social_group", 43)},样例市棋艺协会,社会团体,正常,2019-01-01,赵刚,样例市,棋艺,,159800,样例市民政局,30000`;
    const r = await importRegisterCsv(db, `${header}\n${row}\n`, actor);
    expect(r.inserted).toBe(1);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.reason).toContain("赵刚（同名，未核对身份证号码）为严重违法失信名单中");
  });

  describe("re-imports write true history", () => {
    const base = {
      统一社会信用代码: "51159800M000000197",
      名称: "样例市蓝天医疗救援协会",
      类型: "社会团体",
      状态: "正常",
      成立日期: "2012-03-05",
      法定代表人: "王芳",
      住所: "样例市滨河区滨河路1号",
      业务范围: "医疗救援志愿服务",
      登记管理机关代码: "159800",
      登记管理机关: "样例市民政局",
    };
    const csv = (...rows: Record<string, string>[]) => {
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return `${keys.join(",")}\n${rows.map((r) => keys.map((k) => r[k] ?? "").join(",")).join("\n")}\n`;
    };
    const today = "2026-11-23";
    const org = async () =>
      (
        (await db.all(
          sql`SELECT status, status_on AS statusOn, is_charity AS isCharity FROM organizations WHERE uscc = ${base.统一社会信用代码}`,
        )) as { status: string; statusOn: string; isCharity: number }[]
      )[0]!;

    it("R-A9: a status takes the row's own status date, not the import's; a change of status without one is refused", async () => {
      await importRegisterCsv(db, csv(base), actor, { today });
      expect((await org()).statusOn).toBe("2012-03-05");
      const undated = await importRegisterCsv(db, csv({ ...base, 状态: "注销" }), actor, { today });
      expect(undated.updated).toBe(0);
      expect(undated.errors[0]!.reason).toContain("状态日期");
      expect((await org()).status).toBe("active");
      const r = await importRegisterCsv(db, csv({ ...base, 状态: "注销", 状态日期: "2024/6/30" }), actor, {
        today,
      });
      expect(r.updated).toBe(1);
      expect(await org()).toMatchObject({ status: "deregistered", statusOn: "2024-06-30" });
      const [h] = (await db.all(sql`SELECT after FROM org_history`)) as { after: string }[];
      expect(JSON.parse(h!.after)).toMatchObject({ status: "deregistered", statusOn: "2024-06-30" });
      // A new terminal row takes its own date too; a date before 成立 is refused.
      const other = {
        ...base,
        统一社会信用代码: "53159800M000000191",
        名称: "样例市春蕾助学基金会",
        类型: "基金会",
      };
      const early = await importRegisterCsv(
        db,
        csv({ ...other, 状态: "撤销", 状态日期: "2011-01-01" }),
        actor,
        { today },
      );
      expect(early.errors[0]!.reason).toContain("状态日期");
      await importRegisterCsv(db, csv({ ...other, 状态: "撤销", 状态日期: "2020-05-06" }), actor, { today });
      const [o] = (await db.all(
        sql`SELECT status_on AS statusOn FROM organizations WHERE uscc = ${other.统一社会信用代码}`,
      )) as { statusOn: string }[];
      expect(o!.statusOn).toBe("2020-05-06");
    });

    it("R-A7: a change of 名称, 住所 or 法定代表人 found on re-import is a 变更 record with its 公告; other changes are not announced", async () => {
      await importRegisterCsv(db, csv(base), actor, { today });
      await importRegisterCsv(db, csv({ ...base, 业务范围: "医疗救援、急救培训" }), actor, { today });
      expect((await db.all(sql`SELECT kind FROM org_history`)) as { kind: string }[]).toEqual([
        { kind: "import" },
      ]);
      expect((await db.all(sql`SELECT id FROM announcements`)).length).toBe(0);
      const r = await importRegisterCsv(
        db,
        csv({ ...base, 业务范围: "医疗救援、急救培训", 住所: "样例市滨河区人民路9号", 法定代表人: "钱二" }),
        actor,
        { today },
      );
      expect(r.updated).toBe(1);
      const history = (await db.all(sql`SELECT kind, before, after FROM org_history ORDER BY id`)) as {
        kind: string;
        before: string;
        after: string;
      }[];
      expect(history.map((h) => h.kind)).toEqual(["import", "change"]);
      expect(JSON.parse(history[1]!.before)).toEqual({
        address: "样例市滨河区滨河路1号",
        legalRepresentative: "王芳",
      });
      expect(JSON.parse(history[1]!.after)).toEqual({
        address: "样例市滨河区人民路9号",
        legalRepresentative: "钱二",
      });
      const notices = (await db.all(
        sql`SELECT kind, title, body, published_on AS publishedOn FROM announcements`,
      )) as { kind: string; title: string; body: string; publishedOn: string }[];
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: "change", publishedOn: today });
      expect(notices[0]!.title).toContain("样例市蓝天医疗救援协会");
      expect(notices[0]!.body).toContain("住所由“样例市滨河区滨河路1号”变更为“样例市滨河区人民路9号”");
      expect(notices[0]!.body).toContain("法定代表人由“王芳”变更为“钱二”");
      // The same file again changes nothing and announces nothing more.
      await importRegisterCsv(
        db,
        csv({ ...base, 业务范围: "医疗救援、急救培训", 住所: "样例市滨河区人民路9号", 法定代表人: "钱二" }),
        actor,
        { today },
      );
      expect((await db.all(sql`SELECT id FROM announcements`)).length).toBe(1);
    });

    it("R-A7: a dry run announces nothing", async () => {
      await importRegisterCsv(db, csv(base), actor, { today });
      const r = await importRegisterCsv(db, csv({ ...base, 名称: "样例市蓝天应急救援协会" }), actor, {
        today,
        dryRun: true,
      });
      expect(r.updated).toBe(1);
      expect((await db.all(sql`SELECT id FROM announcements`)).length).toBe(0);
      expect((await db.all(sql`SELECT id FROM org_history`)).length).toBe(0);
    });

    it("R-A9: 吊销 is refused for an organization that is not a 慈善组织, new or already registered", async () => {
      const fresh = await importRegisterCsv(
        db,
        csv({ ...base, 状态: "吊销", 状态日期: "2025-01-02" }),
        actor,
        { today },
      );
      expect(fresh.inserted).toBe(0);
      expect(fresh.errors[0]!.reason).toContain("R-A9");
      expect(fresh.errors[0]!.reason).toContain("慈善组织");
      await importRegisterCsv(db, csv(base), actor, { today });
      const existing = await importRegisterCsv(
        db,
        csv({ ...base, 状态: "吊销", 状态日期: "2025-01-02" }),
        actor,
        { today },
      );
      expect(existing.updated).toBe(0);
      expect(existing.errors[0]!.reason).toContain("慈善组织");
      expect((await org()).status).toBe("active");
      const charity = await importRegisterCsv(
        db,
        csv({ ...base, 状态: "吊销", 状态日期: "2025-01-02", 慈善组织: "是" }),
        actor,
        { today },
      );
      expect(charity.errors).toEqual([]);
      expect(await org()).toMatchObject({ status: "license_revoked", statusOn: "2025-01-02", isCharity: 1 });
    });
  });

  it("audits every write in an intact hash chain", async () => {
    await importRegisterCsv(db, sample, actor);
    const events = (await db.all(sql`SELECT action FROM audit_events`)) as { action: string }[];
    expect(events.filter((e) => e.action === "organization.import.create")).toHaveLength(3);
    expect((await verifyAuditChain(db)).firstBroken).toBeNull();
  });
});
