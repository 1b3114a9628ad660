/**
 * The review page (/registrar/inspections/:filingId, /supervisor/inspections/:filingId): the supervisor unit's 初审意见,
 * the report with last year's figures beside this year's, the machine checks, last year's conclusion and any open
 * rectification, every round's comments, what changed since the last round, and after the report it concerns, the
 * actions this reviewer may take now. Each action form carries
 * the version the page was rendered with (a stale one gets "someone else acted"). Forms post normally; with htmx the
 * answer's #review replaces this page's #review (422 included, so errors show next to their fields).
 */

import type { SessionUser } from "../../../src/context";
import { FILER_SECTIONS, type ReportSection, SECTION_LABELS } from "../../../src/domain/inspection-report";
import type { InspectionAction } from "../../../src/domain/inspection-workflow";
import {
  CONCLUSION_LABELS,
  CONCLUSIONS,
  PROBLEM_SEVERITIES,
  PROBLEM_SEVERITY_LABELS,
} from "../../../src/domain/workflow";
import type { FilingView, Notice } from "../../../src/inspection/contract";
import { SUPERVISION_LABELS, TYPE_LABELS } from "../../../src/registry/labels";
import { cnDate } from "../../components/dates";
import { ErrorSummary, type Errors, FieldError, formatDateTime } from "../../components/form";
import { MissingCalendar } from "../../components/missing-calendar";
import { Layout } from "../../layout";
import { ReportView } from "./report";
import { ConclusionTag, NoticeBanner, StateTag, waited } from "./shared";

export const PROBLEM_ROWS = 3;

export interface ActionEcho {
  action?: string;
  reason?: string;
  deadline?: string;
  comments?: Record<string, string>;
  conclusion?: string;
  problems?: { description: string; severity: string; section: string }[];
}

export interface FilingPageProps {
  user: SessionUser;
  base: "/registrar" | "/supervisor";
  view: FilingView;
  /** The district filing a city registrar may only read. */
  readOnly: boolean;
  errors: Errors;
  /** A refusal or a confirmation at the top of the actions. */
  message: { kind: "error" | "success"; text: string } | null;
  echo: ActionEcho;
  defaultDeadline: string;
  notices: Notice[];
  now: Date;
}

const SIMPLE: readonly InspectionAction[] = [
  "start_pre_review",
  "pass_pre_review",
  "publish",
  "mark_not_filed",
];

const ERROR_LABELS: Record<string, string> = {
  reason: "退回原因",
  deadline: "补正期限",
  conclusion: "年检结论",
  version: "版本",
};

function Hidden({ version, action }: { version: number; action: string }) {
  return (
    <>
      <input type="hidden" name="version" value={String(version)} />
      <input type="hidden" name="action" value={action} />
    </>
  );
}

/** Attributes that make an action form swap #review in place with htmx (the plain POST works without them). */
function hx(url: string) {
  return {
    "hx-post": url,
    "hx-target": "#review",
    "hx-select": "#review",
    "hx-swap": "outerHTML",
    "hx-status:422": "target:#review select:#review swap:outerHTML",
    "hx-status:409": "target:#review select:#review swap:outerHTML",
  };
}

