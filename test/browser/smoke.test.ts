import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed/demo";
import { collectConsoleErrors, screenshot, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

describe("the app in Chromium", () => {
  it("serves the home page in Chinese with the self-hosted htmx and no CSP violations", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${ctx.server.baseUrl}/`);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await page.waitForFunction(() => typeof (window as unknown as { htmx?: unknown }).htmx === "object");
    expect(await page.title()).toContain("社会组织登记管理信息系统");
    await screenshot(page, "home");
    expect(errors).toEqual([]);
  });

  it("seeds the empty database and prints its URL and the demo accounts at start-up, as the README says", () => {
    const out = ctx.server.output();
    expect(out).toMatch(/Seeded \d+ organizations/);
    expect(out).toContain(`listening on ${ctx.server.baseUrl}/`);
    for (const account of DEMO_ACCOUNTS) expect(out).toContain(account.username);
  });
});
