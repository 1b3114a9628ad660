/**
 * The Worker inside workerd (the Workers runtime): routing, middleware, rendering, crypto. workerd cannot open a
 * libSQL file, so the database here is a stub client that answers `SELECT 1`; the Node tests cover the data.
 */
import { scrypt } from "node:crypto";
import { type Client, createClient } from "@libsql/client";
import { renderSVG } from "uqr";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/universal";
import { createApp } from "../../src/app";
import { hashPassword, passwordProblem, verifyPassword } from "../../src/auth/password";
import { newToken, secretMatches } from "../../src/auth/tokens";
import { testConfig } from "../../src/config";
import { createDb } from "../../src/db";
import worker from "../../src/worker";

function stubClient(): Client {
  const result = {
    columns: ["ok"],
    columnTypes: ["INTEGER"],
    rows: [Object.assign([1], { ok: 1 })],
    rowsAffected: 0,
    lastInsertRowid: undefined,
    toJSON: () => ({}),
  };
  return {
    execute: async () => result,
    batch: async (stmts: unknown[]) => stmts.map(() => result),
    migrate: async () => [],
    transaction: async () => {
      throw new Error("no transactions in the stub");
    },
    executeMultiple: async () => undefined,
    sync: async () => undefined,
    close: () => undefined,
    reconnect: () => undefined,
    closed: false,
    protocol: "http",
  } as unknown as Client;
}

const app = () => createApp({ db: createDb(stubClient()), config: testConfig() });

describe("the Worker in workerd", () => {
  it("runs in the Workers runtime, where @libsql/client is the HTTP-only web client", () => {
    // If the plugin fell back to Node, these tests would prove nothing about the Worker.
    expect(navigator.userAgent).toBe("Cloudflare-Workers");
    expect(() => createClient({ url: "file:registry.db" })).toThrow(
      /URL_SCHEME_NOT_SUPPORTED|not supported/i,
    );
  });

  it("answers /healthz after checking the database", async () => {
    const res = await app().request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("renders the Chinese 404 page through the Worker entry", async () => {
    const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined };
    const res = await worker.fetch(
      new Request("https://registry.example/no-such-page"),
      {
        DATABASE_URL: "libsql://db.example.invalid",
        PUBLIC_ORIGIN: "https://registry.example",
        PERSON_KEY: "worker-test-person-key-0123456789abcdef",
      },
      ctx,
    );
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("页面不存在");
    expect(html).toContain('lang="zh-CN"');
  });

  it("sends a strict Content-Security-Policy with no inline script on an HTML page", async () => {
    const res = await app().request("/no-such-page");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
  });

  it("refuses a cross-origin form POST (CSRF)", async () => {
    const res = await app().request("/logout", {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "x=1",
    });
    expect(res.status).toBe(403);
  });

  it("has scrypt (node:crypto) and SHA-256 (WebCrypto) for passwords and sessions", async () => {
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt("password", "salt", 32, { N: 1024, r: 8, p: 1 }, (err, k) => (err ? reject(err) : resolve(k))),
    );
    expect(key.length).toBe(32);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode("abc"));
    expect(new Uint8Array(digest)[0]).toBe(0xba);
  });

  it("hashes and verifies passwords, issues session tokens and checks the common-password list", async () => {
    const params = { ln: 10, r: 8, p: 1 };
    const stored = await hashPassword("east lake spring morning", params);
    expect((await verifyPassword("east lake spring morning", stored, params)).ok).toBe(true);
    expect((await verifyPassword("east lake spring mornin", stored, params)).ok).toBe(false);
    const t = await newToken();
    expect(await secretMatches(t.secret, t.secretHash)).toBe(true);
    expect(passwordProblem("password2026!", "someone")).toMatch(/太常见/);
  });

  it("renders the login page and sends anonymous users of a protected page to it", async () => {
    expect((await app().request("/login")).status).toBe(200);
    const res = await app().request("/admin");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?next=%2Fadmin");
  });

  it("draws the certificate's QR code as SVG (uqr) in the Workers runtime", () => {
    const svg = renderSVG("https://registry.example/verify/51159900M000000B0T");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('fill="black"');
  });

  it("builds an XLSX export (write-excel-file) in the Workers runtime", async () => {
    const blob = await writeXlsxFile([
      [{ value: "统一社会信用代码" }],
      [{ value: "51159900M000000B0T" }],
    ]).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip archive
  });
});