function ReturnForm(p: FilingPageProps) {
  const url = `${p.base}/inspections/${p.view.id}/actions`;
  const e = p.echo.action === "return_for_correction" ? p.echo : {};
  // Indexed as the route builds `comments` (FILER_SECTIONS order), so a field message lands on its own box.
  const present = new Set(Object.keys(p.view.report));
  return (
    <form method="post" action={url} class="panel" {...hx(url)}>
      <h3>退回补正</h3>
      <Hidden version={p.view.version} action="return_for_correction" />
      <div class={`field ${p.errors.reason ? "field-error" : ""}`}>
        <label for="reason">退回原因</label>
        <FieldError errors={p.errors} name="reason" />
        <textarea id="reason" name="reason" rows={3} maxlength={2000}>
          {e.reason ?? ""}
        </textarea>
      </div>
      <div class={`field ${p.errors.deadline ? "field-error" : ""}`}>
        <label for="deadline">补正期限</label>
        <p class="hint" id="deadline-hint">
          默认为 5 个工作日后（{p.defaultDeadline}），已扣除周末和节假日。
        </p>
        <FieldError errors={p.errors} name="deadline" />
        <input
          type="date"
          id="deadline"
          name="deadline"
          value={e.deadline ?? p.defaultDeadline}
          aria-describedby="deadline-hint"
        />
      </div>
      <fieldset>
        <legend>逐部分意见（选填，会显示在单位填报页面对应部分旁边）</legend>
        {FILER_SECTIONS.map((s, i) =>
          !present.has(s) ? null : (
            <div class={`field ${p.errors[`comments.${i}.text`] ? "field-error" : ""}`}>
              <label for={`comments.${i}.text`}>{SECTION_LABELS[s]}</label>
              <FieldError errors={p.errors} name={`comments.${i}.text`} />
              <textarea id={`comments.${i}.text`} name={`comment.${s}`} rows={2} maxlength={2000}>
                {e.comments?.[s] ?? ""}
              </textarea>
            </div>
          ),
        )}
      </fieldset>
      <button type="submit" class="button danger">
        退回补正
      </button>
    </form>
  );
}

/** The supervisor unit passes the filing on with its 初审意见, which the registrar reads on this page. */
function SupervisorPassForm(p: FilingPageProps) {
  const url = `${p.base}/inspections/${p.view.id}/actions`;
  const e = p.echo.action === "pass_supervisor_review" ? p.echo : {};
  return (
    <form method="post" action={url} class="panel" {...hx(url)}>
      <h3>通过初审</h3>
      <Hidden version={p.view.version} action="pass_supervisor_review" />
      <div class={`field ${p.errors.reason ? "field-error" : ""}`}>
        <label for="opinion">初审意见</label>
        <p class="hint" id="opinion-hint">
          写明业务主管单位对该组织本年度工作的意见，登记管理机关审查时会看到。
        </p>
        <FieldError errors={p.errors} name="reason" />
        <textarea id="opinion" name="reason" rows={3} maxlength={2000} aria-describedby="opinion-hint">
          {e.reason ?? ""}
        </textarea>
      </div>
      <button type="submit">通过初审</button>
    </form>
  );
}

/** The supervisor unit's 初审意见 as the registrar reads it: which unit, who, when, what it said. */
function SupervisorOpinion({ view }: { view: FilingView }) {
  const o = view.supervisorOpinion;
  if (!o) return null;
  return (
    <section class="panel" id="supervisor-opinion" aria-labelledby="supervisor-opinion-title">
      <h2 id="supervisor-opinion-title">业务主管单位初审意见</h2>
      <p class="muted">
        {o.unit || "业务主管单位"}
        {o.by ? `（${o.by}）` : ""}于 {formatDateTime(o.at)} 通过初审。
      </p>
      {o.text ? <blockquote class="opinion">{o.text}</blockquote> : <p class="muted">未填写初审意见。</p>}
    </section>
  );
}

