import {
  EXPENSE_PARTS,
  FINANCE_FIELD_LABELS,
  FINANCE_FIELDS,
  INCOME_PARTS,
  type ReportSection,
} from "../../../../src/domain/inspection-report";
import { formatFen, parseYuan } from "../../../../src/domain/money";
import { f, fieldValue, Input, type SectionFormProps, type SectionSpec } from "./fields";

/** Finances, donations and grants, and major activities (R-C5). */
export const FINANCE_AND_DONATION_SPECS: Partial<Record<ReportSection, SectionSpec>> = {
  finances: {
    intro:
      "金额以元为单位，可写两位小数；全角数字和千位分隔符（如 １，２３４．５６）也可以。资产应等于负债加净资产。收入合计、费用合计由系统按各项之和计算，不需填写。",
    fields: [
      ...FINANCE_FIELDS.filter((name) => !name.endsWith(".total")).map((name) =>
        f(name, FINANCE_FIELD_LABELS[name], "money"),
      ),
      ...FINANCE_FIELDS.map((name) =>
        f(
          `changeExplanations.${name}`,
          `${FINANCE_FIELD_LABELS[name]}：与上年相比变化较大的说明`,
          "textarea",
        ),
      ),
    ],
  },
  donations: {
    fields: [
      f("receivedTotal", "接受捐赠合计（元）", "money"),
      f("grantsTotal", "对外资助合计（元）", "money"),
    ],
    lists: [
      {
        name: "received",
        label: "较大额捐赠",
        spare: 2,
        fields: [
          f("donor", "捐赠方", "text"),
          f("amount", "金额（元）", "money"),
          f("date", "日期", "date"),
          f("inKind", "实物捐赠", "checkbox"),
          f("restricted", "限定用途", "checkbox"),
          f("purpose", "用途", "text"),
        ],
      },
      {
        name: "grants",
        label: "对外资助",
        spare: 2,
        fields: [
          f("recipient", "受助方", "text"),
          f("amount", "金额（元）", "money"),
          f("date", "日期", "date"),
          f("purpose", "用途", "text"),
        ],
      },
    ],
  },
  activities: {
    lists: [
      {
        name: "items",
        label: "重大活动",
        spare: 2,
        fields: [
          f("title", "活动名称", "text"),
          f("date", "日期", "date"),
          f("summary", "活动情况", "text"),
          f("reported", "已事先报告", "checkbox"),
        ],
      },
    ],
  },
};

/** The finance section, grouped as the statement is (balance, income, expenses), explanations folded away. */
export function FinanceFields(p: SectionFormProps & { errors: Record<string, string> }) {
  const groups: [string, string][] = [
    ["balance.", "资产负债"],
    ["income.", "收入"],
    ["expenses.", "费用"],
  ];
  const input = (name: string, label: string, kind: "money" | "textarea") => (
    <Input
      section="finances"
      spec={f(name, label, kind)}
      name={name}
      value={fieldValue(p, name, kind)}
      error={p.errors[name]}
      readonly={!p.editable}
    />
  );
  return (
    <>
      {groups.map(([prefix, label]) => (
        <fieldset class="money-group">
          <legend>{label}</legend>
          {FINANCE_FIELDS.filter((n) => n.startsWith(prefix) && !n.endsWith(".total")).map((name) =>
            input(name, FINANCE_FIELD_LABELS[name], "money"),
          )}
          {prefix === "income." ? <ComputedTotal {...p} group="income" parts={INCOME_PARTS} /> : null}
          {prefix === "expenses." ? <ComputedTotal {...p} group="expenses" parts={EXPENSE_PARTS} /> : null}
        </fieldset>
      ))}
      <details
        open={FINANCE_FIELDS.some(
          (n) => p.errors[`changeExplanations.${n}`] || fieldValue(p, `changeExplanations.${n}`, "textarea"),
        )}
      >
        <summary>与上年相比变化较大的说明（预审提示需要时填写）</summary>
        {FINANCE_FIELDS.map((name) =>
          input(`changeExplanations.${name}`, `${FINANCE_FIELD_LABELS[name]}的变化说明`, "textarea"),
        )}
      </details>
    </>
  );
}

/**
 * A total the server computes from its parts (R-C5): shown, never typed. The figure is the sum of the parts as they
 * stand on the page (after a refused save, as typed); public/js/app.js updates it while the person types.
 */
function ComputedTotal(
  p: SectionFormProps & {
    errors: Record<string, string>;
    group: "income" | "expenses";
    parts: readonly string[];
  },
) {
  const name = `${p.group}.total` as const;
  let sum: number | null = 0;
  for (const part of p.parts) {
    const typed = fieldValue(p, `${p.group}.${part}`, "money");
    const r = typed === "" ? { ok: true as const, fen: 0 } : parseYuan(typed);
    sum = r.ok && sum !== null ? sum + r.fen : null;
  }
  const inputs = p.parts.map((part) => `finances.${p.group}.${part}`).join(" ");
  return (
    <div class="field computed-total">
      <span class="label" id={`finances.${name}-label`}>
        {FINANCE_FIELD_LABELS[name]}（元，自动计算）
      </span>
      {p.errors[name] ? (
        <p class="error-message" id={`finances.${name}-error`}>
          {p.errors[name]}
        </p>
      ) : null}
      <output
        id={`finances.${name}`}
        for={inputs}
        aria-labelledby={`finances.${name}-label`}
        data-sum-of={inputs}
      >
        {sum === null ? "—" : formatFen(sum)}
      </output>
    </div>
  );
}
