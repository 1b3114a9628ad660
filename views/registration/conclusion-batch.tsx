import type { SessionUser } from "../../src/context";
import type { PendingConclusion } from "../../src/registration/contract";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, FieldError } from "../components/form";
import { SelectField, yearChoices } from "../components/select";
import { EmptyState } from "../components/table";
import { Layout } from "../layout";

/**
 * The registrar's 年检结论公告 for many conclusions at once (R-C4): the conclusions recorded and not yet published,
 * each with a checkbox (all checked), and one confirmation that publishes them under one 公告.
 */
export function ConclusionBatchPage(p: {
  user: SessionUser;
  authorityName: string;
  years: number[];
  year: number;
  upTo: string;
  rows: PendingConclusion[];
  errors: Errors;
}) {
  return (
    <Layout title="发布年检结论公告" user={p.user}>
      <p>
        <a href="/registrar/inspections">← 年检审查</a>
      </p>
      <h1>发布年检结论公告</h1>
      <p class="lead">{p.authorityName}</p>
      <p>
        下列年检结论已作出但尚未公告。勾选要公告的结论后确认，将发布一份年检结论公告，逐一列出各组织及其结论；结论自公告之日起公开。
      </p>
      <ErrorSummary errors={p.errors} labels={{ ids: "要公告的结论", year: "年度", upTo: "结论日期" }} />
      <form method="get" action="/registrar/conclusion-announcements" class="narrow-form">
        <SelectField
          name="year"
          label="年度"
          errors={p.errors}
          value={String(p.year)}
          options={yearChoices([...new Set([p.year, ...p.years])].sort((a, b) => b - a))}
        />
        <div class={`field ${p.errors.upTo ? "field-error" : ""}`}>
          <label for="upTo">结论作出日期不晚于（可不填）</label>
          <FieldError errors={p.errors} name="upTo" />
          <input type="date" id="upTo" name="upTo" value={p.upTo} />
        </div>
        <button type="submit" class="button secondary">
          查看
        </button>
      </form>
      {p.rows.length === 0 ? (
        <EmptyState>{p.year}年度没有待公告的年检结论。</EmptyState>
      ) : (
        <form method="post" action="/registrar/conclusion-announcements">
          <input type="hidden" name="year" value={String(p.year)} />
          <fieldset id="ids" class={p.errors.ids ? "field-error" : ""}>
            <legend>待公告的结论（{p.rows.length} 项，已全部勾选）</legend>
            <FieldError errors={p.errors} name="ids" />
            {p.rows.map((r) => (
              <div class="field checkbox">
                <input type="checkbox" id={`c${r.id}`} name="ids" value={String(r.id)} checked />
                <label for={`c${r.id}`}>
                  {r.orgName}（{r.uscc}）：{r.conclusionLabel}，{cnDate(r.concludedOn)}作出
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">确认公告所选结论</button>
        </form>
      )}
    </Layout>
  );
}

/** The 年检结论公告 an authority published on one day: its title, and each organization with its conclusion. */
export function ConclusionNoticePage(p: {
  user?: SessionUser | null;
  notice: { title: string; lines: string[]; authorityName: string; on: string; count: number };
}) {
  const n = p.notice;
  return (
    <Layout title={n.title} user={p.user}>
      <p>
        <a href="/announcements">← 登记公告</a>
      </p>
      <h1>{n.title}</h1>
      <p>
        {n.authorityName}对以下 {n.count} 家社会组织的年检作出结论，现予公告。结论自公告之日起公开。
      </p>
      <ol>
        {n.lines.map((line) => (
          <li>{line.replace(/^\d+\. /, "")}</li>
        ))}
      </ol>
      <p>
        {n.authorityName}
        <br />
        {cnDate(n.on)}
      </p>
    </Layout>
  );
}
