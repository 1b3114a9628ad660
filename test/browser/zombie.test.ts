import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { collectConsoleErrors, overflowing, screenshot, signInAs, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

const signIn = (page: Page, username: string) => signInAs(page, ctx.server.baseUrl, username, DEMO_PASSWORD);

describe("a zombie case in Chromium (R-E2, R-E3)", () => {
  it("立案 from the triage list → investigation → 撤销 事先告知 by 公告 → decision → the public page shows 撤销 and the 严重 entry", async () => {
    const base = ctx.server.baseUrl;
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, "demo-registrar");
    await page.goto(`${base}/registrar/zombies`);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, "zombie-triage-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    const open = page.getByRole("link", { name: "立案", exact: true }).first();
    const href = (await open.getAttribute("href"))!;
    const uscc = new URL(href, base).searchParams.get("uscc")!;
    await open.click();
    await page
      .getByLabel(/立案依据/)
      .fill("两次寄往登记住所的挂号信均被退回，登记电话停机，走访住所已改作他用。");
    await page.getByRole("button", { name: "立案" }).click();
    await page.waitForURL(/\/registrar\/zombies\/cases\/\d+\?done=opened/);
    const caseUrl = page.url().replace(/\?.*$/, "");
    await page.getByRole("button", { name: "开始调查核实" }).click();
    await page.waitForURL(/done=step/);
    const notice = page.locator("form", { has: page.getByRole("button", { name: "送达撤销事先告知" }) });
    await notice.getByLabel("事先告知书文号").fill("示民撤告〔2026〕30号");
    await notice.getByLabel("送达方式").selectOption("publication");
    await notice.getByRole("button", { name: "送达撤销事先告知" }).click();
    await page.waitForURL(/done=step/);
    expect(await page.locator("main").textContent()).toContain("公告");

    // The public sees the 公告 with its period.
    const visitor = await ctx.browser.newPage();
    await visitor.goto(`${base}/notices-by-publication`);
    expect(await visitor.locator("main").textContent()).toContain("示民撤告〔2026〕30号");

    // A decision before the window ends is refused; the period passes (the database is moved on, as the days would).
    const decide = () =>
      page.locator("form", { has: page.getByRole("button", { name: "作出撤销（吊销）决定" }) });
    await decide().getByLabel("决定文号").fill("示民撤〔2026〕30号");
    await decide()
      .getByLabel("事实和依据（写入公告）")
      .fill("长期未开展活动，经公告送达事先告知，未提出陈述、申辩");
    await decide().getByRole("button", { name: "作出撤销（吊销）决定" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("期限尚未届满");
    const db = createClient({ url: `file:${join(ctx.server.dataDir, "registry.db")}` });
    await db.execute({
      sql: "UPDATE zombie_cases SET notice_published_on = date('now', '-50 days'), notice_served_on = date('now', '-20 days'), window_ends_on = date('now', '-10 days') WHERE id = ?",
      args: [Number(caseUrl.split("/").at(-1))],
    });
    db.close();
    await page.goto(caseUrl);
    await decide().getByLabel("决定文号").fill("示民撤〔2026〕30号");
    await decide()
      .getByLabel("事实和依据（写入公告）")
      .fill("长期未开展活动，经公告送达事先告知，未提出陈述、申辩");
    await decide().getByRole("button", { name: "作出撤销（吊销）决定" }).click();
    await page.waitForURL(/done=step/);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, "zombie-case-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "zombie-case-1280");

    // The daily job lists the revoked organization on 严重违法失信名单 (R-D4(7)).
    const jobs = spawnSync(
      join("node_modules", ".bin", "tsx"),
      ["src/cli/jobs.ts", "--job", "credit-revoked"],
      {
        env: {
          ...process.env,
          DATABASE_URL: `file:${join(ctx.server.dataDir, "registry.db")}`,
          JOBS_DAILY_AT: "off",
        },
        encoding: "utf8",
      },
    );
    expect(jobs.status).toBe(0);
    await visitor.goto(`${base}/orgs/${uscc}`);
    const text = (await visitor.locator("main").textContent()) ?? "";
    expect(text).toContain("撤销");
    expect(text).toContain("示民撤〔2026〕30号");
    expect(text).toContain("严重违法失信名单");
    await screenshot(visitor, "zombie-public-org");

    await page
      .locator("form", { has: page.getByRole("button", { name: /登记证书、印章收缴或作废/ }) })
      .getByLabel(/收缴或公告作废/)
      .fill("登记证书、印章无法收缴，已公告作废。");
    await page.getByRole("button", { name: /登记证书、印章收缴或作废/ }).click();
    await page.waitForURL(/done=step/);
    expect(await page.locator("h1").textContent()).toContain("已结案");
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
  });
});
