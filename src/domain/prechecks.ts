/**
 * 机器预审: the automatic checks a filer sees while filling in the report and again on submit (domain.md §3,
 * "Automatic pre-checks"). Each check is a block (stops submission) or a warning (travels with the filing to the
 * reviewer), says in plain Chinese what is wrong and what to do, and names the field it concerns so the page can
 * link to it.
 *
 * Rule of thumb for severity: numbers that cannot all be true at once (a balance sheet that does not add up, parts
 * that exceed their total, a missing section or declaration) block; facts the reviewer has to judge (ratios,
 * meetings, ages, terms, party organization) warn.
 *
 * Every threshold comes from `PrecheckSettings` (defaults below; [C] items vary by locality). Ratios are whole
 * percentages and compared in exact integer arithmetic.
 */
import type { OrgType } from "../../db/schema/registry";
import {
  type Cadre,
  FILER_SECTIONS,
  FINANCE_FIELD_LABELS,
  type FinanceField,
  type FinancesSection,
  financeValue,
  type InspectionReport,
  type LastYearOutcome,
  MEETING_KIND_LABELS,
  type Officer,
  type ReportSection,
  rectificationRequired,
  SECTION_LABELS,
} from "./inspection-report";
import { formatFen } from "./money";
import { DEFAULT_PARTY_THRESHOLDS, type PartyThresholds, partyFindings } from "./party";
import { isIsoDate } from "./working-days";

export type CheckSeverity = "block" | "warning";

export interface Check {
  /** Stable identifier, e.g. "finances.balance" or "cadres.age.2". */
  id: string;
  /** The domain.md rule it enforces. */
  rule: string;
  severity: CheckSeverity;
  section: ReportSection;
  /** Dotted path of the field, e.g. "finances.balance.assets" (the section itself when no single field). */
  field: string;
  message: string;
}

export interface MeetingRequirements {
  /** 理事会 meetings per year the charter requires (0 = not checked). */
  boardPerYear: number;
  /** 监事会 meetings per year (0 = not checked). */
  supervisoryBoardPerYear: number;
  /** A 会员（代表）大会 at least once per term (membership bodies). */
  generalAssemblyOncePerTerm: boolean;
}

export interface PrecheckSettings {
  /** Year-on-year change, in percent, beyond which an explanation is asked for. */
  yoyChangePercent: number;
  /** Changes smaller than this (fen) are never flagged, whatever the ratio (0 = flag every change beyond the ratio). */
  yoyMinChangeFen: number;
  /** The amounts compared with last year's. */
  yoyFields: readonly FinanceField[];
  /** [C] 公募基金会 (基金会管理条例第二十九条). */
  publicFoundation: {
    /** 公益活动支出 at least this percentage of last year's total income. */
    minCharitablePercentOfLastYearIncome: number;
    /** 管理费用 at most this percentage of this year's total expenses. */
    maxManagementPercentOfExpenses: number;
  };
  /** [C] Meetings the charter requires, per type. */
  meetings: Record<OrgType, MeetingRequirements>;
  /** Term length assumed when the report does not give one. */
  defaultTermYears: number;
  /** R-F5: officers and cadres holding posts. */
  officers: { maxAge: number; maxTerms: number };
  /** R-F5: a retired leading cadre holds at most this many 社团 posts. */
  retiredCadreMaxSocialGroupPosts: number;
  /** R-F1 thresholds. */
  party: PartyThresholds;
}

export const DEFAULT_PRECHECK_SETTINGS: PrecheckSettings = {
  yoyChangePercent: 50,
  yoyMinChangeFen: 0,
  yoyFields: ["balance.assets", "balance.liabilities", "balance.netAssets", "income.total", "expenses.total"],
  publicFoundation: { minCharitablePercentOfLastYearIncome: 70, maxManagementPercentOfExpenses: 10 },
  meetings: {
    social_group: { boardPerYear: 2, supervisoryBoardPerYear: 0, generalAssemblyOncePerTerm: true },
    private_non_enterprise: {
      boardPerYear: 2,
      supervisoryBoardPerYear: 0,
      generalAssemblyOncePerTerm: false,
    },
    foundation: { boardPerYear: 2, supervisoryBoardPerYear: 0, generalAssemblyOncePerTerm: false },
  },
  defaultTermYears: 5,
  officers: { maxAge: 70, maxTerms: 2 },
  retiredCadreMaxSocialGroupPosts: 1,
  party: DEFAULT_PARTY_THRESHOLDS,
};

