import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { collectConsoleErrors, screenshot, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

describe("accounts in Chromium", () => {
  it("an administrator opens an account; the person activates it, logs in and logs out", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);
    const base = ctx.server.baseUrl;

    // A protected page sends us to the login form and back afterwards.
    await page.goto(`${base}/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("用户名").fill("demo-admin");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await screenshot(page, "login");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(`${base}/admin/users`);

    await page.getByLabel("身份").selectOption("registrar");
    await page
      .getByLabel("登记管理机关（登记管理机关工作人员、党建工作审查人员填写）")
      .selectOption({ label: "示范市东湖区民政局" });
    await page.getByLabel("姓名").fill("陈静");
    await page.getByLabel("用户名").fill("chen.jing");
    await page.getByRole("button", { name: "开设账号并生成激活链接" }).click();
    const link = (await page.locator("code.activation-link").textContent())!.trim();
    expect(link).toMatch(/\/activate\/[0-9a-f]{32}\.[0-9a-f]{64}$/);
    await screenshot(page, "activation-link");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login\?done=logged-out/);

    // The new colleague sets a password; a weak one is refused next to the field.
    await page.goto(link);
    await page.getByLabel("设置密码").fill("chen.jing2026");
    await page.getByLabel("再次输入密码").fill("chen.jing2026");
    await page.getByRole("button", { name: "设置密码并激活" }).click();
    await expect(page.locator("#password-error").textContent()).resolves.toContain("密码不能包含用户名");
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-error-summary"))).toBe(true);
    await screenshot(page, "activation-error");
    await page.getByLabel("设置密码").fill("east lake spring morning");
    await page.getByLabel("再次输入密码").fill("east lake spring morning");
    await page.getByRole("button", { name: "设置密码并激活" }).click();
    await page.waitForURL(/\/login\?done=activated/);
    expect(await page.locator(".notice.success").textContent()).toContain("账号已激活");

    await page.getByLabel("用户名").fill("chen.jing");
    await page.getByLabel("密码").fill("east lake spring morning");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(`${base}/registrar`);
    expect(await page.locator("main").textContent()).toContain("示范市东湖区民政局");
    await page.goto(`${base}/account`);
    expect(await page.locator("main").textContent()).toContain("当前设备");
    await screenshot(page, "account");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login\?done=logged-out/);
    await page.goto(`${base}/registrar`);
    expect(new URL(page.url()).pathname).toBe("/login");
    // The only failed responses are the deliberate 422 of the weak password.
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
  });
});
