import type { SessionUser } from "../../../src/context";
import { APPLICATION_KIND_LABELS, type ApplicationKind } from "../../../src/domain/registration";
import type { QueueRow } from "../../../src/registration/contract";
import { TextField } from "../../components/form";
import { MissingCalendar } from "../../components/missing-calendar";
import { SelectField } from "../../components/select";
import { DataTable } from "../../components/table";
import { Layout } from "../../layout";
import { ApplicationStateTag, DueBadge } from "./shared";

export function RegistrarQueuePage(p: { user: SessionUser; rows: QueueRow[]; state: string }) {
  const FILTERS: [string, string][] = [
    ["open", "待办"],
    ["submitted", "待审查"],
    ["returned", "退回补正中"],
    ["approved", "准予登记"],
    ["refused", "不予登记"],
    ["all", "全部"],
  ];
  return (
    <Layout title="登记申请" user={p.user}>
      <h1>登记申请</h1>
      <nav class="sub-nav" aria-label="筛选">
        {FILTERS.map(([value, label]) => (
          <a
            href={`/registrar/applications?state=${value}`}
            aria-current={value === p.state ? "page" : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <form method="post" action="/registrar/applications" class="filters">
        <SelectField
          name="kind"
          label="录入窗口纸质申请"
          errors={{}}
          options={Object.entries(APPLICATION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="uscc" label="统一社会信用代码（成立登记不填）" errors={{}} maxlength={18} />
        <TextField name="applicantName" label="申请人（成立登记填写）" errors={{}} maxlength={40} />
        <button type="submit">录入</button>
      </form>
      <DataTable
        rows={p.rows}
        empty="没有符合条件的申请。"
        columns={["事项", "组织 / 拟成立组织", "登记管理机关", "状态", "办理期限（工作日）"]}
        row={(r) => (
          <tr>
            <td>
              <a href={`/registrar/applications/${r.app.id}`}>
                {APPLICATION_KIND_LABELS[r.app.kind as ApplicationKind]}
              </a>
              {r.app.channel === "paper" ? <span class="muted small">（窗口）</span> : null}
            </td>
            <td>
              {r.orgName ?? ((r.app.data as { name?: string }).name || `申请人：${r.app.applicantName}`)}
            </td>
            <td>{r.authorityName}</td>
            <td>
              <ApplicationStateTag state={r.app.state} />
            </td>
            <td>
              <DueBadge dueOn={r.app.dueOn} left={r.dueLeft} />
              <MissingCalendar years={r.dueUncalendared} />
            </td>
          </tr>
        )}
      />
    </Layout>
  );
}