export interface PrecheckContext {
  orgType: OrgType;
  /** Foundations: 公募 (public) or 非公募. */
  foundationKind: "public" | "non_public" | null;
  /** The legal representative in the register (the declaration's signer). */
  legalRepresentative: string;
  /** Last year's report figures, when the organization filed one. */
  lastYear?: { finances?: FinancesSection } | null;
  /** R-C6 */
  lastYearOutcome: LastYearOutcome;
  openRectificationNotice: boolean;
  settings?: PrecheckSettings;
}

const yuan = (fen: number) => `${formatFen(fen)} 元`;

/** Completed years of age on a date (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** a·p < b·q, exactly, for amounts in fen and whole percentages. */
function lessThan(a: number, p: number, b: number, q: number): boolean {
  return BigInt(a) * BigInt(p) < BigInt(b) * BigInt(q);
}

/** Runs every pre-check on a (possibly partial) report. The order is the report's section order. */
export function runPrechecks(report: InspectionReport, context: PrecheckContext): Check[] {
  const settings = context.settings ?? DEFAULT_PRECHECK_SETTINGS;
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);

  for (const section of FILER_SECTIONS) {
    if (section === "rectification") continue;
    if (report[section] === undefined) {
      add({
        id: `section_missing.${section}`,
        rule: "R-C5",
        severity: "block",
        section,
        field: section,
        message: `「${SECTION_LABELS[section]}」部分尚未填写。请填写并保存后再提交（没有相应情况的，也请保存一次以确认）。`,
      });
    }
  }

  checkMeetings(report, context, settings, add);
  checkTermAndOfficers(report, settings, add);
  checkFinances(report, context, settings, add);
  checkDonations(report, add);
  checkParty(report, settings, add);
  checkCadres(report, context, settings, add);
  checkDeclaration(report, context, add);
  checkRectification(report, context, add);
  return checks;
}

export function hasBlocks(checks: readonly Check[]): boolean {
  return checks.some((c) => c.severity === "block");
}

type Add = (c: Check) => void;

// Meetings (the charter's requirements) ------------------------------------------------------------------------------------

function checkMeetings(report: InspectionReport, ctx: PrecheckContext, settings: PrecheckSettings, add: Add) {
  const meetings = report.meetings;
  if (!meetings) return;
  const year = report.year;
  const req = settings.meetings[ctx.orgType];
  const counts = { general_assembly: 0, board: 0, standing_board: 0, supervisory_board: 0 };
  meetings.items.forEach((m, i) => {
    if (!m.date.startsWith(`${year}-`)) {
      add({
        id: `meetings.outside_year.${i}`,
        rule: "R-C5",
        severity: "block",
        section: "meetings",
        field: `meetings.items.${i}.date`,
        message: `第${i + 1}条会议（${MEETING_KIND_LABELS[m.kind]}）的日期 ${m.date} 不在 ${year} 年度内。本部分只填写 ${year} 年召开的会议，请改正日期或删除该条。`,
      });
      return;
    }
    counts[m.kind]++;
  });
  if (counts.board < req.boardPerYear) {
    add({
      id: "meetings.board",
      rule: "R-C5",
      severity: "warning",
      section: "meetings",
      field: "meetings.items",
      message: `章程要求理事会每年至少召开 ${req.boardPerYear} 次，本年度填报 ${counts.board} 次。如有遗漏请补填；确未召开的，请在审查时说明原因。`,
    });
  }
  if (counts.supervisory_board < req.supervisoryBoardPerYear) {
    add({
      id: "meetings.supervisory_board",
      rule: "R-C5",
      severity: "warning",
      section: "meetings",
      field: "meetings.items",
      message: `章程要求监事会每年至少召开 ${req.supervisoryBoardPerYear} 次，本年度填报 ${counts.supervisory_board} 次。如有遗漏请补填。`,
    });
  }
  if (req.generalAssemblyOncePerTerm) {
    const termYears = report.termChange?.termYears ?? settings.defaultTermYears;
    const dates = meetings.items.filter((m) => m.kind === "general_assembly").map((m) => m.date);
    const earlier = report.termChange?.lastGeneralAssemblyOn;
    if (earlier) dates.push(earlier);
    const last = dates.filter(isIsoDate).sort().at(-1);
    // Once per term: the latest assembly lies within one term before the end of the reporting year.
    const since = `${year - termYears}-12-31`;
    if (!last || last <= since) {
      add({
        id: "meetings.general_assembly_term",
        rule: "R-C5",
        severity: "warning",
        section: "meetings",
        field: "meetings.items",
        message: last
          ? `最近一次会员（代表）大会于 ${last} 召开，已超过一届（${termYears}年）。章程要求每届至少召开一次，请按章程召开并在审查时说明情况。`
          : `未填写会员（代表）大会召开情况。章程要求每届至少召开一次：本年度召开的请在本部分填写；往年召开的，请在「换届与负责人」中填写最近一次召开日期。`,
      });
    }
  }
}

