/**
 * The finance section of the annual report (财务状况, R-C5), all amounts in fen: the balance, income and expenses by
 * their parts, with each total computed from its parts (a total typed anyway must equal the sum), and explanations of
 * large year-on-year changes. Part of the report's schemas (src/domain/inspection-report.ts re-exports it).
 */
import { z } from "zod";
import { formatFen, moneyField } from "./money";

const amount = () => moneyField();

// Finances (all in fen) -------------------------------------------------------------------------------------------------

export const INCOME_PARTS = [
  "donations",
  "governmentGrants",
  "serviceIncome",
  "membershipDues",
  "investment",
  "other",
] as const;
export type IncomePart = (typeof INCOME_PARTS)[number];
export const EXPENSE_PARTS = ["charitable", "management", "fundraising", "other"] as const;
export type ExpensePart = (typeof EXPENSE_PARTS)[number];

/** Every amount in the finance section, as a path relative to the section. */
export const FINANCE_FIELDS = [
  "balance.assets",
  "balance.liabilities",
  "balance.netAssets",
  ...INCOME_PARTS.map((p) => `income.${p}` as const),
  "income.total",
  ...EXPENSE_PARTS.map((p) => `expenses.${p}` as const),
  "expenses.total",
] as const;
export type FinanceField = (typeof FINANCE_FIELDS)[number];

export const FINANCE_FIELD_LABELS: Record<FinanceField, string> = {
  "balance.assets": "资产总计",
  "balance.liabilities": "负债合计",
  "balance.netAssets": "净资产合计",
  "income.donations": "捐赠收入",
  "income.governmentGrants": "政府补助收入",
  "income.serviceIncome": "提供服务收入",
  "income.membershipDues": "会费收入",
  "income.investment": "投资收益",
  "income.other": "其他收入",
  "income.total": "收入合计",
  "expenses.charitable": "公益活动支出（业务活动成本）",
  "expenses.management": "管理费用",
  "expenses.fundraising": "筹资费用",
  "expenses.other": "其他费用",
  "expenses.total": "费用合计",
};

/**
 * A total the server computes from its parts (R-C5): the form need not carry it; a total that is typed anyway (an
 * import, an older form) must equal the parts' sum, or it is refused next to the field.
 */
const typedTotal = () => z.preprocess((v) => (v === "" ? undefined : v), moneyField().optional());

const sumOf = (o: Record<string, number>, parts: readonly string[]) =>
  parts.reduce((s, k) => s + (o[k] ?? 0), 0);

export const financesSchema = z
  .object({
    balance: z.object({
      assets: amount(),
      liabilities: amount(),
      /** Net assets can be negative (liabilities exceed assets). */
      netAssets: moneyField({ allowNegative: true }),
    }),
    income: z.object({
      donations: amount(),
      governmentGrants: amount(),
      serviceIncome: amount(),
      membershipDues: amount(),
      investment: amount(),
      other: amount(),
      /** Computed: the sum of the parts above. */
      total: typedTotal(),
    }),
    expenses: z.object({
      charitable: amount(),
      management: amount(),
      fundraising: amount(),
      other: amount(),
      /** Computed: the sum of the parts above. */
      total: typedTotal(),
    }),
    /** Explanations of large year-on-year changes, keyed by field (R-C5 pre-check). */
    changeExplanations: z
      .partialRecord(z.enum(FINANCE_FIELDS), z.string().trim().max(1000, "说明不能超过1000个字"))
      .default({}),
  })
  .superRefine((v, ctx) => {
    const income = sumOf(v.income, INCOME_PARTS);
    if (v.income.total !== undefined && v.income.total !== income) {
      ctx.addIssue({
        code: "custom",
        path: ["income", "total"],
        message: `收入合计应等于各项收入之和 ${formatFen(income)} 元，可不填写，系统自动计算`,
      });
    }
    const expenses = sumOf(v.expenses, EXPENSE_PARTS);
    if (v.expenses.total !== undefined && v.expenses.total !== expenses) {
      ctx.addIssue({
        code: "custom",
        path: ["expenses", "total"],
        message: `费用合计应等于各项费用之和 ${formatFen(expenses)} 元，可不填写，系统自动计算`,
      });
    }
  })
  .transform((v) => ({
    ...v,
    income: { ...v.income, total: sumOf(v.income, INCOME_PARTS) },
    expenses: { ...v.expenses, total: sumOf(v.expenses, EXPENSE_PARTS) },
  }));
export type FinancesSection = z.infer<typeof financesSchema>;

/** Reads an amount from the finance section by its path. */
export function financeValue(f: FinancesSection, field: FinanceField): number {
  const [group, key] = field.split(".") as [keyof Omit<FinancesSection, "changeExplanations">, string];
  return (f[group] as Record<string, number>)[key]!;
}
