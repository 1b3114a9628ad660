import { type ApplicationState, applicationStateLabel } from "../../../src/domain/registration-workflow";
import { cnDate } from "../../components/dates";
import { type Errors, TextAreaField } from "../../components/form";

/** What the application pages share: the state tag, the decision-limit badge, form pieces and the field labels. */
export type Values = Record<string, string | string[]>;

const STATE_TAG: Record<ApplicationState, string> = {
  draft: "neutral",
  submitted: "warn",
  returned: "stop",
  approved: "ok",
  refused: "stop",
  withdrawn: "neutral",
};

export function ApplicationStateTag({ state }: { state: ApplicationState }) {
  return <span class={`tag ${STATE_TAG[state]}`}>{applicationStateLabel(state)}</span>;
}

/** "还剩 12 个工作日" / "今天到期" / "逾期 3 个工作日" for the statutory decision limit (R-A6); never "还剩 0". */
export function DueBadge({ dueOn, left }: { dueOn: string | null; left: number | null }) {
  if (!dueOn || left === null) return <span class="muted">—</span>;
  if (left === 0) return <span class="tag warn">{cnDate(dueOn)}（今天到期）</span>;
  return left > 0 ? (
    <span class={left <= 5 ? "tag warn" : "tag neutral"}>
      {cnDate(dueOn)} 前（还剩 {left} 个工作日）
    </span>
  ) : (
    <span class="tag stop">
      {cnDate(dueOn)}，逾期 {-left} 个工作日
    </span>
  );
}

export const v = (values: Values, k: string) => {
  const x = values[k];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};

export function Area(p: {
  name: string;
  label: string;
  values: Values;
  errors: Errors;
  rows?: number;
  hint?: string;
}) {
  return (
    <TextAreaField
      name={p.name}
      label={p.label}
      errors={p.errors}
      value={v(p.values, p.name)}
      rows={p.rows}
      hint={p.hint}
    />
  );
}

export function Check(p: { name: string; label: string; values: Values; errors: Errors; value?: string }) {
  const list = p.values[p.name];
  const checked = Array.isArray(list)
    ? list.includes(p.value ?? "1")
    : v(p.values, p.name) === (p.value ?? "1");
  return (
    <div class={`field checkbox ${p.errors[p.name] ? "field-error" : ""}`}>
      <input
        type="checkbox"
        id={`${p.name}-${p.value ?? "1"}`}
        name={p.name}
        value={p.value ?? "1"}
        checked={checked}
      />
      <label for={`${p.name}-${p.value ?? "1"}`}>{p.label}</label>
    </div>
  );
}

export const APPLICATION_FIELD_LABELS: Record<string, string> = {
  file: "材料文件",
  kind: "材料类别",
  name: "名称",
  type: "类型",
  foundationKind: "基金会类型",
  address: "住所",
  purpose: "宗旨",
  businessScope: "业务范围",
  activityArea: "活动地域",
  legalRepresentative: "法定代表人",
  capital: "注册资金",
  individualMembers: "个人会员数",
  unitMembers: "单位会员数",
  boardSize: "理事人数",
  boardTermYears: "理事任期",
  supervisionMode: "管理方式",
  directCategory: "直接登记的类别",
  partyBuildingAuthority: "党建领导机关",
  supervisorUnitId: "业务主管单位",
  partyCommitment: "支持党建工作承诺书",
  partyFullMembers: "正式党员人数",
  partyProbationaryMembers: "预备党员人数",
  partyActivists: "入党积极分子人数",
  partySecretaryCandidate: "党组织书记人选",
  charter: "章程",
  phone: "联系电话",
  email: "电子邮箱",
  items: "变更事项",
  supervisorApprovedOn: "业务主管单位同意日期",
  auditReportNo: "审计报告文号",
  explanation: "说明",
  changedClauses: "修改的条款",
  liquidationEndedOn: "清算结束日期",
  liquidationReport: "清算报告",
  reason: "原因",
  deadline: "补正期限",
  documentNo: "决定文号",
};
