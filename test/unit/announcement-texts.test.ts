import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  changeAnnouncement,
  conclusionsAnnouncement,
  deregistrationAnnouncement,
  establishmentAnnouncement,
  ratingChangeAnnouncement,
  revocationAnnouncement,
} from "../../src/domain/announcement-texts";

/** One template per kind of 公告: what the app and the demo seed publish reads the same. */
const ORG = { name: "示范市围棋协会", uscc: "51159900MJA000011X" };

describe("公告 templates", () => {
  it("R-A7: 成立登记 names the code, type, 住所, legal representative, capital in 元, supervision and registrar", () => {
    const t = establishmentAnnouncement({
      ...ORG,
      typeLabel: "社会团体",
      address: "示范市湖滨路 8 号",
      legalRepresentative: "林海",
      capitalFen: 3_000_000,
      supervisor: null,
      authorityName: "示范市民政局",
    });
    expect(t).toEqual({
      title: "关于准予示范市围棋协会成立登记的公告",
      body: "经审查，准予示范市围棋协会成立登记。统一社会信用代码：51159900MJA000011X；类型：社会团体；住所：示范市湖滨路 8 号；法定代表人：林海；注册资金：30,000.00 元；直接登记；登记管理机关：示范市民政局。",
    });
    expect(
      establishmentAnnouncement({
        ...ORG,
        typeLabel: "社会团体",
        address: "",
        legalRepresentative: "林海",
        capitalFen: 0,
        supervisor: "示范市体育局",
        authorityName: "示范市民政局",
      }).body,
    ).toContain("业务主管单位：示范市体育局");
  });

  it("R-A7: 变更登记 lists each announced change as old → new", () => {
    expect(
      changeAnnouncement(ORG, [
        { label: "住所", before: "湖滨路 8 号", after: "湖滨路 9 号" },
        { label: "法定代表人", before: "林海", after: "王川" },
      ]),
    ).toEqual({
      title: "关于准予示范市围棋协会变更登记的公告",
      body: "经审查，准予示范市围棋协会（统一社会信用代码：51159900MJA000011X）变更登记：住所由“湖滨路 8 号”变更为“湖滨路 9 号”；法定代表人由“林海”变更为“王川”。",
    });
  });

  it("R-A7: 注销登记 voids the certificate and seal", () => {
    expect(deregistrationAnnouncement(ORG)).toEqual({
      title: "关于准予示范市围棋协会注销登记的公告",
      body: "经审查，准予示范市围棋协会（统一社会信用代码：51159900MJA000011X）注销登记，其登记证书、印章同时作废。",
    });
  });

  it("R-A9: 撤销 and 吊销 state the facts found once, however the reason ends", () => {
    expect(revocationAnnouncement(ORG, "连续两年未参加年度检查。", false)).toEqual({
      title: "关于撤销示范市围棋协会登记的公告",
      body: "示范市围棋协会（统一社会信用代码：51159900MJA000011X）连续两年未参加年度检查。依法决定撤销其登记，其登记证书、印章同时作废。",
    });
    expect(revocationAnnouncement(ORG, "存在严重违法行为", true)).toEqual({
      title: "关于吊销示范市围棋协会登记证书的公告",
      body: "示范市围棋协会（统一社会信用代码：51159900MJA000011X）存在严重违法行为。依法决定吊销其登记证书，其登记证书、印章同时作废。",
    });
  });

  it("R-G2: a rating lowered or revoked names its grounds and the decision", () => {
    expect(
      ratingChangeAnnouncement(ORG, { from: "4A", to: "3A", reasons: ["2025年度年检结论为基本合格"] }),
    ).toEqual({
      title: "关于降低示范市围棋协会评估等级的公告",
      body: "示范市围棋协会（统一社会信用代码：51159900MJA000011X）2025年度年检结论为基本合格。依据《社会组织评估管理办法》，决定将其评估等级由4A降为3A。",
    });
    expect(ratingChangeAnnouncement(ORG, { from: "4A", to: null, reasons: ["a", "b"] }).title).toBe(
      "关于取消示范市围棋协会评估等级的公告",
    );
  });

  it("R-C4: the 年检结论公告 lists each organization with its conclusion", () => {
    const t = conclusionsAnnouncement({
      authorityName: "示范市民政局",
      year: 2025,
      rows: [
        { ...ORG, conclusionLabel: "合格" },
        { name: "示范市书画协会", uscc: "51159900MJA000020Y", conclusionLabel: "基本合格" },
      ],
    });
    expect(t.title).toBe("示范市民政局关于2025年度社会组织年检结论的公告");
    expect(t.lines).toEqual([
      "1. 示范市围棋协会（统一社会信用代码：51159900MJA000011X）：合格",
      "2. 示范市书画协会（统一社会信用代码：51159900MJA000020Y）：基本合格",
    ]);
    expect(t.body).toBe(
      "示范市民政局对2家社会组织2025年度的年检作出结论，现予公告：1. 示范市围棋协会（统一社会信用代码：51159900MJA000011X）：合格；2. 示范市书画协会（统一社会信用代码：51159900MJA000020Y）：基本合格。",
    );
  });

  it("the demo seed writes no 公告 sentence of its own: every 公告 comes from the templates", () => {
    const dir = join(__dirname, "../../db/seed");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const phrase of ["公告`", "现予公告", "经审查，准予", "依法决定"]) {
        expect(text.includes(phrase), `${file}: ${phrase}`).toBe(false);
      }
    }
    const demo = readFileSync(join(dir, "demo.ts"), "utf8");
    expect(demo).toContain("establishmentAnnouncement(");
    expect(demo).toContain("changeAnnouncement(");
    expect(readFileSync(join(dir, "synthetic.ts"), "utf8")).toContain("revocationAnnouncement(");
  });

  it("no writer in src/ spells a 公告's sentences itself: approvals of 成立, 变更 and 注销 use the templates too", () => {
    const files = (readdirSync(join(__dirname, "../../src"), { recursive: true }) as string[]).filter(
      (f) => /\.tsx?$/.test(f) && !f.endsWith("announcement-texts.ts"),
    );
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(join(__dirname, "../../src", file), "utf8");
      for (const phrase of ["经审查，准予", "关于准予"])
        expect(text.includes(phrase), `${file}: ${phrase}`).toBe(false);
    }
  });
});
