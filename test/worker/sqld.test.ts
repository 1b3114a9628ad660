/**
 * The Worker's own entry (src/worker.ts) in workerd, against a real libSQL server (sqld, started by
 * test/worker/sqld-setup.ts, migrated): the public pages read the register over HTTP as they do from Turso, and an
 * anonymous 成立 application is written through the Worker and read back.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker";

const url = (env as unknown as { SQLD_URL: string }).SQLD_URL;
const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined };
const ORIGIN = "https://registry.example";
const call = (path: string, init?: RequestInit) =>
  worker.fetch(
    new Request(`${ORIGIN}${path}`, init),
    { DATABASE_URL: url, PUBLIC_ORIGIN: ORIGIN, PERSON_KEY: "worker-test-person-key-0123456789abcdef" },
    ctx,
  );

describe.skipIf(!url)("the Worker against a real libSQL server (sqld)", () => {
  it("answers /healthz after a round trip to the database", async () => {
    const res = await call("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("serves the public search page and the open-data API from the server's register", async () => {
    const page = await call("/search?q=%E5%8D%8F%E4%BC%9A");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("社会组织登记管理信息系统");
    const api = await call("/api/v1/organizations");
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ total: 0, items: [] });
  });

  it("writes an anonymous 成立 application through the Worker and shows it back from its one-time link", async () => {
    const res = await call("/apply", {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: ORIGIN,
        "CF-Connecting-IP": "198.51.100.20",
      },
      body: new URLSearchParams({ authorityId: "1", applicantName: "林海" }),
    });
    expect(res.status).toBe(303);
    const link = res.headers.get("Location")!;
    expect(link).toMatch(/^\/apply\/[0-9a-f]+\.[0-9a-f]+\?done=started$/);
    const page = await call(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("申请已创建");
    expect(html).toContain("草稿");
  });
});
