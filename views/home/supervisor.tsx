import type { SessionUser } from "../../src/context";
import type { SupervisorHomeData } from "../../src/home/contract";
import { DataTable } from "../components/table";
import { Layout } from "../layout";
import { ReviewInspectionPanel } from "./review-inspection-panel";

export function SupervisorHome({ user, home }: { user: SessionUser; home: SupervisorHomeData }) {
  const p = { user, ...home };
  return (
    <Layout title="业务主管单位工作台" user={p.user}>
      <h1>业务主管单位工作台</h1>
      <p class="lead">{p.unitName}</p>
      <ReviewInspectionPanel data={home.inspection} />
      <h2>主管的社会组织（{p.total.toLocaleString("zh-CN")} 家）</h2>
      <DataTable
        rows={p.rows}
        empty="本单位目前没有主管的社会组织。"
        columns={["名称", "统一社会信用代码", "状态", "登记管理机关"]}
        row={(r) => (
          <tr>
            <td>
              <a href={`/orgs/${r.uscc}`}>{r.name}</a>
            </td>
            <td>{r.uscc}</td>
            <td>{r.statusLabel}</td>
            <td>{r.authorityName}</td>
          </tr>
        )}
      />
      {p.pages > 1 ? (
        <nav class="pagination" aria-label="分页">
          {p.page > 1 ? <a href={`/supervisor?page=${p.page - 1}`}>上一页</a> : null}
          <span>
            第 {p.page} / {p.pages} 页
          </span>
          {p.page < p.pages ? <a href={`/supervisor?page=${p.page + 1}`}>下一页</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
