import type { SessionUser } from "../../../src/context";
import { cnDate } from "../../../src/domain/dates";
import { APPLICATION_KIND_LABELS, type ApplicationKind } from "../../../src/domain/registration";
import type { ApplicationOrg, ApplicationView } from "../../../src/registration/contract";
import { SelectField } from "../../components/select";
import { DataTable } from "../../components/table";
import { Layout } from "../../layout";
import { ApplicationStateTag } from "./shared";

export function OrgApplicationsPage(p: {
  user: SessionUser;
  org: ApplicationOrg;
  rows: ApplicationView[];
  canApply: boolean;
}) {
  return (
    <Layout title="登记事项" user={p.user}>
      <h1>登记事项</h1>
      <p class="lead">{p.org.name}</p>
      {p.canApply ? (
        <form method="post" action="/portal/applications" class="filters">
          <SelectField
            name="kind"
            label="申请"
            errors={{}}
            options={[
              { value: "change", label: "变更登记（名称、住所、法定代表人等）" },
              { value: "charter", label: "章程核准" },
              { value: "deregistration", label: "注销登记" },
            ]}
          />
          <button type="submit">开始申请</button>
        </form>
      ) : (
        <p class="notice warning">本组织已终止登记，账号只能查看。</p>
      )}
      <DataTable
        rows={p.rows}
        empty="还没有登记申请。"
        columns={["事项", "状态", "提交日期", "办理期限"]}
        row={(a) => (
          <tr>
            <td>
              <a href={`/portal/applications/${a.id}`}>
                {APPLICATION_KIND_LABELS[a.kind as ApplicationKind]}
              </a>
            </td>
            <td>
              <ApplicationStateTag state={a.state} />
            </td>
            <td>{cnDate(a.submittedOn)}</td>
            <td>{cnDate(a.dueOn)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}
