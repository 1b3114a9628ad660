import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { createPageCache } from "../../src/registry/page-cache";
import { createUser, signIn } from "../support/auth";
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

/** Pages for visitors not signed in are rendered once (as bytes) and dropped the moment the register changes. */
describe("the public page cache (src/registry/page-cache.ts)", () => {
  it("answers the same search page from the cache, shows a new organization at once, and never serves it to a signed-in user", async () => {
    const { db } = await openMemoryDatabase();
    await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
    await insertOrgs(db, [{ name: "示范市页面缓存围棋协会" }]);
    const pageCache = createPageCache();
    const app = createApp({ db, config: testConfig(), pageCache });
    const search = async (path: string, headers: Record<string, string> = {}) => {
      const res = await app.request(path, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=UTF-8");
      expect(res.headers.get("Content-Security-Policy")).toContain("default-src");
      return res.text();
    };
    const q = `/search?q=${encodeURIComponent("页面缓存")}`;
    const first = await search(q);
    expect(first).toContain("示范市页面缓存围棋协会");
    expect(pageCache.bytes).toBe(0); // asked for once: not kept (most searches never come back)
    expect(await search(q)).toBe(first);
    const cached = pageCache.bytes;
    expect(cached).toBeGreaterThan(0); // asked for again: kept
    expect(await search(q)).toBe(first);
    expect(pageCache.bytes).toBe(cached); // the third answer came from the cache
    // The htmx fragment is kept apart from the page.
    const fragment = await search(q, { "HX-Request": "true" });
    expect(fragment).not.toContain("<!doctype html>");
    expect(fragment).toContain("示范市页面缓存围棋协会");

    await insertOrgs(db, [{ name: "示范市页面缓存象棋协会" }]);
    expect(await search(q)).toContain("示范市页面缓存象棋协会");

    // A signed-in registrar's page carries their own navigation: rendered for them, never cached.
    await search(q);
    const registrar = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: 1 })).id,
      new Date(),
    );
    const before = pageCache.bytes;
    const own = await search(q, { Cookie: registrar.cookie });
    expect(own).toContain("退出");
    expect(pageCache.bytes).toBe(before);
    expect(await search(q)).not.toContain("退出");
  });
});
