/** The case list with the year's figures by outcome (R-E2). */
import type { SessionUser } from "../../../src/context";
import {
  ZOMBIE_CASE_STATE_LABELS,
  ZOMBIE_CASE_STATES,
  ZOMBIE_OUTCOME_LABELS,
  type ZombieOutcome,
} from "../../../src/domain/zombie-case";
import type { CaseListRow } from "../../../src/zombie/contract";
import { cnDate } from "../../components/dates";
import { PageLinks } from "../../components/form";
import { MissingCalendar } from "../../components/missing-calendar";
import { EmptyState, OrgCell, StatGrid } from "../../components/table";
import { Layout } from "../../layout";

function Nav({ current }: { current: "list" | "cases" }) {
  return (
    <nav class="sub-nav" aria-label="僵尸型社会组织">
      <a href="/registrar/zombies" aria-current={current === "list" ? "page" : undefined}>
        候选名单
      </a>
      <a href="/registrar/zombies/cases" aria-current={current === "cases" ? "page" : undefined}>
        处置案件
      </a>
    </nav>
  );
}

export function CaseListPage(p: {
  user: SessionUser;
  rows: CaseListRow[];
  total: number;
  byState: Record<string, number>;
  byYear: { year: string; opened: number; outcome: string | null; n: number }[];
  state: string;
  page: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / 50));
  const years = [...new Set(p.byYear.map((y) => y.year))];
  const closed = (year: string, outcome: ZombieOutcome) =>
    p.byYear.find((y) => y.year === year && y.outcome === outcome)?.n ?? 0;
  return (
    <Layout title="僵尸型社会组织处置案件" user={p.user}>
      <h1>僵尸型社会组织处置案件</h1>
      <Nav current="cases" />
      <p>
        每个组织一案：立案后调查核实，依法作出限期整改、引导注销、撤销登记（慈善组织可吊销登记证书）或不属于僵尸型组织的处理，每一步都有记录。
      </p>
      <StatGrid
        items={ZOMBIE_CASE_STATES.map((s) => ({
          href: `/registrar/zombies/cases?state=${s}`,
          value: p.byState[s] ?? 0,
          label: ZOMBIE_CASE_STATE_LABELS[s],
          current: p.state === s,
        }))}
      />
      <h2>按年度的处置情况</h2>
      {years.length === 0 ? (
        <EmptyState>尚无案件。</EmptyState>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">年度</th>
                {Object.values(ZOMBIE_OUTCOME_LABELS).map((l) => (
                  <th scope="col">{l}</th>
                ))}
                <th scope="col">未结</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr>
                  <th scope="row">{y}年</th>
                  {(Object.keys(ZOMBIE_OUTCOME_LABELS) as ZombieOutcome[]).map((o) => (
                    <td>{closed(y, o)}</td>
                  ))}
                  <td>{p.byYear.filter((r) => r.year === y).reduce((n, r) => n + r.opened, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>案件（{p.total} 件）</h2>
      {p.rows.length === 0 ? (
        <EmptyState>没有案件。在候选名单中点击“立案”开始处置。</EmptyState>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">组织</th>
                <th scope="col">状态</th>
                <th scope="col">立案日期</th>
                <th scope="col">期限</th>
                <th scope="col">跟进人</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <OrgCell name={r.orgName} uscc={r.uscc} href={`/registrar/zombies/cases/${r.id}`} />
                  <td>
                    {ZOMBIE_CASE_STATE_LABELS[r.state]}
                    {r.outcome ? `（${ZOMBIE_OUTCOME_LABELS[r.outcome]}）` : ""}
                  </td>
                  <td class="nowrap">{cnDate(r.openedOn)}</td>
                  <td class="nowrap">
                    {r.windowLeft !== null && r.windowEndsOn ? (
                      <>
                        陈述申辩至 {cnDate(r.windowEndsOn)}（
                        {r.windowLeft > 0
                          ? `还剩 ${r.windowLeft} 个工作日`
                          : r.windowLeft === 0
                            ? "今天截止"
                            : "已届满"}
                        ） <MissingCalendar years={r.windowUncalendared} />
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{r.assigneeName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks
        page={p.page}
        pages={pages}
        link={(n) => `/registrar/zombies/cases?${p.state ? `state=${p.state}&` : ""}page=${n}`}
      />
    </Layout>
  );
}
