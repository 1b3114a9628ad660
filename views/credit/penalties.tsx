import type { SessionUser } from "../../src/context";
import type { PenaltyRow } from "../../src/credit/contract";
import { cnDatesIn } from "../../src/domain/dates";
import { formatFen } from "../../src/domain/money";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, Flash, TextAreaField, TextField } from "../components/form";
import { choicesOf, SelectField } from "../components/select";
import { DataTable, OrgCell } from "../components/table";
import { Layout } from "../layout";

const LABELS = {
  uscc: "统一社会信用代码",
  kind: "处罚种类",
  amount: "罚款金额",
  suspendedFrom: "停止活动起",
  suspendedTo: "停止活动止",
  department: "作出处罚的机关",
  documentNo: "处罚决定书文号",
  decidedOn: "处罚日期",
  facts: "违法事实",
};
const KINDS = {
  warning: "警告",
  fine: "罚款",
  confiscation: "没收违法所得、非法财物",
  suspension: "限期停止活动",
};

/** /registrar/credit/penalties: 行政处罚 records, which feed the credit lists' grounds (R-D1(5), R-D4(3)–(5)). */
export function PenaltiesPage(p: {
  user: SessionUser;
  rows: PenaltyRow[];
  form: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  const f = p.form;
  return (
    <Layout title="行政处罚记录" user={p.user}>
      <p class="muted">
        <a href="/registrar/credit">信用名单</a> › 行政处罚
      </p>
      <h1>行政处罚记录</h1>
      <p>
        登记本机关管辖组织受到的行政处罚（任何部门作出的）。系统次日据此生成信用名单候选：警告或不满5万元罚款列入活动异常名录候选；5万元以上罚款、限期停止活动、三年内两次以上警告或小额罚款列入严重违法失信名单候选。信用信息应在产生后5个工作日内录入（R-D10）。
      </p>
      <Flash notice={p.notice} />
      <form method="post" action="/registrar/credit/penalties" class="narrow-form" novalidate>
        <ErrorSummary errors={p.errors} labels={LABELS} />
        <TextField name="uscc" label={LABELS.uscc} errors={p.errors} value={f.uscc} maxlength={18} />
        <SelectField
          name="kind"
          label={LABELS.kind}
          errors={p.errors}
          value={f.kind}
          options={choicesOf(KINDS)}
        />
        <TextField
          name="amount"
          label={LABELS.amount}
          errors={p.errors}
          value={f.amount}
          attrs={{ placeholder: "罚款时填写，单位元，如 20,000" }}
        />
        <TextField
          name="suspendedFrom"
          label={LABELS.suspendedFrom}
          type="date"
          errors={p.errors}
          value={f.suspendedFrom}
        />
        <TextField
          name="suspendedTo"
          label={LABELS.suspendedTo}
          type="date"
          errors={p.errors}
          value={f.suspendedTo}
        />
        <TextField
          name="department"
          label={LABELS.department}
          errors={p.errors}
          value={f.department}
          maxlength={60}
        />
        <TextField
          name="documentNo"
          label={LABELS.documentNo}
          errors={p.errors}
          value={f.documentNo}
          maxlength={60}
        />
        <TextField
          name="decidedOn"
          label={LABELS.decidedOn}
          type="date"
          errors={p.errors}
          value={f.decidedOn}
        />
        <TextAreaField
          name="facts"
          label={LABELS.facts}
          errors={p.errors}
          value={f.facts}
          rows={3}
          maxlength={2000}
        />
        <button type="submit">登记行政处罚</button>
      </form>
      <h2>已登记的处罚</h2>
      <DataTable
        rows={p.rows}
        empty="还没有登记行政处罚。"
        columns={["社会组织", "处罚", "机关与文号", "日期"]}
        row={(r) => (
          <tr>
            <OrgCell name={r.orgName} uscc={r.uscc} />
            <td class="wide-cell">
              {KINDS[r.kind]}
              {r.amountFen !== null ? ` ${formatFen(r.amountFen)} 元` : ""}
              {r.suspendedFrom ? `（${cnDate(r.suspendedFrom)}至${cnDate(r.suspendedTo)}）` : ""}
              <br />
              <span class="small">{cnDatesIn(r.facts)}</span>
            </td>
            <td>
              {r.department}
              <br />
              <span class="small muted">{r.documentNo}</span>
            </td>
            <td class="nowrap">{cnDate(r.decidedOn)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}
