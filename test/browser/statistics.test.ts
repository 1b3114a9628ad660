import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { collectConsoleErrors, screenshot, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (wide <= window.innerWidth) return [];
    return [...document.querySelectorAll("body *")]
      .filter(
        (el) => !el.closest(".table-scroll") && el.getBoundingClientRect().right > window.innerWidth + 0.5,
      )
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5);
  });
}

describe("statistics in Chromium", () => {
  it("opens the statistics, changes a filter, follows a figure to its list, at 390 px and 1280 px", async () => {
    const base = ctx.server.baseUrl;
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${base}/login`);
    await page.getByLabel("用户名").fill("demo-registrar");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(`${base}/registrar`);
    await page.getByRole("link", { name: "统计分析" }).click();
    await page.waitForURL(`${base}/registrar/statistics`);
    expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(6);
    await screenshot(page, "statistics-1280");
    await page.locator("select#authority").selectOption({ label: "示范市东湖区民政局" });
    await page.getByRole("button", { name: "查看" }).click();
    await page.waitForURL(/authority=159901/);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, "statistics-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    const section = page.locator("section", {
      has: page.getByRole("heading", { name: "信用名单（按年度）" }),
    });
    await section.getByText("查看数字").click();
    await section.getByRole("link").first().click();
    await page.waitForURL(`${base}/credit`);
    expect(errors).toEqual([]);
  });
});
