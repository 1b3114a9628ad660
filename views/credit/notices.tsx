import type { SessionUser } from "../../src/context";
import type { NoticeView } from "../../src/credit/contract";
import { cnDatesIn } from "../../src/domain/dates";
import { cnDate } from "../components/dates";
import {
  describedBy,
  ErrorSummary,
  type Errors,
  Field,
  formatDateTime,
  TextAreaField,
  TextField,
} from "../components/form";
import { MissingCalendar } from "../components/missing-calendar";
import { DataTable } from "../components/table";
import { Layout } from "../layout";

const STATES = { open: "待整改", reported: "已报送整改报告，待验收", accepted: "已验收" };
const LABELS = {
  uscc: "统一社会信用代码",
  documentNo: "文号",
  facts: "查明的事实",
  items: "整改事项",
  days: "整改期限（工作日）",
  reason: "退回理由",
  answers: "整改情况",
};

/** /registrar/credit/notices: the authority's 整改通知书 and a form to issue one. */
export function RectificationNoticesPage(p: {
  user: SessionUser;
  notices: NoticeView[];
  form: Record<string, string>;
  errors: Errors;
  defaultDays: number;
}) {
  return (
    <Layout title="整改通知书" user={p.user}>
      <p class="muted">
        <a href="/registrar/credit">信用名单</a> › 整改通知书
      </p>
      <h1>整改通知书</h1>
      <p>
        整改通知书未在期限内验收的，组织将列为活动异常名录候选（R-D1(3)）；未验收期间，组织的年度检查须填写整改报告（R-C5）。
      </p>
      <NoticeTable notices={p.notices} base="/registrar/credit/notices" />
      <h2 id="notice-form">发出整改通知书</h2>
      <form method="post" action="/registrar/credit/notices" class="narrow-form" novalidate>
        <ErrorSummary errors={p.errors} labels={LABELS} />
        <TextField name="uscc" label={LABELS.uscc} errors={p.errors} value={p.form.uscc} maxlength={18} />
        <TextField
          name="documentNo"
          label={LABELS.documentNo}
          errors={p.errors}
          value={p.form.documentNo}
          maxlength={60}
        />
        <TextAreaField
          name="facts"
          label={LABELS.facts}
          errors={p.errors}
          value={p.form.facts}
          rows={3}
          maxlength={2000}
        />
        <TextAreaField
          name="items"
          label={LABELS.items}
          errors={p.errors}
          value={p.form.items}
          rows={4}
          maxlength={5000}
          hint="每行一项，格式为“事项｜依据”，例如：按章程召开会员大会｜《社会团体登记管理条例》第二十八条"
        />
        <TextField
          name="days"
          label={LABELS.days}
          errors={p.errors}
          value={p.form.days ?? String(p.defaultDays)}
        />
        <button type="submit">发出整改通知书</button>
      </form>
    </Layout>
  );
}

export function NoticeTable({ notices, base }: { notices: NoticeView[]; base: string }) {
  return (
    <DataTable
      rows={notices}
      empty="没有整改通知书。"
      columns={["社会组织", "文号", "整改期限", "状态"]}
      row={(n) => (
        <tr>
          <td>{n.orgName}</td>
          <td>
            <a href={`${base}/${n.id}`}>{n.documentNo}</a>
          </td>
          <td class="nowrap">
            {cnDate(n.deadline)} <MissingCalendar years={n.deadlineUncalendared} />
          </td>
          <td class="nowrap">{STATES[n.state]}</td>
        </tr>
      )}
    />
  );
}

/** One 整改通知书, printable (the letter), with the rounds and what the viewer may do. */
export function NoticePage(p: { user: SessionUser; n: NoticeView; errors: Errors; message?: string | null }) {
  const n = p.n;
  const org = p.user.role === "org";
  const base = org ? `/portal/credit/notices/${n.id}` : `/registrar/credit/notices/${n.id}`;
  return (
    <Layout title={`整改通知书 ${n.documentNo}`} user={p.user}>
      <p class="muted no-print">
        <a href={org ? "/portal/credit" : "/registrar/credit/notices"}>{org ? "信用信息" : "整改通知书"}</a> ›{" "}
        {n.documentNo}
      </p>
      {p.message ? (
        <p class="notice warning" role="alert">
          {p.message}
        </p>
      ) : null}
      <article class="letter">
        <h1 class="letter-title">{n.authorityName}</h1>
        <h2 class="letter-title">整改通知书</h2>
        <p class="letter-sign">{n.documentNo}</p>
        <p>
          {n.orgName}（统一社会信用代码：{n.uscc}）：
        </p>
        <p>经查，{cnDatesIn(n.facts)}</p>
        <p>请你单位于 {cnDate(n.deadline)} 前完成下列整改，并报送整改报告：</p>
        <ol>
          {n.items.map((i) => (
            <li>
              {i.text}（依据：{i.basis}）
            </li>
          ))}
        </ol>
        <p>逾期未完成整改的，本机关将依法将你单位列入活动异常名录。</p>
        <p class="letter-sign">
          {n.authorityName}
          <br />
          {cnDate(n.servedOn)}
        </p>
      </article>
      <p class="no-print">
        状态：{STATES[n.state]}
        {n.acceptedOn ? `（${cnDate(n.acceptedOn)}验收）` : ""}
      </p>
      {n.rounds.length > 0 ? (
        <section class="no-print">
          <h2>整改报告</h2>
          {n.rounds.map((r, k) => (
            <div class="panel">
              <h3>
                第 {k + 1} 轮（{formatDateTime(r.reportedAt)}报送）
              </h3>
              <ol>
                {r.answers.map((a) => (
                  <li>{a}</li>
                ))}
              </ol>
              {r.returnedAt ? (
                <p class="notice warning">
                  {formatDateTime(r.returnedAt)}退回：{r.reason}
                </p>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      {org && n.state === "open" ? (
        <form method="post" action={`${base}/report`} class="narrow-form no-print">
          <h2>报送整改报告</h2>
          <ErrorSummary errors={p.errors} labels={LABELS} />
          <input type="hidden" name="version" value={String(n.version)} />
          {n.items.map((i, k) => (
            <Field name={`answer${k}`} label={`第 ${k + 1} 项：${i.text}`} errors={p.errors}>
              <textarea
                id={`answer${k}`}
                name={`answer${k}`}
                rows={3}
                maxlength={2000}
                aria-describedby={describedBy({ name: `answer${k}`, errors: p.errors })}
              ></textarea>
            </Field>
          ))}
          <button type="submit">报送整改报告</button>
        </form>
      ) : null}
      {!org && n.state === "reported" ? (
        <form method="post" action={`${base}/decide`} class="narrow-form no-print">
          <h2>验收</h2>
          <ErrorSummary errors={p.errors} labels={LABELS} />
          <input type="hidden" name="version" value={String(n.version)} />
          <TextAreaField
            name="reason"
            label="退回理由（退回时填写）"
            errors={p.errors}
            rows={2}
            maxlength={2000}
          />
          <div class="button-row">
            <button type="submit" name="decision" value="accept">
              验收通过
            </button>
            <button type="submit" name="decision" value="return" class="button secondary">
              退回补充
            </button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}
