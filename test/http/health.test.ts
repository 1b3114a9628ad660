import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";

/** GET /healthz answers {"ok":true} after checking the database, and 503 JSON when it does not answer. */
describe("/healthz", () => {
  it("answers ok after a database round trip", async () => {
    const { db } = await openMemoryDatabase();
    const res = await createApp({ db, config: testConfig() }).request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers 503 JSON, not the HTML error page, when the database is gone", async () => {
    const { db, client } = await openMemoryDatabase();
    client.close();
    const res = await createApp({ db, config: testConfig() }).request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
  });
});
