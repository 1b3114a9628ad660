import type { Child } from "hono/jsx";
import { formatFen } from "../../../src/domain/money";
import {
  CHANGE_ITEM_LABELS,
  CHANGE_ITEMS,
  DIRECT_CATEGORY_LABELS,
  FOUNDATION_LEVEL_MESSAGE,
  type RuleProblem,
} from "../../../src/domain/registration";
import type { ApplicationOrg, SupervisorUnitGroup } from "../../../src/registration/contract";
import { TYPE_LABELS } from "../../../src/registry/labels";
import { type Errors, FieldError, TextField, type TextFieldProps } from "../../components/form";
import { type Choice, choicesById, choicesOf, Options, SelectField } from "../../components/select";
import { Area, Check, type Values, v } from "./shared";

/**
 * R-A4: what is wrong with the proposed name, next to the field. The page renders it from the saved data (so it works
 * without JavaScript after 保存 or 提交); the live check (/check) swaps it out of band as the name is typed.
 */
export function NameChecks({ checks, oob }: { checks: RuleProblem[]; oob?: boolean }) {
  return (
    <div id="name-check" aria-live="polite" hx-swap-oob={oob ? "true" : undefined}>
      {checks.map((x) => (
        <p class={x.level === "block" ? "error-message" : "hint"}>
          {x.level === "block" ? "名称需要修改：" : "请注意："}
          {x.message}
        </p>
      ))}
    </div>
  );
}

/** The name's own checks (R-A4); "please fill in the name" stays in the checks panel, not under an empty field. */
export const nameChecksOf = (problems: RuleProblem[]) =>
  problems.filter((x) => x.field === "name" && x.rule === "R-A4");

/** The proposed name: typing it fires "live-search" (public/js/app.js waits for an IME composition to end). */
function NameField(p: { values: Values; errors: Errors; checks: RuleProblem[] }) {
  const error = p.errors.name;
  return (
    <div class={`field ${error ? "field-error" : ""}`}>
      <label for="name">拟成立组织的名称</label>
      <p class="hint" id="name-hint">
        由行政区划、字号或业务领域、组织形式组成，例如 示范市围棋协会。输入后即检查名称是否可用。
      </p>
      {error ? (
        <p class="error-message" id="name-error">
          {error}
        </p>
      ) : null}
      <input
        type="text"
        id="name"
        name="name"
        value={v(p.values, "name")}
        maxlength={50}
        data-live-search
        aria-describedby={`name-hint name-check${error ? " name-error" : ""}`}
        aria-invalid={error || p.checks.some((x) => x.level === "block") ? "true" : undefined}
      />
      <NameChecks checks={p.checks} />
    </div>
  );
}

/** R-A11: the 业务主管单位 of the application's district, one <optgroup> per district. */
function UnitSelect(p: {
  groups: SupervisorUnitGroup[];
  value: string;
  invalid: boolean;
  label?: string;
  describedBy?: string;
}) {
  return (
    <select
      id="supervisorUnitId"
      name="supervisorUnitId"
      aria-label={p.label}
      aria-describedby={
        [p.describedBy, p.invalid ? "supervisorUnitId-error" : ""].filter(Boolean).join(" ") || undefined
      }
      aria-invalid={p.invalid ? "true" : undefined}
    >
      <option value="">—</option>
      <Options
        options={p.groups.map((g) => ({
          group: g.label,
          options: choicesById(g.units),
        }))}
        value={p.value}
      />
    </select>
  );
}

/**
 * A form's fields as data: each entry is one field of a shared kind (text, textarea, checkbox, select) or a node the
 * form renders itself (the name with its live checks, the unit list).
 */
type FieldSpec =
  | {
      kind: "text";
      name: string;
      label: string;
      type?: TextFieldProps["type"];
      hint?: string;
      maxlength?: number;
    }
  | { kind: "area"; name: string; label: string; rows: number; hint?: string }
  | { kind: "check"; name: string; label: string }
  | { kind: "select"; name: string; label: string; placeholder: string; options: Choice[] }
  | { kind: "node"; node: Child };

interface FieldSetSpec {
  legend: string;
  intro?: string;
  fields: FieldSpec[];
}

const text = (
  name: string,
  label: string,
  more?: Partial<Extract<FieldSpec, { kind: "text" }>>,
): FieldSpec => ({
  kind: "text",
  name,
  label,
  ...more,
});
const area = (name: string, label: string, rows: number, hint?: string): FieldSpec => ({
  kind: "area",
  name,
  label,
  rows,
  hint,
});
const check = (name: string, label: string): FieldSpec => ({ kind: "check", name, label });
const select = (name: string, label: string, placeholder: string, options: Choice[]): FieldSpec => ({
  kind: "select",
  name,
  label,
  placeholder,
  options,
});

