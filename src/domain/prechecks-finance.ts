/**
 * 机器预审 of the money sections: 财务 (sums, signs, year-on-year changes, 公募基金会 ratios; R-C5) and 捐赠与资助
 * (details within their totals). Ratios are whole percentages compared in exact integer arithmetic.
 */
import {
  FINANCE_FIELD_LABELS,
  type FinanceField,
  financeValue,
  type InspectionReport,
} from "./inspection-report";
import { formatFen } from "./money";
import type { Add, PrecheckContext, PrecheckSettings } from "./prechecks";

const yuan = (fen: number) => `${formatFen(fen)} 元`;

/** a·p < b·q, exactly, for amounts in fen and whole percentages. */
function lessThan(a: number, p: number, b: number, q: number): boolean {
  return BigInt(a) * BigInt(p) < BigInt(b) * BigInt(q);
}

// Finances (R-C5) ----------------------------------------------------------------------------------------------------------

export function checkFinances(
  report: InspectionReport,
  ctx: PrecheckContext,
  settings: PrecheckSettings,
  add: Add,
) {
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

export function checkDonations(report: InspectionReport, add: Add) {
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