// 换届 and officers (R-C5, R-A8, R-F5) -----------------------------------------------------------------------------------

function checkTermAndOfficers(report: InspectionReport, settings: PrecheckSettings, add: Add) {
  const term = report.termChange;
  if (!term) return;
  const yearEnd = `${report.year}-12-31`;
  if (!term.heldThisYear && term.currentTermEndsOn <= yearEnd && !term.overdueExplanation) {
    add({
      id: "term.overdue",
      rule: "R-C5",
      severity: "warning",
      section: "termChange",
      field: "termChange.overdueExplanation",
      message: `本届任期已于 ${term.currentTermEndsOn} 届满，本年度未换届。请按章程及时换届，并在“逾期未换届的说明”中写明原因和计划换届时间。`,
    });
  }
  if (term.heldThisYear && !term.auditBeforeChange) {
    add({
      id: "term.audit",
      rule: "R-A8",
      severity: "warning",
      section: "termChange",
      field: "termChange.auditBeforeChange",
      message: "换届前应当进行财务审计。如已审计请勾选；未审计的，请在审查时说明。",
    });
  }
  term.officers.forEach((o, i) => {
    checkAgeAndTerms(
      o,
      i,
      "termChange",
      `termChange.officers.${i}`,
      `负责人 ${o.name}（${o.post}）`,
      report.year,
      settings,
      add,
    );
  });
}

function checkAgeAndTerms(
  person: Officer | Cadre,
  index: number,
  section: "termChange" | "cadres",
  path: string,
  who: string,
  year: number,
  settings: PrecheckSettings,
  add: Add,
) {
  const prefix = section === "termChange" ? "officers" : "cadres";
  const age = ageOn(person.birthDate, `${year}-12-31`);
  if (age > settings.officers.maxAge) {
    add({
      id: `${prefix}.age.${index}`,
      rule: "R-F5",
      severity: "warning",
      section,
      field: `${path}.birthDate`,
      message: `${who} 截至 ${year} 年底已满 ${age} 周岁，超过 ${settings.officers.maxAge} 周岁的任职年龄上限。请核对出生日期；确需继续任职的，请附上批准文件。`,
    });
  }
  if (person.termsServed > settings.officers.maxTerms) {
    add({
      id: `${prefix}.terms.${index}`,
      rule: "R-F5",
      severity: "warning",
      section,
      field: `${path}.termsServed`,
      message: `${who} 已连任 ${person.termsServed} 届，超过 ${settings.officers.maxTerms} 届的上限。请核对届数；确需连任的，请附上批准文件。`,
    });
  }
}

// Finances (R-C5) ----------------------------------------------------------------------------------------------------------

