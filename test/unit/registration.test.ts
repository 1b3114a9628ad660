import { describe, expect, it } from "vitest";
import {
  decisionDueOn,
  type FoundingFacts,
  filingLimitProblem,
  foundingProblems,
  legalRepresentativeProblems,
  nameCore,
  nameProblems,
} from "../../src/domain/registration";
import { registrationMachine } from "../../src/domain/registration-workflow";
import { issueUscc, validateUscc } from "../../src/domain/uscc";
import { decide, validateMachine } from "../../src/domain/workflow";

const group: FoundingFacts = {
  type: "social_group",
  level: "city",
  individualMembers: 50,
  unitMembers: 0,
  capitalFen: 3_000_000,
  partyCommitment: true,
  partySurvey: true,
  charter:
    "第一章 总则 第一条 本会名称为示范市围棋协会。本会宗旨是推广围棋运动。第二章 业务范围。第三章 会员。第四章 组织机构和负责人产生、罢免。第五章 资产管理、使用原则。第六章 终止程序及终止后的财产处理。",
};
const fields = (ps: { field: string; level: string }[]) =>
  ps.filter((p) => p.level === "block").map((p) => p.field);

describe("founding rules", () => {
  it("R-A1: a 社团 needs 50 individual members, or 30 unit members, or 50 in total when mixed", () => {
    expect(fields(foundingProblems(group))).toEqual([]);
    expect(fields(foundingProblems({ ...group, individualMembers: 49 }))).toEqual(["individualMembers"]);
    expect(fields(foundingProblems({ ...group, individualMembers: 0, unitMembers: 30 }))).toEqual([]);
    expect(fields(foundingProblems({ ...group, individualMembers: 0, unitMembers: 29 }))).toEqual([
      "individualMembers",
    ]);
    expect(fields(foundingProblems({ ...group, individualMembers: 25, unitMembers: 25 }))).toEqual([]);
    expect(fields(foundingProblems({ ...group, individualMembers: 25, unitMembers: 24 }))).toEqual([
      "individualMembers",
    ]);
  });

  it("R-A1: 活动资金 at least ¥30,000 locally and ¥100,000 nationally", () => {
    expect(fields(foundingProblems({ ...group, capitalFen: 2_999_999 }))).toEqual(["capital"]);
    expect(fields(foundingProblems({ ...group, level: "national", capitalFen: 3_000_000 }))).toEqual([
      "capital",
    ]);
    expect(fields(foundingProblems({ ...group, level: "national", capitalFen: 10_000_000 }))).toEqual([]);
  });

  it("R-A2: 原始基金 ¥8m national 公募, ¥4m local 公募, ¥2m 非公募; a board of 5–25 with terms ≤ 5 years", () => {
    const f: FoundingFacts = {
      ...group,
      type: "foundation",
      // 基金会 are registered at provincial level or above.
      level: "province",
      foundationKind: "public",
      capitalFen: 400_000_000,
      boardSize: 7,
      boardTermYears: 5,
    };
    expect(fields(foundingProblems(f))).toEqual([]);
    expect(fields(foundingProblems({ ...f, capitalFen: 399_999_999 }))).toEqual(["capital"]);
    expect(fields(foundingProblems({ ...f, level: "national" }))).toEqual(["capital"]);
    expect(fields(foundingProblems({ ...f, foundationKind: "non_public", capitalFen: 200_000_000 }))).toEqual(
      [],
    );
    expect(fields(foundingProblems({ ...f, boardSize: 4 }))).toEqual(["boardSize"]);
    expect(fields(foundingProblems({ ...f, boardSize: 26 }))).toEqual(["boardSize"]);
    expect(fields(foundingProblems({ ...f, boardTermYears: 6 }))).toEqual(["boardTermYears"]);
    expect(fields(foundingProblems({ ...f, foundationKind: null }))).toEqual(["foundationKind"]);
  });

  it("R-F3: the 支持党建工作承诺书 comes with every 成立 application; a charter is required", () => {
    expect(fields(foundingProblems({ ...group, partyCommitment: false }))).toEqual(["partyCommitment"]);
    expect(fields(foundingProblems({ ...group, charter: "章程" }))).toEqual(["charter"]);
  });
});

