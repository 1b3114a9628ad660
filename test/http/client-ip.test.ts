import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { testConfig } from "../../src/config";
import type { AppEnv } from "../../src/context";
import { clientIp } from "../../src/http";

/**
 * The client's address feeds the per-IP login throttle, the /apply daily limit and every audit event, so a header a
 * client writes itself must not decide it: headers count only as far as TRUST_PROXY says.
 */
function probe(trustProxy: ReturnType<typeof testConfig>["trustProxy"]) {
  const app = new Hono<AppEnv>();
  app.use((c, next) => {
    c.set("deps", { db: null as never, config: testConfig({ trustProxy }) });
    return next();
  });
  app.get("/ip", (c) => c.text(clientIp(c) ?? "none"));
  return async (headers: Record<string, string>) => {
    const res = await app.request(
      "/ip",
      { headers },
      { incoming: { socket: { remoteAddress: "10.0.0.9" } } },
    );
    return res.text();
  };
}

describe("client address", () => {
  it("by default is the socket's address whatever X-Forwarded-For or CF-Connecting-IP say", async () => {
    const ask = probe("none");
    expect(await ask({ "X-Forwarded-For": "1.2.3.4", "CF-Connecting-IP": "5.6.7.8" })).toBe("10.0.0.9");
  });

  it("behind one trusted proxy is the address that proxy appended, not what the client wrote before it", async () => {
    const ask = probe({ hops: 1 });
    expect(await ask({ "X-Forwarded-For": "6.6.6.6, 203.0.113.7" })).toBe("203.0.113.7");
    expect(await ask({})).toBe("10.0.0.9");
  });

  it("behind two trusted proxies is the second address from the right", async () => {
    const ask = probe({ hops: 2 });
    expect(await ask({ "X-Forwarded-For": "6.6.6.6, 203.0.113.7, 10.0.0.2" })).toBe("203.0.113.7");
  });

  it("on Cloudflare is CF-Connecting-IP, and a value that is not an address is ignored", async () => {
    const ask = probe("cloudflare");
    expect(await ask({ "CF-Connecting-IP": "198.51.100.4", "X-Forwarded-For": "1.2.3.4" })).toBe(
      "198.51.100.4",
    );
    expect(await ask({ "CF-Connecting-IP": "<script>" })).toBe("none");
  });

  it("TRUST_PROXY is read from the environment and refuses anything else", async () => {
    const { loadConfig } = await import("../../src/config");
    expect(loadConfig({}).trustProxy).toBe("none");
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toEqual({ hops: 1 });
    expect(loadConfig({ TRUST_PROXY: "cloudflare" }).trustProxy).toBe("cloudflare");
    expect(() => loadConfig({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });
});
