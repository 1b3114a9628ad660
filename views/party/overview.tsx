/** /party: 两个覆盖 over the authority, the organizations with neither, changes waiting, terms due (R-F2, R-F3). */

import type { SessionUser } from "../../src/context";
import type { CoverageSummary } from "../../src/party/contract";
import { TYPE_LABELS } from "../../src/registry/labels";
import { cnDate } from "../components/dates";
import { formatDateTime, PageLinks } from "../components/form";
import { FilterBar, FilterSelect } from "../components/select";
import { DataTable, SCROLL_REGION, StatGrid } from "../components/table";
import { Layout } from "../layout";

export const percent = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);

const DIMENSIONS = { authority: "按登记管理机关", type: "按组织类型", supervisor: "按业务主管单位" };

export function PartyOverviewPage(p: { user: SessionUser; s: CoverageSummary; query: string }) {
  const { s } = p;
  const pages = Math.max(1, Math.ceil(s.uncoveredTotal / s.pageSize));
  return (
    <Layout title="党建工作" user={p.user}>
      <h1>党建工作</h1>
      <p class="muted">
        两个覆盖按已确认的党建工作台账统计（待确认的变更不计入），范围为本机关及所辖区县登记的正常状态的社会组织。
      </p>
      <nav class="sub-nav" aria-label="党建工作">
        <a href="/party" aria-current="page">
          两个覆盖
        </a>
        <a href="/party/cadres">领导干部兼职</a>
      </nav>
      <FilterBar action="/party" label="筛选" submit="筛选" buttonClass="button secondary">
        <FilterSelect name="type" label="组织类型" value={s.filters.type} options={s.types} />
        <FilterSelect
          name="unit"
          label="业务主管单位"
          value={String(s.filters.supervisorUnitId ?? "")}
          options={s.units}
        />
      </FilterBar>
      <StatGrid
        items={[
          {
            href: "#uncovered",
            value: percent(s.organizational, s.total),
            label: `组织覆盖率（${s.organizational} / ${s.total} 家）`,
          },
          {
            href: "#uncovered",
            value: percent(s.work, s.total),
            label: `工作覆盖率（${s.work} / ${s.total} 家）`,
          },
          { href: "#uncovered", value: s.uncoveredTotal, label: "两个覆盖均未实现" },
          { href: "#pending", value: s.pending.length, label: "台账变更待确认" },
          {
            href: "#terms",
            value: s.alerts.filter((a) => a.kind === "term_overdue").length,
            label: "委员会任期已逾期",
          },
        ]}
      />
      <p class="muted small">
        组织覆盖：本单位建立党组织，或被联合党支部覆盖；工作覆盖：组织覆盖，或有党建工作指导员、联络员。
      </p>

      <h2 id="pending">待确认的台账变更</h2>
      <DataTable
        rows={s.pending}
        empty="没有待确认的变更。"
        columns={["组织", "报送时间", "变更说明"]}
        row={(r) => (
          <tr>
            <td>
              <a href={`/party/orgs/${r.uscc}#pending-h`}>{r.orgName}</a>
            </td>
            <td class="nowrap">{formatDateTime(r.submittedAt)}</td>
            <td>{r.note ?? "—"}</td>
          </tr>
        )}
      />

      <h2 id="terms">换届提醒</h2>
      <DataTable
        rows={s.alerts}
        empty="没有即将届满或已逾期的委员会任期。"
        columns={["组织", "任期届满", "状态"]}
        row={(a) => (
          <tr>
            <td>
              <a href={`/party/orgs/${a.uscc}`}>{a.orgName}</a>
            </td>
            <td class="nowrap">{cnDate(a.termEnd)}</td>
            <td>
              {a.kind === "term_overdue" ? (
                <span class="tag stop">已逾期</span>
              ) : (
                <span class="tag warn">30 天内届满</span>
              )}
            </td>
          </tr>
        )}
      />

      {s.groups.map((g) => (
        <details class="group-table" open={g.dimension !== "supervisor" || g.rows.length <= 12}>
          <summary>
            <h2 class="inline-heading">
              两个覆盖{DIMENSIONS[g.dimension]}（{g.rows.length} 组）
            </h2>
          </summary>
          <div class="table-scroll" {...SCROLL_REGION}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{DIMENSIONS[g.dimension].slice(1)}</th>
                  <th scope="col">组织数</th>
                  <th scope="col">组织覆盖</th>
                  <th scope="col">工作覆盖</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.length === 0 ? (
                  <tr>
                    <td colspan={4}>没有符合条件的组织。</td>
                  </tr>
                ) : (
                  g.rows.map((r) => (
                    <tr>
                      <th scope="row">{r.label}</th>
                      <td>{r.total}</td>
                      <td>
                        {r.organizational}（{percent(r.organizational, r.total)}）
                      </td>
                      <td>
                        {r.work}（{percent(r.work, r.total)}）
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </details>
      ))}

      <h2>党组织活动（按季度）</h2>
      <DataTable
        rows={s.quarters}
        empty="去年以来没有活动记录。"
        columns={["季度", "活动次数", "开展活动的组织"]}
        row={(q) => (
          <tr>
            <th scope="row">{q.quarter.replace(/^(\d{4})-Q(\d)$/, "$1年第$2季度")}</th>
            <td>{q.n}</td>
            <td>{q.orgs}</td>
          </tr>
        )}
      />

      <h2 id="uncovered">两个覆盖均未实现的组织（{s.uncoveredTotal} 家）</h2>
      <DataTable
        rows={s.uncovered}
        empty="没有。"
        columns={["组织", "类型", "登记管理机关"]}
        row={(o) => (
          <tr>
            <td>
              <a href={`/party/orgs/${o.uscc}`}>{o.name}</a>
            </td>
            <td>{TYPE_LABELS[o.type as keyof typeof TYPE_LABELS]}</td>
            <td>{o.authorityName}</td>
          </tr>
        )}
      />
      <PageLinks
        page={s.page}
        pages={pages}
        link={(n) => `/party?${p.query}${p.query ? "&" : ""}page=${n}#uncovered`}
      />
    </Layout>
  );
}