describe("R-A4: names", () => {
  const base = {
    type: "social_group" as const,
    level: "city" as const,
    regionPrefixes: ["示范市", "市"],
    existingNames: ["示范市围棋协会", "示范市象棋协会"],
  };
  const blocks = (name: string, extra = {}) =>
    nameProblems({ ...base, ...extra, name })
      .filter((p) => p.level === "block")
      .map((p) => p.message);
  const warnings = (name: string, extra = {}) =>
    nameProblems({ ...base, ...extra, name })
      .filter((p) => p.level === "warning")
      .map((p) => p.message);

  it("local 社团 and every 民非 may not start with 中国 / 全国 / 中华", () => {
    expect(blocks("中华诗词爱好者协会")[0]).toContain("不得以“中国”“全国”“中华”开头");
    expect(blocks("中华诗词爱好者协会", { level: "national" })).toEqual([]);
    expect(blocks("全国老年服务中心", { type: "private_non_enterprise", level: "national" })[0]).toContain(
      "中华",
    );
  });

  it("bans 第一 / 最高 / 国家级 anywhere in the name", () => {
    expect(blocks("示范市第一书法协会")[0]).toContain("第一");
    expect(blocks("示范市国家级书法协会")[0]).toContain("国家级");
  });

  it("a 民非's 字号 has at least 2 characters and its name has no 总", () => {
    const pne = { type: "private_non_enterprise" as const };
    expect(nameCore("示范市阳光社会工作服务中心", "private_non_enterprise", ["示范市"])).toBe("阳光");
    expect(blocks("示范市阳光社会工作服务中心", pne)).toEqual([]);
    expect(blocks("示范市阳服务中心", pne)[0]).toContain("字号应不少于 2 个字");
    expect(blocks("示范市阳光总服务中心", pne)[0]).toContain("“总”");
  });

  it("names are unique within the authority; a similar one is a warning", () => {
    expect(blocks("示范市围棋协会")[0]).toContain("同名");
    expect(warnings("示范市围棋研究会").join()).toContain("名称近似");
    expect(warnings("示范市桥牌协会")).toEqual([]);
  });

  it("R-A4: before a type is chosen, the checks for every type run and the type's own wait", () => {
    const none = { type: null };
    expect(blocks("示范市围棋协会", none)[0]).toContain("同名");
    expect(blocks("示范市第一书法协会", none)[0]).toContain("第一");
    expect(blocks("中华诗词爱好者协会", none)[0]).toContain("中华");
    expect(blocks("示范市阳光总服务中心", none)).toEqual([]);
    expect(warnings("示范市围棋爱好者", none)).toEqual([]);
  });

  it("warns about a name without its form or its place", () => {
    expect(warnings("示范市围棋爱好者").join()).toContain("组织形式结尾");
    expect(warnings("东海围棋协会").join()).toContain("冠以所在行政区划名称");
  });
});

describe("R-A3: legal representatives", () => {
  it("a person represents at most one 社团; a foundation's represents no other organization", () => {
    expect(
      legalRepresentativeProblems("social_group", "张三", [
        { name: "示范市围棋协会", type: "social_group" },
      ])[0]!.rule,
    ).toBe("R-A3");
    expect(
      legalRepresentativeProblems("social_group", "张三", [
        { name: "示范市阳光中心", type: "private_non_enterprise" },
      ]),
    ).toEqual([]);
    expect(
      legalRepresentativeProblems("foundation", "张三", [
        { name: "示范市阳光中心", type: "private_non_enterprise" },
      ])[0]!.rule,
    ).toBe("R-A3");
    expect(
      legalRepresentativeProblems("private_non_enterprise", "张三", [
        { name: "示范市围棋协会", type: "social_group" },
      ]),
    ).toEqual([]);
  });

  it("R-A3: a foundation's legal representative is refused as legal representative of a 社团 or a 民非", () => {
    const foundation = [{ name: "示范市慈爱基金会", type: "foundation" as const }];
    for (const type of ["social_group", "private_non_enterprise"] as const) {
      const ps = legalRepresentativeProblems(type, "张三", foundation);
      expect(ps.map((p) => [p.field, p.rule, p.level])).toEqual([["legalRepresentative", "R-A3", "block"]]);
      expect(ps[0]!.message).toContain("示范市慈爱基金会");
    }
  });

  it("R-A3: a 社团's legal representative is refused as a foundation's legal representative", () => {
    const ps = legalRepresentativeProblems("foundation", "张三", [
      { name: "示范市围棋协会", type: "social_group" },
    ]);
    expect(ps.map((p) => [p.field, p.rule, p.level])).toEqual([["legalRepresentative", "R-A3", "block"]]);
    expect(ps[0]!.message).toContain("示范市围棋协会");
  });
});

