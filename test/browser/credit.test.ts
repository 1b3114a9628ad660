import { join } from "node:path";
import { createClient } from "@libsql/client";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { collectConsoleErrors, overflowing, screenshot, signInAs, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

const signIn = (page: Page, username: string) => signInAs(page, ctx.server.baseUrl, username, DEMO_PASSWORD);

async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/login/);
}

describe("credit lists in Chromium (R-D7, R-D8)", () => {
  it("a candidate is served a 事先告知, objects, is listed by decision, shows publicly, and is removed", async () => {
    const base = ctx.server.baseUrl;
    const db = createClient({ url: `file:${join(ctx.server.dataDir, "registry.db")}` });
    const { rows } = await db.execute(
      "SELECT o.uscc, o.name FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.username = 'demo-org'",
    );
    db.close();
    const uscc = String(rows[0]!.uscc);
    const name = String(rows[0]!.name);
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);

    await signIn(page, "demo-registrar");
    await page.goto(`${base}/registrar/credit`);
    await page.getByLabel("统一社会信用代码").fill(uscc);
    await page.getByLabel("名录与列入事由").selectOption("d1_6");
    await page.getByLabel("发生日期").fill("2026-11-30");
    await page
      .getByLabel("事实（将写入事先告知书并公开）")
      .fill("两次向登记住所寄送挂号信，均因查无此单位被退回。");
    await page.getByLabel("证据（文书名称、日期、编号）").fill("挂号信邮件号 XA100、XA101 及退回凭证");
    await page.getByRole("button", { name: "录入候选" }).click();
    await page.waitForURL(/\/registrar\/credit\/\d+$/);
    const casePath = new URL(page.url()).pathname;
    await page.getByRole("button", { name: "送达事先告知" }).click();
    await page.waitForURL(`${base}${casePath}`);
    expect(await page.locator("main").textContent()).toContain("已事先告知");
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "credit-case-1280");
    await signOut(page);

    await signIn(page, "demo-org");
    await page.goto(`${base}/portal/credit`);
    await page.getByRole("link", { name: "活动异常名录" }).click();
    await page.getByLabel("异议内容").fill("我单位已迁至新址，并已于11月申请住所变更登记。");
    await page.getByRole("button", { name: "提交异议" }).click();
    await page.waitForURL(/\/portal\/credit\/\d+$/);
    expect(await page.locator("main").textContent()).toContain("已提出异议");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "credit-portal-case-390");
    expect(await overflowing(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signOut(page);

    await signIn(page, "demo-registrar");
    await page.goto(`${base}${casePath}`);
    await page.getByLabel("决定理由").fill("新址未办理变更登记，仍无法通过登记住所取得联系，异议不成立。");
    await page.getByLabel("文号（列入时必填）").fill("示民信〔2026〕12号");
    await page.getByRole("button", { name: "决定列入活动异常名录" }).click();
    await page.waitForURL(`${base}${casePath}`);
    expect(await page.locator("main").textContent()).toContain("已列入");

    await page.goto(`${base}/orgs/${uscc}`);
    const orgPage = (await page.locator("main").textContent()) ?? "";
    expect(orgPage).toContain("活动异常名录");
    expect(orgPage).toContain("示民信〔2026〕12号");
    await page.goto(`${base}/credit`);
    expect(await page.locator("main").textContent()).toContain(name);
    await screenshot(page, "credit-public-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "credit-public-390");
    expect(await overflowing(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${base}${casePath}`);
    await page.getByLabel("移出事由").selectOption("cured");
    await page.getByLabel("移出文号").fill("示民信〔2026〕15号");
    await page.getByRole("button", { name: "移出名录" }).click();
    await page.waitForURL(`${base}${casePath}`);
    await page.goto(`${base}/credit?removed=1`);
    expect(await page.locator("main").textContent()).toContain(name);
    expect(errors).toEqual([]);
  });
});
