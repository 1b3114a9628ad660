import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, authorities, supervisorUnits } from "../../db/schema";
import { browseAudit, createAuthority, createSupervisorUnit } from "../../src/admin/service";
import { type Actor, commitWithAudit } from "../../src/audit/audit";
import type { Db } from "../../src/db";
import { issueUscc } from "../../src/domain/uscc";
import { openMemoryDatabase } from "../../src/node-db";
import { insertOrgs } from "../support/orgs";

/** The administrator's reference data and audit browser: each write lands with its audit event, or not at all. */
let db: Db;
const actor: Actor = { userId: 1, username: "admin.test", role: "admin", ip: "192.0.2.1" };
const eventsFor = (objectId: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId));

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
});

describe("createAuthority", () => {
  it("adds the authority with its GB/T 2260 code as region code (R-B4) and its audit event in the same batch", async () => {
    expect(
      await createAuthority(db, actor, {
        code: "159801",
        name: "测试省民政厅",
        level: "province",
        parentId: null,
      }),
    ).toEqual({ ok: true });
    const [row] = await db.select().from(authorities).where(eq(authorities.code, "159801"));
    expect(row).toMatchObject({
      name: "测试省民政厅",
      regionCode: "159801",
      level: "province",
      parentId: null,
    });
    const events = await eventsFor("159801");
    expect(events.map((e) => e.action)).toEqual(["authority.create"]);
  });

  it("refuses a code that already has an authority, with the reason next to the code, and writes nothing", async () => {
    const r = await createAuthority(db, actor, {
      code: "159801",
      name: "重复",
      level: "city",
      parentId: null,
    });
    expect(r).toEqual({ ok: false, errors: { code: "这个代码已经有登记管理机关了。" } });
    expect(await eventsFor("159801")).toHaveLength(1);
  });

  it("refuses a parent that is not in the list", async () => {
    const r = await createAuthority(db, actor, {
      code: "159802",
      name: "测试市民政局",
      level: "city",
      parentId: 999_999,
    });
    expect(r).toEqual({ ok: false, errors: { parentId: "请选择列表中的上级登记管理机关。" } });
    expect(await db.select().from(authorities).where(eq(authorities.code, "159802"))).toHaveLength(0);
  });
});

describe("createSupervisorUnit", () => {
  it("adds the unit with its audit event, and refuses the same name twice", async () => {
    expect(await createSupervisorUnit(db, actor, "测试业务主管单位")).toEqual({ ok: true });
    expect(await createSupervisorUnit(db, actor, "测试业务主管单位")).toEqual({
      ok: false,
      errors: { name: "已经有这个业务主管单位了。" },
    });
    expect(
      await db.select().from(supervisorUnits).where(eq(supervisorUnits.name, "测试业务主管单位")),
    ).toHaveLength(1);
    expect((await eventsFor("测试业务主管单位")).map((e) => e.action)).toEqual(["supervisor_unit.create"]);
  });
});

describe("browseAudit", () => {
  it("filters by an organization's code and names the organizations of the rows", async () => {
    const [org] = await insertOrgs(db, [{ name: "审计浏览测试协会" }]);
    await commitWithAudit(db, actor, [], {
      action: "test.event",
      objectType: "organization",
      orgId: org!.id,
    });
    const r = await browseAudit(db, { org: org!.uscc.toLowerCase() }, {}, false);
    expect(r.errors).toEqual({});
    expect(r.rows.map((e) => e.action)).toEqual(["test.event"]);
    expect(r.orgNames.get(org!.id)).toBe("审计浏览测试协会");
    expect(r.chain).toBeNull();
  });

  it("answers a malformed code, an unknown one and a reversed date range with a message each, and reads no rows", async () => {
    const bad = await browseAudit(db, { org: "123", from: "2026-02-01", to: "2026-01-01" }, {}, false);
    expect(bad.errors.org).toMatch(/^统一社会信用代码有误：/);
    expect(bad.errors.to).toBe("截止日期不能早于起始日期。");
    expect(bad.rows).toEqual([]);
    const unknown = await browseAudit(db, { org: issueUscc("159901", "social_group", 8_888_888) }, {}, false);
    expect(unknown.errors).toEqual({ org: "没有这个统一社会信用代码的社会组织。" });
    expect(unknown.rows).toEqual([]);
  });

  it("checks the audit chain only when asked, and reports how many rows it checked", async () => {
    const r = await browseAudit(db, {}, {}, true);
    expect(r.chain).not.toBeNull();
    expect(r.chain!.firstBroken).toBeNull();
  });
});
