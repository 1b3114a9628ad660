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

const organizational = async (page: Page) => {
  const text = (await page.locator(".stat-grid").textContent()) ?? "";
  const m = /组织覆盖率（(\d+) \/ (\d+) 家）/.exec(text);
  return m ? Number(m[1]) : Number.NaN;
};

describe("the party-building ledger in Chromium (R-F3, R-F4)", () => {
  it("an organization records a new 书记 and a 三会一课, the reviewer confirms, the 年检 shows it, the coverage figure moves", async () => {
    const base = ctx.server.baseUrl;
    const page = await ctx.browser.newPage();
    const errors = collectConsoleErrors(page);

    await signIn(page, "demo-party");
    expect(new URL(page.url()).pathname).toBe("/party");
    const before = await organizational(page);
    expect(before).toBeGreaterThan(0);
    await signOut(page);

    await signIn(page, "demo-org");
    await page.getByRole("link", { name: /党建工作台账/ }).click();
    await page.waitForURL(`${base}/portal/party`);
    await page.getByRole("link", { name: "填报党组织信息" }).click();
    await page.getByLabel("已建立（单独建立或牵头联合党支部）").check();
    await page.getByLabel("党组织类型").selectOption({ label: "党支部" });
    await page.getByLabel("党组织名称").fill("演示单位党支部");
    await page.getByLabel("书记姓名").fill("林书记");
    await page.getByLabel("本届任期开始日期").fill("2026-09-01");
    await page.getByLabel("变更说明").fill("新建党支部，选举林书记为书记。");
    await page.getByRole("button", { name: "报送确认" }).click();
    await page.waitForURL(/\/portal\/party\?done=submitted/);
    expect(await page.locator("#pending-h").textContent()).toBe("待确认的变更");

    await page.getByLabel("正式党员（名）").fill("4");
    await page.getByLabel("预备党员（名）").fill("1");
    await page.getByLabel("入党积极分子（名）").fill("2");
    await page.getByRole("button", { name: "保存党员人数" }).click();
    await page.waitForURL(/done=counts/);
    await page.getByLabel("活动日期").fill("2026-11-20");
    await page.getByLabel("活动类型").selectOption({ label: "三会一课" });
    await page.getByLabel("主题").fill("学习党章，讨论支部年度计划");
    await page.getByLabel("参加人数").fill("5");
    await page.getByRole("button", { name: "保存活动记录" }).click();
    await page.waitForURL(/done=activity/);
    expect(await page.locator("main").textContent()).toContain("学习党章，讨论支部年度计划");
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, "party-ledger-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "party-ledger-1280");
    await signOut(page);

    await signIn(page, "demo-party");
    await page.locator("#pending").scrollIntoViewIfNeeded();
    await screenshot(page, "party-overview-1280");
    const hrefs = await page
      .locator('main a[href*="#pending-h"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    let confirmed = false;
    for (const href of hrefs) {
      await page.goto(`${base}${href}`);
      if (!((await page.locator("main").textContent()) ?? "").includes("演示单位党支部")) continue;
      await page.getByRole("button", { name: "确认变更" }).click();
      await page.waitForURL(/done=confirm/);
      confirmed = true;
      break;
    }
    expect(confirmed).toBe(true);
    expect(await page.locator("main").textContent()).toContain("确认人：演示党建审查员");
    await page.goto(`${base}/party`);
    expect(await organizational(page)).toBe(before + 1);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, "party-overview-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/party/cadres`);
    expect(await page.locator("main").textContent()).toContain("兼任社团职务超过限额");
    await screenshot(page, "party-cadres-1280");
    await signOut(page);

    // The 年检 offers the confirmed ledger in its party section.
    await signIn(page, "demo-org");
    await page.goto(`${base}/portal`);
    await page.getByRole("link", { name: "填写和提交年检报告" }).click();
    let section = page.locator("#section-partyBuilding");
    if (!((await section.textContent()) ?? "").includes("已按本单位党建工作台账")) {
      // The draft already holds a party section: it says where it departs from the ledger and offers to refill.
      expect(await section.textContent()).toContain("书记：台账为“林书记”");
      await section.getByRole("link", { name: "按台账重新填入本节" }).click();
      section = page.locator("#section-partyBuilding");
      expect(await section.textContent()).toContain("已按本单位党建工作台账");
    }
    expect(await section.getByLabel("党组织书记姓名").inputValue()).toBe("林书记");
    expect(await section.getByLabel("正式党员人数").inputValue()).toBe("4");
    expect(errors).toEqual([]);
  });
});
