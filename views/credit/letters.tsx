import type { SessionUser } from "../../src/context";
import type { LetterRow } from "../../src/credit/contract";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, Flash, TextField } from "../components/form";
import { DataTable, OrgCell } from "../components/table";
import { Layout } from "../layout";

const LABELS = {
  uscc: "统一社会信用代码",
  sentOn: "寄出日期",
  trackingNo: "邮件号",
  outcome: "结果",
  outcomeOn: "回执日期",
};
const OUTCOMES = { pending: "待回执", signed: "已签收", unsigned: "未签收（退回）" };

/** /registrar/credit/letters: letters to registered addresses and what became of them (R-D2). */
export function LettersPage(p: {
  user: SessionUser;
  letters: LetterRow[];
  form: Record<string, string>;
  errors: Errors;
  notice?: string | null;
  today: string;
}) {
  return (
    <Layout title="住所核查信件" user={p.user}>
      <p class="muted">
        <a href="/registrar/credit">信用名单</a> › 住所核查信件
      </p>
      <h1>住所核查信件</h1>
      <p>
        登记向组织登记住所寄送的挂号信及其回执。两封信件均未签收、且第二封在第一封之后 20 至 60
        日内寄出的，该组织被认定为通过登记住所无法取得联系，系统次日将其列为活动异常名录候选（R-D2），并作为僵尸型社会组织信号。结果登记后不能修改。
      </p>
      <Flash notice={p.notice} />
      <form method="post" action="/registrar/credit/letters" class="narrow-form" novalidate>
        <h2>登记寄出的信件</h2>
        <ErrorSummary errors={p.errors} labels={LABELS} />
        <TextField
          name="uscc"
          label="统一社会信用代码"
          errors={p.errors}
          value={p.form.uscc}
          maxlength={18}
        />
        <TextField
          name="sentOn"
          label="寄出日期"
          type="date"
          errors={p.errors}
          value={p.form.sentOn ?? p.today}
        />
        <TextField
          name="trackingNo"
          label="邮件号"
          errors={p.errors}
          value={p.form.trackingNo}
          maxlength={40}
        />
        <button type="submit">登记</button>
      </form>
      <h2>信件</h2>
      <DataTable
        rows={p.letters}
        empty="还没有登记信件。"
        columns={["社会组织", "寄往地址", "寄出", "结果"]}
        row={(l) => (
          <tr>
            <OrgCell name={l.orgName} uscc={l.uscc} />
            <td>{l.address}</td>
            <td class="nowrap">
              {cnDate(l.sentOn)}
              <br />
              <span class="small muted">{l.trackingNo}</span>
            </td>
            <td>
              {l.outcome === "pending" ? (
                <form method="post" action={`/registrar/credit/letters/${l.id}/outcome`} class="inline-form">
                  <input type="hidden" name="version" value={String(l.version)} />
                  <label for={`outcome-${l.id}`} class="visually-hidden">
                    结果
                  </label>
                  <select id={`outcome-${l.id}`} name="outcome">
                    <option value="unsigned">未签收（退回）</option>
                    <option value="signed">已签收</option>
                  </select>{" "}
                  <label for={`outcomeOn-${l.id}`} class="visually-hidden">
                    回执日期
                  </label>
                  <input type="date" id={`outcomeOn-${l.id}`} name="outcomeOn" value={p.today} />{" "}
                  <label for={`note-${l.id}`} class="visually-hidden">
                    退回原因
                  </label>
                  <input
                    type="text"
                    id={`note-${l.id}`}
                    name="note"
                    maxlength={60}
                    placeholder="退回原因，如 查无此单位"
                  />{" "}
                  <button type="submit" class="button secondary small-button">
                    登记结果
                  </button>
                </form>
              ) : (
                `${OUTCOMES[l.outcome]}（${cnDate(l.outcomeOn)}${l.outcomeNote ? `，${l.outcomeNote}` : ""}）`
              )}
            </td>
          </tr>
        )}
      />
    </Layout>
  );
}
