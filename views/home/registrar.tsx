import type { SessionUser } from "../../src/context";
import { ZOMBIE_OUTCOME_LABELS, type ZombieOutcome } from "../../src/domain/zombie-case";
import type { RegistrarHomeData } from "../../src/home/contract";
import { TextField } from "../components/form";
import { FilterBar, FilterSelect } from "../components/select";
import { SummaryList } from "../components/summary";
import { Layout } from "../layout";
import { ReviewInspectionPanel } from "./review-inspection-panel";

export function RegistrarHome({ user, home }: { user: SessionUser; home: RegistrarHomeData }) {
  const p = { user, ...home };
  const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);
  return (
    <Layout title="登记管理机关工作台" user={p.user}>
      <h1>登记管理机关工作台</h1>
      <p class="lead">{p.authorityName}</p>
      <SummaryList
        facts={[
          ["本机关登记的正常状态组织", <>{p.counts.active.toLocaleString("zh-CN")} 家</>],
          ["已开设的社会组织账号", <>{p.counts.orgAccounts.toLocaleString("zh-CN")} 个</>],
        ]}
      />
      <h2>登记</h2>
      <ul>
        <li>
          <a href="/registrar/applications">登记申请待办（成立、变更、章程核准、注销）</a>
          {p.counts.applications > 0 ? <span class="tag warn">{p.counts.applications} 件待审查</span> : null}
        </li>
        <li>
          <a href="/registrar/import">导入登记信息（CSV）</a> · 导出本机关登记信息：
          <a href="/registrar/export.csv">CSV</a> / <a href="/registrar/export.xlsx">Excel</a>
        </li>
        <li>
          <a href="/registrar/conclusion-announcements">发布年检结论公告（已作出、尚未公告的结论一并公告）</a>
        </li>
      </ul>
      <h2>信用管理</h2>
      <ul>
        <li>
          <a href="/registrar/credit">
            信用名单（活动异常名录、严重违法失信名单）：候选、事先告知、异议、决定与移出
          </a>
        </li>
        <li>
          <a href="/registrar/zombies">
            僵尸型社会组织候选：连续未参检、领证后一年内无活动、长期无业务范围内活动、无法联系
          </a>
          {p.zombie ? `（${p.zombie.candidates} 个）` : ""}
        </li>
        {p.zombie ? (
          <li>
            <a href="/registrar/zombies/cases">僵尸型社会组织处置案件</a>：未结 {p.zombie.open} 件；今年已结{" "}
            {Object.values(p.zombie.closedThisYear).reduce((n, v) => n + (v ?? 0), 0)} 件
            {Object.keys(p.zombie.closedThisYear).length > 0
              ? `（${(Object.entries(p.zombie.closedThisYear) as [ZombieOutcome, number][])
                  .map(([o, n]) => `${ZOMBIE_OUTCOME_LABELS[o]} ${n}`)
                  .join("，")}）`
              : ""}
          </li>
        ) : null}
      </ul>
      {p.party ? (
        <>
          <h2>党建工作</h2>
          <ul>
            <li>
              <a href="/party">两个覆盖</a>：组织覆盖 {pct(p.party.organizational, p.party.total)}（
              {p.party.organizational} / {p.party.total} 家），工作覆盖 {pct(p.party.work, p.party.total)}（
              {p.party.work} / {p.party.total} 家）
              {p.party.pending > 0 ? <span class="tag warn">{p.party.pending} 项台账变更待确认</span> : null}
              {p.party.overdue > 0 ? (
                <span class="tag stop">{p.party.overdue} 个委员会任期已逾期</span>
              ) : null}
            </li>
            <li>
              <a href="/party/cadres">领导干部兼职登记与检查</a>
            </li>
          </ul>
        </>
      ) : null}
      <ReviewInspectionPanel data={home.inspection} />
      <p>
        <a href="/registrar/statistics">统计分析</a>：登记、年检、信用名单、僵尸型组织处置和党建的数字与图表。
      </p>
      <h2>查找社会组织</h2>
      <FilterBar action="/registrar/orgs" submit="查找">
        <TextField name="q" label="名称或统一社会信用代码" type="search" errors={{}} maxlength={100} />
        <FilterSelect
          name="authority"
          label="登记管理机关"
          value={p.readable.find((a) => a.own)?.code}
          options={p.readable.map((a) => ({ value: a.code, label: a.own ? a.name : `${a.name}（只读）` }))}
          placeholder={null}
        />
      </FilterBar>
    </Layout>
  );
}
