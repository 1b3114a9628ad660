import type { AuthorityRow } from "../../src/admin/contract";
import type { SessionUser } from "../../src/context";
import { type Errors, TextField } from "../components/form";
import { choicesById, choicesOf, SelectField } from "../components/select";
import { DataTable } from "../components/table";
import { AddForm, AdminFrame } from "./frame";

export function AuthoritiesPage(p: {
  user: SessionUser;
  rows: AuthorityRow[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  const LEVELS: Record<string, string> = {
    national: "国家级",
    province: "省级",
    city: "市级",
    district: "县区级",
  };
  return (
    <AdminFrame user={p.user} title="登记管理机关" current="/admin/authorities" notice={p.notice}>
      <DataTable
        rows={p.rows}
        empty="还没有登记管理机关。"
        columns={["代码", "名称", "级别", "行政区划代码", "上级"]}
        row={(a) => (
          <tr>
            <td>{a.code}</td>
            <td>{a.name}</td>
            <td>{LEVELS[a.level] ?? a.level}</td>
            <td>{a.regionCode}</td>
            <td>{a.parentName ?? "—"}</td>
          </tr>
        )}
      />
      <AddForm
        title="新增登记管理机关"
        action="/admin/authorities"
        errors={p.errors}
        labels={{ code: "代码", name: "名称", level: "级别", parentId: "上级登记管理机关" }}
      >
        <TextField
          name="code"
          label="代码（行政区划代码）"
          errors={p.errors}
          value={p.values.code}
          hint="GB/T 2260 的 6 位数字行政区划代码，发放统一社会信用代码时使用（R-B4）。"
          maxlength={6}
        />
        <TextField name="name" label="名称" errors={p.errors} value={p.values.name} maxlength={60} />
        <SelectField
          name="level"
          label="级别"
          errors={p.errors}
          value={p.values.level}
          placeholder="请选择"
          options={choicesOf(LEVELS)}
        />
        <SelectField
          name="parentId"
          label="上级登记管理机关"
          errors={p.errors}
          value={p.values.parentId}
          placeholder="无"
          options={choicesById(p.rows)}
        />
      </AddForm>
    </AdminFrame>
  );
}