function FieldOf({ spec, values, errors }: { spec: FieldSpec; values: Values; errors: Errors }) {
  switch (spec.kind) {
    case "text":
      return (
        <TextField
          name={spec.name}
          label={spec.label}
          type={spec.type}
          errors={errors}
          value={v(values, spec.name)}
          hint={spec.hint}
          maxlength={spec.maxlength}
        />
      );
    case "area":
      return (
        <Area
          name={spec.name}
          label={spec.label}
          values={values}
          errors={errors}
          rows={spec.rows}
          hint={spec.hint}
        />
      );
    case "check":
      return <Check name={spec.name} label={spec.label} values={values} errors={errors} />;
    case "select":
      return (
        <SelectField
          name={spec.name}
          label={spec.label}
          errors={errors}
          value={v(values, spec.name)}
          placeholder={spec.placeholder}
          options={spec.options}
        />
      );
    default:
      return <>{spec.node}</>;
  }
}

function FieldSets({ sets, values, errors }: { sets: FieldSetSpec[]; values: Values; errors: Errors }) {
  return (
    <>
      {sets.map((set) => (
        <fieldset>
          <legend>{set.legend}</legend>
          {set.intro ? <p class="hint">{set.intro}</p> : null}
          {set.fields.map((spec) => (
            <FieldOf spec={spec} values={values} errors={errors} />
          ))}
        </fieldset>
      ))}
    </>
  );
}

/** The form of each kind: 成立, 变更 (beside the registered facts), 章程核准 and 注销. */

export function EstablishmentFields(p: {
  values: Values;
  errors: Errors;
  units: { id: number; name: string }[];
  /** 基金会 are registered at provincial level or above: a city or district registrar's form does not offer them. */
  foundationAllowed?: boolean;
  /** The name's own checks (R-A4), shown under the name field. */
  nameChecks?: RuleProblem[];
  /** The units the application's district offers (R-A11). */
  unitGroups?: SupervisorUnitGroup[];
}) {
  const { values, errors } = p;
  const types = choicesOf(TYPE_LABELS).filter(
    (t) => p.foundationAllowed !== false || t.value !== "foundation" || v(values, "type") === t.value,
  );
  const unitField = (
    <div class={`field ${errors.supervisorUnitId ? "field-error" : ""}`}>
      <label for="supervisorUnitId">业务主管单位</label>
      <p class="hint" id="supervisorUnitId-hint">
        列出本登记管理机关辖区内的业务主管单位。
      </p>
      <FieldError errors={errors} name="supervisorUnitId" />
      <UnitSelect
        groups={p.unitGroups ?? [{ label: "业务主管单位", units: p.units }]}
        value={v(values, "supervisorUnitId")}
        invalid={Boolean(errors.supervisorUnitId)}
        describedBy="supervisorUnitId-hint"
      />
    </div>
  );
  const sets: FieldSetSpec[] = [
    {
      legend: "基本情况",
      fields: [
        { kind: "node", node: <NameField values={values} errors={errors} checks={p.nameChecks ?? []} /> },
        select("type", "类型", "请选择", types),
        {
          kind: "node",
          node: p.foundationAllowed === false ? <p class="hint">{FOUNDATION_LEVEL_MESSAGE}</p> : null,
        },
        select("foundationKind", "基金会类型（基金会填写）", "—", [
          { value: "public", label: "公募基金会" },
          { value: "non_public", label: "非公募基金会" },
        ]),
        text("address", "住所", { maxlength: 100 }),
        text("activityArea", "活动地域", { maxlength: 50 }),
        text("legalRepresentative", "法定代表人（拟任）", { maxlength: 20 }),
        text("capital", "注册资金 / 开办资金 / 原始基金（元）", {
          hint: "以元为单位，可写两位小数，例如 30000 或 30,000.00。",
        }),
        text("phone", "联系电话（公开）", { type: "tel" }),
        text("email", "电子邮箱（公开）", { type: "email" }),
        check("isCharity", "申请同时认定为慈善组织（决定期限 30 日）"),
      ],
    },
    {
      legend: "会员与理事会",
      fields: [
        text("individualMembers", "个人会员数（社会团体）"),
        text("unitMembers", "单位会员数（社会团体）"),
        text("boardSize", "理事人数（基金会）"),
        text("boardTermYears", "理事每届任期（年，基金会）"),
      ],
    },
    {
      legend: "宗旨、业务范围与管理方式",
      fields: [
        area("purpose", "宗旨", 3),
        area("businessScope", "业务范围", 3),
        select("supervisionMode", "管理方式", "请选择", [
          { value: "supervised", label: "有业务主管单位" },
          { value: "direct", label: "直接登记（行业协会商会、科技类、公益慈善类、城乡社区服务类）" },
        ]),
        { kind: "node", node: unitField },
        select("directCategory", "直接登记的类别（直接登记的填写）", "—", choicesOf(DIRECT_CATEGORY_LABELS)),
        text("partyBuildingAuthority", "党建领导机关（直接登记的填写）"),
      ],
    },
    {
      legend: "章程与承诺",
      fields: [
        area(
          "charter",
          "章程草案",
          10,
          "章程全文：宗旨、业务范围、会员、组织机构、负责人产生程序、资产管理、终止程序等。",
        ),
        check("partyCommitment", "已随申请提交《支持党建工作承诺书》"),
      ],
    },
    {
      legend: "党员情况调查表",
      intro: "发起人、拟任负责人和专职工作人员中的党员情况。只填人数，不填名单；没有的填 0。",
      fields: [
        text("partyFullMembers", "正式党员人数"),
        text("partyProbationaryMembers", "预备党员人数"),
        text("partyActivists", "入党积极分子人数"),
        text("partySecretaryCandidate", "党组织书记人选（正式党员 3 名以上的填写）"),
      ],
    },
  ];
  return <FieldSets sets={sets} values={values} errors={errors} />;
}

