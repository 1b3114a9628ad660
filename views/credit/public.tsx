import type { SessionUser } from "../../src/context";
import type {
  CaseRow,
  NoticeView,
  PublicEntry,
  PublishedNotice,
  RedListRow,
} from "../../src/credit/contract";
import { CREDIT_GROUNDS, CREDIT_LIST_LABELS, CREDIT_STATE_LABELS } from "../../src/domain/credit";
import { cnDatesIn } from "../../src/domain/dates";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, PageLinks, TextField } from "../components/form";
import { choicesOf, FilterBar, FilterSelect } from "../components/select";
import { DataTable, EmptyState } from "../components/table";
import { Layout } from "../layout";
import { GROUND_CHOICES } from "./choices";
import { CreditTable } from "./entries";
import { NoticeTable } from "./notices";

const LABELS = { q: "名称或代码", list: "名录", ground: "事由", removed: "范围" };

/** /credit: both lists as the public sees them (R-D8). */
export function PublicCreditPage(p: {
  user: SessionUser | null;
  query: Record<string, string>;
  errors: Errors;
  total: number;
  /** More matches than were counted (a broad name): the total reads "1,000 条以上". */
  capped?: boolean;
  items: PublicEntry[];
  page: number;
  perPage: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.perPage));
  const keep = Object.fromEntries(Object.entries(p.query).filter(([k, v]) => k !== "page" && v));
  const link = (page: number) => `/credit?${new URLSearchParams({ ...keep, page: String(page) })}`;
  const removed = p.query.removed === "1";
  return (
    <Layout
      title="信用名单公示"
      user={p.user}
      feeds={[{ title: "社会组织信用名单列入与移出", href: "/credit/feed.atom" }]}
    >
      <h1>社会组织信用名单公示</h1>
      <p>
        依据《社会组织信用信息管理办法》，登记管理机关将社会组织列入活动异常名录或严重违法失信名单，并向社会公示列入和移出情况。被列入的组织不得参加评估；列入严重违法失信名单的，不得享受政府购买服务、财政资金资助和评比表彰。
      </p>
      <p>
        守信激励：<a href="/credit/red-list">红名单</a>（评估等级高、连续年检合格、无失信记录的组织）。
        无法联系的组织：<a href="/credit/notices">事先告知公告</a>。
      </p>
      <FilterBar action="/credit" label="查询信用名单" submit="查询">
        <ErrorSummary errors={p.errors} labels={LABELS} />
        <TextField
          name="q"
          label="名称或统一社会信用代码"
          type="search"
          errors={p.errors}
          value={p.query.q}
          maxlength={100}
        />
        <FilterSelect
          name="list"
          label="名录"
          errors={p.errors}
          value={p.query.list}
          options={choicesOf(CREDIT_LIST_LABELS)}
        />
        <FilterSelect
          name="ground"
          label="列入事由"
          errors={p.errors}
          value={p.query.ground}
          options={GROUND_CHOICES}
        />
        <FilterSelect
          name="removed"
          label="范围"
          errors={p.errors}
          value={p.query.removed}
          placeholder="现在名录中的"
          options={[{ value: "1", label: "已移出的" }]}
        />
      </FilterBar>
      <p>
        {removed ? "已移出" : "现列入"} {p.total.toLocaleString("zh-CN")} 条
        {p.capped ? "以上，请输入更完整的名称缩小范围" : ""}。
        <a href={`/api/v1/credit-entries?${new URLSearchParams(keep)}`}>开放数据（JSON）</a> ·{" "}
        <a href={`/credit/export.csv?${new URLSearchParams(keep)}`}>下载 CSV</a> ·{" "}
        <a href="/credit/feed.atom">订阅列入与移出（Atom）</a>
      </p>
      {p.items.length === 0 ? (
        <EmptyState>没有符合条件的记录。</EmptyState>
      ) : (
        <CreditTable entries={p.items} withOrg />
      )}
      <PageLinks page={p.page} pages={pages} link={link} />
    </Layout>
  );
}

