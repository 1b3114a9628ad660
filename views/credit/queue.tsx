import type { SessionUser } from "../../src/context";
import type { QueueItem } from "../../src/credit/contract";
import {
  CREDIT_GROUNDS,
  CREDIT_LIST_LABELS,
  CREDIT_STATE_LABELS,
  type CreditState,
} from "../../src/domain/credit";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, Flash, PageLinks, TextAreaField, TextField } from "../components/form";
import { MissingCalendar } from "../components/missing-calendar";
import { FilterBar, FilterSelect, SelectField } from "../components/select";
import { DataTable, OrgCell } from "../components/table";
import { Layout } from "../layout";
import { GROUND_CHOICES } from "./choices";

const FIELD_LABELS = {
  uscc: "统一社会信用代码",
  list: "名录",
  ground: "列入事由",
  facts: "事实",
  evidence: "证据",
  arisenOn: "发生日期",
};
const FILTERS: [string, string][] = [
  ["", "待办（候选、已告知、已异议）"],
  ["candidate", "待处理"],
  ["notified", "已事先告知"],
  ["objected", "已提出异议"],
  ["listed", "已列入"],
  ["removed", "已移出"],
  ["dropped", "不予列入"],
];

function DaysLeft({ n }: { n: number | null }) {
  if (n === null) return <span class="muted">—</span>;
  if (n < 0) return <span class="tag stop">逾期 {-n} 个工作日</span>;
  return <span class={n <= 1 ? "tag warn" : "tag neutral"}>还剩 {n} 个工作日</span>;
}

export function CreditQueuePage(p: {
  user: SessionUser;
  items: QueueItem[];
  total: number;
  state: CreditState | "";
  page: number;
  pageSize: number;
  form: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const link = (page: number) =>
    `/registrar/credit?${new URLSearchParams({ ...(p.state ? { state: p.state } : {}), page: String(page) })}`;
  return (
    <Layout title="信用名单" user={p.user}>
      <h1>信用名单（活动异常名录、严重违法失信名单）</h1>
      <Flash notice={p.notice} />
      <p>
        候选来自系统规则（如年检未参检）或工作人员录入。任何组织都须经送达事先告知、异议期届满或异议处理后，才能逐一决定列入（R-D7）。信用信息应在发生后
        5 个工作日内录入处理（R-D10）。
      </p>
      <p>
        <a href="/registrar/credit/letters">住所核查信件</a>：登记寄往登记住所的挂号信及回执（R-D2）。{" "}
        <a href="/registrar/credit/notices">整改通知书</a>：发出、验收或退回（R-D1(3)、R-C5）。{" "}
        <a href="/registrar/credit/penalties">行政处罚</a>
        ：登记组织受到的警告、罚款、限期停止活动等（R-D1(5)、R-D4）。
      </p>
      <FilterBar action="/registrar/credit" submit="筛选" buttonClass="button secondary small-button">
        <FilterSelect
          name="state"
          label="显示"
          value={p.state}
          options={FILTERS.map(([value, label]) => ({ value, label }))}
          placeholder={null}
        />
      </FilterBar>
      <p>共 {p.total.toLocaleString("zh-CN")} 条。</p>
      <DataTable
        rows={p.items}
        empty="没有符合条件的记录。"
        columns={["社会组织", "名录与事由", "发生日期", "状态", "录入期限"]}
        row={(c) => (
          <tr>
            <OrgCell name={c.orgName} uscc={c.uscc} href={`/registrar/credit/${c.id}`} />
            <td>
              {CREDIT_LIST_LABELS[c.list]}
              <br />
              <span class="small">{CREDIT_GROUNDS[c.ground].label}</span>
            </td>
            <td class="nowrap">{cnDate(c.arisenOn)}</td>
            <td class="nowrap">{CREDIT_STATE_LABELS[c.state]}</td>
            <td class="nowrap">
              <DaysLeft n={c.entryDaysLeft} />
              <MissingCalendar years={c.entryUncalendared} />
            </td>
          </tr>
        )}
      />
      <PageLinks page={p.page} pages={pages} link={link} />

      <h2 id="new">录入候选</h2>
      <form method="post" action="/registrar/credit" class="narrow-form" novalidate>
        <ErrorSummary errors={p.errors} labels={FIELD_LABELS} />
        <TextField
          name="uscc"
          label="统一社会信用代码"
          errors={p.errors}
          value={p.form.uscc}
          maxlength={18}
          autocomplete="off"
        />
        <SelectField
          name="ground"
          label="名录与列入事由"
          errors={p.errors}
          value={p.form.ground}
          options={GROUND_CHOICES}
        />
        <TextField name="arisenOn" label="发生日期" type="date" errors={p.errors} value={p.form.arisenOn} />
        <TextAreaField
          name="facts"
          label="事实（将写入事先告知书并公开）"
          errors={p.errors}
          value={p.form.facts}
          rows={3}
          maxlength={2000}
        />
        <TextAreaField
          name="evidence"
          label="证据（文书名称、日期、编号）"
          errors={p.errors}
          value={p.form.evidence}
          rows={3}
          maxlength={2000}
        />
        <button type="submit">录入候选</button>
      </form>
    </Layout>
  );
}
