import { describe, expect, it } from "vitest";
import { collectConsoleErrors, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

describe("live search and an input method (拼音)", () => {
  it("does not search the unconfirmed letters of a composition, and searches once the characters are chosen", async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const errors = collectConsoleErrors(page);
    await page.goto(`${ctx.server.baseUrl}/search`);
    await page.waitForFunction(() => typeof (window as unknown as { htmx?: unknown }).htmx === "object");
    const searched: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/search?")) searched.push(decodeURIComponent(r.url()));
    });
    await page.getByLabel("名称或统一社会信用代码").focus();
    // Chromium's own IME path: real compositionstart/update/end and input events with isComposing.
    const cdp = await page.context().newCDPSession(page);
    for (const text of ["s", "sh", "shang", "shang'h", "shang'hui"]) {
      await cdp.send("Input.imeSetComposition", {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(600);
    expect(await page.inputValue("#q")).toBe("shang'hui");
    expect(searched).toEqual([]);

    await cdp.send("Input.insertText", { text: "商会" });
    await page.waitForFunction(() =>
      document.querySelector("#results .result-count")?.textContent?.includes("共"),
    );
    expect(await page.inputValue("#q")).toBe("商会");
    await page.waitForTimeout(500);
    expect(searched.length).toBe(1);
    expect(searched[0]).toContain("q=商会");
    expect(errors).toEqual([]);
  });

  it("still searches as a person types without an input method", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.server.baseUrl}/search`);
    await page.waitForFunction(() => typeof (window as unknown as { htmx?: unknown }).htmx === "object");
    await page.getByLabel("名称或统一社会信用代码").pressSequentially("爱心", { delay: 50 });
    await expect.poll(() => decodeURIComponent(page.url())).toContain("q=爱心");
  });
});