describe("R-A6: time limits", () => {
  it("the registrar decides 成立 within 60 working days of complete files (慈善 30), others within 30", () => {
    expect(decisionDueOn("establishment", "2026-11-02", false)).toBe("2027-01-25");
    expect(decisionDueOn("establishment", "2026-11-02", true)).toBe("2026-12-14");
    expect(decisionDueOn("change", "2026-11-02", false)).toBe("2026-12-14");
  });

  it("变更 is filed within 30 days of the supervisor's approval, 注销 within 15 days of 清算's end: later is a warning", () => {
    expect(filingLimitProblem("change", "2026-10-01", "2026-10-31")).toBeNull();
    expect(filingLimitProblem("change", "2026-10-01", "2026-11-02")!.message).toContain("已超过 2 日");
    expect(filingLimitProblem("deregistration", "2026-11-01", "2026-11-17")!.field).toBe(
      "liquidationEndedOn",
    );
  });
});

describe("R-B6: code issuance", () => {
  it("issued codes validate for their type, and distinct sequences never give the same code", () => {
    const seen = new Set<string>();
    for (let seq = 1; seq <= 3000; seq += 7) {
      const code = issueUscc("159901", "social_group", seq);
      expect(validateUscc(code, "social_group").ok).toBe(true);
      expect(seen.has(code)).toBe(false);
      seen.add(code);
    }
  });
});

describe("the registration machine", () => {
  const subject = {
    orgId: 0,
    applicationId: 7,
    authorityId: 1,
    supervisorUnitId: null,
    supervisionMode: "direct" as const,
  };
  const ok = { channelMatches: true, hasBlockingProblems: false, organizationActive: true };
  const ctx = (flags = ok, input = {}) => ({ subject, today: "2026-11-23", flags, input });

  it("is well formed: every state reachable, terminal states have no way out", () => {
    expect(validateMachine(registrationMachine)).toEqual([]);
  });

  it("an applicant submits only their own application, and not while a rule blocks it", () => {
    expect(
      decide(registrationMachine, "draft", "submit", { role: "applicant", applicationId: 7 }, ctx()).ok,
    ).toBe(true);
    expect(
      decide(registrationMachine, "draft", "submit", { role: "applicant", applicationId: 8 }, ctx()),
    ).toMatchObject({ code: "out_of_scope" });
    expect(
      decide(
        registrationMachine,
        "draft",
        "submit",
        { role: "applicant", applicationId: 7 },
        ctx({ ...ok, hasBlockingProblems: true }),
      ),
    ).toMatchObject({ code: "blocked" });
  });

  it("the registrar returns with a reason and a later deadline, approves or refuses; nothing leaves a decision", () => {
    const registrar = { role: "registrar" as const, authorityId: 1 };
    expect(decide(registrationMachine, "submitted", "return", registrar, ctx(ok, {}))).toMatchObject({
      code: "reason_required",
    });
    const r = decide(
      registrationMachine,
      "submitted",
      "return",
      registrar,
      ctx(ok, { reason: "章程缺少终止程序" }),
    );
    expect(r).toMatchObject({ ok: true, to: "returned" });
    expect(
      decide(registrationMachine, "submitted", "approve", { role: "registrar", authorityId: 2 }, ctx()),
    ).toMatchObject({ code: "out_of_scope" });
    expect(
      decide(registrationMachine, "approved", "refuse", registrar, ctx(ok, { reason: "x" })),
    ).toMatchObject({ code: "terminal" });
    expect(decide(registrationMachine, "returned", "approve", registrar, ctx())).toMatchObject({
      code: "illegal_transition",
    });
  });
});
