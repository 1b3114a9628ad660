import type { SessionUser } from "../../src/context";
import type { PortalHomeData } from "../../src/home/contract";
import { SummaryList } from "../components/summary";
import { InspectionHomePanel } from "../inspection/portal/pages";
import { Layout } from "../layout";

export function PortalHome({ user, home }: { user: SessionUser; home: PortalHomeData }) {
  const p = { user, org: home.org, party: home.party };
  return (
    <Layout title="本单位工作台" user={p.user}>
      <h1>本单位工作台</h1>
      <SummaryList
        facts={[
          ["名称", <a href={`/orgs/${p.org.uscc}`}>{p.org.name}</a>],
          ["统一社会信用代码", p.org.uscc],
          ["登记状态", p.org.statusLabel],
          ["登记管理机关", p.org.authorityName],
        ]}
      />
      <InspectionHomePanel data={home.inspection} />
      <h2>常用</h2>
      <ul>
        <li>
          <a href="/portal/applications">登记事项（变更登记、章程核准、注销登记）</a>
        </li>
        <li>
          <a href="/portal/party">党建工作台账（党组织、党员人数、活动记录）</a>
          {p.party?.pending ? <span class="tag neutral">变更待确认</span> : null}
          {p.party?.alert === "term_overdue" ? <span class="tag stop">委员会任期已届满</span> : null}
          {p.party?.alert === "term_due" ? <span class="tag warn">委员会任期即将届满</span> : null}
        </li>
        {p.user.isOrgAdmin ? (
          <li>
            <a href="/portal/users">本单位账号（邀请、停用同事）</a>
          </li>
        ) : null}
        <li>
          <a href="/account">我的账号（密码、登录设备）</a>
        </li>
      </ul>
    </Layout>
  );
}