function checkFinances(report: InspectionReport, ctx: PrecheckContext, settings: PrecheckSettings, add: Add) {
  const f = report.finances;
  if (!f) return;
  const { balance, income, expenses } = f;

  for (const field of Object.keys(FINANCE_FIELD_LABELS) as FinanceField[]) {
    const v = financeValue(f, field);
    if (v >= 0) continue;
    if (field === "balance.netAssets") {
      add({
        id: "finances.net_assets_negative",
        rule: "R-C5",
        severity: "warning",
        section: "finances",
        field: "finances.balance.netAssets",
        message: `净资产合计为负数（${yuan(v)}），即负债超过资产。请核对；如属实，请在审查时说明原因和应对措施。`,
      });
      continue;
    }
    add({
      id: `finances.negative.${field}`,
      rule: "R-C5",
      severity: "block",
      section: "finances",
      field: `finances.${field}`,
      message: `${FINANCE_FIELD_LABELS[field]}不能为负数（填报为 ${yuan(v)}）。请填写实际金额。`,
    });
  }

  const liabilitiesAndNet = balance.liabilities + balance.netAssets;
  if (balance.assets !== liabilitiesAndNet) {
    add({
      id: "finances.balance",
      rule: "R-C5",
      severity: "block",
      section: "finances",
      field: "finances.balance.assets",
      message: `资产负债表不平衡：资产总计 ${yuan(balance.assets)}，负债合计与净资产合计之和为 ${yuan(liabilitiesAndNet)}，相差 ${yuan(Math.abs(balance.assets - liabilitiesAndNet))}。请按资产负债表核对这三项。`,
    });
  }

  const incomeSum =
    income.donations +
    income.governmentGrants +
    income.serviceIncome +
    income.membershipDues +
    income.investment +
    income.other;
  if (income.total !== incomeSum) {
    add({
      id: "finances.income_total",
      rule: "R-C5",
      severity: "block",
      section: "finances",
      field: "finances.income.total",
      message: `收入合计 ${yuan(income.total)} 与各项收入之和 ${yuan(incomeSum)} 不一致，相差 ${yuan(Math.abs(income.total - incomeSum))}。请核对各项收入或合计数。`,
    });
  }
  const expenseSum = expenses.charitable + expenses.management + expenses.fundraising + expenses.other;
  if (expenses.total !== expenseSum) {
    add({
      id: "finances.expense_total",
      rule: "R-C5",
      severity: "block",
      section: "finances",
      field: "finances.expenses.total",
      message: `费用合计 ${yuan(expenses.total)} 与各项费用之和 ${yuan(expenseSum)} 不一致，相差 ${yuan(Math.abs(expenses.total - expenseSum))}。请核对各项费用或合计数。`,
    });
  }

  const last = ctx.lastYear?.finances;
  if (last) {
    for (const field of settings.yoyFields) {
      const before = financeValue(last, field);
      const now = financeValue(f, field);
      const diff = Math.abs(now - before);
      if (diff === 0 || diff < settings.yoyMinChangeFen) continue;
      // diff / |before| > p%  ⇔  diff·100 > p·|before|; any change from zero counts as beyond the ratio.
      const beyond = before === 0 || lessThan(settings.yoyChangePercent, Math.abs(before), diff, 100);
      if (!beyond || (f.changeExplanations[field] ?? "").trim() !== "") continue;
      const direction = now > before ? "增加" : "减少";
      const change =
        before === 0 ? "上年为 0" : `${direction}了 ${Math.round((diff * 100) / Math.abs(before))}%`;
      add({
        id: `finances.yoy.${field}`,
        rule: "R-C5",
        severity: "warning",
        section: "finances",
        field: `finances.changeExplanations.${field}`,
        message: `${FINANCE_FIELD_LABELS[field]}为 ${yuan(now)}，上年为 ${yuan(before)}，${change}，变动超过 ${settings.yoyChangePercent}%。请核对金额，并在说明栏写明变动原因。`,
      });
    }
  }

  if (ctx.orgType === "foundation" && ctx.foundationKind === "public") {
    const pf = settings.publicFoundation;
    const lastIncome = last?.income.total;
    if (
      lastIncome !== undefined &&
      lessThan(expenses.charitable, 100, lastIncome, pf.minCharitablePercentOfLastYearIncome)
    ) {
      add({
        id: "finances.public_foundation_charitable",
        rule: "R-C5",
        severity: "warning",
        section: "finances",
        field: "finances.expenses.charitable",
        message: `公募基金会公益活动支出应不低于上一年总收入的 ${pf.minCharitablePercentOfLastYearIncome}%：上年总收入 ${yuan(lastIncome)}，本年公益活动支出 ${yuan(expenses.charitable)}，未达到要求。请核对金额，未达标的请在审查时说明原因。`,
      });
    }
    if (lessThan(expenses.total, pf.maxManagementPercentOfExpenses, expenses.management, 100)) {
      add({
        id: "finances.public_foundation_management",
        rule: "R-C5",
        severity: "warning",
        section: "finances",
        field: "finances.expenses.management",
        message: `公募基金会管理费用应不超过当年总支出的 ${pf.maxManagementPercentOfExpenses}%：本年管理费用 ${yuan(expenses.management)}，费用合计 ${yuan(expenses.total)}，超过了比例。请核对金额，超标的请在审查时说明原因。`,
      });
    }
  }
}

