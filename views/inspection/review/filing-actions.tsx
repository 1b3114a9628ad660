import { cnDate } from "../../../src/domain/dates";
/** The review page's action forms (views/inspection/review/filing.tsx): return for correction, the supervisor's pass
 * with its 初审意见, the conclusion with its problems, and the simple steps; each carries the version it was shown. */

import { FILER_SECTIONS, type ReportSection, SECTION_LABELS } from "../../../src/domain/inspection-report";
import type { InspectionAction } from "../../../src/domain/inspection-workflow";
import {
  CONCLUSION_LABELS,
  CONCLUSIONS,
  PROBLEM_SEVERITIES,
  PROBLEM_SEVERITY_LABELS,
} from "../../../src/domain/workflow";
import type { FilingView } from "../../../src/inspection/contract";
import { ErrorSummary, FieldError, formatDateTime, TextAreaField } from "../../components/form";
import { choicesOf, SelectField } from "../../components/select";
import { type FilingPageProps, PROBLEM_ROWS } from "./filing-props";

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
      <TextAreaField
        name="reason"
        label="退回原因"
        errors={p.errors}
        value={e.reason}
        rows={3}
        maxlength={2000}
      />
      <div class={`field ${p.errors.deadline ? "field-error" : ""}`}>
        <label for="deadline">补正期限</label>
        <p class="hint" id="deadline-hint">
          默认为 5 个工作日后（{cnDate(p.defaultDeadline)}），已扣除周末和节假日。
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
export function SupervisorOpinion({ view }: { view: FilingView }) {
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
              <TextAreaField
                name={`problems.${i}.description`}
                label={`问题 ${i + 1}`}
                errors={p.errors}
                value={row?.description}
                rows={2}
                maxlength={2000}
              />
              <SelectField
                name={`problems.${i}.severity`}
                label="情节"
                errors={p.errors}
                value={row?.severity}
                options={choicesOf(PROBLEM_SEVERITY_LABELS, PROBLEM_SEVERITIES)}
              />
              <SelectField
                name={`problems.${i}.section`}
                label="所属部分"
                errors={p.errors}
                value={row?.section}
                placeholder="（不限）"
                options={choicesOf(SECTION_LABELS, sections)}
              />
            </div>
          );
        })}
      </fieldset>
      <button type="submit">作出结论</button>
    </form>
  );
}

export function Actions(p: FilingPageProps) {
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
