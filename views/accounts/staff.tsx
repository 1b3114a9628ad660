import type { AccountRow } from "../../src/accounts/contract";
import type { SessionUser } from "../../src/context";
import { AddForm, AdminFrame } from "../admin/frame";
import { ROLE_LABELS } from "../auth/pages";
import type { Errors } from "../components/form";
import { choicesById, SelectField } from "../components/select";
import { ACCOUNT_LABELS, AccountFields, AccountTable } from "./shared";

export function StaffPage(p: {
  user: SessionUser;
  rows: { user: AccountRow; scope: string | null }[];
  authorities: { id: number; name: string }[];
  units: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <AdminFrame user={p.user} title="工作人员账号" current="/admin/users" notice={p.notice}>
      <AccountTable rows={p.rows} viewer={p.user} manageBase="/admin/users" extra />
      <AddForm
        title="开设工作人员账号"
        action="/admin/users"
        errors={p.errors}
        labels={ACCOUNT_LABELS}
        intro="社会组织的账号由其登记管理机关开设；这里开设登记管理机关、业务主管单位的工作人员和系统管理员账号。"
        submit="开设账号并生成激活链接"
      >
        <SelectField
          name="role"
          label="身份"
          errors={p.errors}
          value={p.values.role}
          placeholder="请选择"
          options={[
            { value: "registrar", label: ROLE_LABELS.registrar },
            { value: "party", label: ROLE_LABELS.party },
            { value: "supervisor", label: ROLE_LABELS.supervisor },
            { value: "admin", label: ROLE_LABELS.admin },
          ]}
        />
        <SelectField
          name="authorityId"
          label="登记管理机关（登记管理机关工作人员、党建工作审查人员填写）"
          errors={p.errors}
          value={p.values.authorityId}
          placeholder="—"
          options={choicesById(p.authorities)}
        />
        <SelectField
          name="supervisorUnitId"
          label="业务主管单位（业务主管单位审查人员填写）"
          errors={p.errors}
          value={p.values.supervisorUnitId}
          placeholder="—"
          options={choicesById(p.units)}
        />
        <AccountFields values={p.values} errors={p.errors} />
      </AddForm>
    </AdminFrame>
  );
}
