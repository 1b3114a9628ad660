import { beforeEach, describe, expect, it } from "vitest";
import { announcements } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { openMemoryDatabase } from "../../src/node-db";
import { ensureAuthority, insertOrgs } from "../support/orgs";

/** R-A7: the public 公告 list by authority and month, and its Atom feed. */
let db: Db;
const app = () => createApp({ db, config: testConfig({ publicOrigin: "https://shetuan.example.gov.cn" }) });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  const city = await ensureAuthority(db, { code: "159900", name: "示范市民政局" });
  const district = await ensureAuthority(db, {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    parentCode: "159900",
  });
  const [a, b] = await insertOrgs(db, [
    { name: "示范市围棋协会", authorityCode: "159900" },
    { name: "东湖区书画协会", authorityCode: "159901" },
  ]);
  await db.insert(announcements).values([
    {
      orgId: a!.id,
      authorityId: city,
      kind: "establishment",
      title: "准予示范市围棋协会成立登记的公告",
      body: "经审查，准予成立。",
      documentNo: "示民社准〔2026〕1号",
      publishedOn: "2026-10-08",
    },
    {
      orgId: b!.id,
      authorityId: district,
      kind: "deregistration",
      title: "准予东湖区书画协会注销登记的公告",
      body: "经审查 <准予> 注销 & 作废。",
      publishedOn: "2026-11-03",
    },
    {
      orgId: a!.id,
      authorityId: city,
      kind: "change",
      title: "准予示范市围棋协会变更登记的公告",
      body: "住所变更。",
      publishedOn: "2026-11-20",
    },
  ]);
});

describe("public announcements", () => {
  it("lists them newest first, filtered by authority, month and kind", async () => {
    const all = await (await app().request("/announcements")).text();
    expect(all).toContain("共 3 条公告");
    expect(all.indexOf("变更登记的公告")).toBeLessThan(all.indexOf("成立登记的公告"));
    const nov = await (await app().request("/announcements?month=2026-11")).text();
    expect(nov).toContain("共 2 条公告");
    const district = await (await app().request("/announcements?authority=159901")).text();
    expect(district).toContain("共 1 条公告");
    expect(district).toContain("东湖区书画协会");
    const kind = await (
      await app().request("/announcements?kind=establishment&month=2026-10&authority=159900")
    ).text();
    expect(kind).toContain("共 1 条公告");
    expect(kind).toContain("示民社准〔2026〕1号");
  });

  it("refuses a malformed month with the reason and an empty state, not an error page", async () => {
    const res = await app().request("/announcements?month=2026-13");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("月份格式应为 年-月");
    expect(html).toContain("这个范围内没有公告");
  });

  it("offers the same as a well-formed Atom feed with escaped text", async () => {
    const res = await app().request("/announcements.atom?month=2026-11");
    expect(res.headers.get("Content-Type")).toContain("application/atom+xml");
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect((xml.match(/<entry>/g) ?? []).length).toBe(2);
    expect(xml).toContain("<updated>2026-11-20T00:00:00+08:00</updated>");
    expect(xml).toContain("经审查 &lt;准予&gt; 注销 &amp; 作废。");
    expect(xml).toContain('href="https://shetuan.example.gov.cn/orgs/');
    expect(xml).not.toMatch(/<[^>]*<|&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect((await app().request("/announcements.atom?kind=nothing")).status).toBe(400);
  });
});