function currentValue(org: ApplicationOrg, item: string, unitName: string | null): string {
  switch (item) {
    case "capital":
      return `${formatFen(org.capitalFen)} 元`;
    case "supervisor":
      return unitName ?? org.supervisor ?? "无（直接登记或脱钩）";
    default:
      return String((org as unknown as Record<string, unknown>)[item] ?? "") || "—";
  }
}

export function ChangeFields(p: {
  values: Values;
  errors: Errors;
  org: ApplicationOrg;
  units: { id: number; name: string }[];
  unitGroups?: SupervisorUnitGroup[];
}) {
  const { values, errors, org } = p;
  const unitName = p.units.find((u) => u.id === org.supervisorUnitId)?.name ?? null;
  return (
    <>
      <fieldset>
        <legend>变更事项（勾选要变更的事项，填写变更后的内容）</legend>
        {errors.items ? (
          <p class="error-message" id="items">
            {errors.items}
          </p>
        ) : null}
        <table class="change-table">
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">现登记内容</th>
              <th scope="col">变更后</th>
            </tr>
          </thead>
          <tbody>
            {CHANGE_ITEMS.map((item) => {
              const field = item === "supervisor" ? "supervisorUnitId" : item;
              return (
                <tr>
                  <td>
                    <Check
                      name="items"
                      value={item}
                      label={CHANGE_ITEM_LABELS[item]}
                      values={values}
                      errors={{}}
                    />
                  </td>
                  <td>{currentValue(org, item, unitName)}</td>
                  <td class={errors[field] ? "field-error" : ""}>
                    {errors[field] ? (
                      <p class="error-message" id={`${field}-error`}>
                        {errors[field]}
                      </p>
                    ) : null}
                    {item === "supervisor" ? (
                      <UnitSelect
                        groups={p.unitGroups ?? [{ label: "业务主管单位", units: p.units }]}
                        value={v(values, field)}
                        invalid={Boolean(errors[field])}
                        label={`变更后的${CHANGE_ITEM_LABELS[item]}`}
                      />
                    ) : (
                      <input
                        type="text"
                        id={field}
                        name={field}
                        value={v(values, field)}
                        aria-label={`变更后的${CHANGE_ITEM_LABELS[item]}`}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <FieldSets sets={[CHANGE_BASIS]} values={values} errors={errors} />
    </>
  );
}

/** What a 变更 application rests on. */
const CHANGE_BASIS: FieldSetSpec = {
  legend: "依据",
  fields: [
    text("supervisorApprovedOn", "业务主管单位同意日期", {
      type: "date",
      hint: "应在业务主管单位同意之日起 30 日内申请。直接登记的组织可不填。",
    }),
    text("auditReportNo", "财务审计报告文号（变更法定代表人时必填）"),
    area("explanation", "说明", 3),
  ],
};

const CHARTER: FieldSetSpec = {
  legend: "章程核准",
  fields: [
    area("changedClauses", "修改的条款（修改前 → 修改后）", 6),
    area("charter", "修改后的章程全文", 12),
    text("supervisorApprovedOn", "业务主管单位同意日期", {
      type: "date",
      hint: "应在同意之日起 30 日内申请。",
    }),
  ],
};

const DEREGISTRATION: FieldSetSpec = {
  legend: "注销登记",
  fields: [
    area("reason", "注销原因", 3),
    text("liquidationEndedOn", "清算结束日期", {
      type: "date",
      hint: "应在清算结束之日起 15 日内申请注销登记。",
    }),
    area("liquidationReport", "清算报告", 8),
  ],
};

export function CharterFields(p: { values: Values; errors: Errors }) {
  return <FieldSets sets={[CHARTER]} values={p.values} errors={p.errors} />;
}

export function DeregistrationFields(p: { values: Values; errors: Errors }) {
  return <FieldSets sets={[DEREGISTRATION]} values={p.values} errors={p.errors} />;
}