// Donations and grants ---------------------------------------------------------------------------------------------------------

function checkDonations(report: InspectionReport, add: Add) {
  const d = report.donations;
  if (!d) return;
  const received = d.received.reduce((s, x) => s + x.amount, 0);
  if (received > d.receivedTotal) {
    add({
      id: "donations.received_exceeds_total",
      rule: "R-C5",
      severity: "block",
      section: "donations",
      field: "donations.receivedTotal",
      message: `所列捐赠明细合计 ${yuan(received)}，超过了接受捐赠总额 ${yuan(d.receivedTotal)}。总额应包含全部明细，请核对。`,
    });
  }
  const granted = d.grants.reduce((s, x) => s + x.amount, 0);
  if (granted > d.grantsTotal) {
    add({
      id: "donations.grants_exceed_total",
      rule: "R-C5",
      severity: "block",
      section: "donations",
      field: "donations.grantsTotal",
      message: `所列资助明细合计 ${yuan(granted)}，超过了对外资助总额 ${yuan(d.grantsTotal)}。总额应包含全部明细，请核对。`,
    });
  }
}

// Party building (R-F1, R-F3) ------------------------------------------------------------------------------------------------------

function checkParty(report: InspectionReport, settings: PrecheckSettings, add: Add) {
  const p = report.partyBuilding;
  if (!p) return;
  const findings = partyFindings(
    {
      hasPartyOrg: p.hasPartyOrg,
      orgType: p.orgType ?? null,
      fullMembers: p.fullMembers,
      probationaryMembers: p.probationaryMembers,
      hasBranchCommittee: p.hasBranchCommittee,
      committeeSize: p.committeeSize ?? null,
      coveredUnits: p.coveredUnits ?? null,
      hasInstructor: p.hasInstructor,
    },
    settings.party,
  );
  // Possibilities the rule opens (党总支, 党委) are for the ledger, not warnings on a filing.
  for (const f of findings.filter((x) => x.level !== "info")) {
    add({
      id: `party.${f.id}`,
      rule: "R-F1",
      severity: "warning",
      section: "partyBuilding",
      field: `partyBuilding.${f.field}`,
      message: f.message,
    });
  }
}

// Cadres holding posts (R-F5) -------------------------------------------------------------------------------------------------------

const COUNTY_OR_ABOVE = new Set(["county", "bureau", "province"]);
const FOUNDATION_LEADING_POSTS = new Set(["chair", "vice_chair", "secretary_general"]);

