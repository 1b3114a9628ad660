import { describe, expect, it } from "vitest";
import {
  basicInfoFromRegister,
  type Cadre,
  type FinancesSection,
  type InspectionReport,
  issuesByField,
  meetingCounts,
  type RegisterEntry,
  rectificationRequired,
  sectionSchemas,
} from "../../src/domain/inspection-report";
import {
  ageOn,
  type Check,
  DEFAULT_PRECHECK_SETTINGS,
  hasBlocks,
  type PrecheckContext,
  runPrechecks,
} from "../../src/domain/prechecks";

const Y = 10_000_00; // ¥10,000 in fen

const finances: FinancesSection = {
  balance: { assets: 50 * Y, liabilities: 10 * Y, netAssets: 40 * Y },
  income: {
    donations: 10 * Y,
    governmentGrants: 5 * Y,
    serviceIncome: 3 * Y,
    membershipDues: 2 * Y,
    investment: 0,
    other: 0,
    total: 20 * Y,
  },
  expenses: { charitable: 15 * Y, management: 1.5 * Y, fundraising: 0, other: 0.5 * Y, total: 17 * Y },
  changeExplanations: {},
};

/** A complete 2025 report of a 社团 that passes every check. */
function goodReport(): InspectionReport {
  return {
    year: 2025,
    meetings: {
      items: [
        { kind: "board", date: "2025-03-01", topic: "年度计划" },
        { kind: "board", date: "2025-09-01" },
        { kind: "general_assembly", date: "2025-06-01" },
      ],
    },
    termChange: {
      termYears: 5,
      currentTermStartedOn: "2023-06-01",
      currentTermEndsOn: "2028-05-31",
      heldThisYear: false,
      auditBeforeChange: false,
      officers: [
        {
          name: "张三",
          post: "会长",
          postKind: "chair",
          birthDate: "1960-05-01",
          termsServed: 1,
          isLegalRepresentative: true,
        },
      ],
    },
    staff: { fullTime: 3, partTime: 1, volunteers: 20, socialInsured: 3 },
    branches: { items: [] },
    finances: structuredClone(finances),
    donations: {
      receivedTotal: 10 * Y,
      received: [{ donor: "某公司", amount: 5 * Y, inKind: false, restricted: false }],
      grantsTotal: 0,
      grants: [],
    },
    activities: { items: [] },
    partyBuilding: {
      hasPartyOrg: true,
      orgType: "branch",
      orgName: "某协会党支部",
      fullMembers: 4,
      probationaryMembers: 1,
      hasBranchCommittee: false,
      secretaryName: "李四",
      secretaryIsOfficer: false,
      hasInstructor: false,
    },
    cadres: { items: [] },
    declaration: { agreed: true, signedBy: "张三", signedOn: "2026-03-01" },
  };
}

function context(extra: Partial<PrecheckContext> = {}): PrecheckContext {
  return {
    orgType: "social_group",
    foundationKind: null,
    legalRepresentative: "张三",
    lastYear: { finances: structuredClone(finances) },
    lastYearOutcome: "qualified",
    openRectificationNotice: false,
    ...extra,
  };
}

