import { formatFen } from "../../../src/domain/money";
import { FOUNDATION_LEVEL_MESSAGE, type RuleProblem } from "../../../src/domain/registration";
import type { ApplicationOrg, SupervisorUnitGroup } from "../../../src/registration/contract";
import { CHANGE_ITEM_LABELS, CHANGE_ITEMS, DIRECT_CATEGORY_LABELS } from "../../../src/registration/forms";
import { TYPE_LABELS } from "../../../src/registry/labels";
import { type Errors, FieldError, TextField } from "../../components/form";
import { SelectField } from "../../components/select";
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
      {p.groups.map((g) => (
        <optgroup label={g.label}>
          {g.units.map((u) => (
            <option value={String(u.id)} selected={p.value === String(u.id)}>
              {u.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
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
  return (
    <>
      <fieldset>
        <legend>基本情况</legend>
        <NameField values={values} errors={errors} checks={p.nameChecks ?? []} />
        <SelectField
          name="type"
          label="类型"
          errors={errors}
          value={v(values, "type")}
          placeholder="请选择"
          options={Object.entries(TYPE_LABELS)
            .filter(
              ([value]) =>
                p.foundationAllowed !== false || value !== "foundation" || v(values, "type") === value,
            )
            .map(([value, label]) => ({ value, label }))}
        />
        {p.foundationAllowed === false ? <p class="hint">{FOUNDATION_LEVEL_MESSAGE}</p> : null}
        <SelectField
          name="foundationKind"
          label="基金会类型（基金会填写）"
          errors={errors}
          value={v(values, "foundationKind")}
          placeholder="—"
          options={[
            { value: "public", label: "公募基金会" },
            { value: "non_public", label: "非公募基金会" },
          ]}
        />
        <TextField name="address" label="住所" errors={errors} value={v(values, "address")} maxlength={100} />
        <TextField
          name="activityArea"
          label="活动地域"
          errors={errors}
          value={v(values, "activityArea")}
          maxlength={50}
        />
        <TextField
          name="legalRepresentative"
          label="法定代表人（拟任）"
          errors={errors}
          value={v(values, "legalRepresentative")}
          maxlength={20}
        />
        <TextField
          name="capital"
          label="注册资金 / 开办资金 / 原始基金（元）"
          errors={errors}
          value={v(values, "capital")}
          hint="以元为单位，可写两位小数，例如 30000 或 30,000.00。"
        />
        <TextField
          name="phone"
          label="联系电话（公开）"
          type="tel"
          errors={errors}
          value={v(values, "phone")}
        />
        <TextField
          name="email"
          label="电子邮箱（公开）"
          type="email"
          errors={errors}
          value={v(values, "email")}
        />
        <Check
          name="isCharity"
          label="申请同时认定为慈善组织（决定期限 30 日）"
          values={values}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>会员与理事会</legend>
        <TextField
          name="individualMembers"
          label="个人会员数（社会团体）"
          errors={errors}
          value={v(values, "individualMembers")}
        />
        <TextField
          name="unitMembers"
          label="单位会员数（社会团体）"
          errors={errors}
          value={v(values, "unitMembers")}
        />
        <TextField
          name="boardSize"
          label="理事人数（基金会）"
          errors={errors}
          value={v(values, "boardSize")}
        />
        <TextField
          name="boardTermYears"
          label="理事每届任期（年，基金会）"
          errors={errors}
          value={v(values, "boardTermYears")}
        />
      </fieldset>
      <fieldset>
        <legend>宗旨、业务范围与管理方式</legend>
        <Area name="purpose" label="宗旨" values={values} errors={errors} rows={3} />
        <Area name="businessScope" label="业务范围" values={values} errors={errors} rows={3} />
        <SelectField
          name="supervisionMode"
          label="管理方式"
          errors={errors}
          value={v(values, "supervisionMode")}
          placeholder="请选择"
          options={[
            { value: "supervised", label: "有业务主管单位" },
            { value: "direct", label: "直接登记（行业协会商会、科技类、公益慈善类、城乡社区服务类）" },
          ]}
        />
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
        <SelectField
          name="directCategory"
          label="直接登记的类别（直接登记的填写）"
          errors={errors}
          value={v(values, "directCategory")}
          placeholder="—"
          options={Object.entries(DIRECT_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField
          name="partyBuildingAuthority"
          label="党建领导机关（直接登记的填写）"
          errors={errors}
          value={v(values, "partyBuildingAuthority")}
        />
      </fieldset>
      <fieldset>
        <legend>章程与承诺</legend>
        <Area
          name="charter"
          label="章程草案"
          values={values}
          errors={errors}
          rows={10}
          hint="章程全文：宗旨、业务范围、会员、组织机构、负责人产生程序、资产管理、终止程序等。"
        />
        <Check
          name="partyCommitment"
          label="已随申请提交《支持党建工作承诺书》"
          values={values}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>党员情况调查表</legend>
        <p class="hint">发起人、拟任负责人和专职工作人员中的党员情况。只填人数，不填名单；没有的填 0。</p>
        <TextField
          name="partyFullMembers"
          label="正式党员人数"
          errors={errors}
          value={v(values, "partyFullMembers")}
        />
        <TextField
          name="partyProbationaryMembers"
          label="预备党员人数"
          errors={errors}
          value={v(values, "partyProbationaryMembers")}
        />
        <TextField
          name="partyActivists"
          label="入党积极分子人数"
          errors={errors}
          value={v(values, "partyActivists")}
        />
        <TextField
          name="partySecretaryCandidate"
          label="党组织书记人选（正式党员 3 名以上的填写）"
          errors={errors}
          value={v(values, "partySecretaryCandidate")}
        />
      </fieldset>
    </>
  );
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
      <fieldset>
        <legend>依据</legend>
        <TextField
          name="supervisorApprovedOn"
          label="业务主管单位同意日期"
          type="date"
          errors={errors}
          value={v(values, "supervisorApprovedOn")}
          hint="应在业务主管单位同意之日起 30 日内申请。直接登记的组织可不填。"
        />
        <TextField
          name="auditReportNo"
          label="财务审计报告文号（变更法定代表人时必填）"
          errors={errors}
          value={v(values, "auditReportNo")}
        />
        <Area name="explanation" label="说明" values={values} errors={errors} rows={3} />
      </fieldset>
    </>
  );
}

export function CharterFields(p: { values: Values; errors: Errors }) {
  return (
    <fieldset>
      <legend>章程核准</legend>
      <Area
        name="changedClauses"
        label="修改的条款（修改前 → 修改后）"
        values={p.values}
        errors={p.errors}
        rows={6}
      />
      <Area name="charter" label="修改后的章程全文" values={p.values} errors={p.errors} rows={12} />
      <TextField
        name="supervisorApprovedOn"
        label="业务主管单位同意日期"
        type="date"
        errors={p.errors}
        value={v(p.values, "supervisorApprovedOn")}
        hint="应在同意之日起 30 日内申请。"
      />
    </fieldset>
  );
}

export function DeregistrationFields(p: { values: Values; errors: Errors }) {
  return (
    <fieldset>
      <legend>注销登记</legend>
      <Area name="reason" label="注销原因" values={p.values} errors={p.errors} rows={3} />
      <TextField
        name="liquidationEndedOn"
        label="清算结束日期"
        type="date"
        errors={p.errors}
        value={v(p.values, "liquidationEndedOn")}
        hint="应在清算结束之日起 15 日内申请注销登记。"
      />
      <Area name="liquidationReport" label="清算报告" values={p.values} errors={p.errors} rows={8} />
    </fieldset>
  );
}
