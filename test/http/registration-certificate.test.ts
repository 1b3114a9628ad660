import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { organizations } from "../../db/schema";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { issueUscc } from "../../src/domain/uscc";
import { openMemoryDatabase } from "../../src/node-db";
import { insertOrgs } from "../support/orgs";

/** The printable certificate with its QR code, and the public page that verifies it (R-A9). */
let db: Db;
let uscc: string;
const app = () =>
  createApp({
    db,
    config: testConfig({ publicOrigin: "https://shetuan.example.gov.cn" }),
    now: () => new Date("2026-11-23T02:00:00Z"),
  });

beforeEach(async () => {
  ({ db } = await openMemoryDatabase());
  const [org] = await insertOrgs(db, [{ name: "示范市围棋协会", registeredOn: "2022-03-01" }]);
  uscc = org!.uscc;
  await db
    .update(organizations)
    .set({
      certificateIssuedOn: "2022-03-01",
      certificateValidFrom: "2022-03-01",
      certificateValidTo: "2027-02-28",
    })
    .where(eq(organizations.uscc, uscc));
});

describe("certificates you can verify", () => {
  it("prints the 登记证书（副本） with a QR code that points to the verification page", async () => {
    const res = await app().request(`/orgs/${uscc}/certificate`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("社会团体法人登记证书");
    expect(html).toContain("（副本）");
    expect(html).toContain(`/orgs/${uscc}/certificate/qr.svg`);
    expect(html).toContain(`https://shetuan.example.gov.cn/verify/${uscc}`);
    const qr = await app().request(`/orgs/${uscc}/certificate/qr.svg`);
    expect(qr.headers.get("Content-Type")).toContain("image/svg+xml");
    const svg = await qr.text();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("<path");
  });

  it("says valid today, and why not once the organization is 注销 (R-A9) or the certificate has expired", async () => {
    expect(await (await app().request(`/verify/${uscc}`)).text()).toContain("证书有效");
    await db
      .update(organizations)
      .set({ certificateValidTo: "2026-11-22" })
      .where(eq(organizations.uscc, uscc));
    const expired = await (await app().request(`/verify/${uscc}`)).text();
    expect(expired).toContain("证书无效");
    expect(expired).toContain("已过期");
    await db
      .update(organizations)
      .set({ status: "deregistered", statusOn: "2026-10-10" })
      .where(eq(organizations.uscc, uscc));
    const ended = await (await app().request(`/verify/${uscc}`)).text();
    expect(ended).toContain("已于 2026年10月10日 被注销登记");
  });

  it("answers a malformed code with 400 and the reason, an unknown one with 404, a lower-case one with a redirect", async () => {
    const bad = await app().request("/verify/12345");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("应为18位");
    const unknown = await app().request(`/verify/${issueUscc("159900", "social_group", 999_999)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("没有这个统一社会信用代码的登记");
    const lower = await app().request(`/verify/${uscc.toLowerCase()}`);
    expect(lower.status).toBe(301);
    expect(lower.headers.get("Location")).toBe(`/verify/${uscc}`);
  });
});
