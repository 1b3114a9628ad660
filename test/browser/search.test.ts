import { describe, expect, it } from "vitest";
import { collectConsoleErrors, screenshot, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

describe("searching the register as a person does", () => {
  it("types 商会, sees results appear in place with the URL in step, pages on and opens an organization", async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const errors = collectConsoleErrors(page);
    await page.goto(`${ctx.server.baseUrl}/search`);
    await page.waitForFunction(() => typeof (window as unknown as { htmx?: unknown }).htmx === "object");
    // A marker on the window survives only if htmx swaps the results in place (no page load).
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await page.getByLabel("名称或统一社会信用代码").pressSequentially("商会", { delay: 50 });
    await page.waitForFunction(() =>
      document.querySelector("#results .result-count")?.textContent?.includes("共"),
    );
    // htmx pushes the URL (history.pushState): no navigation to wait for, so poll the address.
    await expect.poll(() => decodeURIComponent(page.url())).toContain("q=商会");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const names = await page.locator("#results .org-name").allTextContents();
    expect(names.length).toBe(20);
    for (const n of names) expect(n).toContain("商会");
    await screenshot(page, "search-shanghui");

    await page.getByRole("link", { name: "下一页" }).click();
    await page.waitForURL(/page=2/);
    const second = await page.locator("#results .org-name").allTextContents();
    expect(second.length).toBeGreaterThan(0);
    expect(second[0]).not.toBe(names[0]);

    const first = page.locator("#results .org-name").first();
    const name = (await first.textContent())!;
    await first.click();
    await page.waitForURL(/\/orgs\/[0-9A-Z]{18}$/);
    expect(await page.locator("h1").textContent()).toContain(name);
    await screenshot(page, "org-page");
    expect(errors).toEqual([]);
  });

  it("works without JavaScript: the form is a plain GET", async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${ctx.server.baseUrl}/`);
    await page.getByLabel("名称或统一社会信用代码").fill("爱心");
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/\/search\?q=/);
    expect(await page.locator(".result-count").textContent()).toMatch(/共 \d+ 个/);
    await context.close();
  });
});
