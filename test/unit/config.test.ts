import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";

const KEY = "a-production-key-of-at-least-32-characters";

describe("configuration", () => {
  it("seeds the demo city by default in development, and never in production even when asked", () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: "0" }).seedDemo).toBe(false);
    expect(loadConfig({ APP_ENV: "production", SEED_DEMO: "1", PERSON_KEY: KEY }).seedDemo).toBe(false);
  });

  it("R-F5, domain.md §8: production refuses to start without the key identity numbers are hashed under", () => {
    expect(() => loadConfig({ APP_ENV: "production" })).toThrow(/PERSON_KEY/);
    expect(() => loadConfig({ APP_ENV: "production", PERSON_KEY: "short" })).toThrow(/PERSON_KEY/);
    expect(loadConfig({ APP_ENV: "production", PERSON_KEY: KEY }).personKey).toBe(KEY);
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
