import type { AuthorityRow, SupervisorUnitRow } from "../../src/admin/contract";
import type { SessionUser } from "../../src/context";
import { type Errors, TextField } from "../components/form";
import { choicesById, SelectField } from "../components/select";
import { DataTable } from "../components/table";
import { AddForm, AdminFrame } from "./frame";

export function SupervisorUnitsPage(p: {
  user: SessionUser;
  rows: SupervisorUnitRow[];
  authorities: AuthorityRow[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <AdminFrame user={p.user} title="业务主管单位" current="/admin/supervisor-units" notice={p.notice}>
      <DataTable
        rows={p.rows}
        empty="还没有业务主管单位。"
        columns={["名称", "所在辖区", "主管的社会组织", "审查人员账号"]}
        row={(u) => (
          <tr>
            <td>{u.name}</td>
            <td>{u.authorityName ?? "未划分（各登记管理机关均可选择）"}</td>
            <td>{u.orgs.toLocaleString("zh-CN")}</td>
            <td>{u.reviewers}</td>
          </tr>
        )}
      />
      <AddForm
        title="新增业务主管单位"
        action="/admin/supervisor-units"
        errors={p.errors}
        labels={{ name: "名称", authorityId: "所在辖区" }}
      >
        <TextField name="name" label="名称" errors={p.errors} value={p.values.name} maxlength={60} />
        <SelectField
          name="authorityId"
          label="所在辖区（该登记管理机关的成立申请人可以选择本单位）"
          errors={p.errors}
          value={p.values.authorityId}
          placeholder="未划分（各登记管理机关均可选择）"
          options={choicesById(p.authorities)}
        />
      </AddForm>
    </AdminFrame>
  );
}
