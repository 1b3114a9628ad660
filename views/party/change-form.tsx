/** The organization reports its party organization (or its instructor) for the registrar or 党建 reviewer to confirm. */
import type { SessionUser } from "../../src/context";
import { PARTY_ORG_TYPE_LABELS } from "../../src/domain/inspection-report";
import { ErrorSummary, type Errors, FieldError, TextAreaField, TextField } from "../components/form";
import { choicesOf, SelectField } from "../components/select";
import { Layout } from "../layout";

export const CHANGE_LABELS: Record<string, string> = {
  hasPartyOrg: "是否建立党组织",
  orgType: "党组织类型",
  name: "党组织名称",
  approvalDoc: "批准成立文号",
  approvedOn: "批准日期",
  parentOrg: "上级党组织",
  leadingBody: "党建工作领导机关",
  coveredUsccs: "联合党支部覆盖的其他单位",
  secretaryName: "书记姓名",
  secretaryIsOfficer: "书记是否为本组织负责人",
  committeeSize: "支部委员会人数",
  committeeMembers: "委员及分工",
  termStart: "本届任期开始日期",
  termEnd: "本届任期届满日期",
  inCharter: "党建工作写入章程",
  instructorName: "党建工作指导员（联络员）姓名",
  instructorUnit: "指导员所在单位",
  instructorAppointedOn: "指导员选派日期",
  note: "变更说明",
  form: "",
};

export function ChangeFormPage(p: {
  user: SessionUser;
  orgName: string;
  values: Record<string, string>;
  errors: Errors;
  message?: string | null;
  revising: boolean;
}) {
  const v = p.values;
  const e = p.errors;
  const text = (name: string, max: number, hint?: string, type?: "date") => (
    <TextField
      name={name}
      label={CHANGE_LABELS[name] ?? ""}
      type={type}
      errors={e}
      value={v[name]}
      maxlength={type ? undefined : max}
      hint={hint}
    />
  );
  const area = (name: string, rows: number, maxlength: number, hint?: string) => (
    <TextAreaField
      name={name}
      label={CHANGE_LABELS[name] ?? ""}
      errors={e}
      value={v[name]}
      rows={rows}
      maxlength={maxlength}
      hint={hint}
    />
  );
  const check = (name: string) => (
    <div class="field checkbox">
      <input type="checkbox" id={name} name={name} value="1" checked={v[name] === "1"} />
      <label for={name}>{CHANGE_LABELS[name]}</label>
    </div>
  );
  return (
    <Layout title="报送党组织信息" user={p.user}>
      <p class="muted">
        <a href="/portal">本单位工作台</a> › <a href="/portal/party">党建工作台账</a> › 报送党组织信息
      </p>
      <h1>报送党组织信息</h1>
      <p>
        {p.orgName ? `${p.orgName}。` : ""}
        报送后由登记管理机关或党建工作机构确认，确认后生效；确认前，台账仍以已确认的信息为准。
        {p.revising ? "您正在修改一次尚未确认的变更。" : ""}
      </p>
      {p.message ? (
        <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
          <h2>未能报送</h2>
          <p>{p.message}</p>
        </div>
      ) : null}
      <form method="post" action="/portal/party/organization" class="narrow-form" novalidate>
        <ErrorSummary errors={e} labels={CHANGE_LABELS} />
        <input type="hidden" name="version" value={v.version ?? ""} />
        <fieldset class={`field ${e.hasPartyOrg ? "field-error" : ""}`} id="hasPartyOrg">
          <legend>{CHANGE_LABELS.hasPartyOrg}</legend>
          <FieldError errors={e} name="hasPartyOrg" />
          <div class="radio">
            <input
              type="radio"
              id="hasPartyOrg-1"
              name="hasPartyOrg"
              value="1"
              checked={v.hasPartyOrg === "1"}
            />
            <label for="hasPartyOrg-1">已建立（单独建立或牵头联合党支部）</label>
          </div>
          <div class="radio">
            <input
              type="radio"
              id="hasPartyOrg-0"
              name="hasPartyOrg"
              value="0"
              checked={v.hasPartyOrg === "0"}
            />
            <label for="hasPartyOrg-0">未建立（填写党建工作指导员或联络员）</label>
          </div>
        </fieldset>
        <h2>党组织</h2>
        <p class="hint">已建立党组织的填写本部分。</p>
        <SelectField
          name="orgType"
          label={CHANGE_LABELS.orgType}
          errors={e}
          value={v.orgType}
          placeholder="请选择"
          options={choicesOf(PARTY_ORG_TYPE_LABELS)}
        />
        {text("name", 100)}
        {text("approvalDoc", 100)}
        {text("approvedOn", 10, undefined, "date")}
        {text("parentOrg", 100)}
        {area(
          "coveredUsccs",
          3,
          200,
          "仅联合党支部填写：所覆盖的其他单位的统一社会信用代码，每行一个，最多 5 个。",
        )}
        {text("secretaryName", 50)}
        {check("secretaryIsOfficer")}
        {text("committeeSize", 2, "未设支部委员会的不填。党员 7 名以上的党支部应设委员会，一般 3 至 7 人。")}
        {area("committeeMembers", 2, 1000)}
        {text("termStart", 10, undefined, "date")}
        {text("termEnd", 10, "不填的，按任期三年计算。", "date")}
        <h2>党建工作指导员（联络员）</h2>
        <p class="hint">未建立党组织的，应当有党建工作指导员或联络员（工作覆盖）。</p>
        {text("instructorName", 50)}
        {text("instructorUnit", 100)}
        {text("instructorAppointedOn", 10, undefined, "date")}
        <h2>其他</h2>
        {text("leadingBody", 100, "直接登记和脱钩的社会组织，填写负责其党建工作的机关。")}
        {check("inCharter")}
        {area("note", 2, 1000)}
        <button type="submit">报送确认</button>
      </form>
    </Layout>
  );
}
