import type { SessionUser } from "../../../src/context";
import { APPLICATION_KIND_LABELS, type ApplicationKind } from "../../../src/domain/registration";
import type { ApplicationOrg, ApplicationView } from "../../../src/registration/contract";
import { SelectField } from "../../components/select";
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
      {p.rows.length === 0 ? (
        <p class="empty-state">还没有登记申请。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">状态</th>
              <th scope="col">提交日期</th>
              <th scope="col">办理期限</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((a) => (
              <tr>
                <td>
                  <a href={`/portal/applications/${a.id}`}>
                    {APPLICATION_KIND_LABELS[a.kind as ApplicationKind]}
                  </a>
                </td>
                <td>
                  <ApplicationStateTag state={a.state} />
                </td>
                <td>{a.submittedOn ?? "—"}</td>
                <td>{a.dueOn ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
