/** Opening a case and the forms of its steps (R-E2, R-E3). */
import type { SessionUser } from "../../../src/context";
import type { ZombieCaseAction } from "../../../src/domain/zombie-case";
import type { ZombieCaseView } from "../../../src/zombie/contract";
import { ErrorSummary, type Errors, FieldError, TextAreaField, TextField } from "../../components/form";
import { SelectField } from "../../components/select";
import { Layout } from "../../layout";

const OPEN_LABELS = { uscc: "统一社会信用代码", evidence: "立案依据", form: "" };

export function OpenCasePage(p: {
  user: SessionUser;
  uscc: string;
  orgName: string | null;
  signals: string[];
  values: Record<string, string>;
  errors: Errors;
}) {
  return (
    <Layout title="立案" user={p.user}>
      <p class="muted">
        <a href="/registrar/zombies">候选名单</a> › 立案
      </p>
      <h1>僵尸型社会组织立案{p.orgName ? `：${p.orgName}` : ""}</h1>
      {p.signals.length > 0 ? (
        <>
          <p>系统信号（立案时一并记录）：</p>
          <ul>
            {p.signals.map((s) => (
              <li>{s}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>该组织目前没有系统信号；立案须写明登记管理机关掌握的事实和证据。</p>
      )}
      <form method="post" action="/registrar/zombies/cases" class="narrow-form" novalidate>
        <ErrorSummary errors={p.errors} labels={OPEN_LABELS} />
        <div class={`field ${p.errors.uscc ? "field-error" : ""}`}>
          <label for="uscc">统一社会信用代码</label>
          <FieldError errors={p.errors} name="uscc" />
          <input type="text" id="uscc" name="uscc" maxlength={18} value={p.values.uscc ?? p.uscc} />
        </div>
        <div class={`field ${p.errors.evidence ? "field-error" : ""}`}>
          <label for="evidence">立案依据（事实与证据：信件退回、走访、电话记录等）</label>
          <FieldError errors={p.errors} name="evidence" />
          <textarea id="evidence" name="evidence" rows={4} maxlength={2000}>
            {p.values.evidence ?? ""}
          </textarea>
        </div>
        <button type="submit">立案</button>
      </form>
    </Layout>
  );
}
export const ACTION_HINTS: Partial<Record<ZombieCaseAction, string>> = {
  order_rectification: "发出整改通知书（组织在门户中报送整改报告，验收后可结案）。",
  guide_deregistration: "通知组织依法申请注销登记；注销完成后结案。",
  serve_revocation_notice: "送达撤销登记的事先告知书；无法联系的，以公告方式送达（公告期满视为送达）。",
  decide_revocation:
    "陈述、申辩期限届满（或听证结束）后作出决定；决定同时撤销登记并发布公告，随后列入严重违法失信名单。",
};
export const STEP_LABELS: Record<ZombieCaseAction, string> = {
  start_investigation: "开始调查核实",
  order_rectification: "责令限期整改",
  close_rectified: "整改完成结案",
  guide_deregistration: "引导办理注销",
  close_deregistered: "注销后结案",
  serve_revocation_notice: "送达撤销事先告知",
  record_hearing_request: "登记听证申请",
  record_hearing: "登记听证结果",
  decide_revocation: "作出撤销（吊销）决定",
  record_certificate: "证书印章收缴或作废，结案",
  close_not_zombie: "不属于僵尸型组织，结案",
};
export function StepFields({
  action,
  c,
  errors,
}: {
  action: ZombieCaseAction;
  c: ZombieCaseView;
  errors: Errors;
}) {
  const field = (name: string, label: string, area = false) =>
    area ? (
      <TextAreaField
        name={name}
        id={`${action}-${name}`}
        label={label}
        errors={errors}
        rows={3}
        maxlength={2000}
      />
    ) : (
      <TextField name={name} id={`${action}-${name}`} label={label} errors={errors} maxlength={60} />
    );
  switch (action) {
    case "order_rectification":
      return (
        <>
          {field("documentNo", "整改通知书文号")}
          {field("facts", "查明的事实", true)}
          {field("items", "整改事项（每行一项：事项｜依据）", true)}
        </>
      );
    case "serve_revocation_notice":
      return (
        <>
          {field("documentNo", "事先告知书文号")}
          <SelectField
            name="method"
            id={`${action}-method`}
            label="送达方式"
            options={[
              { value: "mail", label: "邮寄送达" },
              { value: "publication", label: "公告送达（无法联系时）" },
            ]}
          />
        </>
      );
    case "record_hearing":
      return field("note", "听证日期、参加人和结论", true);
    case "decide_revocation":
      return (
        <>
          {field("documentNo", "决定文号")}
          {c.isCharity ? (
            <SelectField
              name="kind"
              id={`${action}-kind`}
              label="决定种类"
              options={[
                { value: "revocation", label: "撤销登记" },
                { value: "license_revocation", label: "吊销登记证书（慈善组织）" },
              ]}
            />
          ) : null}
          {field("reasons", "事实和依据（写入公告）", true)}
        </>
      );
    case "record_certificate":
      return field("note", "登记证书、印章收缴或公告作废的情况", true);
    case "close_not_zombie":
      return field("reasons", "理由（发现的活动等）", true);
    default:
      return null;
  }
}
