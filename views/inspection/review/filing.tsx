import { type ReportSection, SECTION_LABELS } from "../../../src/domain/inspection-report";
import { CONCLUSION_LABELS, PROBLEM_SEVERITY_LABELS } from "../../../src/domain/workflow";
import { SUPERVISION_LABELS, TYPE_LABELS } from "../../../src/registry/labels";
import { cnDate } from "../../components/dates";
import { formatDateTime } from "../../components/form";
import { MissingCalendar } from "../../components/missing-calendar";
import { Layout } from "../../layout";
import { Actions, SupervisorOpinion } from "./filing-actions";
import type { FilingPageProps } from "./filing-props";
import { ReportView } from "./report";
import { ConclusionTag, NoticeBanner, StateTag, waited } from "./shared";

export { type ActionEcho, type FilingPageProps, PROBLEM_ROWS } from "./filing-props";

export function FilingPage(p: FilingPageProps) {
  const v = p.view;
  const title = `${v.org.name} ${v.year} 年度年检`;
  const comments = [...v.rounds]
    .reverse()
    .filter((r) => r.returned)
    .map((r) => ({ round: r.round, comments: r.returned!.comments }));
  const prevConclusion = v.previousYear?.conclusion ?? null;
  return (
    <Layout title={title} user={p.user}>
      <div id="review">
        <p>
          <a href={`${p.base}/inspections`}>← 年检待办</a>
        </p>
        <NoticeBanner notices={p.notices} base={p.base} />
        <h1>{title}</h1>
        {p.message || Object.keys(p.errors).length > 0 ? (
          <p class={`notice ${p.message?.kind === "success" ? "success" : "warning"}`} role="status">
            {p.message?.kind === "success" ? p.message.text : "办理未完成，"}
            {p.message?.kind === "success" ? null : <a href="#action-panel">请查看“办理”中的说明</a>}
          </p>
        ) : (
          <p>
            <a href="#action-panel">跳到办理</a>
          </p>
        )}
        <dl class="summary">
          <dt>统一社会信用代码</dt>
          <dd>{v.org.uscc}</dd>
          <dt>类型</dt>
          <dd>{TYPE_LABELS[v.org.type]}</dd>
          <dt>管理方式</dt>
          <dd>
            {SUPERVISION_LABELS[v.org.supervisionMode]}
            {v.org.supervisionMode === "supervised" ? "" : "（无业务主管单位初审，R-A11）"}
          </dd>
          <dt>登记管理机关</dt>
          <dd>{v.org.authorityName}</dd>
          <dt>状态</dt>
          <dd>
            <StateTag state={v.state} /> 已 {waited(v.stateSince, p.now)}
            {v.round > 0 ? `，第 ${v.round} 轮提交` : ""}
          </dd>
          <dt>首次提交</dt>
          <dd>{formatDateTime(v.submittedAt)}</dd>
          {v.correction ? (
            <>
              <dt>补正</dt>
              <dd>
                {v.correction.reason} 期限 {cnDate(v.correction.deadline)}
                {v.correction.overdue ? <span class="tag stop">已逾期</span> : null}
                <MissingCalendar years={v.deadlineUncalendared} />
              </dd>
            </>
          ) : null}
          {v.conclusion ? (
            <>
              <dt>年检结论</dt>
              <dd>
                <ConclusionTag conclusion={v.conclusion} /> {cnDate(v.concludedOn)}{" "}
                <a href={`${p.base}/inspections/${v.id}/notice`}>打印年检结论通知书</a>
                {p.base === "/registrar" && v.conclusion !== "qualified" ? (
                  <>
                    {" "}
                    ·{" "}
                    <a
                      href={`/registrar/credit/notices?${new URLSearchParams({
                        uscc: v.org.uscc,
                        facts: `该组织${v.year}年度年检结论为${CONCLUSION_LABELS[v.conclusion]}，发现以下问题：${v.problems.map((x) => x.description).join("；")}。`,
                        items: v.problems.map((x) => `${x.description}｜${v.year}年度年检结论`).join("\n"),
                      })}#notice-form`}
                    >
                      发出整改通知书
                    </a>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt>上年度结论</dt>
          <dd>
            <ConclusionTag conclusion={prevConclusion} />
            {v.rectificationRequired ? <span class="tag warn">需提交整改报告（R-C6）</span> : null}
          </dd>
        </dl>
        {v.problems.length > 0 ? (
          <section class="panel">
            <h2>发现的问题</h2>
            <ul>
              {v.problems.map((pr) => (
                <li>
                  <span class={`tag ${pr.severity === "serious" ? "stop" : "warn"}`}>
                    {PROBLEM_SEVERITY_LABELS[pr.severity]}
                  </span>{" "}
                  {pr.description}
                  {pr.section ? `（${SECTION_LABELS[pr.section as ReportSection] ?? pr.section}）` : ""}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <SupervisorOpinion view={v} />
        <section aria-labelledby="checks-title">
          <h2 id="checks-title">机器预审</h2>
          {v.checks.length === 0 ? (
            <p class="notice success">机器预审未发现问题。</p>
          ) : (
            <p>
              共 {v.checks.filter((c) => c.severity === "block").length} 项必须修改、
              {v.checks.filter((c) => c.severity === "warning").length} 项提示，见各部分。
            </p>
          )}
          {v.changedSinceLastRound.length > 0 ? (
            <p>
              与上一轮相比有修改的部分：
              {v.changedSinceLastRound.map((s) => (
                <>
                  <a href={`#section-${s}`}>{SECTION_LABELS[s]}</a>{" "}
                </>
              ))}
            </p>
          ) : null}
        </section>
        {v.cadreDifferences.length > 0 ? (
          <section aria-labelledby="cadre-diff-title">
            <h2 id="cadre-diff-title">与领导干部兼职登记不一致</h2>
            <p class="hint">年检填报的兼职干部与登记管理机关的兼职登记不同（R-F5），请核对：</p>
            <ul>
              {v.cadreDifferences.map((d) => (
                <li>{d}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {v.ledgerDifferences.length > 0 ? (
          <section aria-labelledby="ledger-diff-title">
            <h2 id="ledger-diff-title">与党建工作台账不一致</h2>
            <p class="hint">年检填报的党建情况与已确认的党建工作台账不同（R-F3），请核对：</p>
            <ul>
              {v.ledgerDifferences.map((d) => (
                <li>{d}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {v.attachments.length > 0 ? (
          <section>
            <h2>附件</h2>
            <ul>
              {v.attachments.map((a) => (
                <li>
                  <a href={`${p.base}/inspections/attachments/${a.id}`}>{a.filename}</a>（
                  {SECTION_LABELS[a.section as ReportSection] ?? "签字页"}，{Math.ceil(a.size / 1024)} KB）
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2 id="report-title">年度工作报告</h2>
        <p>
          <a href={`${p.base}/inspections/${v.id}/print`}>打印年度工作报告书</a>
        </p>
        <ReportView
          report={v.report}
          previous={v.previousYear?.report ?? null}
          checks={v.checks}
          changed={v.changedSinceLastRound}
          comments={comments}
          rectificationRequired={v.rectificationRequired}
        />
        <Actions {...p} />
        <section>
          <h2>办理记录</h2>
          {v.rounds.length === 0 ? (
            <p class="muted">尚未提交。</p>
          ) : (
            <ol>
              {v.rounds.map((r) => (
                <li>
                  第 {r.round} 轮：{formatDateTime(r.submittedAt)} 提交，机器预审{" "}
                  {r.checks.filter((c) => c.severity === "warning").length} 项提示
                  {r.returned ? (
                    <>
                      ；{formatDateTime(r.returned.at)} 由{r.returned.by}退回补正：{r.returned.reason}（期限{" "}
                      {cnDate(r.returned.deadline)}）
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Layout>
  );
}
