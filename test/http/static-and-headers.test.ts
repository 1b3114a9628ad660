import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { assetUrl, setAssetVersions } from "../../src/assets";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { loadStaticFiles } from "../../src/static-files";

/**
 * Static files come from memory with a strong ETag; a link that names the file's content hash may be cached for a
 * year. Security headers: the document set on HTML, nosniff on downloads, nothing added to the JSON API.
 */
const dir = mkdtempSync(join(tmpdir(), "static-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "css"));
writeFileSync(join(dir, "css", "app.css"), "body { color: #111; }\n");

async function appWithStatic() {
  const { db } = await openMemoryDatabase();
  const files = loadStaticFiles(dir);
  return { app: createApp({ db, config: testConfig(), staticFiles: files.middleware }), files };
}

describe("static files from memory", () => {
  it("serve a file with its type and ETag, and answer 304 to a matching If-None-Match", async () => {
    const { app } = await appWithStatic();
    const res = await app.request("/css/app.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=0, must-revalidate");
    const etag = res.headers.get("ETag")!;
    expect(await res.text()).toBe("body { color: #111; }\n");
    const again = await app.request("/css/app.css", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("may be cached for a year when the link names the current content hash, and the layout links so", async () => {
    const { app, files } = await appWithStatic();
    setAssetVersions(files.hashes);
    try {
      const url = assetUrl("/css/app.css");
      expect(url).toMatch(/^\/css\/app\.css\?v=[0-9a-f]{16}$/);
      const res = await app.request(url);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      const stale = await app.request("/css/app.css?v=0000000000000000");
      expect(stale.headers.get("Cache-Control")).toBe("public, max-age=0, must-revalidate");
      expect(await (await app.request("/")).text()).toContain(url);
    } finally {
      setAssetVersions(new Map());
    }
  });
});

describe("security headers", () => {
  it("an HTML page carries the strict CSP, framing and referrer headers", async () => {
    const { app } = await appWithStatic();
    const res = await app.request("/");
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("over HTTPS pages also carry HSTS", async () => {
    const { db } = await openMemoryDatabase();
    const app = createApp({ db, config: testConfig({ publicOrigin: "https://registry.example.gov.cn" }) });
    expect((await app.request("/")).headers.get("Strict-Transport-Security")).toContain("max-age=31536000");
  });

  it("a CSV download is never sniffed as HTML; the JSON API has nosniff and CORS but no document headers", async () => {
    const { app } = await appWithStatic();
    const csv = await app.request("/api/v1/organizations.csv");
    expect(csv.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const json = await app.request("/api/v1/organizations");
    expect(json.headers.get("Content-Type")).toContain("application/json");
    expect(json.headers.get("Content-Security-Policy")).toBeNull();
    expect(json.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(json.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe("URLs with a trailing slash", () => {
  it("redirect to the same page without it, keeping the query; // never becomes another host", async () => {
    const { db } = await openMemoryDatabase();
    const app = createApp({ db, config: testConfig() });
    const res = await app.request("/search/?q=%E5%8D%8F%E4%BC%9A");
    expect(res.status).toBe(301);
    expect(res.headers.get("Location")).toBe("/search?q=%E5%8D%8F%E4%BC%9A");
    expect((await app.request("/portal/")).headers.get("Location")).toBe("/portal");
    const sneaky = await app.request("//evil.example/");
    expect(sneaky.headers.get("Location") ?? "").not.toMatch(/^\/\//);
  });
});
