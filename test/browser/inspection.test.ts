import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { collectConsoleErrors, screenshot, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

async function signedIn(browser: Browser, base: string, username: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

/** Clicks an action button on the reviewer's filing page and waits for the page to show the new state. */
async function act(page: Page, label: string, expectText: string) {
  await page.getByRole("button", { name: label, exact: true }).first().click();
  await page.getByText(expectText).first().waitFor();
}

describe("the annual inspection in Chromium", () => {
  it("the organization files, the registrar returns it, the organization fixes and resubmits, supervisor and registrar pass it, and the public page shows 合格", async () => {
    const base = ctx.server.baseUrl;
    const org = await signedIn(ctx.browser, base, "demo-org");
    const errors = collectConsoleErrors(org);
    await org.getByRole("link", { name: "填写和提交年检报告" }).click();
    await org.waitForURL(/\/portal\/inspections\/\d+$/);
    const filingUrl = org.url();
    const filingId = filingUrl.split("/").pop()!;
    const orgName = (await org.locator("dl.summary dd").first().textContent())!.replace(/（.*$/, "").trim();

    // One section saved in place (htmx), then the report submitted.
    await org.locator("[id='staff.volunteers']").fill("40");
    await org.getByRole("button", { name: "保存“工作人员”" }).click();
    await org.locator("#save-status-staff").getByText("“工作人员”已保存。").waitFor();
    await screenshot(org, "inspection-org-draft");
    await org.getByRole("button", { name: "提交年检报告" }).click();
    await org.waitForURL(/done=submitted/);

    const registrar = await signedIn(ctx.browser, base, "demo-registrar");
    await registrar.goto(`${base}/registrar/inspections/${filingId}`);
    await act(registrar, "开始预审", "退回原因");
    await registrar.getByLabel("退回原因").fill("志愿者人数与活动记录不符，请核对。");
    await registrar
      .locator("form", { hasText: "退回原因" })
      .getByLabel("工作人员", { exact: true })
      .fill("请核对志愿者人数。");
    await registrar.getByRole("button", { name: "退回补正" }).click();
    await registrar.getByText("退回补正").first().waitFor();
    await screenshot(registrar, "inspection-returned");

    await org.goto(filingUrl);
    expect(await org.locator("#section-staff").textContent()).toContain("请核对志愿者人数。");
    await org.locator("[id='staff.volunteers']").fill("30");
    await org.getByRole("button", { name: "保存“工作人员”" }).click();
    await org.locator("#save-status-staff").getByText("“工作人员”已保存。").waitFor();
    await org.reload();
    await org.getByRole("button", { name: "修改完毕，重新提交" }).click();
    await org.waitForURL(/done=submitted/);

    await registrar.goto(`${base}/registrar/inspections/${filingId}`);
    await act(registrar, "开始预审", "通过预审");
    await act(registrar, "通过预审", "业务主管单位");

    const supervisor = await signedIn(ctx.browser, base, "demo-supervisor");
    await supervisor.goto(`${base}/supervisor/inspections/${filingId}`);
    await act(supervisor, "通过初审", "登记机关审查");

    await registrar.goto(`${base}/registrar/inspections/${filingId}`);
    await registrar.getByLabel("合格", { exact: true }).check();
    await registrar.getByRole("button", { name: "作出结论" }).click();
    await registrar.getByRole("button", { name: "公告", exact: true }).waitFor();
    await act(registrar, "公告", "已公告");
    await screenshot(registrar, "inspection-published");

    const visitor = await ctx.browser.newPage();
    await visitor.goto(`${base}/search?q=${encodeURIComponent(orgName)}`);
    await visitor.getByRole("link", { name: orgName, exact: true }).first().click();
    const row = await visitor.getByRole("row", { name: /2025 年度/ }).textContent();
    expect(row).toContain("合格");
    await screenshot(visitor, "inspection-public");
    expect(errors).toEqual([]);
  });
});