const ids = (checks: Check[]) => checks.map((c) => c.id);
const find = (checks: Check[], id: string) => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} among ${ids(checks).join(", ")}`);
  return c;
};
const run = (mutate: (r: InspectionReport) => void, extra: Partial<PrecheckContext> = {}) => {
  const r = goodReport();
  mutate(r);
  return runPrechecks(r, context(extra));
};

describe("baseline", () => {
  it("R-C5: a complete, consistent report raises no check", () => {
    expect(runPrechecks(goodReport(), context())).toEqual([]);
  });

  it("R-C5: the baseline report is valid input for every section schema (round trip)", () => {
    const r = goodReport();
    for (const section of [
      "meetings",
      "termChange",
      "staff",
      "branches",
      "finances",
      "donations",
      "activities",
      "partyBuilding",
      "cadres",
      "declaration",
    ] as const) {
      const parsed = sectionSchemas[section].safeParse(r[section]);
      expect(parsed.success, section).toBe(true);
      expect(parsed.data, section).toEqual(r[section]);
    }
  });

  it("R-C5: every check has an id, a rule, a severity, a section, a field path under it and a Chinese message", () => {
    const r: InspectionReport = {
      year: 2025,
      finances: { ...structuredClone(finances), balance: { assets: -1, liabilities: 0, netAssets: 0 } },
    };
    const checks = runPrechecks(r, context({ lastYearOutcome: "unqualified" }));
    expect(checks.length).toBeGreaterThan(5);
    for (const c of checks) {
      expect(c.rule).toMatch(/^R-[A-G]\d+$/);
      expect(["block", "warning"]).toContain(c.severity);
      expect(c.field.startsWith(c.section)).toBe(true);
      expect(c.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(ids(checks)).size).toBe(checks.length);
  });
});

describe("sections present (R-C5)", () => {
  it("R-C5: every section the filer fills must be saved before submitting", () => {
    const checks = runPrechecks({ year: 2025 }, context());
    expect(ids(checks)).toEqual([
      "section_missing.meetings",
      "section_missing.termChange",
      "section_missing.staff",
      "section_missing.branches",
      "section_missing.finances",
      "section_missing.donations",
      "section_missing.activities",
      "section_missing.partyBuilding",
      "section_missing.cadres",
      "section_missing.declaration",
    ]);
    expect(checks.every((c) => c.severity === "block")).toBe(true);
    expect(find(checks, "section_missing.finances").message).toContain("「财务状况」");
    expect(hasBlocks(checks)).toBe(true);
  });
});

describe("finances (R-C5)", () => {
  it("R-C5: a balance sheet that does not add up blocks, and says by how much", () => {
    const checks = run((r) => {
      r.finances!.balance.assets = 50 * Y + 1234;
    });
    const c = find(checks, "finances.balance");
    expect(c).toMatchObject({ severity: "block", field: "finances.balance.assets" });
    expect(c.message).toContain("资产总计 500,012.34 元");
    expect(c.message).toContain("500,000.00 元");
    expect(c.message).toContain("相差 12.34 元");
  });

  it("R-C5: income total must equal the sum of its parts", () => {
    const c = find(
      run((r) => {
        r.finances!.income.total = 21 * Y;
      }),
      "finances.income_total",
    );
    expect(c).toMatchObject({ severity: "block", field: "finances.income.total" });
    expect(c.message).toContain("相差 10,000.00 元");
  });

  it("R-C5: expense total must equal the sum of its parts", () => {
    const c = find(
      run((r) => {
        r.finances!.expenses.fundraising = 1;
      }),
      "finances.expense_total",
    );
    expect(c).toMatchObject({ severity: "block", field: "finances.expenses.total" });
    expect(c.message).toContain("相差 0.01 元");
  });

  it("R-C5: a negative amount blocks and names the field", () => {
    const checks = run((r) => {
      r.finances!.income.investment = -Y;
      r.finances!.income.other = Y;
    });
    const c = find(checks, "finances.negative.income.investment");
    expect(c).toMatchObject({ severity: "block", field: "finances.income.investment" });
    expect(c.message).toContain("投资收益不能为负数");
    expect(ids(checks)).not.toContain("finances.income_total");
  });

  it("R-C5: negative net assets (liabilities above assets) is a warning, not a block", () => {
    const checks = run(
      (r) => {
        r.finances!.balance = { assets: 10 * Y, liabilities: 12 * Y, netAssets: -2 * Y };
      },
      { lastYear: null },
    );
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ id: "finances.net_assets_negative", severity: "warning" });
  });

  it("R-C5: a year-on-year change beyond 50% asks for an explanation (warning)", () => {
    const checks = run((r) => {
      r.finances!.income.donations = 21 * Y;
      r.finances!.income.total = 31 * Y; // +55%
      r.finances!.balance = { assets: 61 * Y, liabilities: 10 * Y, netAssets: 51 * Y }; // +22%: fine
    });
    expect(ids(checks)).toEqual(["finances.yoy.income.total"]);
    const c = checks[0]!;
    expect(c).toMatchObject({ severity: "warning", field: "finances.changeExplanations.income.total" });
    expect(c.message).toContain("增加了 55%");
    expect(c.message).toContain("上年为 200,000.00 元");
  });

  it("R-C5: exactly 50% is not beyond the ratio; a fall beyond it is", () => {
    const up50 = run((r) => {
      r.finances!.income.donations = 20 * Y;
      r.finances!.income.total = 30 * Y;
    });
    expect(ids(up50)).toEqual([]);
    const down = run((r) => {
      r.finances!.expenses = {
        charitable: 5 * Y,
        management: 1.5 * Y,
        fundraising: 0,
        other: 0.5 * Y,
        total: 7 * Y,
      };
    });
    expect(ids(down)).toEqual(["finances.yoy.expenses.total"]);
    expect(down[0]!.message).toContain("减少了 59%");
  });

  it("R-C5: an explanation given for the field silences the year-on-year warning", () => {
    const checks = run((r) => {
      r.finances!.income.donations = 30 * Y;
      r.finances!.income.total = 40 * Y;
      r.finances!.changeExplanations = { "income.total": "本年度获得一笔大额定向捐赠" };
    });
    expect(checks).toEqual([]);
    const blank = run((r) => {
      r.finances!.income.donations = 30 * Y;
      r.finances!.income.total = 40 * Y;
      r.finances!.changeExplanations = { "income.total": "  " };
    });
    expect(ids(blank)).toEqual(["finances.yoy.income.total"]);
  });

  it("R-C5: any change from zero last year asks for an explanation; no last-year figures, no comparison", () => {
    const fromZero = run(
      (r) => {
        r.finances!.balance = { assets: 50 * Y, liabilities: 10 * Y, netAssets: 40 * Y };
      },
      {
        lastYear: {
          finances: {
            ...structuredClone(finances),
            balance: { assets: 40 * Y, liabilities: 0, netAssets: 40 * Y },
          },
        },
      },
    );
    expect(ids(fromZero)).toEqual(["finances.yoy.balance.liabilities"]); // assets +25%: within the ratio
    expect(find(fromZero, "finances.yoy.balance.liabilities").message).toContain("上年为 0");
    const firstYear = run(
      (r) => {
        r.finances!.income.donations = 90 * Y;
        r.finances!.income.total = 100 * Y;
      },
      { lastYear: null },
    );
    expect(firstYear).toEqual([]);
  });

  it("R-C5: the year-on-year ratio, minimum change and compared fields are settings", () => {
    const settings = { ...DEFAULT_PRECHECK_SETTINGS, yoyChangePercent: 20 };
    const mutate = (r: InspectionReport) => {
      r.finances!.income.donations = 15 * Y;
      r.finances!.income.total = 25 * Y; // +25%
    };
    expect(ids(run(mutate))).toEqual([]);
    expect(ids(run(mutate, { settings }))).toEqual(["finances.yoy.income.total"]);
    const floor = { ...settings, yoyMinChangeFen: 10 * Y };
    expect(ids(run(mutate, { settings: floor }))).toEqual([]);
    const onlyDonations = { ...settings, yoyFields: ["income.donations" as const] };
    expect(ids(run(mutate, { settings: onlyDonations }))).toEqual(["finances.yoy.income.donations"]);
  });
});

describe("公募基金会 ratios (R-C5 [C])", () => {
  const foundation = (extra: Partial<PrecheckContext> = {}) =>
    context({ orgType: "foundation", foundationKind: "public", ...extra });
  const runF = (mutate: (r: InspectionReport) => void, extra: Partial<PrecheckContext> = {}) => {
    const r = goodReport();
    r.meetings!.items = r.meetings!.items.filter((m) => m.kind === "board");
    mutate(r);
    return runPrechecks(r, foundation(extra));
  };

  it("R-C5: 公益活动支出 below 70% of last year's income warns; exactly 70% passes", () => {
    // Last year's income ¥200,000: 70% is ¥140,000.
    const below = runF((r) => {
      r.finances!.expenses = {
        charitable: 14 * Y - 1,
        management: 1 * Y,
        fundraising: 0,
        other: 1 * Y + 1,
        total: 16 * Y,
      };
    });
    const c = find(below, "finances.public_foundation_charitable");
    expect(c).toMatchObject({ severity: "warning", field: "finances.expenses.charitable" });
    expect(c.message).toContain("70%");
    const exactly = runF((r) => {
      r.finances!.expenses = {
        charitable: 14 * Y,
        management: 1 * Y,
        fundraising: 0,
        other: 1 * Y,
        total: 16 * Y,
      };
    });
    expect(ids(exactly)).toEqual([]);
  });

  it("R-C5: 管理费用 above 10% of expenses warns; exactly 10% passes", () => {
    const over = runF((r) => {
      r.finances!.expenses = {
        charitable: 15 * Y,
        management: 1.7 * Y + 1,
        fundraising: 0,
        other: 0.3 * Y - 1,
        total: 17 * Y,
      };
    });
    expect(find(over, "finances.public_foundation_management").message).toContain("10%");
    const exactly = runF((r) => {
      r.finances!.expenses = {
        charitable: 15 * Y,
        management: 1.7 * Y,
        fundraising: 0,
        other: 0.3 * Y,
        total: 17 * Y,
      };
    });
    expect(ids(exactly)).toEqual([]);
  });

  it("R-C5: the ratios apply only to 公募 foundations, and use the configured percentages", () => {
    const mutate = (r: InspectionReport) => {
      r.finances!.expenses = {
        charitable: 5 * Y,
        management: 5 * Y,
        fundraising: 0,
        other: 7 * Y,
        total: 17 * Y,
      };
    };
    expect(ids(runF(mutate, { foundationKind: "non_public" }))).toEqual([]);
    expect(
      ids(runF(mutate, { orgType: "social_group" })).filter((i) => i.startsWith("finances.public")),
    ).toEqual([]);
    expect(ids(runF(mutate))).toEqual([
      "finances.public_foundation_charitable",
      "finances.public_foundation_management",
    ]);
    const lenient = {
      ...DEFAULT_PRECHECK_SETTINGS,
      publicFoundation: { minCharitablePercentOfLastYearIncome: 25, maxManagementPercentOfExpenses: 30 },
    };
    expect(ids(runF(mutate, { settings: lenient }))).toEqual([]);
  });

  it("R-C5: without last year's income the 70% rule is not checked", () => {
    const checks = runF(
      (r) => {
        r.finances!.expenses = {
          charitable: 0,
          management: 1 * Y,
          fundraising: 0,
          other: 16 * Y,
          total: 17 * Y,
        };
      },
      { lastYear: null },
    );
    expect(ids(checks)).toEqual([]);
  });
});

describe("meetings the charter requires (R-C5 [C])", () => {
  it("R-C5: fewer than two 理事会 in the year warns", () => {
    const checks = run((r) => {
      r.meetings!.items = r.meetings!.items.filter((m) => m.date !== "2025-09-01");
    });
    const c = find(checks, "meetings.board");
    expect(c).toMatchObject({ severity: "warning", field: "meetings.items" });
    expect(c.message).toContain("至少召开 2 次，本年度填报 1 次");
  });

  it("R-C5: a meeting dated outside the reporting year blocks and is not counted", () => {
    const checks = run((r) => {
      r.meetings!.items[1]!.date = "2024-12-20";
    });
    expect(find(checks, "meetings.outside_year.1")).toMatchObject({
      severity: "block",
      field: "meetings.items.1.date",
    });
    expect(ids(checks)).toContain("meetings.board");
  });

  it("R-C5: a 社团 needs a 会员大会 at least once per term (the latest within one term)", () => {
    const none = run((r) => {
      r.meetings!.items = r.meetings!.items.filter((m) => m.kind === "board");
    });
    expect(find(none, "meetings.general_assembly_term").message).toContain("未填写会员（代表）大会");
    const recent = run((r) => {
      r.meetings!.items = r.meetings!.items.filter((m) => m.kind === "board");
      r.termChange!.lastGeneralAssemblyOn = "2021-01-10";
    });
    expect(recent).toEqual([]);
    const old = run((r) => {
      r.meetings!.items = r.meetings!.items.filter((m) => m.kind === "board");
      r.termChange!.lastGeneralAssemblyOn = "2020-12-31";
    });
    expect(find(old, "meetings.general_assembly_term").message).toContain("已超过一届（5年）");
  });

  it("R-C5: 民非 and 基金会 have no 会员大会; requirements per type are settings", () => {
    const noAssembly = (r: InspectionReport) => {
      r.meetings!.items = r.meetings!.items.filter((m) => m.kind === "board");
    };
    expect(run(noAssembly, { orgType: "private_non_enterprise" })).toEqual([]);
    const settings = structuredClone(DEFAULT_PRECHECK_SETTINGS);
    settings.meetings.private_non_enterprise = {
      boardPerYear: 3,
      supervisoryBoardPerYear: 1,
      generalAssemblyOncePerTerm: false,
    };
    expect(ids(run(noAssembly, { orgType: "private_non_enterprise", settings }))).toEqual([
      "meetings.board",
      "meetings.supervisory_board",
    ]);
  });

  it("R-C5: meetingCounts counts each kind within the year", () => {
    const r = goodReport();
    r.meetings!.items.push({ kind: "board", date: "2024-05-05" });
    expect(meetingCounts(r.meetings!, 2025)).toEqual({
      general_assembly: 1,
      board: 2,
      standing_board: 0,
      supervisory_board: 0,
    });
  });
});

describe("换届 (R-C5, R-A8)", () => {
  it("R-C5: a term that ended without 换届 warns unless an explanation is given", () => {
    const overdue = (r: InspectionReport) => {
      r.termChange!.currentTermStartedOn = "2020-06-01";
      r.termChange!.currentTermEndsOn = "2025-05-31";
    };
    expect(find(run(overdue), "term.overdue").message).toContain("2025年5月31日");
    expect(
      run((r) => {
        overdue(r);
        r.termChange!.overdueExplanation = "受疫情影响推迟，计划2026年6月换届";
      }),
    ).toEqual([]);
  });

  it("R-A8: a 换届 held without a prior financial audit warns", () => {
    const checks = run((r) => {
      r.termChange!.heldThisYear = true;
      r.termChange!.heldOn = "2025-06-01";
    });
    expect(find(checks, "term.audit")).toMatchObject({ rule: "R-A8", severity: "warning" });
    expect(
      run((r) => {
        r.termChange!.heldThisYear = true;
        r.termChange!.heldOn = "2025-06-01";
        r.termChange!.auditBeforeChange = true;
      }),
    ).toEqual([]);
  });
});

describe("officers and cadres (R-F5)", () => {
  it("R-F5: ages are completed years on a date", () => {
    expect(ageOn("1955-12-31", "2025-12-31")).toBe(70);
    expect(ageOn("1955-12-30", "2025-12-31")).toBe(70);
    expect(ageOn("1954-12-31", "2025-12-31")).toBe(71);
    expect(ageOn("1955-06-01", "2025-05-31")).toBe(69);
  });

  it("R-F5: an officer over 70 at the end of the year warns; exactly 70 does not", () => {
    const over = run((r) => {
      r.termChange!.officers[0]!.birthDate = "1954-12-31";
    });
    const c = find(over, "officers.age.0");
    expect(c).toMatchObject({
      rule: "R-F5",
      severity: "warning",
      section: "termChange",
      field: "termChange.officers.0.birthDate",
    });
    expect(c.message).toContain("71 周岁");
    expect(
      run((r) => {
        r.termChange!.officers[0]!.birthDate = "1955-12-31";
      }),
    ).toEqual([]);
  });

  it("R-F5: an officer beyond two terms warns; the limits are settings", () => {
    const third = (r: InspectionReport) => {
      r.termChange!.officers[0]!.termsServed = 3;
    };
    expect(find(run(third), "officers.terms.0").message).toContain("连任 3 届");
    const settings = { ...DEFAULT_PRECHECK_SETTINGS, officers: { maxAge: 64, maxTerms: 3 } };
    expect(ids(run(third, { settings }))).toEqual(["officers.age.0"]);
  });

  const cadre: Cadre = {
    name: "王五",
    post: "副会长",
    postKind: "vice_chair",
    cadreLevel: "county",
    retired: true,
    birthDate: "1960-01-01",
    termsServed: 1,
    approvalRecord: "某组干〔2023〕12号",
    paid: false,
    isLegalRepresentative: false,
    socialGroupPosts: 1,
  };
  const withCadre = (patch: Partial<Cadre>, extra: Partial<PrecheckContext> = {}) =>
    run((r) => {
      r.cadres!.items = [{ ...cadre, ...patch }];
    }, extra);

  it("R-F5: a retired cadre within every limit raises nothing", () => {
    expect(withCadre({})).toEqual([]);
  });

  it("R-F5: a retired cadre over 70, beyond two terms, paid, legal representative or without approval warns", () => {
    const checks = withCadre({
      birthDate: "1950-01-01",
      termsServed: 3,
      paid: true,
      isLegalRepresentative: true,
      approvalRecord: undefined,
    });
    expect(ids(checks)).toEqual([
      "cadres.age.0",
      "cadres.terms.0",
      "cadres.paid.0",
      "cadres.legal_representative.0",
      "cadres.approval.0",
    ]);
    expect(checks.every((c) => c.rule === "R-F5" && c.severity === "warning")).toBe(true);
    expect(find(checks, "cadres.paid.0").field).toBe("cadres.items.0.paid");
  });

  it("R-F5: a retired cadre holds at most one 社团 post", () => {
    expect(ids(withCadre({ socialGroupPosts: 2 }))).toEqual(["cadres.posts.0"]);
    expect(ids(withCadre({ socialGroupPosts: 2 }, { orgType: "private_non_enterprise" }))).toEqual([]);
  });

  it("R-F5: a serving 县处级+ cadre needs an approval record; a 乡科级 one does not", () => {
    expect(ids(withCadre({ retired: false, approvalRecord: undefined }))).toEqual(["cadres.approval.0"]);
    expect(ids(withCadre({ retired: false, cadreLevel: "bureau", approvalRecord: undefined }))).toEqual([
      "cadres.approval.0",
    ]);
    expect(withCadre({ retired: false, cadreLevel: "section_or_below", approvalRecord: undefined })).toEqual(
      [],
    );
  });

  it("R-F5: a foundation's 理事长/副理事长/秘书长 may not be a serving functionary", () => {
    const f = { orgType: "foundation" as const, foundationKind: "non_public" as const };
    const fr = (patch: Partial<Cadre>) =>
      runPrechecks(
        (() => {
          const r = goodReport();
          r.meetings!.items = r.meetings!.items.filter((m) => m.kind === "board");
          r.cadres!.items = [{ ...cadre, ...patch }];
          return r;
        })(),
        context(f),
      );
    expect(ids(fr({ retired: false }))).toEqual(["cadres.foundation_post.0"]);
    expect(ids(fr({ retired: false, postKind: "secretary_general" }))).toEqual(["cadres.foundation_post.0"]);
    expect(ids(fr({ retired: false, postKind: "director" }))).toEqual([]);
    expect(ids(fr({}))).toEqual([]);
  });
});

describe("party building consistent with member counts (R-F1)", () => {
  const party = (patch: Partial<NonNullable<InspectionReport["partyBuilding"]>>) =>
    run((r) => {
      r.partyBuilding = { ...r.partyBuilding!, ...patch };
    });

  it("R-F1: ≥3 正式党员 without a party organization should set up a 党支部", () => {
    const c = find(party({ hasPartyOrg: false, orgType: undefined }), "party.branch_required");
    expect(c).toMatchObject({ rule: "R-F1", severity: "warning", field: "partyBuilding.hasPartyOrg" });
  });

  it("R-F1: ≥3 正式党员 in a 联合党支部 is flagged: an own branch is expected", () => {
    expect(ids(party({ orgType: "joint_branch", coveredUnits: 3 }))).toEqual(["party.own_branch_expected"]);
  });

  it("R-F1: <3 正式党员 need a 联合党支部 or a 党建工作指导员 (工作覆盖)", () => {
    const few = { fullMembers: 2, probationaryMembers: 0 };
    expect(ids(party({ ...few, hasPartyOrg: false }))).toEqual(["party.no_coverage"]);
    expect(
      party({
        ...few,
        hasPartyOrg: false,
        hasInstructor: true,
        instructorName: "赵六",
        instructorUnit: "区社会组织党委",
      }),
    ).toEqual([]);
    expect(party({ ...few, orgType: "joint_branch", coveredUnits: 4 })).toEqual([]);
  });

  it("R-F1: an own 党支部 with fewer than 3 正式党员 is inconsistent (预备党员 do not count)", () => {
    expect(ids(party({ fullMembers: 2, probationaryMembers: 3 }))).toEqual(["party.too_few_for_own"]);
  });

  it("R-F1: ≥7 members call for a 支部委员会; fewer than 7 do not have one", () => {
    expect(ids(party({ fullMembers: 6, probationaryMembers: 1 }))).toEqual(["party.committee_required"]);
    expect(
      party({ fullMembers: 6, probationaryMembers: 1, hasBranchCommittee: true, committeeSize: 3 }),
    ).toEqual([]);
    expect(
      ids(party({ fullMembers: 5, probationaryMembers: 1, hasBranchCommittee: true, committeeSize: 3 })),
    ).toEqual(["party.committee_not_needed"]);
  });

  it("R-F1: a 支部委员会 has 3–7 members", () => {
    expect(ids(party({ fullMembers: 20, hasBranchCommittee: true, committeeSize: 9 }))).toEqual([
      "party.committee_size",
    ]);
    expect(ids(party({ fullMembers: 20, hasBranchCommittee: true, committeeSize: 2 }))).toEqual([
      "party.committee_size",
    ]);
  });

  it("R-F1: a 党总支 needs 50 members and a 党委 100", () => {
    expect(ids(party({ orgType: "general_branch", fullMembers: 40 }))).toEqual([
      "party.general_branch_too_few",
    ]);
    expect(party({ orgType: "general_branch", fullMembers: 45, probationaryMembers: 5 })).toEqual([]);
    expect(ids(party({ orgType: "party_committee", fullMembers: 99, probationaryMembers: 0 }))).toEqual([
      "party.party_committee_too_few",
    ]);
    expect(party({ orgType: "party_committee", fullMembers: 100 })).toEqual([]);
  });

  it("R-F1: a 联合党支部 covers at most 5 units", () => {
    expect(ids(party({ fullMembers: 1, orgType: "joint_branch", coveredUnits: 6 }))).toEqual([
      "party.joint_units",
    ]);
  });

  it("R-F1: the thresholds are settings", () => {
    const settings = structuredClone(DEFAULT_PRECHECK_SETTINGS);
    settings.party.branchMinFullMembers = 5;
    expect(
      ids(
        run(
          (r) => {
            r.partyBuilding!.hasPartyOrg = false;
          },
          { settings },
        ),
      ),
    ).toEqual(["party.no_coverage"]);
  });
});

describe("donations and grants (R-C5)", () => {
  it("R-C5: listed donations or grants beyond their totals block", () => {
    const checks = run((r) => {
      r.donations!.received.push({ donor: "某基金会", amount: 5 * Y + 1, inKind: false, restricted: true });
      r.donations!.grants.push({ recipient: "某学校", amount: 1 });
    });
    expect(ids(checks)).toEqual(["donations.received_exceeds_total", "donations.grants_exceed_total"]);
    expect(checks.every((c) => c.severity === "block")).toBe(true);
  });
});

describe("declaration and 整改报告 (R-C5, R-C6)", () => {
  it("R-C5: a declaration not ticked blocks; signed by someone other than the legal representative warns", () => {
    const checks = run((r) => {
      r.declaration = { agreed: false, signedBy: "李 四", signedOn: "2026-03-01" };
    });
    expect(ids(checks)).toEqual(["declaration.not_agreed", "declaration.signer"]);
    expect(find(checks, "declaration.signer").message).toContain("张三");
    expect(
      run((r) => {
        r.declaration!.signedBy = " 张 三 ";
      }),
    ).toEqual([]);
  });

  it("R-C6: 整改报告 is required after 基本合格, 不合格, 未参检 or with an open 整改通知", () => {
    expect(rectificationRequired("qualified", false)).toBe(false);
    expect(rectificationRequired(null, false)).toBe(false);
    expect(rectificationRequired("basically_qualified", false)).toBe(true);
    expect(rectificationRequired("unqualified", false)).toBe(true);
    expect(rectificationRequired("not_filed", false)).toBe(true);
    expect(rectificationRequired("qualified", true)).toBe(true);
  });

  it("R-C6: a required 整改报告 that is missing blocks, saying why it is required", () => {
    const notFiled = find(
      runPrechecks(goodReport(), context({ lastYearOutcome: "not_filed" })),
      "rectification.missing",
    );
    expect(notFiled).toMatchObject({ rule: "R-C6", severity: "block", field: "rectification.text" });
    expect(notFiled.message).toContain("上一年度未参加年检");
    expect(
      find(runPrechecks(goodReport(), context({ openRectificationNotice: true })), "rectification.missing")
        .message,
    ).toContain("整改通知");
    expect(
      find(
        runPrechecks(goodReport(), context({ lastYearOutcome: "basically_qualified" })),
        "rectification.missing",
      ).message,
    ).toContain("基本合格");
  });

  it("R-C6: a 整改报告 given as text or as an attachment satisfies the requirement", () => {
    const ctx = context({ lastYearOutcome: "unqualified" });
    expect(runPrechecks({ ...goodReport(), rectification: { text: "已完成整改" } }, ctx)).toEqual([]);
    expect(runPrechecks({ ...goodReport(), rectification: { attachmentKey: "a/b.pdf" } }, ctx)).toEqual([]);
    expect(ids(runPrechecks({ ...goodReport(), rectification: {} }, ctx))).toEqual(["rectification.missing"]);
  });
});

describe("report section schemas (R-C5): form input validated with Chinese messages", () => {
  const errors = (section: keyof typeof sectionSchemas, input: unknown) => {
    const r = sectionSchemas[section].safeParse(input);
    return r.success ? {} : issuesByField(r.error);
  };

  it("R-C5: finance amounts in yuan become exact fen; bad numbers are refused next to the field", () => {
    const form = {
      balance: { assets: "１，０００．５０", liabilities: "0.29", netAssets: "-0.21" },
      income: {
        donations: "1,000.50",
        governmentGrants: "0",
        serviceIncome: "0",
        membershipDues: "0",
        investment: "0",
        other: "0",
        total: "1000.50",
      },
      expenses: { charitable: "1,23,4", management: "1.234", fundraising: "-1", other: "abc", total: "" },
    };
    const e = errors("finances", form);
    expect(e).toEqual({
      "expenses.charitable": expect.stringContaining("千分位分隔符位置不正确"),
      "expenses.management": expect.stringContaining("两位小数"),
      "expenses.fundraising": "金额不能为负数",
      "expenses.other": expect.stringContaining("金额格式不正确"),
      // A blank total is no error: the server computes it from the parts.
    });
    const ok = sectionSchemas.finances.parse({
      ...form,
      expenses: { charitable: "0", management: "0", fundraising: "0", other: "0", total: "0" },
    });
    expect(ok.balance).toEqual({ assets: 100_050, liabilities: 29, netAssets: -21 });
    expect(ok.changeExplanations).toEqual({});
  });

  it("R-C5: income and expense totals are computed from their parts; a total typed anyway must match them", () => {
    const parts = {
      balance: { assets: "10", liabilities: "0", netAssets: "10" },
      income: {
        donations: "1.50",
        governmentGrants: "2",
        serviceIncome: "0",
        membershipDues: "0",
        investment: "0",
        other: "0",
      },
      expenses: { charitable: "1", management: "0.25", fundraising: "0", other: "0" },
    };
    const computed = sectionSchemas.finances.parse(parts);
    expect(computed.income.total).toBe(350);
    expect(computed.expenses.total).toBe(125);
    expect(errors("finances", { ...parts, income: { ...parts.income, total: "3.49" } })).toEqual({
      "income.total": "收入合计应等于各项收入之和 3.50 元，可不填写，系统自动计算",
    });
    expect(
      sectionSchemas.finances.parse({ ...parts, expenses: { ...parts.expenses, total: "1.25" } }).expenses
        .total,
    ).toBe(125);
  });

  it("R-C5: counts accept full-width digits and refuse negatives, decimals and blanks", () => {
    expect(
      sectionSchemas.staff.parse({ fullTime: "１２", partTime: 0, volunteers: "3", socialInsured: "10" }),
    ).toEqual({
      fullTime: 12,
      partTime: 0,
      volunteers: 3,
      socialInsured: 10,
    });
    expect(errors("staff", { fullTime: "-1", partTime: "", volunteers: "2.5", socialInsured: "0" })).toEqual({
      fullTime: "专职工作人员人数应为整数",
      partTime: "请填写兼职工作人员人数",
      volunteers: "志愿者人数应为整数",
    });
    expect(errors("staff", { fullTime: 1, partTime: 1, volunteers: 0, socialInsured: 3 })).toEqual({
      socialInsured: "参加社会保险人数不能多于专职与兼职工作人员之和",
    });
  });

  it("R-C5: dates must be real dates; an answered 换届 needs its date", () => {
    expect(
      errors("termChange", {
        termYears: "5",
        currentTermStartedOn: "2023-02-30",
        currentTermEndsOn: "2028-05-31",
        heldThisYear: "否",
        officers: [],
      }),
    ).toEqual({ currentTermStartedOn: expect.stringContaining("格式不正确") });
    expect(
      errors("termChange", {
        termYears: "5",
        currentTermStartedOn: "2023-06-01",
        currentTermEndsOn: "2023-05-31",
        heldThisYear: "是",
        officers: [],
      }),
    ).toEqual({ currentTermEndsOn: "本届届满日期应晚于起始日期", heldOn: "本年度已换届，请填写换届日期" });
  });

  it("R-F1: the party section requires the organization's details when one exists, and drops them when not", () => {
    expect(
      errors("partyBuilding", {
        hasPartyOrg: "是",
        fullMembers: "3",
        probationaryMembers: "0",
        hasInstructor: "是",
      }),
    ).toEqual({
      orgType: "已建立党组织，请选择党组织类型",
      orgName: "已建立党组织，请填写党组织名称",
      secretaryName: "已建立党组织，请填写书记姓名",
      instructorName: "请填写党建工作指导员姓名",
      instructorUnit: "请填写党建工作指导员所在单位",
    });
    expect(errors("partyBuilding", { fullMembers: "0", probationaryMembers: "0" })).toMatchObject({
      hasPartyOrg: "请选择是否建立党组织",
      hasInstructor: "请选择是否有党建工作指导员",
    });
    const none = sectionSchemas.partyBuilding.parse({
      hasPartyOrg: "否",
      orgType: "branch",
      orgName: "旧名称",
      fullMembers: "1",
      probationaryMembers: "0",
      hasInstructor: "0",
    });
    expect(none.orgType).toBeUndefined();
    expect(none.orgName).toBeUndefined();
  });

  it("R-C5: the declaration must be ticked and signed", () => {
    expect(errors("declaration", { signedBy: " ", signedOn: "2026-03-01" })).toEqual({
      agreed: expect.stringContaining("请阅读承诺内容并勾选"),
      signedBy: "请填写法定代表人签名",
    });
    expect(
      sectionSchemas.declaration.parse({
        agreed: "on",
        signedBy: "张三",
        signedOn: "2026-03-01",
        attachmentKey: "",
      }),
    ).toEqual({
      agreed: true,
      signedBy: "张三",
      signedOn: "2026-03-01",
    });
  });

  it("R-F5: a cadre entry requires the R-F5 facts (level, retired, paid)", () => {
    const e = errors("cadres", {
      items: [
        {
          name: "王五",
          post: "会长",
          postKind: "chair",
          birthDate: "1960-01-01",
          termsServed: "0",
          socialGroupPosts: "1",
        },
      ],
    });
    expect(e).toEqual({
      "items.0.cadreLevel": "请选择干部职级",
      "items.0.retired": "请选择是否已退（离）休",
      "items.0.paid": "请选择是否领取薪酬",
      "items.0.termsServed": "任职届数至少为1",
    });
  });

  it("R-C3: basic information is copied from the register, not from the form", () => {
    const org: RegisterEntry & { id: number; phone: string } = {
      id: 5,
      phone: "0471-1234567",
      uscc: "51150300MJ0000001X",
      name: "某市某协会",
      type: "social_group",
      legalRepresentative: "张三",
      address: "某市某路1号",
      activityArea: "某市",
      businessScope: "行业服务",
      supervisionMode: "decoupled",
      supervisor: null,
      partyBuildingAuthority: "某市社会组织党委",
      registeredOn: "2015-03-01",
      capitalFen: 3_000_000,
      foundationKind: null,
      isCharity: false,
    };
    const info = basicInfoFromRegister(org);
    expect(info).not.toHaveProperty("id");
    expect(info).not.toHaveProperty("phone");
    expect(sectionSchemas.basicInfo.parse(info)).toEqual(info);
  });
});