/** /portal/credit: the organization's own cases once it has been told of them. */
export function PortalCreditPage(p: { user: SessionUser; cases: CaseRow[]; notices: NoticeView[] }) {
  return (
    <Layout title="信用信息" user={p.user}>
      <h1>本单位信用信息</h1>
      <h2>整改通知书</h2>
      <NoticeTable notices={p.notices} base="/portal/credit/notices" />
      <h2>信用名单</h2>
      <DataTable
        rows={p.cases}
        empty="本单位没有被告知拟列入或已列入信用名单的记录。"
        columns={["名录", "事由", "状态", "异议期限", "列入日期"]}
        row={(c) => (
          <tr>
            <td>
              <a href={`/portal/credit/${c.id}`}>{CREDIT_LIST_LABELS[c.list]}</a>
            </td>
            <td>{CREDIT_GROUNDS[c.ground].label}</td>
            <td class="nowrap">{CREDIT_STATE_LABELS[c.state]}</td>
            <td class="nowrap">{cnDate(c.objectionDeadline)}</td>
            <td class="nowrap">{cnDate(c.listedOn)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}

/** /credit/red-list: the 红名单 with its criteria (守信激励). */
export function RedListPage(p: {
  user: SessionUser | null;
  criteria: string[];
  q: string;
  removed: boolean;
  rows: RedListRow[];
  total: number;
  page: number;
  perPage: number;
  error: string | null;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.perPage));
  const link = (page: number) =>
    `/credit/red-list?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), ...(p.removed ? { removed: "1" } : {}), page: String(page) })}`;
  return (
    <Layout title="红名单（守信激励）" user={p.user}>
      <p class="muted">
        <a href="/credit">信用名单公示</a> › 红名单
      </p>
      <h1>社会组织红名单（守信激励）</h1>
      <p>
        同时符合下列条件的社会组织列入红名单，每日按登记、年检、评估和信用记录自动核对；任一条件不再符合之日移出：
      </p>
      <ul>
        {p.criteria.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
      <FilterBar action="/credit/red-list" label="查询红名单" submit="查询" buttonClass="button secondary">
        {p.error ? (
          <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
            <h2>请修改以下内容</h2>
            <p>
              <a href="#q">{p.error}</a>
            </p>
          </div>
        ) : null}
        <TextField
          name="q"
          label="名称或统一社会信用代码"
          type="search"
          errors={{}}
          value={p.q}
          maxlength={100}
        />
        <FilterSelect
          name="removed"
          label="范围"
          value={p.removed ? "1" : ""}
          placeholder="在列"
          options={[{ value: "1", label: "已移出" }]}
        />
      </FilterBar>
      <p class="result-count">共 {p.total} 家</p>
      <DataTable
        rows={p.rows}
        empty={p.removed ? "没有移出记录。" : "目前没有列入红名单的组织。"}
        columns={["组织", "登记管理机关", "评估等级", "列入日期", p.removed ? "移出日期与原因" : null]}
        row={(r) => (
          <tr>
            <td>
              <a href={`/orgs/${r.uscc}`}>{r.name}</a>
              <br />
              <span class="muted small">{r.uscc}</span>
            </td>
            <td>{r.authorityName}</td>
            <td>{r.rating ?? "—"}</td>
            <td class="nowrap">{cnDate(r.listedOn)}</td>
            {p.removed ? (
              <td>
                {cnDate(r.removedOn)}：{r.removalReason}
              </td>
            ) : null}
          </tr>
        )}
      />
      <PageLinks page={p.page} pages={pages} link={link} />
    </Layout>
  );
}

/** /credit/notices: 事先告知 served by 公告 when the organization could not be reached (R-D7). */
export function PublishedNoticesPage(p: {
  user: SessionUser | null;
  rows: PublishedNotice[];
  total: number;
  page: number;
  perPage: number;
  days: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.perPage));
  return (
    <Layout title="事先告知公告" user={p.user}>
      <p class="muted">
        <a href="/credit">信用名单公示</a> › 事先告知公告
      </p>
      <h1>信用名单事先告知公告</h1>
      <p>
        以下社会组织通过登记住所无法联系，登记管理机关依法以公告方式送达列入信用名单的事先告知书。自公告之日起满{" "}
        {p.days} 日视为送达；组织可在异议期限内向登记管理机关提出陈述、申辩。
      </p>
      {p.rows.length === 0 ? (
        <EmptyState>目前没有公告送达的事先告知。</EmptyState>
      ) : (
        <ul class="notice-list">
          {p.rows.map((r) => (
            <li>
              <h2>
                关于拟将{r.orgName}列入{CREDIT_LIST_LABELS[r.list as keyof typeof CREDIT_LIST_LABELS]}
                的事先告知公告
              </h2>
              <p class="muted">
                {r.authorityName} · 公告日期 {cnDate(r.publishedOn)} · 视为送达 {cnDate(r.servedOn)} ·
                异议期限至 {cnDate(r.objectionDeadline)}
              </p>
              <p>
                {r.orgName}（统一社会信用代码 {r.uscc}）：{cnDatesIn(r.facts)}
                拟列入事由：{CREDIT_GROUNDS[r.ground as keyof typeof CREDIT_GROUNDS]?.label ?? "其他法定事由"}
                。
              </p>
            </li>
          ))}
        </ul>
      )}
      <PageLinks page={p.page} pages={pages} link={(n) => `/credit/notices?page=${n}`} />
    </Layout>
  );
}
