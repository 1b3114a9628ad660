import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { usccCheckChar } from "../../src/domain/uscc";
import { openMemoryDatabase } from "../../src/node-db";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** What the public reads: exact reasons for a malformed code (R-B1, R-B2), in Chinese, with no rule ids. */

let db: Db;
let app: ReturnType<typeof createApp>;
let sample: { uscc: string; name: string };

beforeAll(async () => {
  ({ db } = await openMemoryDatabase());
  await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  sample = (await insertOrgs(db, [{ name: "示范市自行车运动协会", authorityCode: "159900" }]))[0]!;
  app = createApp({ db, config: testConfig(), now: () => new Date("2026-11-22T04:00:00Z") });
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const search = async (q: string, headers: Record<string, string> = {}) => {
  const res = await get(`/search?q=${encodeURIComponent(q)}`, headers);
  expect(res.status).toBe(200);
  return res.text();
};

describe("public search with a malformed 统一社会信用代码", () => {
  it("R-B1: a code of the wrong length says how long it should be and how long it is", async () => {
    const html = await search(sample.uscc.slice(0, 16));
    expect(html).toContain("应为18位，现为16位");
    expect(html).not.toContain("须为完整的18位");
  });

  it("R-B1: a forbidden character is named with its position, also in the htmx fragment", async () => {
    const html = await search(`${sample.uscc.slice(0, 17)}I`, { "HX-Request": "true" });
    expect(html).toContain("第18位“I”不是允许的字符");
  });

  it("R-B2: a wrong check character says which one it should be and which one was given", async () => {
    const first17 = sample.uscc.slice(0, 17);
    const right = usccCheckChar(first17);
    const wrong = right === "0" ? "1" : "0";
    const html = await search(first17 + wrong);
    expect(html).toContain(`校验位应为“${right}”，现为“${wrong}”`);
  });

  it("R-B1: a name that finds nothing is not reported as a malformed code", async () => {
    const html = await search("不存在的名称");
    expect(html).toContain("没有找到符合条件的社会组织");
    expect(html).not.toContain("应为18位");
  });
});