function ConcludeForm(p: FilingPageProps) {
  const url = `${p.base}/inspections/${p.view.id}/actions`;
  const e = p.echo.action === "conclude" ? p.echo : {};
  const sections = Object.keys(p.view.report) as ReportSection[];
  return (
    <form method="post" action={url} class="panel" {...hx(url)}>
      <h3>作出年检结论</h3>
      <Hidden version={p.view.version} action="conclude" />
      <fieldset class={p.errors.conclusion ? "field-error" : ""} id="conclusion">
        <legend>年检结论</legend>
        <FieldError errors={p.errors} name="conclusion" />
        {CONCLUSIONS.map((c) => (
          <div class="radio">
            <input
              type="radio"
              id={`conclusion-${c}`}
              name="conclusion"
              value={c}
              checked={e.conclusion === c}
            />
            <label for={`conclusion-${c}`}>{CONCLUSION_LABELS[c]}</label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>发现的问题（基本合格、不合格时必填；情节轻微为基本合格，情节严重为不合格）</legend>
        {Array.from({ length: PROBLEM_ROWS }, (_, i) => {
          const row = e.problems?.[i];
          return (
            <div class="problem-row">
              <div class={`field ${p.errors[`problems.${i}.description`] ? "field-error" : ""}`}>
                <label for={`problems.${i}.description`}>问题 {i + 1}</label>
                <FieldError errors={p.errors} name={`problems.${i}.description`} />
                <textarea
                  id={`problems.${i}.description`}
                  name={`problems.${i}.description`}
                  rows={2}
                  maxlength={2000}
                >
                  {row?.description ?? ""}
                </textarea>
              </div>
              <div class={`field ${p.errors[`problems.${i}.severity`] ? "field-error" : ""}`}>
                <label for={`problems.${i}.severity`}>情节</label>
                <FieldError errors={p.errors} name={`problems.${i}.severity`} />
                <select id={`problems.${i}.severity`} name={`problems.${i}.severity`}>
                  {PROBLEM_SEVERITIES.map((s) => (
                    <option value={s} selected={row?.severity === s}>
                      {PROBLEM_SEVERITY_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div class={`field ${p.errors[`problems.${i}.section`] ? "field-error" : ""}`}>
                <label for={`problems.${i}.section`}>所属部分</label>
                <FieldError errors={p.errors} name={`problems.${i}.section`} />
                <select id={`problems.${i}.section`} name={`problems.${i}.section`}>
                  <option value="">（不限）</option>
                  {sections.map((s) => (
                    <option value={s} selected={row?.section === s}>
                      {SECTION_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          );
        })}
      </fieldset>
      <button type="submit">作出结论</button>
    </form>
  );
}

function Actions(p: FilingPageProps) {
  const v = p.view;
  const url = `${p.base}/inspections/${v.id}/actions`;
  const allowed = new Set(v.actions.map((a) => a.action));
  const heldByMe = v.holder?.userId === p.user.id;
  return (
    <section id="action-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {p.message?.kind === "error" ? (
        <div class="notice warning" role="alert">
          {p.message.text}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} labels={ERROR_LABELS} />
      {p.readOnly ? (
        <p class="notice">这是下级登记管理机关的申报，市级登记管理机关只能查看，不能办理。</p>
      ) : (
        <>
          <p>
            {v.holder ? (
              <>
                办理人：<strong>{v.holder.name}</strong>
                {heldByMe ? "（您）" : "。其他工作人员已领取办理，您可以查看，暂不能办理。"}
              </>
            ) : (
              "尚无人领取。领取后，其他工作人员可以看到由您办理。"
            )}
          </p>
          {heldByMe ? (
            <form
              method="post"
              action={`${p.base}/inspections/${v.id}/release`}
              class="inline-form"
              {...hx(`${p.base}/inspections/${v.id}/release`)}
            >
              <input type="hidden" name="version" value={String(v.version)} />
              <button type="submit" class="button secondary">
                释放
              </button>
            </form>
          ) : !v.holder && v.actions.length > 0 ? (
            <form
              method="post"
              action={`${p.base}/inspections/${v.id}/take`}
              class="inline-form"
              {...hx(`${p.base}/inspections/${v.id}/take`)}
            >
              <input type="hidden" name="version" value={String(v.version)} />
              <button type="submit" class="button secondary">
                领取办理
              </button>
            </form>
          ) : null}
          {v.actions.length === 0 ? <p class="muted">当前状态下您没有可办理的操作。</p> : null}
          <div class="action-buttons">
            {v.actions
              .filter((a) => SIMPLE.includes(a.action))
              .map((a) => (
                <form method="post" action={url} class="inline-form" {...hx(url)}>
                  <Hidden version={v.version} action={a.action} />
                  <button type="submit">{a.label}</button>
                </form>
              ))}
          </div>
          {allowed.has("pass_supervisor_review") ? <SupervisorPassForm {...p} /> : null}
          {allowed.has("return_for_correction") ? <ReturnForm {...p} /> : null}
          {allowed.has("conclude") ? <ConcludeForm {...p} /> : null}
        </>
      )}
    </section>
  );
}

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
                <ConclusionTag conclusion={v.conclusion} /> {v.concludedOn}{" "}
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
                      {r.returned.deadline}）
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
