import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** The public pages about one organization are cached, and never stale: every kind of change shows at once. */
describe("the public detail cache", () => {
  it("serves the same page twice, then shows a new name, a new 公告 and a new credit entry the moment they are written", async () => {
    const { db } = await openMemoryDatabase();
    const cityId = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
    const [org] = await insertOrgs(db, [{ name: "示范市缓存测试协会" }]);
    const app = createApp({ db, config: testConfig() });
    const page = async () => (await app.request(`/orgs/${org!.uscc}`)).text();
    const api = async () =>
      (await (await app.request(`/api/v1/organizations/${org!.uscc}`)).json()) as Record<string, unknown>;
    const first = await page();
    expect(await page()).toBe(first);
    expect(first).toContain("示范市缓存测试协会");

    await db.run(sql`UPDATE organizations SET name = '示范市缓存测试研究会' WHERE id = ${org!.id}`);
    expect(await page()).toContain("示范市缓存测试研究会");
    expect((await api()).name).toBe("示范市缓存测试研究会");

    await db.run(sql`INSERT INTO announcements (org_id, authority_id, kind, title, body, published_on)
      VALUES (${org!.id}, ${cityId}, 'change', '变更登记公告', '名称变更', '2026-06-01')`);
    expect(await page()).toContain("变更登记公告");

    await db.run(sql`INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, arisen_on, listed_on, document_no, publication_period)
      VALUES (${org!.id}, ${cityId}, 'abnormal', 'd1_6', 'listed', '两次信件均未签收', '2026-06-01', '2026-06-20', '示民信〔2026〕88号', 'general')`);
    expect(await page()).toContain("示民信〔2026〕88号");
    expect((await api()).credit_entries).toHaveLength(1);
  });
});
