import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";

describe("configuration", () => {
  it("seeds the demo city by default in development, and never in production even when asked", () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: "0" }).seedDemo).toBe(false);
    expect(loadConfig({ APP_ENV: "production", SEED_DEMO: "1" }).seedDemo).toBe(false);
  });

  it("defaults to the embedded file database on port 3000", () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe("file:data/registry.db");
    expect(c.port).toBe(3000);
    expect(c.publicOrigin).toBe("http://localhost:3000");
  });

  it("refuses a malformed setting, naming it", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ PUBLIC_ORIGIN: "not a url" })).toThrow(/PUBLIC_ORIGIN/);
  });
});
