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
 *
 * The money sections' checks are in prechecks-finance.ts, the people and governance sections' in prechecks-people.ts;
 * the declaration and 整改报告 checks are here.
 */

import {
  FILER_SECTIONS,
  type FinanceField,
  type FinancesSection,
  type InspectionReport,
  type LastYearOutcome,
  type ReportSection,
  rectificationRequired,
  SECTION_LABELS,
} from "./inspection-report";
import type { OrgType } from "./org-kinds";
import { DEFAULT_PARTY_THRESHOLDS, type PartyThresholds } from "./party";
import { checkDonations, checkFinances } from "./prechecks-finance";
import { checkCadres, checkMeetings, checkParty, checkTermAndOfficers } from "./prechecks-people";

export { ageOn } from "./prechecks-people";

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

/** Where a section's checks put what they find. */
export type Add = (c: Check) => void;

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