function checkCadres(report: InspectionReport, ctx: PrecheckContext, settings: PrecheckSettings, add: Add) {
  const cadres = report.cadres;
  if (!cadres) return;
  cadres.items.forEach((c, i) => {
    const path = `cadres.items.${i}`;
    const who = `${c.name}（${c.post}）`;
    const warn = (id: string, field: string, message: string) =>
      add({
        id: `cadres.${id}.${i}`,
        rule: "R-F5",
        severity: "warning",
        section: "cadres",
        field: `${path}.${field}`,
        message,
      });
    checkAgeAndTerms(c, i, "cadres", path, who, report.year, settings, add);
    if (c.retired) {
      if (c.paid) {
        warn(
          "paid",
          "paid",
          `退（离）休领导干部 ${who} 在社会组织兼职不得领取薪酬、奖金、津贴等报酬。请核对；如已领取，请在审查时说明。`,
        );
      }
      if (c.isLegalRepresentative) {
        warn(
          "legal_representative",
          "isLegalRepresentative",
          `退（离）休领导干部 ${who} 一般不得担任法定代表人。请核对；确需担任的，请附批准文件。`,
        );
      }
      if (ctx.orgType === "social_group" && c.socialGroupPosts > settings.retiredCadreMaxSocialGroupPosts) {
        warn(
          "posts",
          "socialGroupPosts",
          `退（离）休领导干部 ${who} 共兼任 ${c.socialGroupPosts} 个社团职务，最多只能兼任 ${settings.retiredCadreMaxSocialGroupPosts} 个。请核对。`,
        );
      }
      if (!c.approvalRecord) {
        warn(
          "approval",
          "approvalRecord",
          `退（离）休领导干部 ${who} 在社会组织兼职须经批准，每届任期都要重新审批。请填写批准文号。`,
        );
      }
    } else {
      if (COUNTY_OR_ABOVE.has(c.cadreLevel) && !c.approvalRecord) {
        warn(
          "approval",
          "approvalRecord",
          `在职县处级以上领导干部 ${who} 兼任社会组织领导职务须经批准。请填写批准文号；未经批准的，应当辞去该职务。`,
        );
      }
      if (ctx.orgType === "foundation" && FOUNDATION_LEADING_POSTS.has(c.postKind)) {
        warn(
          "foundation_post",
          "postKind",
          `基金会的理事长、副理事长和秘书长不得由现职国家工作人员兼任，${who} 为在职干部。请核对。`,
        );
      }
    }
  });
}

// Declaration and 整改报告 -----------------------------------------------------------------------------------------------------------

function checkDeclaration(report: InspectionReport, ctx: PrecheckContext, add: Add) {
  const d = report.declaration;
  if (!d) return; // reported as a missing section
  if (!d.agreed) {
    add({
      id: "declaration.not_agreed",
      rule: "R-C5",
      severity: "block",
      section: "declaration",
      field: "declaration.agreed",
      message: "请阅读承诺内容并勾选，由法定代表人签署后再提交。",
    });
  }
  const norm = (s: string) => s.replace(/\s/g, "");
  if (ctx.legalRepresentative && norm(d.signedBy) !== norm(ctx.legalRepresentative)) {
    add({
      id: "declaration.signer",
      rule: "R-C5",
      severity: "warning",
      section: "declaration",
      field: "declaration.signedBy",
      message: `承诺书应由法定代表人签署：登记的法定代表人为 ${ctx.legalRepresentative}，签署人填报为 ${d.signedBy}。如法定代表人已变更，请先办理变更登记。`,
    });
  }
}

function checkRectification(report: InspectionReport, ctx: PrecheckContext, add: Add) {
  if (!rectificationRequired(ctx.lastYearOutcome, ctx.openRectificationNotice)) return;
  const r = report.rectification;
  if (r?.text || r?.attachmentKey) return;
  const why = ctx.openRectificationNotice
    ? "本单位有尚未完成的整改通知"
    : ctx.lastYearOutcome === "not_filed"
      ? "本单位上一年度未参加年检"
      : `本单位上一年度年检结论为“${ctx.lastYearOutcome === "unqualified" ? "不合格" : "基本合格"}”`;
  add({
    id: "rectification.missing",
    rule: "R-C6",
    severity: "block",
    section: "rectification",
    field: "rectification.text",
    message: `${why}，需要提交整改报告。请填写整改情况或上传整改报告后再提交。`,
  });
}
