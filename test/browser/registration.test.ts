import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { validateUscc } from "../../src/domain/uscc";
import { collectConsoleErrors, screenshot, useServerAndBrowser } from "./harness";

const ctx = useServerAndBrowser();

const CHARTER =
  "第一章 总则：本会名称为东湖区桥牌运动协会，宗旨是推广桥牌运动。第二章 业务范围：比赛、培训、交流。第三章 会员。第四章 组织机构和负责人产生、罢免。第五章 资产管理、使用原则。第六章 终止程序及终止后的财产处理。";

describe("registration in Chromium", () => {
  it("an applicant applies for 成立, the registrar returns it once and approves it, and the public finds it with a valid code", async () => {
    const base = ctx.server.baseUrl;
    const applicant = await ctx.browser.newPage();
    const errors = collectConsoleErrors(applicant);

    await applicant.goto(`${base}/apply`);
    await applicant.getByLabel("向哪个登记管理机关申请").selectOption({ label: "示范市东湖区民政局" });
    await applicant.getByLabel("申请人（发起人或经办人姓名）").fill("林海");
    await applicant.getByRole("button", { name: "开始填写申请" }).click();
    await applicant.waitForURL(/\/apply\/[0-9a-f]{32}\.[0-9a-f]{64}/);
    const link = applicant.url().replace(/\?.*$/, "");

    await applicant.getByLabel("拟成立组织的名称").fill("东湖区桥牌运动协会");
    await applicant.getByLabel("类型", { exact: true }).selectOption("social_group");
    await applicant.getByLabel("住所").fill("东湖区湖滨路 18 号");
    await applicant.getByLabel("法定代表人（拟任）").fill("林海桥");
    await applicant.getByLabel("注册资金 / 开办资金 / 原始基金（元）").fill("50,000");
    await applicant.getByLabel("个人会员数（社会团体）").fill("30");
    // The checks panel refreshes as the applicant works (htmx), before anything is saved.
    await applicant.locator("#checks").getByText("现为个人会员 30 个").waitFor();
    await applicant.getByLabel("个人会员数（社会团体）").fill("66");
    await applicant.getByLabel("宗旨", { exact: true }).fill("推广桥牌运动。");
    await applicant.getByLabel("业务范围", { exact: true }).fill("桥牌比赛、培训、交流。");
    await applicant.getByLabel("管理方式").selectOption("direct");
    await applicant.getByLabel("直接登记的类别（直接登记的填写）").selectOption("community");
    await applicant.getByLabel("党建领导机关（直接登记的填写）").fill("东湖区社会组织党委");
    await applicant.getByLabel("章程草案").fill(CHARTER);
    await applicant.getByLabel("已随申请提交《支持党建工作承诺书》").check();
    await applicant.getByLabel("正式党员人数").fill("2");
    await applicant.getByLabel("预备党员人数").fill("0");
    await applicant.getByRole("button", { name: "保存并提交申请" }).click();
    await applicant.waitForURL(/done=submitted/);
    expect(await applicant.locator("main").textContent()).toContain("待审查");
    await screenshot(applicant, "registration-submitted");

    const registrar = await ctx.browser.newPage();
    await registrar.goto(`${base}/login?next=/registrar/applications`);
    await registrar.getByLabel("用户名").fill("demo-registrar-donghu");
    await registrar.getByLabel("密码").fill(DEMO_PASSWORD);
    await registrar.getByRole("button", { name: "登录" }).click();
    await registrar.waitForURL(`${base}/registrar/applications`);
    await registrar
      .getByRole("row", { name: /东湖区桥牌运动协会/ })
      .getByRole("link")
      .click();
    await registrar.getByLabel("需要补正的内容").fill("请在章程中写明会费标准。");
    await registrar.getByRole("button", { name: "退回补正" }).click();
    await registrar.waitForURL(/done=returned/);

    await applicant.goto(link);
    expect(await applicant.locator("main").textContent()).toContain("请在章程中写明会费标准");
    await applicant.getByLabel("章程草案").fill(`${CHARTER}第七章 会费：每年 100 元。`);
    await applicant.getByRole("button", { name: "保存并提交申请" }).click();
    await applicant.waitForURL(/done=submitted/);

    await registrar.reload();
    await registrar.getByLabel("决定文号").fill("东民社准〔2026〕21号");
    await registrar.getByRole("button", { name: "准予登记" }).click();
    await registrar.waitForURL(/done=approved/);
    await screenshot(registrar, "registration-approved");
    const uscc = (await registrar.locator(".notice.success a").first().getAttribute("href"))!.replace(
      "/orgs/",
      "",
    );
    expect(validateUscc(uscc, "social_group").ok).toBe(true);

    const visitor = await ctx.browser.newPage();
    await visitor.goto(`${base}/search?q=${encodeURIComponent("桥牌运动")}`);
    await visitor.getByRole("link", { name: "东湖区桥牌运动协会" }).click();
    await visitor.waitForURL(`${base}/orgs/${uscc}`);
    expect(await visitor.locator("main").textContent()).toContain(uscc);
    // The certificate's QR code points to the verification page, which says the certificate is valid.
    await visitor.getByRole("link", { name: "登记证书（副本）" }).click();
    const qr = visitor.locator("img.qr");
    expect(await qr.getAttribute("alt")).toContain(`/verify/${uscc}`);
    expect(
      await visitor.evaluate(() => (document.querySelector("img.qr") as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    await screenshot(visitor, "certificate");
    await visitor.goto(`${base}/verify/${uscc}`);
    expect(await visitor.locator(".verdict").textContent()).toContain("证书有效");
    expect(errors).toEqual([]);
  });
});
