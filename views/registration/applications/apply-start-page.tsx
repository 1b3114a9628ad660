import type { SessionUser } from "../../../src/context";
import { ErrorSummary, type Errors, Flash, TextField } from "../../components/form";
import { choicesById, SelectField } from "../../components/select";
import { Layout } from "../../layout";

export function ApplyStartPage(p: {
  user?: SessionUser | null;
  authorities: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <Layout title="申请成立社会组织" user={p.user}>
      <h1>申请成立社会组织（成立登记）</h1>
      <Flash notice={p.notice} />
      <p class="lead">
        网上申请不需要账号。提交后，登记管理机关在材料齐全之日起 60 个工作日内作出决定（慈善组织 30 日）。
      </p>
      <ul>
        <li>社会团体：50 个以上个人会员或 30 个以上单位会员；活动资金不少于 3 万元（全国性 10 万元）。</li>
        <li>
          基金会：原始基金不少于 200 万元（非公募）、400
          万元（地方公募）；由省级以上民政部门登记，请选择省级登记管理机关。
        </li>
        <li>需提交章程草案和《支持党建工作承诺书》。填写时系统会随时检查。</li>
      </ul>
      <ErrorSummary
        errors={p.errors}
        labels={{
          authorityId: "登记管理机关",
          applicantName: "申请人",
          applicantPhone: "联系电话",
          recoverNo: "申请编号",
          recoverContact: "联系电话或电子邮箱",
        }}
      />
      <form method="post" action="/apply" class="narrow-form" novalidate>
        <SelectField
          name="authorityId"
          label="向哪个登记管理机关申请"
          errors={p.errors}
          value={p.values.authorityId}
          placeholder="请选择"
          options={choicesById(p.authorities)}
        />
        <TextField
          name="applicantName"
          label="申请人（发起人或经办人姓名）"
          errors={p.errors}
          value={p.values.applicantName}
          maxlength={40}
        />
        <TextField
          name="applicantPhone"
          label="联系电话（不公开）"
          type="tel"
          errors={p.errors}
          value={p.values.applicantPhone}
          hint="仅供登记管理机关联系您，不会公开。"
        />
        <button type="submit">开始填写申请</button>
      </form>
      <section id="recover" aria-labelledby="recover-heading">
        <h2 id="recover-heading">找回申请链接</h2>
        <p>
          已经开始申请但遗失了链接？填写申请编号和申请时留下的联系电话（或申请表中的电子邮箱）。为防止他人冒用，系统不会在网页上显示链接：登记管理机关核实您的身份后，会为您发放新链接，旧链接同时失效。
        </p>
        <form method="post" action="/apply/recover" class="narrow-form" novalidate>
          <TextField
            name="recoverNo"
            label="申请编号"
            errors={p.errors}
            value={p.values.recoverNo}
            maxlength={9}
            hint="申请页面上“申请编号”后面的数字。"
          />
          <TextField
            name="recoverContact"
            label="联系电话或电子邮箱"
            errors={p.errors}
            value={p.values.recoverContact}
            maxlength={80}
          />
          <button type="submit" class="button secondary">
            提交找回请求
          </button>
        </form>
      </section>
    </Layout>
  );
}
