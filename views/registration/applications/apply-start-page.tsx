import type { SessionUser } from "../../../src/context";
import { ErrorSummary, type Errors, SelectField, TextField } from "../../components/form";
import { Layout } from "../../layout";

export function ApplyStartPage(p: {
  user?: SessionUser | null;
  authorities: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Errors;
}) {
  return (
    <Layout title="申请成立社会组织" user={p.user}>
      <h1>申请成立社会组织（成立登记）</h1>
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
        labels={{ authorityId: "登记管理机关", applicantName: "申请人", applicantPhone: "联系电话" }}
      />
      <form method="post" action="/apply" class="narrow-form" novalidate>
        <SelectField
          name="authorityId"
          label="向哪个登记管理机关申请"
          errors={p.errors}
          value={p.values.authorityId}
          placeholder="请选择"
          options={p.authorities.map((a) => ({ value: String(a.id), label: a.name }))}
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
    </Layout>
  );
}
