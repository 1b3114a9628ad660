import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { collectConsoleErrors, overflowing, screenshot, signInAs, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

describe("statistics in Chromium", () => {
  it("opens the statistics, changes a filter, follows a figure to its list, at 390 px and 1280 px", async () => {
    const base = ctx.server.baseUrl;
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);
    await signInAs(page, base, "demo-registrar", DEMO_PASSWORD);
    // The registrar home with its party, zombie and statistics lines, on a phone and at a desk.
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, "registrar-home-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.locator("main").textContent()).toContain("两个覆盖");
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

  it("a date range (起止日期): the start after the end is shown beside its field; a valid range says what it counts", async () => {
    const base = ctx.server.baseUrl;
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);
    await signInAs(page, base, "demo-registrar", DEMO_PASSWORD);
    await page.goto(`${base}/registrar/statistics`);
    await page.getByLabel("起始日期").fill("2025-06-01");
    await page.getByLabel("截止日期").fill("2025-05-01");
    await page.getByRole("button", { name: "查看" }).click();
    await page.waitForURL(/from=2025-06-01/);
    expect(await page.locator("#from-error").textContent()).toBe("起始日期不能晚于截止日期。");
    expect(await page.locator(".error-summary").textContent()).toContain("起始日期不能晚于截止日期。");
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, "statistics-range-refused-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("起始日期").fill("2025-03-01");
    await page.getByRole("button", { name: "查看" }).click();
    await page.waitForURL(/from=2025-03-01/);
    expect(await page.locator("main").textContent()).toContain("统计区间：2025年3月1日至2025年5月1日");
    await screenshot(page, "statistics-range-1280");
    // The refused range was answered 400 on purpose; nothing else failed.
    expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
  });
});
