import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { announcements, auditEvents, organizations, orgHistory } from "../../db/schema";
import { createApp } from "../../src/app";
import { cliActor } from "../../src/audit/audit";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { importRegisterCsv } from "../../src/registry/import";
import { createUser, formHeaders, signIn } from "../support/auth";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** 撤销 by a registrar's decision; terminal statuses never change back (R-A9), in the service and the database. */
let db: Db;
let registrar: string;
let cityReader: string;
let org: { id: number; uscc: string };
const NOW = new Date("2026-11-23T02:00:00Z");
const app = () => createApp({ db, config: testConfig(), now: () => NOW });
const post = (path: string, body: Record<string, string>, cookie: string) =>
  app().request(path, { method: "POST", headers: formHeaders(cookie), body: new URLSearchParams(body) });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  const district = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  org = (
    await insertOrgs(db, [{ name: "东湖区钓鱼协会", authorityCode: "159901", registeredOn: "2015-05-05" }])
  )[0]!;
  registrar = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: district })).id, NOW))
    .cookie;
  cityReader = (await signIn(db, (await createUser(db, { role: "registrar", authorityId: city })).id, NOW))
    .cookie;
});

const decision = {
  documentNo: "东民社撤〔2026〕3号",
  decidedOn: "2026-11-20",
  reason: "连续两年未参加年检，经公告送达后逾期未整改",
  version: "1",
  confirm: "1",
};

describe("撤销 by a registrar's decision", () => {
  it("sets 撤销 from the decision date with history, 公告 and audit in one go; the accounts become read-only", async () => {
    const orgUser = await createUser(db, { role: "org", orgId: org.id });
    const orgCookie = (await signIn(db, orgUser.id, NOW)).cookie;
    // R-A9: it cannot be undone, so the registrar confirms it by name first; without that nothing changes.
    const unconfirmed = await post(
      `/registrar/orgs/${org.uscc}/revoke`,
      { ...decision, confirm: "" },
      registrar,
    );
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain("请勾选确认后再作出撤销登记的决定");
    const res = await post(`/registrar/orgs/${org.uscc}/revoke`, decision, registrar);
    expect(res.status).toBe(303);
    const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(after!.status).toBe("revoked");
    expect(after!.statusOn).toBe("2026-11-20");
    const [notice] = await db.select().from(announcements).where(eq(announcements.orgId, org.id));
    expect(notice!.kind).toBe("revocation");
    expect(notice!.documentNo).toBe("东民社撤〔2026〕3号");
    expect(notice!.body).toContain("连续两年未参加年检");
    expect((await db.select().from(orgHistory).where(eq(orgHistory.orgId, org.id)))[0]!.after).toMatchObject({
      status: "revoked",
    });
    expect(
      (await db.select().from(auditEvents).where(eq(auditEvents.action, "organization.revoke"))).length,
    ).toBe(1);
    const page = await (
      await app().request(`/registrar/orgs/${org.uscc}`, { headers: { Cookie: registrar } })
    ).text();
    expect(page).toContain("撤销登记");
    expect(page).toContain("东民社撤〔2026〕3号");
    expect(page).not.toContain("作出撤销登记决定");
    expect((await post("/portal/applications", { kind: "change" }, orgCookie)).status).toBe(403);
  });

  it("refuses bad input next to the fields and stores nothing", async () => {
    const res = await post(
      `/registrar/orgs/${org.uscc}/revoke`,
      { documentNo: "", decidedOn: "2026-12-31", reason: "", version: "1" },
      registrar,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("请填写撤销决定的文号");
    expect(html).toContain("决定日期不能晚于今天");
    expect(html).toContain("请写明撤销登记的事实和依据");
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0]!.status).toBe(
      "active",
    );
    expect(await db.select().from(announcements)).toEqual([]);
  });

  it("refuses a stale page, a read-only city registrar, and a second decision (R-A9)", async () => {
    await db.update(organizations).set({ version: 2 }).where(eq(organizations.id, org.id));
    expect((await post(`/registrar/orgs/${org.uscc}/revoke`, decision, registrar)).status).toBe(409);
    expect(
      (await post(`/registrar/orgs/${org.uscc}/revoke`, { ...decision, version: "2" }, cityReader)).status,
    ).toBe(403);
    expect(
      (await post(`/registrar/orgs/${org.uscc}/revoke`, { ...decision, version: "2" }, registrar)).status,
    ).toBe(303);
    const again = await post(`/registrar/orgs/${org.uscc}/revoke`, { ...decision, version: "3" }, registrar);
    expect(again.status).toBe(409);
    expect((await db.select().from(announcements)).length).toBe(1);
  });
});

describe("R-A9 in the database and the importer", () => {
  it("the database refuses to move a terminated organization out of its status", async () => {
    await db
      .update(organizations)
      .set({ status: "deregistered", statusOn: "2026-01-01" })
      .where(eq(organizations.id, org.id));
    const err = (await db
      .run(sql`UPDATE organizations SET status = 'active' WHERE id = ${org.id}`)
      .catch((e) => e)) as (Error & { cause?: Error }) | undefined;
    expect(String(err?.cause?.message ?? err)).toMatch(/R-A9/);
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0]!.status).toBe(
      "deregistered",
    );
    await db.run(sql`UPDATE organizations SET address = '新地址' WHERE id = ${org.id}`);
  });

  it("an import row that would revive a terminated organization is refused with its line number; the other rows go in", async () => {
    await db
      .update(organizations)
      .set({ status: "revoked", statusOn: "2026-01-01" })
      .where(eq(organizations.id, org.id));
    const csv = `uscc,name,type,status,registered_on,authority_code,authority_name\n${org.uscc},东湖区钓鱼协会,社会团体,正常,2015-05-05,159901,示范市东湖区民政局\n`;
    const report = await importRegisterCsv(db, csv, cliActor("test"));
    expect(report.errors).toEqual([{ line: 2, reason: expect.stringContaining("R-A9") }]);
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0]!.status).toBe(
      "revoked",
    );
  });
});
